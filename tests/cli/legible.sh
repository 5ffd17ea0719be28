#!/bin/sh
# Readable at any size: a network with no kinds is drawn with nodes sized
# by importance and coloured by community; its text is never below 6 pt
# on the page; a label that cannot be shown stays in the node's <title>
# and tooltip; a graph too big for the page is summarised, with a
# caption, and --all draws it whole; --color-by and --page do what they
# say; the same input gives the same bytes.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# the smallest text of an SVG as its page shows it: font-size times the
# displayed width over the viewBox's
min_pt() {
	awk '
	/^<svg width="/ { w = $0; sub(/^<svg width="/, "", w); sub(/pt".*/, "", w) }
	/viewBox="/ { v = $0; sub(/.*viewBox="/, "", v); split(v, b, " "); vw = b[3] }
	/font-size="/ {
		s = $0; sub(/.*font-size="/, "", s); sub(/".*/, "", s)
		if (min == "" || s + 0 < min) min = s + 0
	}
	END { printf "%.2f\n", min * w / vw }' "$1"
}
data_nodes() { grep -c '<g id="[^"]*" class="node [^l]' "$1" || true; }

# two groups of 12, each nearly all linked, one tie between them, and 280
# others on a chain from the first group: 304 entities, no kinds
mkdir big
awk 'BEGIN {
	print "source,target"
	for (g = 0; g < 2; g++)
		for (i = 0; i < 12; i++)
			for (j = i + 1; j < 12; j++)
				if ((i + j) % 5) print "g" g "n" i ",g" g "n" j
	print "g0n0,g1n0"
	print "g0n1,c0"
	for (i = 0; i < 279; i++) print "c" i ",c" i + 1
}' >big/edges.csv

"$RELGRAPH" big -v -o big.svg 2>err || no "exit $?: $(cat err)"
grep -q '^relgraph: summarised: drawing the 120 most important of 304 entities' err ||
	no "-v does not say it summarised: $(cat err)"
grep -q '>Showing the 120 most important of 304 entities' big.svg ||
	no "no caption in the image: $(grep -o '>Showing[^<]*' big.svg)"
[ "$(data_nodes big.svg)" -eq 120 ] || no "the summary drew $(data_nodes big.svg) nodes, expected 120"
pt=$(min_pt big.svg)
awk -v p="$pt" 'BEGIN { exit !(p >= 6) }' || no "the smallest text is $pt pt on a 16 cm column"
grep -q 'size: PageRank; colour: community (Leiden)' big.svg || no "the legend does not say what size and colour mean"
# the two groups: each of one colour, not the same
fill_of() { grep -A4 "<title>$1</title>" big.svg | grep -o 'fill="#[0-9A-Fa-f]*"' | head -n 1; }
[ "$(fill_of g0n3)" = "$(fill_of g0n7)" ] || no "one group in two colours: $(fill_of g0n3) $(fill_of g0n7)"
[ "$(fill_of g1n3)" = "$(fill_of g1n7)" ] || no "the other group in two colours"
[ "$(fill_of g0n3)" != "$(fill_of g1n3)" ] || no "the two groups share a colour: $(fill_of g0n3)"
# hubs look like hubs: g0n1, joined to the chain, is drawn bigger than c5
width_of() { grep -A6 "<title>$1</title>" big.svg | grep -o 'rx="[0-9.]*"' | head -n 1 | tr -dc '0-9.'; }
awk -v a="$(width_of g0n1)" -v b="$(width_of c5)" 'BEGIN { exit !(a > b) }' ||
	no "g0n1 ($(width_of g0n1)) is not drawn bigger than c5 ($(width_of c5))"
# a node whose label is left out keeps its name for a reader who points at it
hidden=$(awk '/<g id="[^"]*" class="node [^l]/ { g = 1; t = ""; text = 0; tip = 0 }
	g && /<title>/ { t = $0; sub(/.*<title>/, "", t); sub(/<\/title>.*/, "", t) }
	g && /<text/ { text = 1 }
	g && /xlink:title="/ { tip = 1 }
	g && /^<\/g>$/ { if (!text && tip && t != "") { print t; exit } g = 0 }' big.svg)
[ -n "$hidden" ] || no "no node drawn without its label kept its <title> and tooltip"

"$RELGRAPH" check big >out 2>err || no "check: exit $?"
grep -q 'note: a drawing shows the 120 most important of 304 entities' err ||
	no "check does not say what a drawing leaves out: $(cat err)"
"$RELGRAPH" big --all -o all.svg 2>err || no "--all: exit $?: $(cat err)"
[ "$(data_nodes all.svg)" -eq 304 ] || no "--all drew $(data_nodes all.svg) nodes, expected 304"
! grep -q '>Showing' all.svg || no "--all still has a caption"

"$RELGRAPH" big -o again.svg
cmp -s big.svg again.svg || no "two runs differ: communities or layout are not deterministic"

# --page slide: 25.4 cm wide or 14.29 cm high; the text still 6 pt
"$RELGRAPH" big --page slide -o slide.svg
grep -Eq '^<svg width="720.00pt"|height="405.00pt"' slide.svg || no "--page slide: $(grep '^<svg' slide.svg)"
pt=$(min_pt slide.svg)
awk -v p="$pt" 'BEGIN { exit !(p >= 6) }' || no "--page slide: the smallest text is $pt pt"
rc=0
"$RELGRAPH" big --page poster -o x.svg 2>err || rc=$?
[ "$rc" -eq 2 ] || no "--page poster: exit $rc"
grep -q "error: --page takes column, page, slide, square, none, not 'poster'" err || no "--page poster: $(cat err)"

# --color-by: a column's values, or the kinds (here one: one colour)
mkdir small
printf 'id,team\na,red\nb,red\nc,blue\nd,blue\n' >small/nodes.csv
printf 'source,target\na,b\nb,c\nc,d\nd,a\na,c\n' >small/edges.csv
"$RELGRAPH" small --color-by team -o team.svg
fills() { grep -A3 'class="node [^l]' "$1" | grep -o 'fill="#[0-9A-Fa-f]*"' | sort -u | wc -l; }
[ "$(fills team.svg)" -eq 2 ] || no "--color-by team: $(fills team.svg) colours, expected 2"
grep -q '>red<' team.svg && grep -q '>blue<' team.svg || no "--color-by team: the legend does not name the teams"
"$RELGRAPH" small --color-by kind -o kind.svg
[ "$(fills kind.svg)" -eq 1 ] || no "--color-by kind: $(fills kind.svg) colours, expected 1"
"$RELGRAPH" small --color-by nosuch -o x.svg 2>err
grep -q "warning: --color-by 'nosuch': no node has this field" err || no "--color-by nosuch: $(cat err)"

# the examples, drawn by dot, read at 6 pt on a column too
for g in xi-putin cold-war; do
	"$RELGRAPH" "$ROOT/graphs/$g" -o "$g.svg"
	pt=$(min_pt "$g.svg")
	awk -v p="$pt" 'BEGIN { exit !(p >= 6) }' || no "$g: the smallest text is $pt pt on a column"
done
exit $bad
