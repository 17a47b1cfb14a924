// Runs the theme's search.js under Node for the Rust tests and the benchmarks.
//   node harness.js terms            stdin: {fold: "學学…", texts: ["text", …]}   stdout: [["term", …], …]
//   node harness.js query PUBLIC     stdin: ["query", …]  stdout: [["url", …], …] (ranked as the page lists
//                                    them: the pages with a query word, then those only synonyms found)
//   node harness.js split PUBLIC     stdin: ["query", …]  stdout: [{direct: [page], related: [page],
//                                    synonyms: ["word", …]}, …], a page being {u, t, x} (URL, title, text)
//   node harness.js words PUBLIC     stdin: ["word", …]   stdout: [{word, containing, found, right, related}, …]:
//                                    pages whose title or text contain the word, pages found with a word of
//                                    the query, those of them that contain it (recall and precision), and
//                                    pages only its synonyms found (listed apart)
//   node harness.js cost PUBLIC      stdin: ["query", …]  stdout: [{query, files, bytes, ms, cpu_ms, warm_ms,
//                                    results}, …]: what a first query (fresh index) downloads under search/
//                                    to rank and show ten results, the wall and CPU ms to rank it (CPU time
//                                    is less disturbed by other work on the machine), and ms to rank it
//                                    again (warm)
// The index is the one `kepu build` wrote to PUBLIC/search/.
'use strict';
const fs = require('fs');
const path = require('path');
const search = require(process.env.KEPU_SEARCH_JS || path.join(__dirname, '../../themes/kepu/static/js/search.js'));

/** An index over PUBLIC/search/ that counts the files and bytes it reads. */
function open(publicDir) {
  const dir = path.join(publicDir, 'search');
  const read = { files: 0, bytes: 0 };
  const index = new search.Index((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    read.files++;
    read.bytes += Buffer.byteLength(text);
    return Promise.resolve(JSON.parse(text));
  });
  return { index, read };
}

const docs = (index, ids) => Promise.all(ids.map((id) => index.doc(id)));

async function split(index, query) {
  const hits = await index.search(query);
  return { direct: await docs(index, hits.pages), related: await docs(index, hits.related), synonyms: hits.synonyms };
}

async function ranked(index, query) {
  const { direct, related } = await split(index, query);
  return direct.concat(related);
}

async function words(publicDir, list) {
  const { index } = open(publicDir);
  const meta = await index.meta();
  const all = [];
  for (let i = 0; i < meta.n; i++) all.push(await index.doc(i));
  const out = [];
  for (const word of list) {
    const containing = all.filter((d) => (d.t + ' ' + d.x).includes(word)).map((d) => d.u);
    const { direct, related } = await split(index, word);
    const found = direct.map((d) => d.u);
    out.push({
      word,
      containing: containing.length,
      found: found.length,
      right: found.filter((u) => containing.includes(u)).length,
      related: related.length,
    });
  }
  return out;
}

async function cost(publicDir, queries) {
  const out = [];
  for (const query of queries) {
    const { index, read } = open(publicDir);
    let started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const found = await index.search(query);
    const used = process.cpuUsage(cpu);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const hits = found.pages.concat(found.related);
    await Promise.all(hits.slice(0, 10).map((id) => index.doc(id)));
    started = process.hrtime.bigint();
    await index.search(query);
    const warm = Number(process.hrtime.bigint() - started) / 1e6;
    out.push({
      query,
      files: read.files,
      bytes: read.bytes,
      ms: Math.round(ms),
      cpu_ms: Math.round((used.user + used.system) / 1000),
      warm_ms: Math.round(warm),
      results: hits.length,
    });
  }
  return out;
}

async function main() {
  const [mode, publicDir] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  if (mode === 'terms') {
    const table = search.foldingTable(input.fold);
    return input.texts.map((text) => search.terms(text, table));
  }
  if (mode === 'words') return words(publicDir, input);
  if (mode === 'cost') return cost(publicDir, input);
  const { index } = open(publicDir);
  const out = [];
  for (const query of input) {
    if (mode === 'split') {
      const { direct, related, synonyms } = await split(index, query);
      const page = (d) => ({ u: d.u, t: d.t, x: d.x });
      out.push({ direct: direct.map(page), related: related.map(page), synonyms });
    } else {
      out.push((await ranked(index, query)).map((d) => d.u));
    }
  }
  return out;
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
