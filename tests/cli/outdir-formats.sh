#!/bin/sh
# -O --outdir DIR with -Tsvg -Tpng -Tpdf writes three files from one run,
# each a real file of its format, and one layout memory they share.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir out
rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir out -Tsvg -Tpng -Tpdf >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "exit $rc, expected 0; stderr: $(cat stderr)"
[ ! -s stderr ] || no "unexpected stderr: $(cat stderr)"
[ ! -s stdout ] || no "unexpected stdout with -O: $(head -c 200 stdout)"
for f in svg png pdf; do
	[ -s "out/xi-putin.$f" ] || no "out/xi-putin.$f is missing or empty"
done
[ "$(head -n 1 out/xi-putin.layout 2>/dev/null)" = "relgraph-layout 1" ] ||
	no "out/xi-putin.layout is not a layout memory"
n=$(ls -A out | wc -l)
[ "$n" -eq 4 ] || no "out/ holds $n files, expected 4: $(ls -A out | tr '\n' ' ')"

if [ -s out/xi-putin.svg ]; then
	xmllint --noout out/xi-putin.svg || no "out/xi-putin.svg is not well-formed XML"
	grep -q 'class="node leader"' out/xi-putin.svg || no 'no class="node leader" in the SVG'
	grep -q 'id="Xi&#45;Jinping"' out/xi-putin.svg || no 'no id="Xi&#45;Jinping" in the SVG'
fi
magic=$(head -c 8 out/xi-putin.png 2>/dev/null | od -An -tx1 | tr -d ' \n')
[ "$magic" = 89504e470d0a1a0a ] || no "out/xi-putin.png does not start with the PNG signature (got $magic)"
[ "$(head -c 5 out/xi-putin.pdf 2>/dev/null)" = "%PDF-" ] || no "out/xi-putin.pdf does not start with %PDF-"
exit $bad
