// Runs the theme's search.js under Node for the Rust tests.
//   node harness.js terms            stdin: ["text", …]   stdout: [["term", …], …]
//   node harness.js query PUBLIC     stdin: ["query", …]  stdout: [["url", …], …] (ranked)
// The query mode reads the index that `kepu build` wrote to PUBLIC/search/.
'use strict';
const fs = require('fs');
const path = require('path');
const search = require(path.join(__dirname, '../../themes/kepu/static/js/search.js'));

async function main() {
  const [mode, publicDir] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  if (mode === 'terms') return input.map(search.terms);
  const dir = path.join(publicDir, 'search');
  const index = new search.Index((file) =>
    Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
  const out = [];
  for (const query of input) {
    const hits = await index.search(query);
    const docs = await Promise.all(hits.map((id) => index.doc(id)));
    out.push(docs.map((d) => d.u));
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
