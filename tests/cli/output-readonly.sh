#!/bin/sh
# Writing where files cannot be created: exit 3 and a message, and the old
# file stays.  chmod does not stop root, so as root a path under /proc
# (where no one can create files) stands in for the read-only folder.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

if [ "$(id -u)" -ne 0 ]; then
	mkdir ro
	echo old >ro/xi-putin.svg
	chmod 555 ro
	rc=0
	"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir ro -Tsvg 2>stderr || rc=$?
	chmod 755 ro
	[ "$rc" -eq 3 ] || no "read-only folder: exit $rc, expected 3"
	grep -q '^relgraph: ro/xi-putin\.svg: error: cannot write: Permission denied$' stderr ||
		no "read-only folder: stderr was: $(cat stderr)"
	[ "$(cat ro/xi-putin.svg)" = old ] || no "read-only folder: the old file changed"
else
	echo "note: running as root, where chmod 555 does not stop writes; using /proc instead"
fi

for out in /proc/relgraph-test.svg /proc/self/relgraph-test.svg; do
	rc=0
	"$RELGRAPH" "$ROOT/graphs/xi-putin" -o "$out" 2>stderr || rc=$?
	[ "$rc" -eq 3 ] || no "-o $out: exit $rc, expected 3"
	grep -q "^relgraph: $out: error: cannot write: " stderr || no "-o $out: stderr was: $(cat stderr)"
done
rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir /proc/self -Tsvg -Tpdf 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "--outdir /proc/self: exit $rc, expected 3"
grep -q "^relgraph: /proc/self/xi-putin\.svg: error: cannot write: " stderr ||
	no "--outdir /proc/self: stderr was: $(cat stderr)"
exit $bad
