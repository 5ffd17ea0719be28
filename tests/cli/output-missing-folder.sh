#!/bin/sh
# Writing into a folder that does not exist: exit 3 and a message naming the
# file, for -o and for -O --outdir; nothing is created.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o missing/x.svg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "-o missing/x.svg: exit $rc, expected 3"
grep -q '^relgraph: missing/x\.svg: error: cannot write: No such file or directory$' stderr ||
	no "-o missing/x.svg: stderr was: $(cat stderr)"

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir missing -Tsvg -Tpng 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "--outdir missing: exit $rc, expected 3"
grep -q '^relgraph: missing/xi-putin\.svg: error: cannot write: No such file or directory$' stderr ||
	no "--outdir missing: stderr was: $(cat stderr)"
[ ! -e missing ] || no "the missing folder was created"
exit $bad
