/* kepu site search. Reads the static index that `kepu build` writes under
 * search/ (see src/search/mod.rs) and answers queries in the browser:
 * offline, on any static host, no external scripts. The query is cut into
 * terms exactly as src/search/tokenize.rs cuts the pages (a test runs both
 * on the same strings). Loaded by the search page; also a Node module, so
 * tests run real queries against a built index. */
(function () {
  'use strict';

  // The ranges of src/text/mod.rs `is_cjk`: Han, kana, hangul.
  var CJK = /[\u1100-\u11ff\u3005\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  // Letters and digits of a Latin word, after folding.
  var WORD_CLASS = '0-9a-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f';
  var WORD = new RegExp('[' + WORD_CLASS + ']');
  var MAX_WORD = 24;
  // Must match src/search/index.rs.
  var K1 = 1.2;
  var LEVELS = 26;
  // A Latin word matches longer words it starts (robot → robots) a little less.
  var PREFIX_WEIGHT = 0.8;
  var PAGE_SIZE = 10;
  var SNIPPET_CHARS = 110;

  /** Full-width ASCII to half-width, ASCII to lower case. */
  function fold(text) {
    var out = '';
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      out += String.fromCodePoint(c);
    }
    return out;
  }

  /** Runs of CJK characters and Latin words: [{cjk, chars}]. */
  function runs(text) {
    var chars = Array.from(fold(text));
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var cjk = CJK.test(chars[i]);
      if (!cjk && !WORD.test(chars[i])) {
        i++;
        continue;
      }
      var test = cjk ? CJK : WORD;
      var j = i;
      while (j < chars.length && test.test(chars[j])) j++;
      out.push({ cjk: cjk, chars: cjk ? chars.slice(i, j) : chars.slice(i, Math.min(j, i + MAX_WORD)) });
      i = j;
    }
    return out;
  }

  /** The index terms of a text (as the build makes them). */
  function terms(text) {
    var out = [];
    runs(text).forEach(function (run) {
      if (!run.cjk) {
        out.push(run.chars.join(''));
        return;
      }
      run.chars.forEach(function (c, i) {
        out.push(i + 1 < run.chars.length ? c + run.chars[i + 1] : c);
      });
    });
    return out;
  }

  /** What a query looks for: [{text, prefix}]. A Chinese run looks for its
   * bigrams; a single Chinese character and a Latin word match every term
   * they start. */
  function parseQuery(query) {
    var seen = {};
    var out = [];
    function add(text, prefix) {
      var key = text + (prefix ? '*' : '');
      if (!seen[key]) {
        seen[key] = true;
        out.push({ text: text, prefix: prefix });
      }
    }
    runs(query).forEach(function (run) {
      if (!run.cjk || run.chars.length === 1) {
        add(run.chars.join(''), true);
        return;
      }
      for (var i = 0; i + 1 < run.chars.length; i++) add(run.chars[i] + run.chars[i + 1], false);
    });
    return out;
  }

  /** The last shard whose first term is <= term (JS compares UTF-16, as the build sorts). */
  function shardOf(bounds, term) {
    var lo = 0;
    var hi = bounds.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A search over an index; `load(path, version)` resolves to parsed JSON
   * of a file under search/. Files are fetched once. */
  function Index(load) {
    this.load = load;
    this.files = {};
  }

  Index.prototype.file = function (path, version) {
    if (!this.files[path]) this.files[path] = this.load(path, version);
    return this.files[path];
  };

  Index.prototype.meta = function () {
    return this.file('meta.json', '');
  };

  /** Ranked matches: document numbers, best first. */
  Index.prototype.search = async function (query) {
    var meta = await this.meta();
    var wanted = parseQuery(query);
    if (!wanted.length) return [];
    var ranges = wanted.map(function (q) {
      return [shardOf(meta.shards, q.text), shardOf(meta.shards, q.prefix ? q.text + '\uffff' : q.text)];
    });
    var ids = {};
    ranges.forEach(function (r) {
      for (var i = r[0]; i <= r[1]; i++) ids[i] = true;
    });
    var self = this;
    var shards = {};
    await Promise.all(Object.keys(ids).map(function (i) {
      return self.file('t/' + i + '.json', meta.v).then(function (s) { shards[i] = s; });
    }));
    var scores = new Scores(meta.n);
    wanted.forEach(function (q, n) {
      for (var i = ranges[n][0]; i <= ranges[n][1]; i++) {
        var shard = shards[i];
        if (!q.prefix) {
          if (Object.prototype.hasOwnProperty.call(shard, q.text)) scores.add(n, shard[q.text], 1);
          continue;
        }
        for (var term in shard) {
          if (term.startsWith(q.text)) scores.add(n, shard[term], term === q.text ? 1 : PREFIX_WEIGHT);
        }
      }
    });
    return scores.ranked(wanted.length);
  };

  /** Per-document sums over the query's terms, in flat arrays: a query on
   * a large site touches thousands of postings. */
  function Scores(total) {
    this.total = total;
    this.score = new Float64Array(total);
    this.matched = new Uint8Array(total);
    this.titles = new Uint8Array(total);
    // Which query term last counted a document (term number + 1).
    this.seen = new Int32Array(total);
    this.seenInTitle = new Int32Array(total);
    this.found = [];
  }

  /** Adds the postings ("12a3B": distance, weight letter, upper case in
   * the title) of a term that query term `n` matches, BM25 style. */
  Scores.prototype.add = function (n, postings, weight) {
    var df = 0;
    for (var i = 0; i < postings.length; i++) if (postings.charCodeAt(i) >= 65) df++;
    var idf = Math.log(1 + (this.total - df + 0.5) / (df + 0.5));
    var unit = (weight * idf * (K1 + 1)) / LEVELS;
    var stamp = n + 1;
    var doc = 0;
    var number = 0;
    for (var j = 0; j < postings.length; j++) {
      var c = postings.charCodeAt(j);
      if (c < 65) {
        number = number * 10 + (c - 48);
        continue;
      }
      doc += number;
      number = 0;
      var inTitle = c < 97;
      this.score[doc] += unit * (c - (inTitle ? 64 : 96));
      if (this.seen[doc] !== stamp) {
        this.seen[doc] = stamp;
        if (this.matched[doc]++ === 0) this.found.push(doc);
      }
      if (inTitle && this.seenInTitle[doc] !== stamp) {
        this.seenInTitle[doc] = stamp;
        this.titles[doc]++;
      }
    }
  };

  /** Pages need every term of a short query; in a longer one a term may
   * miss (机器人 and 竞赛 apart on a page miss the bigram 人竞). When no
   * page has that many, the pages with the most terms are shown. Order:
   * terms matched, terms in the title, score. */
  Scores.prototype.ranked = function (terms) {
    var matched = this.matched;
    var titles = this.titles;
    var score = this.score;
    var most = 0;
    this.found.forEach(function (d) { most = Math.max(most, matched[d]); });
    var need = Math.min(most, terms <= 2 ? terms : terms - 1);
    return this.found
      .filter(function (d) { return matched[d] >= need; })
      .sort(function (a, b) {
        return matched[b] - matched[a] || titles[b] - titles[a] || score[b] - score[a] || a - b;
      });
  };

  Index.prototype.doc = function (id) {
    var self = this;
    return this.meta().then(function (meta) { return self.file('d/' + id + '.json', meta.v); });
  };

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /** A regular expression for the words of `query` in page text: Chinese
   * runs whole or by bigram, Latin words and the longer words they start. */
  function highlighter(query) {
    var parts = [];
    runs(query).forEach(function (run) {
      if (!run.cjk) {
        parts.push('(?<![' + WORD_CLASS + '])' + escapeRegExp(run.chars.join('')) + '[' + WORD_CLASS + ']*');
        return;
      }
      parts.push(escapeRegExp(run.chars.join('')));
      for (var i = 0; i + 1 < run.chars.length; i++) parts.push(escapeRegExp(run.chars[i] + run.chars[i + 1]));
    });
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(parts.join('|'), 'giu');
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** `text` as HTML with the matches of `re` in <mark>. */
  function mark(text, re) {
    if (!re) return escapeHtml(text);
    var out = '';
    var last = 0;
    text.replace(re, function (m, offset) {
      out += escapeHtml(text.slice(last, offset)) + '<mark>' + escapeHtml(m) + '</mark>';
      last = offset + m.length;
      return m;
    });
    return out + escapeHtml(text.slice(last));
  }

  /** The stretch of `text` with the most different matched words, as HTML. */
  function snippet(text, re) {
    var matches = [];
    if (re) {
      text.replace(re, function (m, offset) {
        if (matches.length < 300) matches.push({ at: offset, word: m.toLowerCase() });
        return m;
      });
    }
    var start = 0;
    var best = 0;
    matches.forEach(function (m) {
      var from = Math.max(0, m.at - 20);
      var words = {};
      matches.forEach(function (o) {
        if (o.at >= from && o.at < from + SNIPPET_CHARS) words[o.word] = true;
      });
      var count = Object.keys(words).length;
      if (count > best) {
        best = count;
        start = from;
      }
    });
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    var piece = text.slice(start, end).replace(/\s+/g, ' ').trim();
    return (start > 0 ? '…' : '') + mark(piece, re) + (end < text.length ? '…' : '');
  }

  /** `2024-06-25` (or RFC 3339) as 2024年6月25日. */
  function chineseDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : '';
  }

  var api = {
    fold: fold,
    terms: terms,
    parseQuery: parseQuery,
    Index: Index,
    highlighter: highlighter,
    snippet: snippet,
    mark: mark,
    chineseDate: chineseDate
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }

  /* ---- The search page ---- */

  var script = document.currentScript;

  function attach() {
    var form = document.querySelector('form[data-search-page]');
    var results = document.getElementById('search-results');
    if (!form || !results) return;
    var input = form.querySelector('input[name="q"]');
    // The index and the pages are found from this script's own address
    // (js/search.js), so the site works at any host and sub-path.
    var root = new URL('../', script.src);
    var base = new URL('search/', root);
    var index = new Index(function (path, version) {
      var url = new URL(path + (version ? '?v=' + version : ''), base);
      return fetch(url, { cache: version ? 'default' : 'no-cache' }).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url);
        return r.json();
      });
    });
    var current = 0;
    var timer = 0;

    function run(query, pushUrl) {
      var ticket = ++current;
      if (pushUrl) {
        var url = new URL(location.href);
        if (query) url.searchParams.set('q', query);
        else url.searchParams.delete('q');
        history.replaceState(null, '', url);
      }
      if (!query.trim()) {
        results.innerHTML = '';
        return Promise.resolve();
      }
      var started = performance.now();
      return index.search(query).then(function (hits) {
        if (ticket !== current) return;
        // For measurements: ms to find and rank (data-rank-ms), and to show
        // the results too (data-ms).
        results.setAttribute('data-rank-ms', String(Math.round(performance.now() - started)));
        var re = highlighter(query);
        results.innerHTML = '';
        var status = document.createElement('p');
        status.className = 'search-status';
        status.setAttribute('role', 'status');
        results.appendChild(status);
        if (!hits.length) {
          status.textContent = '没有找到与“' + query.trim() + '”相关的文章，请换个关键词试试。';
          results.setAttribute('data-ms', String(Math.round(performance.now() - started)));
          return;
        }
        status.textContent = '找到 ' + hits.length + ' 篇与“' + query.trim() + '”相关的文章';
        var list = document.createElement('ol');
        list.className = 'search-results';
        results.appendChild(list);
        return show(hits, 0, list, re, ticket).then(function () {
          results.setAttribute('data-ms', String(Math.round(performance.now() - started)));
        });
      }).catch(function (err) {
        if (ticket !== current) return;
        results.innerHTML = '<p class="search-status" role="status">搜索索引加载失败，请刷新页面重试。</p>';
        if (window.console) console.error(err);
      });
    }

    function show(hits, from, list, re, ticket) {
      var page = hits.slice(from, from + PAGE_SIZE);
      return Promise.all(page.map(function (id) { return index.doc(id); })).then(function (docs) {
        if (ticket !== current) return;
        docs.forEach(function (d) { list.appendChild(item(d, re, root)); });
        var old = results.querySelector('.search-more');
        if (old) old.remove();
        if (from + PAGE_SIZE < hits.length) {
          var more = document.createElement('button');
          more.type = 'button';
          more.className = 'search-more';
          more.textContent = '显示更多结果';
          more.addEventListener('click', function () { show(hits, from + PAGE_SIZE, list, re, ticket); });
          results.appendChild(more);
        }
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, true); }, 150);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value, true);
    });
    var initial = new URL(location.href).searchParams.get('q') || '';
    if (initial) {
      input.value = initial;
      run(initial, false);
    }
  }

  function item(doc, re, root) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var meta = [doc.s, chineseDate(doc.d)].filter(Boolean).map(escapeHtml).join(' · ');
    li.innerHTML =
      '<h2 class="search-result-title"><a href="' + escapeHtml(new URL(doc.u, root).href) + '">' + mark(doc.t, re) + '</a></h2>' +
      (meta ? '<p class="search-result-meta">' + meta + '</p>' : '') +
      '<p class="search-result-snippet">' + snippet(doc.x, re) + '</p>';
    return li;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach);
  else attach();
})();
