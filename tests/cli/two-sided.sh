#!/bin/sh
# People and events (meetings drawn as nodes) read on two sides: the
# events in one column, the people left and right of it, those who met
# in small meetings on the same side; --event-nodes N sets how many
# participants make a meeting a node.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# two circles of ten who meet among themselves (eight at a time), a few
# who bridge them, and two dinners of two
mkdir -p club
awk 'BEGIN {
	print "date,participants,occasion"
	for (e = 0; e < 10; e++) {
		g = e % 2; s = ""
		for (i = 0; i < 10; i++)
			if ((i + e) % 5) s = s (s == "" ? "" : ";") "Member " (g * 10 + i)
		if (e == 4 || e == 5) s = s ";Member " (10 * (1 - g)) ";Member " (10 * (1 - g) + 1)
		printf "2001-%02d-01,%s,Event %d\n", e + 1, s, e
	}
	print "2002-01-01,Member 2;Member 4,Dinner A"
	print "2002-02-01,Member 12;Member 13,Dinner B"
	print "name,kind" >"club/people.csv"
	for (i = 0; i < 20; i++) print "Member " i ",person" >"club/people.csv"
}' >club/meetings.csv

# centre x of each node of a class: "CLASS X"
centres() {
	awk '/^<g id="[^"]*" class="node / { c = $0; sub(/.*class="node /, "", c); sub(/[" ].*/, "", c); want = 1; next }
	want && /<text/ { x = $0; sub(/.* x="/, "", x); sub(/".*/, "", x); print c, x; want = 0 }' "$1"
}

for a in "" "--event-nodes 2"; do
	# shellcheck disable=SC2086 # $a is options
	"$RELGRAPH" club $a -Tsvg >club.svg || no "$a: exit $?"
	centres club.svg >c.txt
	ev=$(grep -c '^meeting ' c.txt || true)
	[ "$ev" -ge 3 ] || no "$a: $ev meeting nodes"
	# one column of events
	awk '$1 == "meeting" { if (n++ == 0 || $2 < lo) lo = $2; if (n == 1 || $2 > hi) hi = $2 }
		END { exit !(hi - lo < 1) }' c.txt || no "$a: the events are not in one column: $(grep meeting c.txt | tr '\n' ' ')"
	ex=$(awk '$1 == "meeting" { print $2; exit }' c.txt)
	l=$(awk -v x="$ex" '$1 == "person" && $2 < x - 1' c.txt | wc -l)
	r=$(awk -v x="$ex" '$1 == "person" && $2 > x + 1' c.txt | wc -l)
	[ "$l" -ge 4 ] && [ "$r" -ge 4 ] || no "$a: people left $l, right $r of the events"
	# the page's shape: not a strip
	w=$(sed -n 's/.*<svg width="\([0-9.]*\)pt".*/\1/p' club.svg)
	h=$(sed -n 's/.* height="\([0-9.]*\)pt".*/\1/p' club.svg | head -1)
	awk -v w="$w" -v h="$h" 'BEGIN { exit !(w / h >= 0.5 && w / h <= 2) }' || no "$a: aspect $w x $h"
done
# the dinners' people met: on the same side
"$RELGRAPH" club --event-nodes 2 -Tsvg >two.svg
x2=$(grep -A6 '<title>Member 2</title>' two.svg | sed -n 's/.*<text[^>]* x="\([0-9.-]*\)".*/\1/p' | head -1)
x4=$(grep -A6 '<title>Member 4</title>' two.svg | sed -n 's/.*<text[^>]* x="\([0-9.-]*\)".*/\1/p' | head -1)
ex=$(centres two.svg | awk '$1 == "meeting" { print $2; exit }')
awk -v a="$x2" -v b="$x4" -v e="$ex" 'BEGIN { exit !((a - e) * (b - e) > 0) }' ||
	no "Member 2 ($x2) and Member 4 ($x4) met but are on either side of the events ($ex)"
# the threshold: meetings of more than N are nodes
[ "$(grep -c 'class="node meeting"' two.svg)" = 10 ] || no "--event-nodes 2: not every meeting of three or more is a node"
"$RELGRAPH" club --event-nodes 100 -Tsvg | grep -q 'class="node meeting"' && no "--event-nodes 100: a meeting is a node"
"$RELGRAPH" club --event-nodes 0 -Tsvg >/dev/null 2>err && no "--event-nodes 0 accepted"
grep -q 'event-nodes' err || no "--event-nodes 0: $(cat err)"
exit $bad
