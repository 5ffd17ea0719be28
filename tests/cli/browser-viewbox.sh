#!/bin/sh
# Nothing drawn falls outside the picture: each SVG below, pasted inline in
# a page, is laid out by headless Chromium, and every shape and text of
# it must lie inside the <svg> element's own box (1px of tolerance), while
# the drawing (its white background included) fills that box (2px, or 0.5%
# of the size: Graphviz writes the scale of a -G size drawing with two
# decimals, scale(1.5) for 1.5026, which leaves a strip that wide).
# Graphviz 2.42/2.43 alone gets this wrong when dpi is not 72: it scales
# the drawing by dpi/72 with transform="scale(..)" but leaves the viewBox
# as it was, so -Gdpi=192 crops all but the top-left part of the picture
# and -Gdpi=48 leaves it small in a corner.
set -eu
. "$ROOT/tests/browser/lib.sh"
need_browser

G="$ROOT/graphs"
# name|input|options (shell words)
cat >cases.txt <<'CASES'
xi-putin|xi-putin|
cold-war|cold-war|
title|xi-putin|--title 'A title'
size-4|xi-putin|-G size=4,4
dpi-192|xi-putin|-Gdpi=192
dpi-48|xi-putin|-Gdpi=48
size-4-dpi-192|xi-putin|-Gdpi=192 -G size=4,4
size-30-fill|xi-putin|-G size=30,30!
neato|xi-putin|-K neato
cold-war-lr-clusters|cold-war|-Grankdir=LR --cluster-by country
CASES

{
	cat <<HTML
<!doctype html>
<html><head><meta charset="utf-8"><title>viewbox</title>
<style>body { margin: 8px; } .case { margin: 0 0 24px 0; }</style>
HTML
	page_script
	echo '</head><body>'
} >page.html

while IFS='|' read -r name input opts; do
	eval "set -- $opts"
	if ! "$RELGRAPH" "$G/$input" "$@" -Tsvg -o "$name.svg" 2>"$name.err" </dev/null; then
		no "$name: relgraph $input $opts failed: $(cat "$name.err")"
		continue
	fi
	args=$(printf '%s' "$input $opts" | sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g' -e 's/</\&lt;/g')
	echo "<div class=\"case\" data-name=\"$name\" data-args=\"$args\">" >>page.html
	svg_markup "$name.svg" >>page.html
	echo '</div>' >>page.html
done <cases.txt

cat >>page.html <<'HTML'
<script>
T.onload(function (T) {
	var TOL = 1, FILL = 2;
	var cases = document.querySelectorAll('.case');
	T.check(cases.length > 0, 'no case on the page');
	cases.forEach(function (c) {
		var name = c.dataset.name + ' (' + c.dataset.args.trim() + ')';
		var svg = c.querySelector('svg');
		if (!T.check(svg, name + ': no <svg>')) return;
		var box = svg.getBoundingClientRect();
		var shapes = svg.querySelectorAll('path, polygon, polyline, ellipse, circle, rect, line, text, image');
		var u = null, out = [];
		shapes.forEach(function (el) {
			var r = el.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) return;
			u = u ? { left: Math.min(u.left, r.left), top: Math.min(u.top, r.top),
				right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom) } : r;
			var over = Math.max(box.left - r.left, box.top - r.top, r.right - box.right, r.bottom - box.bottom);
			if (over > TOL) {
				var g = el.closest('g[id]');
				out.push(el.localName + ' in ' + (g ? g.id : '?') + ' by ' + over.toFixed(1) + 'px');
			}
		});
		if (!T.check(u, name + ': nothing drawn')) return;
		var f = function (v) { return v.toFixed(1); };
		T.info(name + ': svg ' + f(box.width) + 'x' + f(box.height) + ' px; drawing from (' +
			f(u.left - box.left) + ', ' + f(u.top - box.top) + ') to (' +
			f(u.right - box.left) + ', ' + f(u.bottom - box.top) + ')');
		var seen = (Math.min(u.right, box.right) - Math.max(u.left, box.left)) *
			(Math.min(u.bottom, box.bottom) - Math.max(u.top, box.top)) /
			((u.right - u.left) * (u.bottom - u.top));
		T.check(out.length === 0, name + ': cropped: ' + out.length + ' of ' + shapes.length +
			' shapes reach outside the ' + f(box.width) + 'x' + f(box.height) + ' px picture (' +
			Math.round(100 * Math.max(seen, 0)) + '% of the drawing shows), e.g. ' + out.slice(0, 4).join('; '));
		var fill = Math.max(FILL, 0.005 * box.width, 0.005 * box.height);
		var gap = Math.max(u.left - box.left, u.top - box.top, box.right - u.right, box.bottom - u.bottom);
		T.check(gap <= fill, name + ': the drawing does not fill the picture: it spans (' +
			f(u.left - box.left) + ', ' + f(u.top - box.top) + ')-(' + f(u.right - box.left) + ', ' +
			f(u.bottom - box.top) + ') of ' + f(box.width) + 'x' + f(box.height) + ' px');
	});
});
</script>
</body></html>
HTML

browser --virtual-time-budget=1000 --dump-dom "$(url page.html)" >dom.html ||
	no "Chromium could not load the page"
checked dom.html "viewbox"
exit $bad
