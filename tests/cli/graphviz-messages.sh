#!/bin/sh
# What Graphviz says comes out as one relgraph line per message, with its
# severity: not cut into "Error", ":" and the rest, and a Graphviz error
# (nop needs positions the data has not got) is exit 3, not a warning.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
rc=0
"$RELGRAPH" -K nop "$G" -Tsvg >out.svg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "-K nop: exit $rc, expected 3"
grep -q '^relgraph: error: Graphviz: .*has no position' stderr ||
	no "-K nop: no single 'error: Graphviz: ... has no position' line"
grep -Eq '^relgraph: (warning|error): Graphviz: *(Error|Warning|:)? *$' stderr &&
	no "-K nop: a Graphviz message is cut in pieces"
[ "$rc" -eq 0 ] && [ -n "$(cat stderr)" ] && echo "stderr was:" && cat stderr

for k in osage dot neato fdp circo twopi; do
	rc=0
	"$RELGRAPH" -K "$k" "$G" -Tsvg >out.svg 2>stderr || rc=$?
	if grep -Eq '^relgraph: (warning|error): Graphviz: *(Error|Warning|:)? *$' stderr; then
		no "-K $k: a Graphviz message is cut in pieces:"
		cat stderr
	fi
done
exit $bad
