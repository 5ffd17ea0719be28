#!/bin/sh
# Bad data: exit 1, FILE:LINE:COL: error: on stderr, nothing on stdout, and
# an output rendered before stays byte for byte as it was, with no
# temporary .NAME.XXXXXX files left beside it; its layout memory too.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

cp -R "$ROOT/graphs/xi-putin" xi-putin
mkdir out
"$RELGRAPH" xi-putin -O --outdir out -Tsvg -Tpng -Tpdf
for f in svg png pdf layout; do cp "out/xi-putin.$f" "before.$f"; done

# Row 3 of leaders.csv gets a stray quote: Vladimir Putin,Rus"sia,...
awk 'NR == 3 { sub(/Russia/, "Rus\"sia") } { print }' xi-putin/leaders.csv >leaders.tmp
mv leaders.tmp xi-putin/leaders.csv
sed -n 3p xi-putin/leaders.csv

for args in "-O --outdir out -Tsvg -Tpng -Tpdf" "-o out/xi-putin.svg" "-Tdot"; do
	rc=0
	# shellcheck disable=SC2086 # the words of $args are separate options
	"$RELGRAPH" xi-putin $args >stdout 2>stderr || rc=$?
	[ "$rc" -eq 1 ] || no "$args: exit $rc, expected 1"
	grep -Eq '^relgraph: xi-putin/leaders\.csv:3:[0-9]+: error: ' stderr ||
		no "$args: no 'relgraph: xi-putin/leaders.csv:3:COL: error:' on stderr: $(cat stderr)"
	[ ! -s stdout ] || no "$args: output on stdout despite the error: $(head -c 200 stdout)"
	for f in svg png pdf layout; do
		cmp -s "before.$f" "out/xi-putin.$f" || no "$args: out/xi-putin.$f changed"
	done
	for f in out/* out/.[!.]*; do
		case "$f" in
		out/xi-putin.svg | out/xi-putin.png | out/xi-putin.pdf | out/xi-putin.layout) ;;
		*) [ ! -e "$f" ] || no "$args: file left in out/: $f" ;;
		esac
	done
done
exit $bad
