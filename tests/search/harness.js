// Runs the theme's search.js under Node for the Rust tests and the benchmarks.
//   node harness.js terms            stdin: {fold: "學学…", texts: ["text", …]}   stdout: [["term", …], …]
//   node harness.js query PUBLIC     stdin: ["query", …]  stdout: [["url", …], …] (ranked)
//   node harness.js words PUBLIC     stdin: ["word", …]   stdout: [{word, containing, found, right, synonyms,
//                                    containing_any, right_any}, …]: pages whose title or text contain the
//                                    word, pages found, pages found that contain it (recall and precision);
//                                    the same counted with the word's synonyms (meta.json's groups) too
//   node harness.js cost PUBLIC      stdin: ["query", …]  stdout: [{query, files, bytes, ms, warm_ms, results}, …]:
//                                    what a first query (fresh index) downloads under search/ to rank and
//                                    show ten results, ms to rank it, and ms to rank it again (warm)
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

async function ranked(index, query) {
  const hits = await index.search(query);
  return Promise.all(hits.pages.map((id) => index.doc(id)));
}

async function words(publicDir, list) {
  const { index } = open(publicDir);
  const meta = await index.meta();
  const docs = [];
  for (let i = 0; i < meta.n; i++) docs.push(await index.doc(i));
  const out = [];
  const having = (words) => docs.filter((d) => words.some((w) => (d.t + ' ' + d.x).includes(w))).map((d) => d.u);
  for (const word of list) {
    const synonyms = (meta.syn || []).find((group) => group.includes(word)) || [word];
    const containing = having([word]);
    const containingAny = having(synonyms);
    const found = (await ranked(index, word)).map((d) => d.u);
    out.push({
      word,
      synonyms,
      containing: containing.length,
      found: found.length,
      right: found.filter((u) => containing.includes(u)).length,
      containing_any: containingAny.length,
      right_any: found.filter((u) => containingAny.includes(u)).length,
    });
  }
  return out;
}

async function cost(publicDir, queries) {
  const out = [];
  for (const query of queries) {
    const { index, read } = open(publicDir);
    let started = process.hrtime.bigint();
    const hits = (await index.search(query)).pages;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await Promise.all(hits.slice(0, 10).map((id) => index.doc(id)));
    started = process.hrtime.bigint();
    await index.search(query);
    const warm = Number(process.hrtime.bigint() - started) / 1e6;
    out.push({ query, files: read.files, bytes: read.bytes, ms: Math.round(ms), warm_ms: Math.round(warm), results: hits.length });
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
  for (const query of input) out.push((await ranked(index, query)).map((d) => d.u));
  return out;
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
