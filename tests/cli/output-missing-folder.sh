#!/bin/sh
# -o into a folder that does not exist makes it (like mkdir -p, as
# --outdir does), once the data is read without error: a run that fails
# on the data leaves no folder behind.  Where a folder cannot be made:
# exit 3 and a message naming it.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o fig/deeper/x.pdf 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-o fig/deeper/x.pdf: exit $rc, expected 0: $(cat stderr)"
[ "$(head -c 5 fig/deeper/x.pdf)" = "%PDF-" ] || no "-o fig/deeper/x.pdf: no PDF there"

# the README's make recipe: -o and -M into folders that do not exist yet
rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -Tpdf -o fig/g7.pdf -M deps/g7.d 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "-o fig/g7.pdf -M deps/g7.d: exit $rc: $(cat stderr)"
[ -s fig/g7.pdf ] && grep -q '^fig/g7.pdf:' deps/g7.d || no "-o fig/g7.pdf -M deps/g7.d: not written"

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" --only nosuchkind -o nodata/x.svg 2>stderr || rc=$?
[ "$rc" -eq 2 ] || no "-o nodata/x.svg --only nosuchkind: exit $rc, expected 2"
[ ! -e nodata ] || no "a run that failed made the folder of -o"

: >afile
rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -o afile/sub/x.svg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "-o under a file: exit $rc, expected 3"
grep -q '^relgraph: afile/sub: error: cannot make the folder: Not a directory$' stderr ||
	no "-o under a file: stderr was: $(cat stderr)"

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir new/deeper -Tsvg -Tpng 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "--outdir new/deeper: exit $rc, expected 0: $(cat stderr)"
[ -s new/deeper/xi-putin.svg ] && [ -s new/deeper/xi-putin.png ] ||
	no "--outdir new/deeper: the outputs are not there"

rc=0
"$RELGRAPH" "$ROOT/graphs/xi-putin" -O --outdir afile/sub -Tsvg 2>stderr || rc=$?
[ "$rc" -eq 3 ] || no "--outdir under a file: exit $rc, expected 3"
grep -q '^relgraph: afile/sub: error: cannot make the folder: Not a directory$' stderr ||
	no "--outdir under a file: stderr was: $(cat stderr)"
exit $bad
