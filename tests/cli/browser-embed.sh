#!/bin/sh
# The README's ways of embedding a drawing, in a real browser (headless
# Chromium): <img> of the SVG, <img> of the PNG, <object> of the SVG and the
# SVG pasted inline. All four load, at the same size, with every node
# group in the DOM, styled by the page's CSS, and the screenshot shows each
# of them with the colours of relgraph's palette.
set -eu
. "$ROOT/tests/browser/lib.sh"
need_browser

"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tsvg -Tpng -O
n=$(svg_nodes xi-putin.svg)
[ "$n" -gt 10 ] || no "xi-putin.svg has only $n node groups"
palette='#E69F00,#56B4E9,#F0E442,#D55E00'

# The PNG itself, read whole (a browser shows a truncated one as it can):
# a drawing with the fills of leaders, countries, agreements and events
# (Okabe-Ito orange, sky blue, yellow, vermillion), inside its margin.
if pngstats xi-putin.png --palette "$palette" >png.json; then
	expect png.json "xi-putin.png" \
		'j.ink > 0.03 || `blank: only ${j.ink} of it is not white`' \
		'Object.values(j.palette).filter(f => f > 0.001).length >= 4 ||
			`not all 4 fills show: ${JSON.stringify(j.palette)}`' \
		'j.bbox.x0 > 0 && j.bbox.y0 > 0 && j.bbox.x1 < j.width - 1 && j.bbox.y1 < j.height - 1 ||
			`the drawing touches the edge: ${JSON.stringify(j.bbox)} in ${j.width}x${j.height}`'
else
	no "xi-putin.png does not decode"
fi

# Four panels of 600x300 (the drawing is about 2:1), one per embedding.
{
	cat <<HTML
<!doctype html>
<html><head><meta charset="utf-8"><title>embed</title>
<style>
body { margin: 0; }
.panel { position: absolute; width: 600px; height: 300px; overflow: hidden; }
img, object, #inline svg { width: 600px; height: 300px; object-fit: contain; display: block; }
svg .node.leader polygon, svg .node.leader ellipse { stroke-width: 3; }
</style>
HTML
	page_script
	cat <<HTML
</head><body>
<div class="panel" style="left:0;top:0"><img id="svg-img" src="xi-putin.svg" alt="SVG"></div>
<div class="panel" style="left:600px;top:0"><img id="png-img" src="xi-putin.png" alt="PNG"></div>
<div class="panel" style="left:0;top:300px"><object id="svg-object" data="xi-putin.svg" type="image/svg+xml"></object></div>
<div class="panel" style="left:600px;top:300px" id="inline">
HTML
	svg_markup xi-putin.svg
	cat <<HTML
</div>
<script>
T.onload(function (T) {
	var want = $n;
	var si = document.getElementById('svg-img');
	var pi = document.getElementById('png-img');
	T.check(si.complete && si.naturalWidth > 0 && si.naturalHeight > 0,
		'<img> of the SVG did not load (naturalWidth ' + si.naturalWidth + ')');
	T.check(pi.complete && pi.naturalWidth > 0 && pi.naturalHeight > 0,
		'<img> of the PNG did not load (naturalWidth ' + pi.naturalWidth + ')');
	// the PNG is drawn at 96 dpi, the SVG in points: the same size in CSS px
	T.check(Math.abs(si.naturalWidth - pi.naturalWidth) <= 2 && Math.abs(si.naturalHeight - pi.naturalHeight) <= 2,
		'SVG and PNG differ in size: ' + si.naturalWidth + 'x' + si.naturalHeight + ' and ' +
		pi.naturalWidth + 'x' + pi.naturalHeight);
	var doc = document.getElementById('svg-object').contentDocument;
	if (T.check(doc && doc.documentElement && doc.documentElement.localName === 'svg',
			'<object> of the SVG has no SVG document')) {
		var k = doc.querySelectorAll('g.node').length;
		T.check(k === want, '<object>: ' + k + ' g.node elements, the file has ' + want);
	}
	var m = document.querySelectorAll('#inline svg g.node').length;
	T.check(m === want, 'inline SVG: ' + m + ' g.node elements, the file has ' + want);
	// ids from the data, classes from the kinds: the page's CSS reaches them
	var xi = document.getElementById('Xi-Jinping');
	if (T.check(xi && xi.classList.contains('node') && xi.classList.contains('leader'),
			'inline SVG: no g#Xi-Jinping.node.leader')) {
		var shape = xi.querySelector('ellipse, polygon');
		T.check(shape && getComputedStyle(shape).strokeWidth === '3px',
			'the page\'s CSS does not reach .node.leader (stroke-width ' +
			(shape && getComputedStyle(shape).strokeWidth) + ')');
	}
});
</script>
</body></html>
HTML
} >page.html

# One run: the page's checks in the DOM it dumps, and a screenshot.
browser --allow-file-access-from-files --virtual-time-budget=2000 --window-size=1200,600 \
	--screenshot="$PWD/shot.png" --dump-dom "$(url page.html)" >dom.html ||
	no "Chromium could not load the page"
checked dom.html "embed"

# Each panel shows a drawing: ink, shades, and at least three of the fills.
for panel in "svg-img 0,0" "png-img 600,0" "svg-object 0,300" "inline 600,300"; do
	set -- $panel
	pngstats shot.png --palette "$palette" --crop "$2,600,300" >"$1.json" || { no "$1: no screenshot to read"; continue; }
	expect "$1.json" "$1 in the screenshot" \
		'j.ink > 0.03 || `blank: only ${j.ink} of the panel is not white`' \
		'j.colors >= 20 || `only ${j.colors} colours`' \
		'Object.values(j.palette).filter(f => f > 0.001).length >= 3 ||
			`fewer than 3 of the fills show: ${JSON.stringify(j.palette)}`'
done
exit $bad
