#!/bin/sh
# relgraph watch --serve: the page, the image and the event stream; an
# edit sends "update" and the new image, a bad save sends "problem" with
# the error while the image stays; only this machine's names are served.
set -eu
command -v node >/dev/null || { echo "FAIL: node is needed (make deps installs it)"; exit 1; }

cp -R "$ROOT/graphs/xi-putin" data
"$RELGRAPH" data -Tsvg -o plain.svg
: >log
"$RELGRAPH" watch data --serve 0 2>log &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
i=0
while ! grep -q '^relgraph: serving ' log && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=$(sed -n 's/^relgraph: serving //p' log)
[ -n "$url" ] || { echo "FAIL: no 'serving' line: $(cat log)"; exit 1; }

URL=$url node - <<'EOF'
const http = require('http'), fs = require('fs');
const url = new URL(process.env.URL);
let failed = 0;
const no = (m) => { console.log('FAIL: ' + m); failed = 1; };
function get(path, headers = {}, method = 'GET') {
  return new Promise((ok, ko) => {
    const req = http.request({host: url.hostname, port: url.port, path, method, headers}, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => body += c);
      res.on('end', () => ok({status: res.statusCode, type: res.headers['content-type'], body}));
    });
    req.on('error', ko);
    req.end();
  });
}
const row = (m) => `2023-${m}-01,,Xi Jinping;Vladimir Putin,Beijing,in-person,served,,test\n`;
(async () => {
  const page = await get('/');
  if (page.status !== 200 || !/^text\/html/.test(page.type)) no(`/: ${page.status} ${page.type}`);
  if (!page.body.includes('<svg') || !page.body.includes('window.rgLive = true')) no('/: not a live page with the drawing');
  if (/(src|href)="https?:/.test(page.body)) no('/: refers to the network');
  const img = await get('/image.svg');
  if (img.status !== 200 || img.type !== 'image/svg+xml') no(`/image.svg: ${img.status} ${img.type}`);
  if (img.body !== fs.readFileSync('plain.svg', 'utf8')) no('/image.svg differs from relgraph -Tsvg of the same data');
  if ((await get('/nothing')).status !== 404) no('/nothing: not 404');
  if ((await get('/', {}, 'POST')).status !== 405) no('POST: not 405');
  for (const host of ['evil.example', '127.evil.example', '127.0.0.1.evil.example', 'localhost.evil.example'])
    if ((await get('/', {Host: `${host}:${url.port}`})).status !== 403) no(`Host ${host}: not 403`);
  for (const host of ['LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]'])
    if ((await get('/', {Host: `${host}:${url.port}`})).status !== 200) no(`Host ${host}: not 200`);
  if ((await get('/', {Host: `localhost:${url.port}`})).status !== 200) no('Host localhost: not 200');

  // the event stream: an edit, then a bad save
  const events = [];
  const stream = http.get({host: url.hostname, port: url.port, path: '/events'}, (res) => {
    if (res.headers['content-type'] !== 'text/event-stream') no('/events: ' + res.headers['content-type']);
    res.setEncoding('utf8');
    let buf = '';
    res.on('data', (c) => {
      buf += c;
      let at;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, at); buf = buf.slice(at + 2);
        const ev = /^event: (.*)$/m.exec(block);
        if (ev) events.push({name: ev[1], data: block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')});
      }
    });
  });
  const until = async (n, what) => {
    for (let i = 0; i < 100 && events.length < n; i++) await new Promise((r) => setTimeout(r, 100));
    if (events.length < n) { no(`${what}: no event`); return null; }
    return events[n - 1];
  };
  await new Promise((r) => setTimeout(r, 300));
  fs.appendFileSync('data/meetings.csv', row('04'));
  let ev = await until(1, 'edit');
  if (ev && ev.name !== 'update') no('edit: event ' + ev.name);
  const after = await get('/image.svg');
  if (!after.body.includes('41 meetings')) no('after the edit: the image does not show 41 meetings');
  fs.appendFileSync('data/meetings.csv', 'yesterday,,Xi Jinping;Vladimir Putin\n');
  ev = await until(2, 'bad save');
  if (ev && (ev.name !== 'problem' || !/meetings\.csv:\d+:\d+: error: /.test(ev.data))) no('bad save: ' + JSON.stringify(ev));
  const kept = await get('/image.svg');
  if (kept.body !== after.body) no('bad save: the image changed');
  // a page opened now hears of the problem at once
  const first = await new Promise((ok) => {
    const r = http.get({host: url.hostname, port: url.port, path: '/events'}, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { b += c; if (b.includes('event: problem')) { r.destroy(); ok(b); } });
    });
    setTimeout(() => { r.destroy(); ok(''); }, 5000);
  });
  if (!first.includes('event: problem')) no('a new page is not told of the problem');
  stream.destroy();
  process.exit(failed);
})().catch((e) => { no(String(e)); process.exit(1); });
EOF
