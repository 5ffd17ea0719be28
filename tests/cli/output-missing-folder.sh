#!/bin/sh
# -o into a folder that does not exist: exit 3 and a message naming the
# file, before any layout, and nothing is created.  --outdir makes its
# folder (like mkdir -p), and fails with exit 3 where it cannot.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o missing/x.svg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "-o missing/x.svg: exit $rc, expected 3"
grep -q '^relgraph: missing/x\.svg: error: cannot write: No such file or directory$' stderr ||
	no "-o missing/x.svg: stderr was: $(cat stderr)"
[ ! -e missing ] || no "-o created the missing folder"

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir new/deeper -Tsvg -Tpng 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "--outdir new/deeper: exit $rc, expected 0: $(cat stderr)"
[ -s new/deeper/xi-putin.svg ] && [ -s new/deeper/xi-putin.png ] ||
	no "--outdir new/deeper: the outputs are not there"

: >afile
rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir afile/sub -Tsvg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "--outdir under a file: exit $rc, expected 3"
grep -q '^relgraph: afile/sub: error: cannot make the folder: Not a directory$' stderr ||
	no "--outdir under a file: stderr was: $(cat stderr)"
exit $bad
