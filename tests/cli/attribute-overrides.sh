#!/bin/sh
# -G, -N and -E set Graphviz attributes that win over relgraph's theme,
# as the DOT output shows.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
"$RELGRAPH" "$G" -Tdot >plain.dot
"$RELGRAPH" "$G" -Tdot -G rankdir=LR -G bgcolor=lightyellow -N shape=box -N fontsize=20 \
	-E color=red -E arrowsize=2 >set.dot
for want in 'rankdir=LR' 'bgcolor=lightyellow' 'fontsize=20' 'arrowsize=2' 'color=red'; do
	grep -q "$want" set.dot || no "$want is not in the DOT"
done
grep -q 'rankdir=TB' set.dot && no "rankdir=TB is still in the DOT"
grep -q 'rankdir=TB' plain.dot || no "the theme's rankdir=TB is missing without -G"
# Every node is a box: no node keeps a shape of its kind (note, octagon...).
grep -Eq 'shape=(note|octagon|component|hexagon)' set.dot && no "-N shape=box did not reach every node"
grep -q 'shape=note' plain.dot || no "agreements are not drawn as notes without -N"
# Every visible edge is red: no edge keeps its kind's colour.
grep -Eq '(^|[[:space:][])color="#B35806"' set.dot && no "-E color=red did not reach the met edges"

rc=0
"$RELGRAPH" "$G" -Tdot -G =x >out 2>stderr || rc=$?
[ "$rc" -eq 2 ] || no "-G =x: exit $rc, expected 2"
grep -q '^relgraph: error: -G needs NAME=VALUE$' stderr || no "-G =x: stderr was: $(cat stderr)"
exit $bad
