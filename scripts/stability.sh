#!/bin/sh
# scripts/stability.sh [RELGRAPH]: how far a one-row edit moves a drawing,
# laid out afresh and from its layout memory (README, "Layout memory").
# For each data set it draws the original (writing its memory), then
# makes each edit in a temporary folder and draws it twice: --fresh
# --no-memory, and from the original's memory.  Prints a Markdown table:
# the median and largest move of the nodes common to both drawings, as a
# share of the diagonal (stability.py), whether drawing the edit again
# from its own memory gives the same bytes, and the edited drawing's
# overlapping labels (overlaps.py) and aspect (picture.py).
# `make stability` runs it; docs/QUALITY.md keeps its table.
set -eu
R=${1:-build/relgraph}
R=$(cd "$(dirname "$R")" && pwd)/$(basename "$R")
ROOT=$(pwd)
REAL=${REALDATA:-$ROOT/../shared/realdata}
TOOLS=${TOOLS:-$ROOT/../shared/tools}
PY=${PYTHON:-/usr/bin/python3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

# set_up NAME FILE...: the set's original, a folder of the files given
# (CR-only line ends made LF, so that rows can be edited by line), drawn
# with the options in $ARGS (words as the shell reads them)
ARGS=
draw() {
	eval "set -- $ARGS \"\$@\""
	"$R" -q "$@"
}
set_up() {
	name=$1
	shift
	mkdir -p "$T/$name/base"
	for f in "$@"; do
		tr '\r' '\n' <"$f" >"$T/$name/base/$(basename "$f")"
		# a last line without its newline
		[ -z "$(tail -c 1 "$T/$name/base/$(basename "$f")")" ] ||
			echo >>"$T/$name/base/$(basename "$f")"
	done
	draw "$T/$name/base" -o "$T/$name/base.svg"
}

# fig A B: "median / max" of stability.py, in % of the diagonal
fig() {
	"$PY" "$TOOLS/stability.py" "$1" "$2" |
		awk '{ printf "%.1f / %.1f", $1 * 100, $2 * 100 }'
}

# edit NAME WHAT: the folder $T/NAME/WHAT, made by the commands on stdin
# run in it, is drawn and measured; prints one row of the table
measure() {
	name=$1 what=$2
	d=$T/$name/$what
	draw "$d" --no-memory -o "$d-fresh.svg"
	cp "$T/$name/base.layout" "$d.layout"
	draw "$d" -o "$d.svg"
	cp "$d.svg" "$d-1.svg"
	draw "$d" -o "$d.svg"
	cmp -s "$d.svg" "$d-1.svg" && again=yes || again=NO
	over=$("$PY" "$TOOLS/overlaps.py" "$d.svg" | awk 'NR == 1 { print $1 }')
	pic=$("$PY" "$TOOLS/picture.py" "$d.svg")
	aspect=$(printf '%s\n' "$pic" | sed -n 's/.*aspect=\([0-9.]*\).*/\1/p')
	legend=$(printf '%s\n' "$pic" | sed -n 's/.*legend=\([0-9.]*\).*/\1/p' |
		awk '{ printf "%.0f%%", $1 * 100 }')
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$what" \
		"$(fig "$T/$name/base.svg" "$d-fresh.svg")" "$(fig "$T/$name/base.svg" "$d.svg")" \
		"$again" "$over" "$aspect" "$legend"
}

# edits NAME FILE REL NODE RM_FILE RM [DATE_FILE DATE_SED]: adds the row
# REL, or NODE, to FILE; removes from RM_FILE line RM (a number) or the
# first line holding the text RM; edits DATE_FILE with sed's DATE_SED
edits() {
	name=$1 file=$2 rel=$3 node=$4 rmfile=$5 rmline=$6
	for what in "add a relation" "add a node" "remove a relation" "change a date"; do
		[ "$what" != "change a date" ] || [ $# -ge 8 ] || continue
		d="$T/$name/$what"
		cp -r "$T/$name/base" "$d"
		case $what in
		"add a relation") printf '%s\n' "$rel" >>"$d/$file" ;;
		"add a node") printf '%s\n' "$node" >>"$d/$file" ;;
		"remove a relation")
			awk -v at="$rmline" '!gone && (FNR == at || index($0, at)) { gone = 1; next } 1' \
				"$d/$rmfile" >"$d/rm.tmp"
			mv "$d/rm.tmp" "$d/$rmfile"
			;;
		"change a date") sed -i "$8" "$d/$7" ;;
		esac
		measure "$name" "$what"
	done
}

cat <<'HEAD'
# Stable layouts across edits

`make stability` (scripts/stability.sh) writes this page. Each data set
is drawn with its default options (`-o base.svg`, which keeps
`base.layout`); then each one-row edit is made in a temporary folder and
drawn twice: afresh (`--no-memory`) and from the original's layout
memory. The figures are how far the nodes present in both drawings moved
(stability.py: node centres, each drawing scaled to its own diagonal),
median / largest, in % of the diagonal. Target with the memory: median
≤ 2%, largest ≤ 10%, with no overlapping labels (overlaps.py) and the
page's aspect (picture.py, 0.5 – 2.2) and a legend of at most 10% of
the picture (picture.py). "again identical": drawing the
edit once more, from the memory it wrote, gives the same bytes.

The sets: the two examples (graphs/; xi-putin-boxes is xi-putin with
`--cluster-by country`), Les Misérables (lesmis.csv),
A Song of Ice and Fire book 1 with `--all` (187 nodes, sfdp) and
TrumpWorld `--all --focus 'DONALD J. TRUMP'` (121 nodes, neato), from
../shared/realdata. Only the examples have dates to change.

HEAD
echo "| set | edit | fresh: median / max % | memory: median / max % | again identical | overlaps | aspect | legend |"
echo "|---|---|---|---|---|---|---|---|"
set_up xi-putin graphs/xi-putin/*.csv
edits xi-putin meetings.csv \
	"2023-03,,Xi Jinping;Volodymyr Zelensky,,phone,,,edit" \
	"2023-03,,Vladimir Putin;Narendra Modi,Moscow,in-person,,,edit" \
	edges.csv 2 meetings.csv 's/^2014-11,/2015-11,/'
ARGS="--cluster-by country"
set_up xi-putin-boxes graphs/xi-putin/*.csv
edits xi-putin-boxes meetings.csv \
	"2023-03,,Xi Jinping;Volodymyr Zelensky,,phone,,,edit" \
	"2023-03,,Vladimir Putin;Narendra Modi,Moscow,in-person,,,edit" \
	edges.csv 2 meetings.csv 's/^2014-11,/2015-11,/'
ARGS=
set_up cold-war graphs/cold-war/*.csv
edits cold-war meetings.csv \
	"1972,Mao Zedong;Henry Kissinger,Beijing,in-person,,,edit" \
	"1972,Mao Zedong;Richard Nixon,Beijing,in-person,,,edit" \
	edges.csv 3 meetings.csv 's/^1979,/1980,/'
if [ -d "$REAL" ]; then
	set_up lesmis "$REAL/lesmis/lesmis.csv"
	edits lesmis lesmis.csv "Gillenormand,Listolier,1" "Newcomer,JeanValjean,1" lesmis.csv 3
	ARGS=--all
	set_up asoiaf-book1 "$REAL/asoiaf/asoiaf-book1-edges.csv" "$REAL/asoiaf/asoiaf-book1-nodes.csv"
	edits asoiaf-book1 asoiaf-book1-edges.csv "Arya-Stark,Drogo,Undirected,3,1" \
		"Newcomer,Jon-Snow,Undirected,3,1" asoiaf-book1-edges.csv 3
	ARGS="--all --focus 'DONALD J. TRUMP'"
	set_up trumpworld "$REAL/trumpworld/trumpworld.csv"
	edits trumpworld trumpworld.csv \
		"Person,DONALD J. TRUMP,Organization,40 WALL STREET LLC,Director,edit" \
		"Person,DONALD J. TRUMP,Organization,NEWCOMER LLC,Director,edit" trumpworld.csv \
		"Person,DONALD J. TRUMP,Organization,"
	ARGS=
fi
