#!/bin/sh
# The same input gives byte-identical SVG, PDF, DOT and PNG on every run
# (cairo's PDF creation date is fixed, nothing depends on time or memory).
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir one two
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir one -Tsvg -Tpdf -Tdot -Tpng
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir two -Tsvg -Tpdf -Tdot -Tpng
for f in svg pdf dot png; do
	[ -s "one/xi-putin.$f" ] || no "one/xi-putin.$f is missing or empty"
	cmp -s "one/xi-putin.$f" "two/xi-putin.$f" || no "xi-putin.$f differs between two runs"
done
# One format per run, to standard output, gives the same bytes too.
for f in svg pdf dot png; do
	"$RELGRAPH" "$ROOT/graphs/xi-putin" "-T$f" >"alone.$f"
	cmp -s "alone.$f" "one/xi-putin.$f" || no "-T$f alone to stdout differs from -T$f among four with -O"
done
exit $bad
