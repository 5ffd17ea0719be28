#!/bin/sh
# What Graphviz says comes out as one relgraph line per message, with its
# severity, not cut into "Error", ":" and the rest; the position-only
# engines (nop, nop1, nop2) are not offered: the data has no positions.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
rc=0
"$RELGRAPH" -K nop "$G" -Tsvg >out.svg 2>stderr || rc=$?
[ "$rc" -eq 2 ] || no "-K nop: exit $rc, expected 2"
grep -q "^relgraph: error: unknown layout engine 'nop'" stderr ||
	no "-K nop: stderr was: $(cat stderr)"
"$RELGRAPH" -K? | grep -qw nop2 && no "-K? lists nop2"

rc=0
"$RELGRAPH" "$G" -Nimage=/nonexistent.png -Tsvg >out.svg 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-Nimage=/nonexistent.png: exit $rc, expected 0 (warnings)"
grep -q '^relgraph: warning: Graphviz: No such file or directory while opening /nonexistent.png$' stderr ||
	no "-Nimage: no whole warning line: $(head -n 3 stderr)"

for k in osage dot neato fdp circo twopi; do
	rc=0
	"$RELGRAPH" -K "$k" "$G" -Tsvg >out.svg 2>stderr || rc=$?
	if grep -Eq '^relgraph: (warning|error): Graphviz: *(Error|Warning|:)? *$' stderr; then
		no "-K $k: a Graphviz message is cut in pieces:"
		cat stderr
	fi
done
exit $bad
