#!/bin/sh
# --help, -V, -T? and -K? print to standard output too: when that write
# fails (a full disk: /dev/full) the exit status is 3 with a message, as for
# a drawing (stdout-full.sh), not 0 with the text lost.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

[ -w /dev/full ] || { echo "note: no /dev/full here; skipped"; exit 0; }

for opt in --help -V '-T?' '-K?'; do
	rc=0
	"$RELGRAPH" "$opt" >/dev/full 2>stderr || rc=$?
	[ "$rc" -eq 3 ] || no "relgraph $opt >/dev/full: exit $rc, expected 3"
	grep -q 'cannot write' stderr || no "relgraph $opt >/dev/full: no 'cannot write' message: $(cat stderr)"
done
exit $bad
