#!/bin/sh
# Output ready for a document: SVG with <title> and <desc>, a size that
# keeps the viewBox, no paths or times of the machine that made it; PNG
# at the resolution asked; PDF vector and cropped; HTML in one file.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# the width of a PNG, from its header
png_width() { od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }
png_colour_type() { od -An -tu1 -j25 -N1 "$1" | tr -d ' '; }

# an absolute path in, as a Makefile elsewhere would give it
"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tsvg -Tpng -Tpdf -Thtml -O
xmllint --noout xi-putin.svg || no "the SVG is not well-formed XML"
grep -q '^<title>xi-putin</title>$' xi-putin.svg || no "no <title> from the folder name"
grep -q '^<desc>14 nodes (agreement 5, country 4, leader 3, event 2) and 24 edges for 65 relations (met 42, signed 9, ' xi-putin.svg ||
	no "no <desc> with the counts: $(grep '<desc>' xi-putin.svg)"
for f in xi-putin.svg xi-putin.html xi-putin.pdf; do
	grep -q "$ROOT" "$f" && no "$f holds the path $ROOT"
	grep -q "$(date +%Y)" "$f" && no "$f holds this year, a time stamp?"
done
grep -q '/Subtype */Image' xi-putin.pdf && no "the PDF holds a bitmap"
# made for a 16 cm column: the SVG is 453.54 pt wide (or 22 cm high),
# its viewBox the whole drawing in proportion, the PDF's page the same
read_svg() { # prints "width height vbw vbh" of an SVG
	sed -n 's/^<svg width="\([0-9.]*\)pt" height="\([0-9.]*\)pt"$/\1 \2/p' "$1" | tr '\n' ' '
	sed -n 's/^ viewBox="[0-9.]* [0-9.]* \([0-9.]*\) \([0-9.]*\)".*/\1 \2/p' "$1"
}
set -- $(read_svg xi-putin.svg)
[ $# -eq 4 ] || no "the SVG's size and viewBox: $(grep -A1 '^<svg' xi-putin.svg)"
awk -v w="$1" -v h="$2" -v vw="$3" -v vh="$4" 'BEGIN {
	col = 16 / 2.54 * 72; tall = 22 / 2.54 * 72
	fit = (w > col - 0.1 && w < col + 0.1) || (h > tall - 0.1 && h < tall + 0.1)
	same = (w / h - vw / vh) ^ 2 < 0.0001
	exit !(fit && same) }' || no "the SVG is not a column wide, in proportion: $*"
pw=$(printf '%.0f' "$1") ph=$(printf '%.0f' "$2")
grep -aq "/MediaBox \[ 0 0 $pw $ph \]" xi-putin.pdf ||
	no "the PDF page is not the SVG's size ($pw x $ph): $(grep -a MediaBox xi-putin.pdf | head -n 1)"
vb="$3 $4"
# --page none: the drawing's own size
"$RELGRAPH" "$ROOT/graphs/xi-putin" --page none -o full.svg
set -- $(sed -n 's/^<svg width="\([0-9.]*\)pt" height="\([0-9.]*\)pt"$/\1 \2/p' full.svg)
[ "$1" -gt 453 ] 2>/dev/null || no "--page none: $(grep '^<svg' full.svg)"

# --title names the document
"$RELGRAPH" "$ROOT/graphs/xi-putin" --title 'Xi & Putin' -Tsvg -Thtml -O --outdir t
grep -q '^<title>Xi &amp; Putin</title>$' t/xi-putin.svg || no "--title: not the SVG's <title>"
grep -q '<title>Xi &amp; Putin</title>' t/xi-putin.html || no "--title: not the page's <title>"

# the displayed size, the viewBox kept
"$RELGRAPH" "$ROOT/graphs/xi-putin" --width 100% -o w.svg
grep -q '^<svg width="100%"$' w.svg || no "--width 100%: $(grep '^<svg' w.svg)"
grep -q "viewBox=\"0.00 0.00 $(echo $vb | sed 's/ / /')\"" w.svg || no "--width 100%: the viewBox changed"
"$RELGRAPH" "$ROOT/graphs/xi-putin" -Gsize=5,5 -o small.svg
xmllint --noout small.svg || no "-Gsize: not well-formed"

# PNG: --scale, --dpi, --width in pixels, transparent
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o one.png
"$RELGRAPH" "$ROOT/graphs/xi-putin" --scale 2 -o two.png
"$RELGRAPH" "$ROOT/graphs/xi-putin" --dpi 288 -o print.png
"$RELGRAPH" "$ROOT/graphs/xi-putin" --width 800 -o w800.png
w1=$(png_width one.png) w2=$(png_width two.png) w3=$(png_width print.png) w4=$(png_width w800.png)
[ $((w2 - 2 * w1)) -le 2 ] && [ $((2 * w1 - w2)) -le 2 ] || no "--scale 2: $w2 px, expected twice $w1"
[ $((w3 - 3 * w1)) -le 3 ] && [ $((3 * w1 - w3)) -le 3 ] || no "--dpi 288: $w3 px, expected three times $w1"
[ "$w4" -ge 799 ] && [ "$w4" -le 801 ] || no "--width 800: $w4 px"
"$RELGRAPH" "$ROOT/graphs/xi-putin" --transparent -Tpng -Tsvg -O --outdir clear
[ "$(png_colour_type clear/xi-putin.png)" = 6 ] || no "--transparent: the PNG has no alpha"
grep -A2 'class="graph"' clear/xi-putin.svg | grep -q '<polygon fill="white"' &&
	no "--transparent: the SVG has a background"
grep -A2 'class="graph"' xi-putin.svg | grep -q '<polygon fill="white"' ||
	no "without --transparent: the SVG has no white background"

# no -T: the format -o's name says, in any case; an unknown one is SVG,
# with a warning; -o - is standard output
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o named.pdf
head -c 5 named.pdf | grep -q '%PDF-' || no "-o named.pdf: not a PDF"
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o NAMED.PNG
[ "$(png_colour_type NAMED.PNG)" = 6 ] || no "-o NAMED.PNG: not a PNG"
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o named.drawing 2>err
grep -q '<svg' named.drawing || no "-o named.drawing: not SVG"
grep -q "^relgraph: warning: named.drawing: no format 'drawing'; writing SVG" err ||
	no "-o named.drawing: no warning: $(cat err)"
"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tsvg -o - >stdout.svg
[ ! -e ./- ] || no "-o - wrote a file named -"
cmp -s stdout.svg xi-putin.svg || no "-o -: not the SVG on standard output"

# a bitmap bigger than cairo draws: relgraph's warning, not cairo's.  One
# node 30 inches wide (with the pad, about 73,000 pixels at 2400 dpi, whatever
# the fonts) and so thin that the 32,000 pixels drawn instead take a
# second; the example graph at 2400 dpi is 32,000 by 14,896 and takes a
# minute.
mkdir wide
printf 'id\na\n' >wide/nodes.csv
"$RELGRAPH" wide --page none --no-legend -N fixedsize=true -N width=30 -N height=0.2 --dpi 2400 -o huge.png 2>err
grep -Eq '^relgraph: warning: the bitmap would be 7[0-9]{4} pixels wide' err || no "--dpi 2400: $(cat err)"
grep -q 'cairo-renderer' err && no "--dpi 2400: Graphviz's own message got through"
[ "$(png_width huge.png)" -le 32767 ] || no "--dpi 2400: $(png_width huge.png) px wide"
"$RELGRAPH" "$ROOT/graphs/xi-putin" --scale 0.1 -o tiny.png || no "--scale 0.1 refused"

# what makes no sense is a usage error
for args in "--width abc" "--width -5" "--dpi 0" "--scale x" "--height 10q\"" ; do
	rc=0
	# shellcheck disable=SC2086
	"$RELGRAPH" "$ROOT/graphs/xi-putin" $args -o x.svg 2>err || rc=$?
	[ "$rc" -eq 2 ] || no "$args: exit $rc, expected 2"
done
exit $bad
