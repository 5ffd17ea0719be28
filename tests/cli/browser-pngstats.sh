#!/bin/sh
# tests/browser/pngstats.js, which the other browser tests read their
# screenshots with, reads PNGs right: pixel by pixel on PNGs made for the
# purpose (every colour type, all five filter types, split image data,
# known statistics, refusals), and on relgraph's own PNG it agrees with
# Chromium's decoder (the picture drawn on a canvas and read back).
set -eu
. "$ROOT/tests/browser/lib.sh"
need_browser

node "$BROWSER/pngstats-test.js" >selftest.log 2>&1 || no "pngstats-test.js: $(grep -v '^[0-9]* passed' selftest.log)"

"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tpng -o x.png
pngstats x.png >/dev/null || { echo "FAIL: pngstats.js cannot read relgraph's PNG"; exit 1; }

{
	cat <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8"><title>decode</title>
HTML
	page_script
	cat <<'HTML'
</head><body><img id="png" src="x.png" alt="">
<script>
T.onload(function (T) {
	var img = document.getElementById('png');
	if (!T.check(img.naturalWidth > 0, 'Chromium did not load x.png')) return;
	var w = img.naturalWidth, h = img.naturalHeight;
	var c = document.createElement('canvas');
	c.width = w; c.height = h;
	var ctx = c.getContext('2d', { colorSpace: 'srgb' });
	ctx.drawImage(img, 0, 0);
	var d = ctx.getImageData(0, 0, w, h).data;
	// as pngstats.js counts: over white, "ink" below 240 in any channel
	var ink = 0, x0 = w, y0 = h, x1 = -1, y1 = -1, rows = [];
	for (var y = 0, p = 0; y < h; y++) {
		var sum = [0, 0, 0];
		rows.push(sum);
		for (var x = 0; x < w; x++, p += 4) {
			var a = d[p + 3], px = [0, 1, 2].map(function (i) {
				return Math.round((d[p + i] * a + 255 * (255 - a)) / 255);
			});
			sum[0] += px[0]; sum[1] += px[1]; sum[2] += px[2];
			if (px[0] < 240 || px[1] < 240 || px[2] < 240) {
				ink++;
				if (x < x0) x0 = x; if (x > x1) x1 = x;
				if (y < y0) y0 = y; if (y > y1) y1 = y;
			}
		}
	}
	var out = { width: w, height: h, ink: ink / (w * h), bbox: { x0: x0, y0: y0, x1: x1, y1: y1 },
		rows: rows };
	T.info('JSON ' + JSON.stringify(out));
});
</script>
</body></html>
HTML
} >page.html
browser --allow-file-access-from-files --dump-dom "$(url page.html)" >dom.html ||
	no "Chromium could not load the page"
checked dom.html "Chromium's decoder" >checked.log
grep -v '^  .*JSON ' checked.log || true
sed -n 's/^  [^:]*: JSON //p' checked.log >chromium.json
if [ -s chromium.json ]; then
	# both sides in one file: c from Chromium, n from pngstats.js, each with
	# the sums of red, green and blue over white of every row. Those agree
	# exactly: Chromium keeps a canvas premultiplied by alpha, and reading
	# it back loses less than what compositing over white rounds away.
	node -e 'const fs = require("fs");
		const { decode, stats } = require(process.argv[1]);
		const img = decode(fs.readFileSync(process.argv[2]));
		const n = stats(img, [], null);
		n.rows = [];
		for (let y = 0, p = 0; y < img.height; y++) {
			const s = [0, 0, 0];
			n.rows.push(s);
			for (let x = 0; x < img.width; x++, p += 4) {
				const a = img.rgba[p + 3];
				for (let i = 0; i < 3; i++) s[i] += Math.round((img.rgba[p + i] * a + 255 * (255 - a)) / 255);
			}
		}
		const c = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
		console.log(JSON.stringify({ c, n }));' "$BROWSER/pngstats.js" x.png chromium.json >both.json
	expect both.json "pngstats.js and Chromium on relgraph's PNG" \
		'j.c.width === j.n.width && j.c.height === j.n.height ||
			`size ${j.c.width}x${j.c.height} in Chromium, ${j.n.width}x${j.n.height} in pngstats.js`' \
		'Math.abs(j.c.ink - j.n.ink) < 0.0005 || `ink ${j.c.ink} in Chromium, ${j.n.ink} in pngstats.js`' \
		'JSON.stringify(j.c.bbox) === JSON.stringify(j.n.bbox) ||
			`bbox ${JSON.stringify(j.c.bbox)} in Chromium, ${JSON.stringify(j.n.bbox)} in pngstats.js`' \
		'(d => d.length === 0 || `${d.length} rows differ, the first: ${d[0]}`)(j.c.rows.map((r, y) =>
			r.join() === j.n.rows[y].join() ? "" : `row ${y}: RGB sums ${r} in Chromium, ${j.n.rows[y]} in pngstats.js`
		).filter(Boolean))'
else
	no "Chromium's decoder gave no result"
fi
exit $bad
