#!/bin/sh
# What `make run` does: every folder in graphs/ renders in one run to
# non-empty SVG, PNG and PDF, without a word on stderr.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir out
n=0
for dir in "$ROOT"/graphs/*/; do
	set -- "$dir"*.csv
	[ -e "$1" ] || continue
	name=$(basename "$dir")
	n=$((n + 1))
	rc=0
	"$RELGRAPH" "$dir" -Tsvg -Tpng -Tpdf -O --outdir out 2>stderr || rc=$?
	[ "$rc" -eq 0 ] || no "graphs/$name: exit $rc; stderr: $(cat stderr)"
	[ ! -s stderr ] || no "graphs/$name: stderr: $(cat stderr)"
	for f in svg png pdf; do
		[ -s "out/$name.$f" ] || no "graphs/$name: out/$name.$f missing or empty"
	done
	[ -s "out/$name.svg" ] && { xmllint --noout "out/$name.svg" || no "out/$name.svg is not well-formed"; }
	rc=0
	"$RELGRAPH" check "$dir" >stdout 2>stderr || rc=$?
	[ "$rc" -eq 0 ] || no "relgraph check graphs/$name: exit $rc; stderr: $(cat stderr)"
done
[ "$n" -ge 2 ] || no "only $n graph folders found in $ROOT/graphs"
exit $bad
