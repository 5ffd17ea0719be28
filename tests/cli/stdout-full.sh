#!/bin/sh
# A failed write to standard output (a full disk: /dev/full) is exit 3 with
# a message: a drawing in any format, or check's summary.  (The help, the
# version and the lists: stdout-full-info.sh.)
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

[ -w /dev/full ] || { echo "note: no /dev/full here; skipped"; exit 0; }

try() {
	rc=0
	"$RELGRAPH" "$@" >/dev/full 2>stderr || rc=$?
	[ "$rc" -eq 3 ] || no "relgraph $* >/dev/full: exit $rc, expected 3"
	grep -q 'cannot write' stderr || no "relgraph $* >/dev/full: no 'cannot write' message: $(cat stderr)"
}
G="$ROOT/graphs/xi-putin"
try "$G"
try "$G" -Tdot
try "$G" -Tpng
try check "$G"
exit $bad
