#!/bin/sh
# What a label draws: a label that only repeats its edge's kind is left to
# the legend ("marriage"), one with a date or a note stays; an event with
# an end date shows its span (in years when it crosses years); a name of any length draws, cut to a few
# lines with an ellipsis, the whole of it in the tooltip.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
texts() { grep -o '<text[^>]*>[^<]*</text>' "$1" | sed 's/<[^>]*>//g; s/&#160;//g; s/^ *//'; }

mkdir -p fam
printf 'name,kind\nMedici,family\nAlbizzi,family\nStrozzi,family\nPazzi,family\n' >fam/families.csv
printf 'source,target,kind,label\nMedici,Albizzi,marriage,\nStrozzi,Albizzi,marriage,\nMedici,Pazzi,marriage,in 1469\n' >fam/edges.csv
"$RELGRAPH" fam -Tsvg >fam.svg
texts fam.svg >fam.txt
[ "$(grep -cx 'marriage' fam.txt)" = 1 ] ||
	no "'marriage' should be drawn once, in the legend: $(grep -c marriage fam.txt) times"
grep -qx 'marriage: in 1469' fam.txt || no "a label with a note is not drawn"
# without a legend the label is the only word for the kind
"$RELGRAPH" fam -Tsvg --no-legend | grep -c '&#160;marriage<' >n || true
[ "$(cat n)" = 2 ] || no "--no-legend: the kind-only labels should stay ($(cat n))"

mkdir -p war
printf 'name,kind,start,end\nGreat War,event,1914-07-28,1918-11-11\nArmistice,event,1918-11-11,1918-11-11\nWinter Games,event,2022-02-04,2022-02-20\n' >war/events.csv
printf 'source,target\nGreat War,Armistice\nArmistice,Winter Games\n' >war/edges.csv
"$RELGRAPH" war -Tsvg >war.svg
texts war.svg >war.txt
grep -qx '1914–1918' war.txt || no "an event's span is not drawn: $(tr '\n' '|' <war.txt)"
grep -qx '1918&#45;11&#45;11' war.txt || no "a one-day event shows more than its date"
grep -qx '2022&#45;02&#45;04–2022&#45;02&#45;20' war.txt || no "a span within a year is not shown in full"
grep -q '1914&#45;07&#45;28' war.svg || no "the tooltip does not hold the span's days"

# a 7,000-character name: six lines at most, the last ending with "…"
mkdir -p long
awk 'BEGIN { for (i = 0; i < 700; i++) s = s sprintf("Word%04d ", i)
	printf "name,kind\n\"%s\",person\nShort,person\n", s >"long/people.csv"
	printf "source,target\nShort,\"%s\"\n", s >"long/edges.csv" }'
"$RELGRAPH" long -Tsvg >long.svg
n=$(texts long.svg | grep -c 'Word')
[ "$n" -le 6 ] || no "the long name takes $n lines"
texts long.svg | grep -q 'Word[0-9]*…$' || no "the long name's last line has no ellipsis"
grep -q 'title="[^"]*Word0699' long.svg || grep -q '<a xlink:title="[^"]*Word0699' long.svg ||
	no "the tooltip does not hold the whole name"
h=$(sed -n 's/.*<svg width="[0-9.]*pt" height="\([0-9.]*\)pt".*/\1/p' long.svg | cut -d. -f1)
[ "$h" -lt 400 ] || no "the long name's drawing is ${h}pt high"

# a 10 MB name (one word) draws too, and quickly
mkdir -p huge
awk 'BEGIN { s = "x"; while (length(s) < 10000000) s = s s; s = substr(s, 1, 10000000)
	printf "name,kind\n%s,person\nShort,person\n", s >"huge/people.csv"
	printf "source,target\n%s,Short\n", s >"huge/edges.csv" }'
rc=0
"$RELGRAPH" huge -o huge.png 2>huge.err || rc=$?
[ "$rc" = 0 ] || no "a 10 MB name: exit $rc: $(head -c 300 huge.err)"
[ -s huge.png ] || no "a 10 MB name: no PNG"
grep -q 'larger than maximum' huge.err && no "a 10 MB name: Graphviz's length limit"
exit $bad
