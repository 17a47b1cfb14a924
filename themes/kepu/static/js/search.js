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
  // The digits of the postings' skip counts, values 0 to 39 (`DIGITS` in
  // src/search/index.rs); every other character is a weight letter.
  var DIGITS = "0123456789!#$%&'()*+,-./:;<=>?@[]^_`{|}~";
  var DIGIT_VALUE = new Int8Array(128).fill(-1);
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;
  // A Latin word matches longer words it starts (robot → robots) a little less.
  var PREFIX_WEIGHT = 0.8;
  // A synonym (反诈 for 防骗) covers a query word and scores a little less
  // than the word itself; the pages only synonyms find are listed apart.
  var SYNONYM_WEIGHT = 0.7;
  var PAGE_SIZE = 10;
  var SNIPPET_CHARS = 110;

  // Words a question carries around what it asks about (怎么举报邪教,
  // 着火了怎么办): cut out of a query, never required. Longest first.
  var QUESTION_WORDS = ['可不可以', '怎么办', '怎么样', '怎么做', '为什么', '是不是', '有没有', '能不能', '会不会',
    '要不要', '有什么', '有哪些', '怎么', '怎样', '咋办', '如何', '为啥', '什么', '哪些', '哪里', '哪儿', '哪个',
    '是否', '请问', '可以', '应该', '需要', '一下', '知道'];
  // Characters that join the words of a question (邪教是…, 网上的谣言): cut
  // there too.
  var LINKS = '是的';
  // Particles that end a question (孩子溺水了, 有用吗): dropped at the end of a piece.
  var FINAL_PARTICLES = '了吗呢吧啊呀嘛么哦';

  /** Full-width ASCII to half-width, ASCII to lower case, traditional
   * characters to simplified (`table`: the site's pairs from meta.json). */
  function fold(text, table) {
    var out = '';
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      var folded = String.fromCodePoint(c);
      out += (table && table[folded]) || folded;
    }
    return out;
  }

  /** meta.json's `fold` string ("學学鋒锋…") as a lookup table. */
  function foldingTable(pairs) {
    var table = {};
    var chars = Array.from(pairs || '');
    for (var i = 0; i + 1 < chars.length; i += 2) table[chars[i]] = chars[i + 1];
    return table;
  }

  /** Runs of CJK characters and Latin words: [{cjk, chars}]. */
  function runs(text, table) {
    var chars = Array.from(fold(text, table));
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
      var kept = cjk ? chars.slice(i, j) : chars.slice(i, Math.min(j, i + MAX_WORD));
      // `gap`: what separates the run from the one before ('' when they touch).
      out.push({ cjk: cjk, chars: kept, gap: chars.slice(out.length ? out[out.length - 1].end : 0, i).join(''), end: j });
      i = j;
    }
    return out;
  }

  /** The index terms of a text (as the build makes them). */
  function terms(text, table) {
    var out = [];
    runs(text, table).forEach(function (run) {
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

  /** A Chinese run without its question words, linking characters and
   * final particles: the pieces between them. */
  function questionFree(chars) {
    var pieces = [];
    var piece = [];
    function close() {
      while (piece.length && FINAL_PARTICLES.indexOf(piece[piece.length - 1]) >= 0) piece.pop();
      if (piece.length) pieces.push(piece.join(''));
      piece = [];
    }
    for (var i = 0; i < chars.length;) {
      var word = QUESTION_WORDS.find(function (w) { return chars.slice(i, i + w.length).join('') === w; });
      if (word || LINKS.indexOf(chars[i]) >= 0) {
        close();
        i += word ? word.length : 1;
      } else {
        piece.push(chars[i++]);
      }
    }
    close();
    // A query of nothing but such words (什么是) asks for them.
    return pieces.length || chars.length === 0 ? pieces : [chars.join('')];
  }

  /** meta.json's synonym groups as a vocabulary: `words` maps a word to
   * its group's number (its file is g/N.json). Maps of query words have no
   * prototype, so that a query for `constructor` is a word like any other. */
  function vocabulary(groups) {
    var words = Object.create(null);
    var longest = 0;
    groups = groups || [];
    groups.forEach(function (group, n) {
      group.forEach(function (word) {
        words[word] = n;
        longest = Math.max(longest, Array.from(word).length);
      });
    });
    return { words: words, groups: groups, longest: longest };
  }

  /** A Chinese piece cut at the words of the vocabulary it holds
   * (机器人比赛 → 机器人, 比赛), longest words first. */
  function vocabularyPieces(piece, vocab) {
    var chars = Array.from(piece);
    var out = [];
    var rest = '';
    for (var i = 0; i < chars.length;) {
      var length = Math.min(vocab.longest, chars.length - i);
      while (length > 1 && !(chars.slice(i, i + length).join('') in vocab.words)) length--;
      if (length > 1) {
        if (rest) out.push(rest);
        rest = '';
        out.push(chars.slice(i, i + length).join(''));
        i += length;
      } else {
        rest += chars[i++];
      }
    }
    if (rest) out.push(rest);
    return out;
  }

  /** What a query asks for: a list of concepts, each a list of forms
   * ({text, cjk, weight, synonym, group}) any of which a page may have: the
   * word as typed and, for a word of the vocabulary, the other words of its
   * group (`synonym`), all looked up in the group's file. Single
   * characters left between question words (AED怎么用) count only when
   * nothing longer does. */
  function parseQuery(query, table, vocab) {
    vocab = vocab || vocabulary([]);
    var pieces = [];
    runs(query, table).forEach(function (run) {
      if (!run.cjk) pieces.push(run.chars.join(''));
      else {
        questionFree(run.chars).forEach(function (piece) {
          pieces.push.apply(pieces, vocabularyPieces(piece, vocab));
        });
      }
    });
    function isCjk(text) { return CJK.test(text); }
    var longer = pieces.some(function (p) { return !isCjk(p) || Array.from(p).length > 1; });
    var seen = Object.create(null);
    return pieces
      .filter(function (p) {
        var keep = !seen[p] && (!longer || !isCjk(p) || Array.from(p).length > 1);
        seen[p] = true;
        return keep;
      })
      .map(function (p) {
        var group = vocab.words[p];
        var forms = [{ text: p, cjk: isCjk(p), weight: 1, group: group }];
        (group === undefined ? [] : vocab.groups[group]).forEach(function (word) {
          if (word !== p) forms.push({ text: word, cjk: isCjk(word), weight: SYNONYM_WEIGHT, synonym: true, group: group });
        });
        return forms;
      });
  }

  /** The index look-ups of a form: a Chinese word's bigrams; a single
   * Chinese character and a Latin word match every term they start. A word
   * of a synonym group is looked up in the group's file (`group`);
   * src/search/index.rs `group_terms` stores there what these look-ups find. */
  function slots(form) {
    function lookup(text, prefix) { return { text: text, prefix: prefix, group: form.group }; }
    if (form.initials) {
      var letters = Array.from(form.text);
      var keys = [];
      for (var k = 0; k + 1 < letters.length; k++) keys.push(lookup('^' + letters[k] + letters[k + 1], false));
      return keys;
    }
    var chars = Array.from(form.text);
    if (!form.cjk || chars.length === 1) return [lookup(form.text, true)];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(lookup(chars[i] + chars[i + 1], false));
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
    var self = this;
    if (!this.loadedMeta) {
      this.loadedMeta = this.file('meta.json', '').then(function (meta) {
        self.table = foldingTable(meta.fold);
        self.vocabulary = vocabulary(meta.syn);
        return meta;
      });
    }
    return this.loadedMeta;
  };

  /** The files a look-up reads: its synonym group's, else the term shards
   * it falls in. */
  function filesOf(meta, q) {
    if (q.group !== undefined) return ['g/' + q.group + '.json'];
    var files = [];
    var last = shardOf(meta.shards, q.prefix ? q.text + '\uffff' : q.text);
    for (var i = shardOf(meta.shards, q.text); i <= last; i++) files.push('t/' + i + '.json');
    return files;
  }

  /** The postings lists ([postings, weight]) of each look-up, fetching the
   * files they are in. */
  Index.prototype.postings = async function (meta, lookups) {
    var files = lookups.map(function (q) { return filesOf(meta, q); });
    var self = this;
    var loaded = {};
    await Promise.all(Array.from(new Set([].concat.apply([], files)), function (path) {
      return self.file(path, meta.v).then(function (s) { loaded[path] = s; });
    }));
    return lookups.map(function (q, n) {
      var lists = [];
      files[n].forEach(function (path) {
        var shard = loaded[path];
        if (!q.prefix) {
          if (Object.prototype.hasOwnProperty.call(shard, q.text)) lists.push([shard[q.text], 1]);
          return;
        }
        for (var term in shard) {
          if (term.startsWith(q.text)) lists.push([shard[term], term === q.text ? 1 : PREFIX_WEIGHT]);
        }
      });
      return lists;
    });
  };

  /** Ranked matches (document numbers, best first): `pages` that have a
   * word of the query, `related` ones that only synonyms found, the
   * `synonyms` that found those, and the `words` the query was taken to
   * mean, to highlight. */
  Index.prototype.search = async function (query) {
    var meta = await this.meta();
    var concepts = await this.readPinyin(meta, query, parseQuery(query, this.table, this.vocabulary));
    var forms = [].concat.apply([], concepts);
    var lookups = [].concat.apply([], forms.map(slots));
    var lists = await this.postings(meta, lookups);
    var ranking = new Ranking(meta.n);
    var next = 0;
    concepts.forEach(function (concept) {
      var matches = concept.map(function (form) {
        var match = new FormMatch(meta.n, form);
        slots(form).forEach(function (_, slot) {
          lists[next++].forEach(function (list) { match.add(slot, list[0], list[1]); });
        });
        return match;
      });
      ranking.add(matches);
    });
    var words = forms.filter(function (f) { return !f.initials; }).map(function (f) { return f.text; });
    var found = ranking.ranked();
    found.words = words;
    return found;
  };

  /** The pinyin entries (`p/` shards) of `keys`: {key: value}. */
  Index.prototype.pinyinEntries = async function (meta, keys) {
    var self = this;
    var out = {};
    await Promise.all(keys.map(function (key) {
      var shard = shardOf(meta.pshards || [''], key);
      return self.file('p/' + shard + '.json', meta.v).then(function (entries) {
        if (Object.prototype.hasOwnProperty.call(entries, key)) out[key] = entries[key];
      });
    }));
    return out;
  };

  /** The ways `word` splits into syllables of the site (`syllables`: a
   * set), longest syllables first; at most `limit`. */
  function syllableSplits(word, syllables, limit) {
    var out = [];
    (function split(at, taken) {
      if (out.length >= limit) return;
      if (at === word.length) {
        out.push(taken);
        return;
      }
      for (var length = Math.min(6, word.length - at); length >= 1; length--) {
        var syllable = word.slice(at, at + length);
        if (syllables[syllable]) split(at + length, taken.concat([syllable]));
      }
    })(0, []);
    return out;
  }

  /** Groups of neighbouring query runs that may be pinyin: Latin words of
   * letters (xie jiao) and the short Chinese runs touching them (xie教).
   * Each unit lists its parts: {latin: 'xie'} or {chars: ['教']}. */
  function pinyinUnits(query, table) {
    var units = [];
    var unit = null;
    runs(query, table).forEach(function (run) {
      var text = run.chars.join('');
      var latin = !run.cjk && /^[a-z]+$/.test(text);
      var shortCjk = run.cjk && run.chars.length <= 3 && questionFree(run.chars).join('') === text;
      var last = unit && unit.parts[unit.parts.length - 1];
      var joins = unit && ((latin && last.latin && !run.gap.trim()) || (!run.gap && ((latin && last.chars) || (shortCjk && last.latin))));
      if (!joins) {
        if (unit) units.push(unit);
        unit = latin || shortCjk ? { parts: [] } : null;
      }
      if (unit) unit.parts.push(latin ? { latin: text } : { chars: run.chars });
    });
    if (unit) units.push(unit);
    return units.filter(function (u) { return u.parts.some(function (p) { return p.latin; }); });
  }

  /** Latin words of the query that the site does not have, read as pinyin
   * (xiejiao, xie jiao, xie教 → 邪教) or, without vowels, as the initials
   * of title and tag words (xj → 邪教); the words they become replace them. */
  Index.prototype.readPinyin = async function (meta, query, concepts) {
    var syllables = Object.create(null);
    (meta.py || '').split(' ').forEach(function (s) { if (s) syllables[s] = true; });
    var units = pinyinUnits(query, this.table);
    if (!units.length) return concepts;
    var latin = [].concat.apply([], units.map(function (u) {
      return u.parts.filter(function (p) { return p.latin; }).map(function (p) { return { text: p.latin, prefix: true }; });
    }));
    var found = await this.postings(meta, latin);
    var known = Object.create(null);
    latin.forEach(function (q, i) { if (found[i].length) known[q.text] = true; });
    var self = this;
    var replaced = Object.create(null);
    var added = [];
    for (var u = 0; u < units.length; u++) {
      var parts = units[u].parts;
      // A word of the site or of a synonym group (cpr) means itself.
      if (parts.some(function (p) { return p.latin && (known[p.latin] || p.latin in self.vocabulary.words); })) continue;
      var segments = await self.resolvePinyin(meta, parts, syllables);
      if (!segments.length && parts.length === 1 && /^[^aeiouv]{2,8}$/.test(parts[0].latin)) {
        segments = [[{ text: parts[0].latin, cjk: false, initials: true, weight: 1 }]];
      }
      if (!segments.length) continue;
      parts.forEach(function (p) { replaced[p.latin || p.chars.join('')] = true; });
      added.push.apply(added, segments);
    }
    return concepts.filter(function (c) { return !replaced[c[0].text]; }).concat(added);
  };

  /** The site's words that a unit's parts spell: concepts (lists of
   * forms), one per stretch of the unit whose neighbouring syllables make
   * bigrams of the index. Of the ways to split its Latin words into
   * syllables, the one that spells the most characters wins. */
  Index.prototype.resolvePinyin = async function (meta, parts, syllables) {
    var fixed = [].concat.apply([], parts.filter(function (p) { return p.chars; }).map(function (p) { return p.chars; }));
    var readings = fixed.length ? await this.pinyinEntries(meta, fixed) : {};
    var options = [[]];
    parts.forEach(function (p) {
      var ways = p.chars
        ? [p.chars.map(function (c) { return { fixed: c, reading: readings[c] }; })]
        : syllableSplits(p.latin, syllables, 3).map(function (split) {
          return split.map(function (s) { return { reading: s }; });
        });
      var next = [];
      options.forEach(function (o) { ways.forEach(function (w) { if (next.length < 6) next.push(o.concat(w)); }); });
      options = next;
    });
    var best = [];
    var bestChars = 0;
    for (var o = 0; o < options.length; o++) {
      var segments = await this.spell(meta, options[o]);
      var chars = segments.reduce(function (n, s) { return n + Array.from(s[0]).length; }, 0);
      if (chars > bestChars) {
        best = segments;
        bestChars = chars;
      }
    }
    return best.map(function (words) {
      return words.map(function (w) { return { text: w, cjk: true, weight: 1 }; });
    });
  };

  /** Words of the index along a row of slots ({reading, fixed}): for each
   * neighbouring pair the bigrams read so (and holding the fixed
   * characters), chained while they overlap (机器 + 器人 → 机器人). */
  Index.prototype.spell = async function (meta, row) {
    var keys = [];
    for (var i = 0; i + 1 < row.length; i++) {
      if (row[i].reading && row[i + 1].reading) keys.push(row[i].reading + row[i + 1].reading);
    }
    var entries = await this.pinyinEntries(meta, keys);
    var segments = [];
    var current = [];
    for (var k = 0; k + 1 < row.length; k++) {
      var value = row[k].reading && row[k + 1].reading ? entries[row[k].reading + row[k + 1].reading] : '';
      var chars = Array.from(value || '');
      var bigrams = [];
      for (var c = 0; c + 1 < chars.length; c += 2) {
        if ((!row[k].fixed || chars[c] === row[k].fixed) && (!row[k + 1].fixed || chars[c + 1] === row[k + 1].fixed)) {
          bigrams.push(chars[c] + chars[c + 1]);
        }
      }
      var longer = [];
      current.forEach(function (word) {
        bigrams.forEach(function (b) {
          if (Array.from(word).pop() === Array.from(b)[0] && longer.length < 8) longer.push(word + Array.from(b)[1]);
        });
      });
      if (!longer.length) {
        if (current.length) segments.push(current);
        longer = bigrams.slice(0, 8);
      }
      current = longer;
    }
    if (current.length) segments.push(current);
    return segments;
  };

  /** How documents match one form of a concept: which of its look-ups
   * (slots) they have, in the title or not, and a BM25 score. */
  function FormMatch(total, form) {
    this.total = total;
    this.text = form.text;
    this.weight = form.weight;
    this.synonym = form.synonym;
    this.slots = new Uint32Array(total);
    this.titleSlots = new Uint32Array(total);
    this.score = new Float64Array(total);
    this.found = [];
    this.counted = 0;
  }

  /** Adds the postings ("a3B~c": per document, how many were skipped since
   * the previous one in base 40, none written as no digit, then its weight
   * letter, upper case in the title) of a term that look-up `slot` matches. */
  FormMatch.prototype.add = function (slot, postings, weight) {
    var df = 0;
    for (var i = 0; i < postings.length; i++) if (DIGIT_VALUE[postings.charCodeAt(i)] < 0) df++;
    var idf = Math.log(1 + (this.total - df + 0.5) / (df + 0.5));
    var unit = (this.weight * weight * idf * (K1 + 1)) / LEVELS;
    var bit = 1 << Math.min(slot, 31);
    if (!(this.counted & bit)) this.counted |= bit;
    var next = 0;
    var skip = 0;
    for (var j = 0; j < postings.length; j++) {
      var c = postings.charCodeAt(j);
      var digit = DIGIT_VALUE[c];
      if (digit >= 0) {
        skip = skip * 40 + digit;
        continue;
      }
      var doc = next + skip;
      next = doc + 1;
      skip = 0;
      var inTitle = c < 97;
      this.score[doc] += unit * (c - (inTitle ? 64 : 96));
      if (!this.slots[doc]) this.found.push(doc);
      this.slots[doc] |= bit;
      if (inTitle) this.titleSlots[doc] |= bit;
    }
  };

  function bits(n) {
    var count = 0;
    for (; n; n &= n - 1) count++;
    return count;
  }

  /** Documents and how much of the query they cover; which have a word of
   * the query itself (`direct`), and what each synonym found. */
  function Ranking(total) {
    this.coverage = new Float64Array(total);
    this.titles = new Uint8Array(total);
    this.score = new Float64Array(total);
    this.direct = new Uint8Array(total);
    this.found = [];
    this.bySynonym = [];
  }

  /** Adds a concept, given how each of its forms matches. A form's look-ups
   * that are in no page do not count (a word missing from the site never
   * removes results). A page needs every counted look-up of a short form,
   * all but one of a longer one (机器人 and 竞赛 apart on a page miss the
   * bigram 人竞), every one of a synonym (found whole); when no page has
   * that many, those with the most. A page
   * covers the concept by its best form, a synonym a little less than the
   * word typed. */
  Ranking.prototype.add = function (matches) {
    var total = this.coverage.length;
    var cover = new Float64Array(total);
    var titles = new Uint8Array(total);
    var score = new Float64Array(total);
    var touched = [];
    var direct = this.direct;
    var bySynonym = this.bySynonym;
    matches.forEach(function (match) {
      var counted = bits(match.counted);
      if (!counted) return;
      var have = match.found.map(function (d) { return bits(match.slots[d]); });
      var most = Math.max.apply(null, have.concat([0]));
      var need = Math.min(most, counted <= 2 || match.synonym ? counted : counted - 1);
      var docs = match.found.filter(function (d, i) { return have[i] >= need; });
      if (match.synonym) bySynonym.push({ word: match.text, docs: docs });
      docs.forEach(function (d) {
        if (!match.synonym) direct[d] = 1;
        var c = (match.weight * bits(match.slots[d])) / counted;
        if (!cover[d]) touched.push(d);
        if (c > cover[d] || (c === cover[d] && match.score[d] > score[d])) {
          cover[d] = c;
          titles[d] = bits(match.titleSlots[d]);
          score[d] = match.score[d];
        }
      });
    });
    for (var i = 0; i < touched.length; i++) {
      var d = touched[i];
      if (!this.coverage[d]) this.found.push(d);
      this.coverage[d] += cover[d];
      this.titles[d] += titles[d];
      this.score[d] += score[d];
    }
  };

  /** Order: how much of the query a page covers, then query words in its
   * title, then score; the pages with a word of the query (`pages`) apart
   * from those only synonyms found (`related`), and the synonyms that
   * found these. */
  Ranking.prototype.ranked = function () {
    var coverage = this.coverage;
    var titles = this.titles;
    var score = this.score;
    var direct = this.direct;
    var sorted = this.found.sort(function (a, b) {
      return coverage[b] - coverage[a] || titles[b] - titles[a] || score[b] - score[a] || a - b;
    });
    var synonyms = this.bySynonym
      .filter(function (s) { return s.docs.some(function (d) { return !direct[d]; }); })
      .map(function (s) { return s.word; });
    return {
      pages: sorted.filter(function (d) { return direct[d]; }),
      related: sorted.filter(function (d) { return !direct[d]; }),
      synonyms: synonyms.filter(function (w, i) { return synonyms.indexOf(w) === i; })
    };
  };

  Index.prototype.doc = function (id) {
    var self = this;
    return this.meta().then(function (meta) { return self.file('d/' + id + '.json', meta.v); });
  };

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /** What to highlight in page text: `words` (what a search took the query
   * to mean), Chinese words whole or by bigram, Latin words and the longer
   * words they start, matched in the text folded with `table`. */
  function highlighter(words, table) {
    var parts = [];
    words.forEach(function (word) {
      var chars = Array.from(word);
      if (!CJK.test(chars[0])) {
        parts.push('(?<![' + WORD_CLASS + '])' + escapeRegExp(word) + '[' + WORD_CLASS + ']*');
        return;
      }
      parts.push(escapeRegExp(word));
      for (var i = 0; i + 1 < chars.length; i++) parts.push(escapeRegExp(chars[i] + chars[i + 1]));
    });
    if (!parts.length) return null;
    parts.sort(function (a, b) { return b.length - a.length; });
    return { re: new RegExp(parts.join('|'), 'giu'), table: table };
  }

  /** Each match of highlighter `hl` in `text` as [offset, length]. Folding
   * keeps every character's UTF-16 length, so offsets hold in `text`. */
  function matches(text, hl) {
    var out = [];
    if (hl) {
      fold(text, hl.table).replace(hl.re, function (m, offset) {
        out.push([offset, m.length]);
        return m;
      });
    }
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** `text` as HTML with the matches of highlighter `hl` in <mark>. */
  function mark(text, hl) {
    var out = '';
    var last = 0;
    matches(text, hl).forEach(function (m) {
      out += escapeHtml(text.slice(last, m[0])) + '<mark>' + escapeHtml(text.substr(m[0], m[1])) + '</mark>';
      last = m[0] + m[1];
    });
    return out + escapeHtml(text.slice(last));
  }

  /** The stretch of `text` with the most different matched words, as HTML. */
  function snippet(text, hl) {
    var found = matches(text, hl).slice(0, 300).map(function (m) {
      return { at: m[0], word: text.substr(m[0], m[1]).toLowerCase() };
    });
    var start = 0;
    var best = 0;
    found.forEach(function (m) {
      var from = Math.max(0, m.at - 20);
      var words = {};
      found.forEach(function (o) {
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
    return (start > 0 ? '…' : '') + mark(piece, hl) + (end < text.length ? '…' : '');
  }

  /** `2024-06-25` (or RFC 3339) as 2024年6月25日. */
  function chineseDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : '';
  }

  var api = {
    fold: fold,
    foldingTable: foldingTable,
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
      return index.search(query).then(function (found) {
        if (ticket !== current) return;
        // For measurements: ms to find and rank (data-rank-ms), and to show
        // the results too (data-ms).
        results.setAttribute('data-rank-ms', String(Math.round(performance.now() - started)));
        var re = highlighter(found.words, index.table);
        results.innerHTML = '';
        var status = document.createElement('p');
        status.className = 'search-status';
        status.setAttribute('role', 'status');
        status.textContent = statusText(query.trim(), found);
        results.appendChild(status);
        var hits = found.pages.concat(found.related);
        if (!hits.length) {
          results.setAttribute('data-ms', String(Math.round(performance.now() - started)));
          return;
        }
        return show(hits, 0, resultLists(found), re, ticket).then(function () {
          results.setAttribute('data-ms', String(Math.round(performance.now() - started)));
        });
      }).catch(function (err) {
        if (ticket !== current) return;
        results.innerHTML = '<p class="search-status" role="status">搜索索引加载失败，请刷新页面重试。</p>';
        if (window.console) console.error(err);
      });
    }

    /** Where results go: `direct` hits first, then the `related` ones only
     * synonyms found, each kind in a section of its own under a heading
     * that says which it is when there are both, else one list. A list is
     * added when its first result is shown. */
    function resultLists(found) {
      var apart = found.related.length > 0;
      var lists = {};
      return {
        boundary: found.pages.length,
        level: apart ? 'h3' : 'h2',
        list: function (kind) {
          if (!lists[kind]) lists[kind] = newList(apart ? newSection(kind, found.synonyms) : results);
          return lists[kind];
        }
      };
    }

    function newSection(kind, synonyms) {
      var section = document.createElement('section');
      section.className = 'search-group';
      section.setAttribute('aria-labelledby', 'search-' + kind);
      var heading = document.createElement('h2');
      heading.id = 'search-' + kind;
      heading.className = 'search-group-title';
      heading.textContent = kind === 'direct' ? '含搜索词的结果' : '相关结果（同义词：' + synonyms.join('、') + '）';
      section.appendChild(heading);
      results.appendChild(section);
      return section;
    }

    function newList(parent) {
      var list = document.createElement('ol');
      list.className = 'search-results';
      parent.appendChild(list);
      return list;
    }

    /** Shows results `from` … `from + PAGE_SIZE` of `hits` (direct ones
     * before `lists.boundary`, then related ones) and a button for more. */
    function show(hits, from, lists, re, ticket) {
      var page = hits.slice(from, from + PAGE_SIZE);
      return Promise.all(page.map(function (id) { return index.doc(id); })).then(function (docs) {
        if (ticket !== current) return;
        docs.forEach(function (d, i) {
          lists.list(from + i < lists.boundary ? 'direct' : 'related').appendChild(item(d, re, root, lists.level));
        });
        var old = results.querySelector('.search-more');
        if (old) old.remove();
        if (from + PAGE_SIZE < hits.length) {
          var more = document.createElement('button');
          more.type = 'button';
          more.className = 'search-more';
          more.textContent = '显示更多结果';
          more.addEventListener('click', function () { show(hits, from + PAGE_SIZE, lists, re, ticket); });
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

  /** What the status line says: how many results of each kind, or none. */
  function statusText(query, found) {
    var direct = found.pages.length;
    var related = found.related.length;
    if (!direct && !related) return '没有找到与“' + query + '”相关的文章，请换个关键词试试。';
    if (!related) return '找到 ' + direct + ' 篇与“' + query + '”相关的文章';
    if (!direct) return '没有文章含“' + query + '”，找到 ' + related + ' 篇用同义词找到的相关文章';
    return '找到 ' + direct + ' 篇含“' + query + '”的文章，另有 ' + related + ' 篇用同义词找到的相关文章';
  }

  function item(doc, re, root, level) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var meta = [doc.s, chineseDate(doc.d)].filter(Boolean).map(escapeHtml).join(' · ');
    li.innerHTML =
      '<' + level + ' class="search-result-title"><a href="' + escapeHtml(new URL(doc.u, root).href) + '">' + mark(doc.t, re) + '</a></' + level + '>' +
      (meta ? '<p class="search-result-meta">' + meta + '</p>' : '') +
      '<p class="search-result-snippet">' + snippet(doc.x, re) + '</p>';
    return li;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach);
  else attach();
})();
