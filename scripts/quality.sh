#!/bin/sh
# scripts/quality.sh [RELGRAPH]: how relgraph's default pictures come out,
# measured. Draws each input below with default options, as SVG and as
# PNG, times both, measures the pictures and writes docs/QUALITY.md and the
# contact sheet docs/images/quality-sheet.png. `make quality` runs it; it is
# not part of `make check`, and it fails only when something breaks, never
# on a missed target.
#
# Environment: REALDATA (the shared real data sets, read in place; default
# ../shared/realdata beside the repository, skipped with a note when
# missing), TOOLS (picture.py and overlaps.py; default ../shared/tools),
# TIMEOUT (seconds a drawing may take, default 120), RUNS (SVG drawings
# timed, the fastest kept; default 3), PYTHON (default
# Debian's /usr/bin/python3, which python3-pil serves).
set -u

here=$(pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-build/relgraph}
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$2" "$1" ;; esac; }
BIN=$(abs "$BIN" "$here")
# shown in docs/QUALITY.md as given
realdata_shown=${REALDATA:-../shared/realdata}
REALDATA=$(abs "$realdata_shown" "$([ -n "${REALDATA:-}" ] && echo "$here" || echo "$ROOT")")
TOOLS=$(abs "${TOOLS:-../shared/tools}" "$([ -n "${TOOLS:-}" ] && echo "$here" || echo "$ROOT")")
TIMEOUT=${TIMEOUT:-120}
RUNS=${RUNS:-3}
cd "$ROOT" || exit 3
PYTHON=${PYTHON:-/usr/bin/python3}
[ -x "$PYTHON" ] || PYTHON=python3
MEASURE="$PYTHON scripts/quality_measure.py"

for f in "$BIN" "$TOOLS/picture.py" "$TOOLS/overlaps.py"; do
	[ -e "$f" ] || { echo "quality: $f is missing" >&2; exit 3; }
done
"$PYTHON" -c 'import PIL' 2>/dev/null ||
	{ echo "quality: python3-pil is missing (make quality installs it)" >&2; exit 3; }

W=$(mktemp -d "${TMPDIR:-/tmp}/relgraph-quality.XXXXXX") || exit 3
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT TERM
start=$(date +%s)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
# the commit measured; this script's own outputs do not make it a changed tree
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':!docs/QUALITY.md' ':!docs/images/quality-sheet.png' 2>/dev/null ||
	commit="$commit (with uncommitted changes)"
rows=$W/rows.tsv
: >"$rows"
: >"$W/sheet"

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# the value of KEY in a line of KEY=VALUE words
kv() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# the first error relgraph gave, without relgraph's prefix and the folders
first_error() {
	sed -n 's/^relgraph: \(.*\/\)\{0,1\}\([^/]*\):[0-9]*:[0-9]*: error: \([^(:]*[^(: ]\).*/\2: \3/p;
		s/^relgraph: error: \([^(:]*[^(: ]\).*/\1/p' "$1" | head -1
}

# draw NAME NOTE TIME_TARGET INPUT-AND-OPTIONS...: one row of the table
n=0
draw() {
	name=$1 note=$2 target=$3
	shift 3
	n=$((n + 1))
	o=$W/out/$n
	mkdir -p "$o"
	echo "quality: $name" >&2
	# the SVG's time is the fastest of RUNS, so that a busy moment on the
	# machine weighs less; a drawing that fails or takes over 30 s runs once
	s="" i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(date +%s.%N)
		timeout "$TIMEOUT" "$BIN" "$@" -v -o "$o/a.svg" 2>"$o/err"
		rc=$?
		t=$(secs "$t0" "$(date +%s.%N)")
		if [ -z "$s" ] || awk -v a="$t" -v b="$s" 'BEGIN { exit !(a < b) }'; then
			s=$t
		fi
		[ $rc -eq 0 ] && awk -v a="$t" 'BEGIN { exit !(a < 30) }' || break
		i=$((i + 1))
	done
	if [ $rc -eq 124 ]; then
		status=timeout
	elif [ $rc -ne 0 ]; then
		status="exit $rc: $(first_error "$o/err")"
	else
		status=ok
	fi
	if [ "$status" != ok ]; then
		printf '%s\t%s\t%s\t\t\t%s\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t%s\n' \
			"$name" "$note" "$status" "$s" "$target" >>"$rows"
		return
	fi
	t0=$(date +%s.%N)
	timeout "$TIMEOUT" "$BIN" "$@" -q -o "$o/a.png" 2>/dev/null
	rc=$?
	ps=$(secs "$t0" "$(date +%s.%N)")
	pw="" ph="" pb=""
	if [ $rc -eq 0 ]; then
		p=$($MEASURE png "$o/a.png")
		pw=$(kv width "$p") ph=$(kv height "$p") pb=$(wc -c <"$o/a.png" | tr -d ' ')
		printf '%s=%s\n' "$name" "$o/a.png" >>"$W/sheet"
	elif [ $rc -eq 124 ]; then
		ps="timeout"
	else
		ps="exit $rc"
	fi
	pic=$("$PYTHON" "$TOOLS/picture.py" "$o/a.svg" 16)
	ov=$("$PYTHON" "$TOOLS/overlaps.py" "$o/a.svg" | cut -d' ' -f1)
	m=$($MEASURE svg "$o/a.svg")
	engine=$(sed -n 's/^relgraph: layout .* MB peak  *//p' "$o/err" | head -1)
	summ=no
	grep -qi 'summari' "$o/err" && summ=yes
	printf '%s\t' "$name" "$note" ok "$(kv nodes "$m")" "$(kv edges "$m")" "$s" "$ps" \
		"$engine" "$(kv aspect "$pic")" "$(kv minpt "$pic")" "$(kv legend "$pic")" "$ov" \
		"$(kv labels "$m")" "$(kv crossed "$m")" "$(kv paths "$m")" "$(kv under "$m")" \
		"$pw" "$ph" "$pb" "$summ" >>"$rows"
	printf '%s\n' "$target" >>"$rows"
}

# --- the inputs

draw "xi-putin" "" - graphs/xi-putin
draw "cold-war" "" - graphs/cold-war

R=$REALDATA
if [ -d "$R" ]; then
	a=$R/asoiaf
	draw "asoiaf book 1" "nodes + edges" - "$a/asoiaf-book1-nodes.csv" "$a/asoiaf-book1-edges.csv"
	draw "asoiaf all" "nodes + edges" 2 "$a/asoiaf-all-nodes.csv" "$a/asoiaf-all-edges.csv"
	draw "asoiaf all --min-weight 20" "" - "$a/asoiaf-all-nodes.csv" "$a/asoiaf-all-edges.csv" \
		--min-weight 20
	draw "asoiaf book 5" "edges alone" - "$a/asoiaf-book5-edges.csv"
	draw "trumpworld" "" 3 "$R/trumpworld/trumpworld.csv"
	draw "trumpworld --only person" "" - "$R/trumpworld/trumpworld.csv" --only person
	draw "lesmis" "lesmis.csv" - "$R/lesmis/lesmis.csv"
	draw "lesmis-el + lesmis-nl" "as they are" - "$R/lesmis/lesmis-el.csv" "$R/lesmis/lesmis-nl.csv"
	# lesmis-nl.csv's header is "Character1","Size": renamed id,size
	mkdir -p "$W/lesmis"
	sed '1s/.*/id,size/' "$R/lesmis/lesmis-nl.csv" >"$W/lesmis/lesmis-nl.csv"
	draw "lesmis-el + lesmis-nl, converted" "nl header renamed id,size" - \
		"$R/lesmis/lesmis-el.csv" "$W/lesmis/lesmis-nl.csv"
	draw "cow" "as they are: alliances + states" - \
		"$R/cow/alliance_v4.1_by_member.csv" "$R/cow/states2016.csv"
	# one agreement per alliance (bench/cow.awk groups the member rows by
	# version4id), one country per state with its first and last year
	mkdir -p "$W/cow"
	awk -f bench/cow.awk "$R/cow/alliance_v4.1_by_member.csv" >"$W/cow/agreements.csv"
	awk -F, 'NR > 1 {
			sub(/\r$/, "")
			if (!($3 in s)) { o[++k] = $3; s[$3] = $4 }
			e[$3] = $7
		}
		END { print "name,start,end"; for (i = 1; i <= k; i++) print o[i] "," s[o[i]] "," e[o[i]] }' \
		"$R/cow/states2016.csv" >"$W/cow/countries.csv"
	draw "cow, converted" "agreements + countries" - "$W/cow"
	draw "cow, converted, --from 1945 --to 1991" "" - "$W/cow" --from 1945 --to 1991
	draw "world-leaders" "as it is" - "$R/world-leaders/wikidata.csv"
	# one leader row per office held: name, country, role, years; only the
	# officeholder's name is ever quoted, so it is the fields between the
	# fifth comma and the last two
	mkdir -p "$W/world-leaders"
	awk 'NR == 1 { print "name,country,role,start,end"; next }
		{
			sub(/\r$/, "")
			n = split($0, f, ",")
			name = f[6]
			for (i = 7; i <= n - 2; i++) name = name "," f[i]
			print name "," f[2] "," f[4] "," f[n - 1] "," f[n]
		}' "$R/world-leaders/wikidata.csv" >"$W/world-leaders/leaders.csv"
	draw "world-leaders, converted" "leaders.csv" - "$W/world-leaders"
	realnote="Real data read in place from \`$realdata_shown\`."
else
	realnote="**Real data skipped: no \`$realdata_shown\`** (set REALDATA)."
fi

# generated shapes of graph that are hard to draw well
g=$W/gen
mkdir -p "$g/star" "$g/chain" "$g/grid" "$g/clusters" "$g/isolated"
awk 'BEGIN { print "from,to"; for (i = 1; i <= 300; i++) print "hub,leaf" i }' >"$g/star/edges.csv"
awk 'BEGIN { print "from,to"; for (i = 1; i < 200; i++) print "n" i ",n" i + 1 }' >"$g/chain/edges.csv"
awk 'BEGIN {
	print "from,to"
	for (r = 1; r <= 12; r++)
		for (c = 1; c <= 12; c++) {
			if (c < 12) print "r" r "c" c ",r" r "c" c + 1
			if (r < 12) print "r" r "c" c ",r" r + 1 "c" c
		}
}' >"$g/grid/edges.csv"
awk 'BEGIN {
	print "from,to"
	for (k = 1; k <= 2; k++)
		for (i = 1; i <= 16; i++)
			for (j = i + 1; j <= 16; j++) print k "-" i "," k "-" j
	print "1-1,2-1"
}' >"$g/clusters/edges.csv"
awk 'BEGIN { print "id"; for (i = 1; i <= 500; i++) print "alone" i; for (i = 1; i <= 12; i++) print "core" i }' \
	>"$g/isolated/nodes.csv"
awk 'BEGIN {
	print "from,to"
	for (i = 1; i <= 12; i++) print "core" i ",core" i % 12 + 1
	for (i = 1; i <= 6; i++) print "core" i ",core" i + 6
}' >"$g/isolated/edges.csv"
draw "star" "1 hub, 300 leaves" - "$g/star"
draw "chain" "200 nodes" - "$g/chain"
draw "grid" "12 × 12" - "$g/grid"
draw "two clusters" "2 × 16 all linked, 1 edge between" - "$g/clusters"
draw "isolated" "500 alone + a core of 12" - "$g/isolated"

# --- the contact sheet and the page

mkdir -p docs/images
$MEASURE sheet "$W/sheet.png" "$W/sheet" || exit 3
mv "$W/sheet.png" docs/images/quality-sheet.png

notes=$(sed -n '/^<!-- notes:/,/^<!-- end of notes -->/p' docs/QUALITY.md 2>/dev/null)
[ -n "$notes" ] || notes='<!-- notes: written by hand after looking at the sheet; scripts/quality.sh keeps this block -->
(Nobody has looked at these pictures yet.)
<!-- end of notes -->'
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
took=$(($(date +%s) - start))

{
	cat <<EOF
# How relgraph's default pictures come out

\`make quality\` draws the inputs below with relgraph's **default options**
(\`relgraph INPUT... -o x.svg\`, then the same with \`-o x.png\`), times
both, and measures the pictures; scripts/quality.sh writes this page and
[the contact sheet](images/quality-sheet.png). Run it by hand after a
change to the picture and compare; it is not part of \`make check\`, and
the figures are what they are: a ✗ marks one that misses its target.

| column | what it is | target |
|---|---|---|
| nodes, edges | \`<g class="node …">\` and \`<g class="edge …">\` groups in the SVG, the legend's left out | |
| s (SVG), s (PNG) | wall-clock seconds of a whole run of relgraph, one run for each format (each lays the graph out); the SVG's is the fastest of $RUNS runs | trumpworld ≤ 3 s, asoiaf all ≤ 2 s (SVG) |
| layout | what \`-v\`'s layout line says: the engine \`-K auto\` chose, and what it did | |
| aspect | width / height of the drawing | 0.5 – 2.2 |
| min pt | the smallest text, in points, once the drawing is scaled to fit a 16 × 22 cm text column (\`picture.py FILE.svg 16\`) | ≥ 6 |
| legend | share of the picture's area the legend's box takes (\`picture.py\`) | ≤ 10% |
| label overlaps | pairs of text labels whose boxes overlap, real font widths (\`overlaps.py\`) | 0 |
| edge labels crossed | edge labels whose text box another edge's path crosses / edge labels drawn | |
| edges under other nodes | share of edges whose path passes under a node that is not one of its two ends: the path (its Bézier curves as a fine polyline) enters the node shape's bounding box shrunk by a tenth of its size on each side | ≤ 5% up to 200 nodes, ≤ 20% above |
| PNG px, PNG KB | the default PNG's size (96 dpi) | |
| summarised | whether relgraph said (\`-v\`) it drew a summary instead of every node | |

The last two measures are scripts/quality_measure.py's; picture.py and
overlaps.py are the project's shared picture tools. $realnote Data that
relgraph does not read as it is gets a row as it is (the error) and one
converted by the script, in a temporary folder:

- lesmis-el + lesmis-nl: the edge list (\`Character1,Character2,Weight\`) is
  read as it is; the node list's header \`"Character1","Size"\` is renamed
  \`id,size\` (one \`sed\`).
- cow: \`alliance_v4.1_by_member.csv\` (one row per member) as one
  \`agreements.csv\` row per alliance, members grouped by \`version4id\` into
  \`parties\`, with start and end dates and the type (bench/cow.awk);
  \`states2016.csv\` as \`countries.csv\`: \`name,start,end\` with each state's
  first and last year (six lines of awk).
- world-leaders: \`wikidata.csv\` as \`leaders.csv\`
  (\`name,country,role,start,end\`), so each leader gets a \`leads\` edge to
  a country (awk).
- Generated: a star, a chain, a 12 × 12 grid, two cliques of 16 joined by
  one edge, and 500 nodes without edges beside a core of 12 (awk).

Machine: $(nproc) cores, ${cpu:-unknown CPU}; relgraph at commit $commit
($("$BIN" -V 2>&1 | head -1 | tr -d '\n')); $(date -u +%Y-%m-%d); load average
at the start ${load:-unknown} (other work on the machine slows the times); the whole run took ${took} s.

EOF
	$MEASURE table "$rows"
	cat <<EOF

![Every default PNG above, scaled down](images/quality-sheet.png)

## What a person sees

$notes
EOF
} >"$W/QUALITY.md" || exit 3
mv "$W/QUALITY.md" docs/QUALITY.md
echo "quality: docs/QUALITY.md, docs/images/quality-sheet.png (${took} s)" >&2
