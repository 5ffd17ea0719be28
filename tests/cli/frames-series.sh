#!/bin/sh
# --frames for documents and slides: cut to --from/--to; a series past 100
# frames asked for by --max-frames; every frame of one size (SVG, PNG,
# PDF) with its period as a caption; -Tgif one looping animated GIF, the
# same bytes every run; -Thtml one page with a time slider and nothing to
# fetch.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
XI=$ROOT/graphs/xi-putin

# 1. The months of 2023 only, the years 2015 to 2019 only.
mkdir months years
(cd months && "$RELGRAPH" "$XI" --frames month --from 2023 --to 2023-12 -O)
got=$(ls months | tr '\n' ' ')
want=""
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do want="${want}xi-putin-2023-$m.svg "; done
[ "$got" = "$want" ] || no "--frames month --from 2023 --to 2023-12 wrote: $got"
(cd years && "$RELGRAPH" "$XI" --frames year --from 2015 --to 2019 -Tpng -O)
got=$(ls years | tr '\n' ' ')
[ "$got" = "xi-putin-2015.png xi-putin-2016.png xi-putin-2017.png xi-putin-2018.png xi-putin-2019.png " ] ||
	no "--frames year --from 2015 --to 2019 wrote: $got"

# 2. cold-war by month is 504 frames: refused with the count and the
# option that allows it, nothing written; allowed with --max-frames.
mkdir many
rc=0
(cd many && "$RELGRAPH" "$ROOT/graphs/cold-war" --frames month -O) >out 2>err || rc=$?
[ "$rc" -eq 2 ] || no "504 frames without --max-frames: exit $rc, expected 2"
grep -q "504 frames" err || no "the refusal does not name the count: $(cat err)"
grep -q -- "--max-frames 504" err || no "the refusal does not name --max-frames: $(cat err)"
[ -z "$(ls many)" ] || no "the refused series wrote files: $(ls many | head -n 3)"
(cd many && "$RELGRAPH" "$ROOT/graphs/cold-war" --frames month --max-frames 504 -O)
[ "$(ls many | wc -l)" -eq 504 ] || no "--max-frames 504 wrote $(ls many | wc -l) frames, expected 504"
rc=0
"$RELGRAPH" "$XI" --max-frames 5 -o x.svg 2>err || rc=$?
[ "$rc" -eq 2 ] || no "--max-frames without --frames: exit $rc, expected 2"

# 3. One size for every frame: this edge's label sticks out of the union's
# drawing in 2021 only, which made that frame wider than the others.
mkdir -p wide/in
cat >wide/in/edges.csv <<'CSV'
from,to,relation,date,label
Alice,Bob,met,2020,x
Bob,Carol,met,2021,a very very long label that sticks out of the drawing on the right side
Carol,Dave,met,2022,
Alice,Dave,met,2022,
CSV
(cd wide && "$RELGRAPH" in --frames year -Tsvg -Tpng -Tpdf -O)
[ "$(ls wide/in-*.svg | wc -l)" -eq 3 ] || no "wide: $(ls wide | tr '\n' ' ')"
for f in wide/in-*.svg months/*.svg; do
	printf '%s ' "${f%/*}"
	grep -o '<svg width="[^"]*" height="[^"]*"' "$f" | tr '\n' ' '
	grep -o 'viewBox="[^"]*"' "$f"
done | sort -u >svg-sizes
[ "$(wc -l <svg-sizes)" -eq 2 ] || no "frames of one series differ in SVG size:
$(cat svg-sizes)"
png_size() { od -An -tu1 -j16 -N8 "$1" | tr -s ' ' | sed 's/^ //'; }
for f in wide/in-*.png; do png_size "$f"; done | sort -u >png-sizes
[ "$(wc -l <png-sizes)" -eq 1 ] || no "frames differ in PNG size: $(cat png-sizes)"
for f in years/*.png; do png_size "$f"; done | sort -u >png-sizes
[ "$(wc -l <png-sizes)" -eq 1 ] || no "xi-putin's frames differ in PNG size: $(cat png-sizes)"
for f in wide/in-*.pdf; do grep -a -o '/MediaBox \[[^]]*\]' "$f"; done | sort -u >pdf-sizes
[ "$(wc -l <pdf-sizes)" -eq 1 ] || no "frames differ in PDF page: $(cat pdf-sizes)"

# 4. Each frame carries its period, in words.
grep -q '>May 2023</text>' months/xi-putin-2023-05.svg || no "no caption 'May 2023' in the May frame"
grep -q '>2021</text>' wide/in-2021.svg || no "no caption '2021' in the 2021 frame"
"$RELGRAPH" "$XI" --frames 2022-02-24,2023 --title "Xi and Putin" -o day.svg
grep -q '>Xi and Putin &#8212; 24 February 2022</text>' day-2022-02-24.svg ||
	grep -q '>Xi and Putin — 24 February 2022</text>' day-2022-02-24.svg ||
	no "no caption '24 February 2022' in day-2022-02-24.svg: $(grep -o '<text[^>]*>[^<]*Putin[^<]*' day-2022-02-24.svg | head -n 2)"

# A node drawn in one frame is not hidden in a later one: Henry Kissinger,
# in 1950 by an undated relation, is faded in 1962, not gone.
"$RELGRAPH" "$ROOT/graphs/cold-war" --frames 1950,1962 -o cw.svg
grep -q 'id="Henry&#45;Kissinger" class="node' cw-1950.svg || no "Kissinger is not drawn in 1950"
grep -q 'id="Henry&#45;Kissinger" class="node faded"' cw-1962.svg ||
	no "Kissinger, drawn in 1950, is not faded in 1962: $(grep -o 'id="Henry[^"]*" class="[^"]*"' cw-1962.svg)"

# 5. -Tgif: one file, one image per year with its delay, looping.  The
# blocks walked: extensions (0x21 label, sub-blocks), images (0x2C, a
# descriptor, a local palette, sub-blocks), the trailer (0x3B).
gif_blocks() {
	od -An -v -tu1 "$1" | tr -s ' ' '\n' | sed '/^$/d' | awk '
	{ b[n++] = $1 + 0 }
	function subblocks() { while (b[i] != 0) i += b[i] + 1; i++ }
	END {
		i = 13
		if (b[10] >= 128) i += 3 * 2 ^ (b[10] % 8 + 1)
		while (i < n) {
			if (b[i] == 59) { print "trailer"; exit }
			if (b[i] == 33) {
				if (b[i + 1] == 249) print "delay", b[i + 4] + 256 * b[i + 5]
				if (b[i + 1] == 255) print "app", sprintf("%c%c%c%c%c%c%c%c", b[i+3], b[i+4], b[i+5], b[i+6], b[i+7], b[i+8], b[i+9], b[i+10])
				i += 2; subblocks(); continue
			}
			if (b[i] == 44) {
				print "image"
				f = b[i + 9]; i += 10
				if (f >= 128) i += 3 * 2 ^ (f % 8 + 1)
				i++; subblocks(); continue
			}
			print "bad block", b[i], "at", i; exit
		}
		print "no trailer"
	}'
}
mkdir gif gif2
(cd gif && "$RELGRAPH" "$XI" --frames year -Tgif -O)
(cd gif2 && "$RELGRAPH" "$XI" --frames year -Tgif -O --delay 0.5)
[ "$(ls gif)" = "xi-putin.gif" ] || no "-Tgif --frames wrote: $(ls gif | tr '\n' ' ')"
head -c 6 gif/xi-putin.gif | grep -q GIF89a || no "xi-putin.gif is not a GIF89a"
gif_blocks gif/xi-putin.gif >blocks
[ "$(grep -c '^image$' blocks)" -eq 11 ] || no "the GIF holds $(grep -c '^image$' blocks) images, expected 11 (2013 to 2023)"
[ "$(grep -c '^delay 100$' blocks)" -eq 11 ] || no "the GIF's delays are not 11 of 1 s: $(grep delay blocks | sort | uniq -c)"
grep -q '^app NETSCAPE$' blocks || no "the GIF does not loop (no NETSCAPE2.0 extension)"
[ "$(tail -n 1 blocks)" = trailer ] || no "the GIF's blocks end in: $(tail -n 1 blocks)"
[ "$(gif_blocks gif2/xi-putin.gif | grep -c '^delay 50$')" -eq 11 ] || no "--delay 0.5 did not give 50 hundredths"
mkdir again
(cd again && "$RELGRAPH" "$XI" --frames year -Tgif -O)
cmp -s gif/xi-putin.gif again/xi-putin.gif || no "the GIF differs between two runs"

# 6. -Thtml: one page, a frame per slice with its caption, a slider, and
# no URL but XML namespace names.
(cd gif && "$RELGRAPH" "$XI" --frames year --from 2020 -Thtml -Tsvg -O)
[ -s gif/xi-putin.html ] || no "-Thtml --frames wrote no xi-putin.html"
[ "$(grep -c '<figure class="rg-frame"' gif/xi-putin.html)" -eq 4 ] ||
	no "the page holds $(grep -c '<figure class="rg-frame"' gif/xi-putin.html) frames, expected 4 (2020 to 2023)"
[ "$(grep -c '<svg' gif/xi-putin.html)" -eq 4 ] || no "the page does not hold 4 SVGs"
grep -q 'data-caption="2022"' gif/xi-putin.html || no "no frame captioned 2022 in the page"
grep -q '<input type="range" id="rg-slider" min="0" max="3"' gif/xi-putin.html || no "no slider over the 4 frames"
[ -s gif/xi-putin-2023.svg ] || no "-Thtml -Tsvg: the SVG frames were not written too"
grep -oE 'https?://[^"'\''<> )]*' gif/xi-putin.html | sort -u |
	grep -vxE 'http://www\.w3\.org/(2000/svg|1999/xlink|1999/xhtml|XML/1998/namespace)' >foreign || true
[ ! -s foreign ] || no "the page refers to: $(cat foreign)"
grep -qiE '<(link|img|iframe)|<script [^>]*src=' gif/xi-putin.html && no "the page loads something from outside"
exit $bad
