#!/bin/sh
# --help: usage on stdout, exit 0, nothing on stderr; -V: the version;
# -T? lists the output formats (svg and png among them), -K? the engines.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

for opt in --help -h help; do
	rc=0
	"$RELGRAPH" "$opt" >stdout 2>stderr || rc=$?
	[ "$rc" -eq 0 ] || no "$opt: exit $rc, expected 0"
	[ ! -s stderr ] || no "$opt: unexpected stderr: $(cat stderr)"
	head -n 1 stdout | grep -q '^usage: relgraph ' || no "$opt: stdout does not start with usage: $(head -n 1 stdout)"
	for word in -T -o -O --outdir -K -G --title --no-legend --no-merge check 'Exit status'; do
		grep -q -- "$word" stdout || no "$opt: the help does not mention $word"
	done
done

rc=0
"$RELGRAPH" -V >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-V: exit $rc, expected 0"
[ ! -s stderr ] || no "-V: unexpected stderr: $(cat stderr)"
grep -Eq '^relgraph [0-9]+\.[0-9]+\.[0-9]+' stdout || no "-V printed: $(cat stdout)"
"$RELGRAPH" --version >stdout2
cmp -s stdout stdout2 || no "--version and -V differ"

rc=0
"$RELGRAPH" '-T?' >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-T?: exit $rc, expected 0"
for f in svg png pdf; do
	tr ' ' '\n' <stdout | grep -qx "$f" || no "-T? does not list $f: $(cat stdout)"
done
rc=0
"$RELGRAPH" '-K?' >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-K?: exit $rc, expected 0"
for k in dot neato fdp; do
	tr ' ' '\n' <stdout | grep -qx "$k" || no "-K? does not list $k: $(cat stdout)"
done
exit $bad
