#!/bin/sh
# The legend is compact and says nothing a printed page cannot: at most
# 10% of the drawing's area (its box against the whole image: the
# examples on a column and on a slide, one left to right, and a graph of
# many relation kinds), in the drawing's type, and without Graphviz's shape
# names or web-only words (tooltip, hover, click).
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
MAX_SHARE=0.10

# share SVG: the legend's box (every group classed legend, or titled so)
# over the image's area, at the drawing's scale
share() {
	awk '
	/viewBox="/ { split($0, a, "viewBox=\""); split(a[2], v, /[ "]/); W = v[3]; H = v[4] }
	/class="graph"/ && /scale\(/ { split($0, a, "scale\\("); k = a[2] + 0 }
	/^<g id="[^"]*" class="(node|cluster|edge)/ { inl = /class="[^"]*legend/ }
	/^<title>[^<]*legend/ { inl = 1 }
	inl && /(points|d)="/ {
		s = $0; sub(/.*(points|d)="/, "", s); sub(/".*/, "", s)
		gsub(/[MCL]/, " ", s); n = split(s, p, /[ ,]+/)
		for (i = 1; i < n; i += 2) {
			if (p[i] == "" || p[i + 1] == "") { i--; continue }
			x = p[i] + 0; y = p[i + 1] + 0
			if (!seen++ || x < x0) x0 = x; if (seen == 1 || x > x1) x1 = x
			if (seen == 1 || y < y0) y0 = y; if (seen == 1 || y > y1) y1 = y
		}
	}
	END { if (!k) k = 1; printf "%.3f\n", seen ? (x1 - x0) * (y1 - y0) * k * k / (W * H) : 0 }' "$1"
}
legend_words() {
	# the legend's texts: those in groups classed legend or titled so
	awk '/^<g id="[^"]*" class="(node|cluster|edge)/ { inl = /class="[^"]*legend/ }
	/^<title>[^<]*legend/ { inl = 1 }
	inl && /<text/ { s = $0; sub(/<\/text>.*/, "", s); sub(/.*>/, "", s); print s }' "$1"
}
check() { # NAME SVG
	s=$(share "$2")
	awk -v s="$s" -v m="$MAX_SHARE" 'BEGIN { exit !(s > 0 && s <= m) }' ||
		no "$1: the legend takes $s of the image (at most $MAX_SHARE)"
	legend_words "$2" >"$1.words"
	[ -s "$1.words" ] || no "$1: no legend text found"
	if grep -Eiw 'ellipse|box|note|hexagon|component|octagon|point|plaintext|tooltips?|hover|click' "$1.words" >bad.txt; then
		no "$1: the legend says: $(tr '\n' '|' <bad.txt)"
	fi
	grep -q 'font-family="Helvetica,Arial,sans-serif"' "$2" || no "$1: not in the drawing's type"
}

for g in cold-war xi-putin; do
	"$RELGRAPH" "$ROOT/graphs/$g" -Tsvg >"$g.svg"
	check "$g" "$g.svg"
	# a slide's page is wide: dot draws it top to bottom, unnarrowed
	"$RELGRAPH" "$ROOT/graphs/$g" -Tsvg --page slide >"$g-slide.svg"
	check "$g-slide" "$g-slide.svg"
done
"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tsvg -G rankdir=LR >xi-putin-lr.svg
check xi-putin-lr xi-putin-lr.svg
# many relation kinds: the ones past the theme share one line
mkdir -p kinds
printf 'name,kind\n' >kinds/people.csv
printf 'source,target,kind\n' >kinds/edges.csv
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'p%s,person\nq%s,organization\n' "$i" "$i" >>kinds/people.csv
	printf 'p%s,q%s,kind%s\np%s,p1,knows\n' "$i" "$i" "$i" "$i" >>kinds/edges.csv
done
"$RELGRAPH" kinds -Tsvg >kinds.svg
check kinds kinds.svg
exit $bad
