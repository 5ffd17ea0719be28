#!/bin/sh
# Every layout engine -K? lists that lays out a graph from scratch draws
# the example graph as well-formed SVG with its nodes and a legend, exit 0.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
for k in $("$RELGRAPH" '-K?'); do
	case "$k" in nop*) continue ;; esac # nop draws given positions only
	rc=0
	"$RELGRAPH" -K "$k" "$G" -Tsvg >"$k.svg" 2>stderr || rc=$?
	[ "$rc" -eq 0 ] || no "-K $k: exit $rc; stderr: $(cat stderr)"
	xmllint --noout "$k.svg" || no "-K $k: the SVG is not well-formed"
	grep -q 'id="Xi&#45;Jinping"' "$k.svg" || no "-K $k: no Xi Jinping node"
	grep -q 'Legend' "$k.svg" || no "-K $k: no legend"
done
exit $bad
