// csv-spectrum conformance: every case of the csv-spectrum package, read by
// relgraph's reader (csvdump), must give exactly the rows its JSON lists.
// Prints "PASS name", "FAIL name: why" or "SKIP name: why" per case, for
// tests/run.sh to count.  Cases known not to fit are in known.json, each
// with its reason.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [dump, root] = process.argv.slice(2);
const dir = path.join(root, 'node_modules', 'csv-spectrum');
const known = JSON.parse(fs.readFileSync(path.join(__dirname, 'known.json'), 'utf8'));
const csvs = fs.readdirSync(path.join(dir, 'csvs')).filter((f) => f.endsWith('.csv')).sort();

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

for (const f of csvs) {
  const name = f.replace(/\.csv$/, '');
  let expected = JSON.parse(fs.readFileSync(path.join(dir, 'json', name + '.json'), 'utf8'));
  if (!Array.isArray(expected)) expected = [expected];
  let got;
  let err = '';
  try {
    got = JSON.parse(execFileSync(dump, [path.join(dir, 'csvs', f)], { stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e) {
    err = (e.stderr || '').toString().trim() || e.message;
  }
  const ok = !err && same(got, expected);
  if (known[name]) {
    console.log(`SKIP ${name}: ${known[name]}${ok ? ' (but it passed: remove it from known.json)' : ''}`);
  } else if (ok) {
    console.log(`PASS ${name}`);
  } else {
    console.log(`FAIL ${name}: ${err || 'got ' + JSON.stringify(got) + ', expected ' + JSON.stringify(expected)}`);
  }
}
