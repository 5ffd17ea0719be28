#!/bin/sh
# -Thtml writes one self-contained page: the SVG inline, pan and zoom by
# the inline svg's viewBox (wheel zooms, drag pans), tooltips with each
# node's attributes on hover, the legend, and nothing fetched from
# anywhere. Checked in headless Chromium: the page as written renders
# (screenshot), and a copy of it with checks added behaves, under a
# Content-Security-Policy that reports any load at all.
set -eu
. "$ROOT/tests/browser/lib.sh"
need_browser

G="$ROOT/graphs/xi-putin"
rc=0
"$RELGRAPH" "$G" -Thtml -o x.html 2>err || rc=$?
if [ "$rc" -ne 0 ] || [ ! -s x.html ]; then
	echo "FAIL: relgraph $G -Thtml -o x.html: exit $rc, $(wc -c <x.html 2>/dev/null || echo no) bytes; stderr: $(cat err)"
	exit 1
fi
"$RELGRAPH" "$G" -Tsvg -o x.svg
n=$(svg_nodes x.svg)
[ "$n" -gt 10 ] || no "the plain SVG has only $n node groups"

# Nothing to fetch, by the text: no http(s) URL but XML namespace names,
# no stylesheet link, no external script.
grep -oE 'https?://[^"'\''<> )]*' x.html | sort -u >urls
grep -vxE 'http://www\.w3\.org/(2000/svg|1999/xlink|1999/xhtml|XML/1998/namespace)' urls >foreign || true
[ ! -s foreign ] || no "the page names URLs: $(tr '\n' ' ' <foreign)"
grep -iqE '<link[[:space:]>]' x.html && no "the page has a <link>: $(grep -ioE '<link[^>]*>' x.html | head -n 3 | tr '\n' ' ')"
grep -iqE '<script[^>]*[[:space:]]src[[:space:]]*=' x.html &&
	no "the page loads a script: $(grep -ioE '<script[^>]*src[^>]*>' x.html | head -n 3 | tr '\n' ' ')"

# The copy under test: first in <head>, a policy that lets the page's own
# inline script and style run and reports every load of anything else
# (data: URLs aside), and the checks' harness; at the end, the checks.
guarded_head >head.html
cat >body.html <<HTML
<script>
T.onload(function (T) {
	var want = $n;
HTML
cat >>body.html <<'HTML'
	var loaded = performance.getEntriesByType('resource').map(function (r) { return r.name; });
	T.check(loaded.length === 0, 'the page loaded ' + loaded.join(', '));
	T.check(window.rgBlocked.length === 0, 'the page tried to load: ' + window.rgBlocked.join('; '));

	var graph = document.querySelector('svg g.graph') || document.getElementById('graph0');
	var svg = graph ? graph.ownerSVGElement : document.querySelector('svg');
	if (!T.check(svg, 'no inline <svg> in the page')) return;
	var k = document.querySelectorAll('g.node').length;
	T.check(k === want, k + ' g.node elements in the page, the plain SVG has ' + want);
	var legend = svg.querySelector('.legend') || Array.prototype.some.call(svg.querySelectorAll('text'),
		function (t) { return t.textContent.trim() === 'Legend'; });
	T.check(legend, 'no legend in the drawing');
	var r = svg.getBoundingClientRect();
	T.check(r.width > 200 && r.height > 200 && r.left < innerWidth && r.top < innerHeight,
		'the drawing is not on screen: ' + JSON.stringify(r));

	function vb() {
		var v = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
		return v.length === 4 && v.every(isFinite) ? v : null;
	}
	var cx = r.left + r.width / 2, cy = r.top + r.height / 2;
	function fire(type, x, y, extra) {
		var init = { bubbles: true, cancelable: true, composed: true, view: window,
			clientX: x, clientY: y, button: 0, buttons: type.match(/down|move/) ? 1 : 0 };
		for (var key in extra) init[key] = extra[key];
		var target = document.elementFromPoint(x, y) || svg;
		var E = type === 'wheel' ? WheelEvent : type.indexOf('pointer') === 0 ? PointerEvent : MouseEvent;
		if (E === PointerEvent) { init.pointerId = 1; init.pointerType = 'mouse'; init.isPrimary = true; }
		target.dispatchEvent(new E(type, init));
	}

	// The wheel zooms: the viewBox changes, keeps its proportions, and the
	// other way round zooms back.
	var v0 = vb();
	if (T.check(v0, 'the svg has no viewBox: ' + svg.getAttribute('viewBox'))) {
		fire('wheel', cx, cy, { deltaY: -240, deltaMode: 0 });
		var v1 = vb();
		if (T.check(v1 && v1.join() !== v0.join(), 'a wheel event left the viewBox as it was: ' + v0.join(' '))) {
			T.check(Math.abs(v1[2] / v1[3] - v0[2] / v0[3]) < 0.01 * v0[2] / v0[3],
				'zooming changed the proportions: ' + v0.join(' ') + ' to ' + v1.join(' '));
			fire('wheel', cx, cy, { deltaY: 240, deltaMode: 0 });
			fire('wheel', cx, cy, { deltaY: 240, deltaMode: 0 });
			var v2 = vb();
			T.check(v2 && (v2[2] - v1[2]) * (v1[2] - v0[2]) < 0,
				'wheeling the other way does not zoom the other way: widths ' + v0[2] + ', ' + v1[2] + ', ' + (v2 && v2[2]));
		}
		// A drag pans: the viewBox moves and keeps its size.
		var v3 = vb();
		fire('pointerdown', cx, cy); fire('mousedown', cx, cy);
		fire('pointermove', cx + 60, cy + 40); fire('mousemove', cx + 60, cy + 40);
		fire('pointerup', cx + 60, cy + 40); fire('mouseup', cx + 60, cy + 40);
		var v4 = vb();
		var same = function (a, b) { return Math.abs(a - b) <= 1e-4 * Math.abs(b); }; // float32 in the DOM
		T.check(v4 && (!same(v4[0], v3[0]) || !same(v4[1], v3[1])) && same(v4[2], v3[2]) && same(v4[3], v3[3]),
			'a drag did not pan: viewBox ' + v3.join(' ') + ' to ' + (v4 && v4.join(' ')));
	}

	// Hovering a node shows its attributes: a tooltip that the page shows,
	// or one the browser shows from the node's own title.
	var xi = document.getElementById('Xi-Jinping');
	if (T.check(xi && xi.classList.contains('node'), 'no node g#Xi-Jinping')) {
		var shape = xi.querySelector('ellipse, polygon, path') || xi;
		var b = shape.getBoundingClientRect();
		var hx = b.left + b.width / 2, hy = b.top + b.height / 2;
		['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'pointermove', 'mousemove'].forEach(function (t) {
			fire(t, hx, hy, { buttons: 0 });
		});
		var text = 'country: China';
		var native = Array.prototype.some.call(xi.querySelectorAll('*'), function (e) {
			var t = e.getAttributeNS('http://www.w3.org/1999/xlink', 'title') || e.getAttribute('title') ||
				(e.localName === 'title' ? e.textContent : '');
			return t && t.indexOf(text) >= 0;
		});
		var shown = Array.prototype.some.call(document.body.querySelectorAll('*'), function (e) {
			if (svg.contains(e) || e.id === 'results' || e.closest('script, style')) return false;
			var s = getComputedStyle(e);
			return e.getClientRects().length > 0 && s.visibility !== 'hidden' && s.opacity !== '0' &&
				e.textContent.indexOf(text) >= 0;
		});
		T.check(native || shown, 'hovering Xi Jinping shows no tooltip with "' + text + '"');
		T.info('tooltip: ' + (shown ? 'shown by the page' : native ? 'the browser\'s, from a title' : 'none'));
	}
});
</script>
HTML
inject x.html check.html head.html body.html

# The page as written, on screen; the copy with its checks, in parallel.
browser --window-size=1200,800 --virtual-time-budget=1000 --screenshot="$PWD/shot.png" "$(url x.html)" >/dev/null 2>shot.err &
shot=$!
browser --virtual-time-budget=1000 --window-size=1200,800 --dump-dom "$(url check.html)" >dom.html ||
	no "Chromium could not load the page"
wait "$shot" || no "Chromium took no screenshot: $(cat shot.err)"
checked dom.html "-Thtml page"

if pngstats shot.png --palette '#E69F00,#56B4E9,#F0E442,#D55E00' >shot.json; then
	expect shot.json "-Thtml page on screen" \
		'j.ink > 0.03 || `blank: only ${j.ink} of the window is not white`' \
		'j.colors >= 20 || `only ${j.colors} colours`' \
		'Object.values(j.palette).filter(f => f > 0.001).length >= 3 ||
			`fewer than 3 of the fills show: ${JSON.stringify(j.palette)}`' \
		'j.bbox.x1 - j.bbox.x0 > 0.5 * j.width || `the drawing is small: ${JSON.stringify(j.bbox)}`'
else
	no "no screenshot to read"
fi
exit $bad
