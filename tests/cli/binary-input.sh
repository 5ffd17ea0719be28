#!/bin/sh
# A binary file stops at its first NUL byte with one error, at that byte's
# line and column: /dev/zero (which never ends) and a small file of text,
# then binary bytes over several lines.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

rc=0
timeout 20 "$RELGRAPH" check /dev/zero >out 2>err || rc=$?
[ "$rc" -eq 1 ] || no "/dev/zero: exit $rc, expected 1 (124: it did not stop)"
[ "$(grep -c ': error: ' err)" -eq 1 ] || no "/dev/zero: not one error: $(head -c 300 err)"
grep -q '^relgraph: /dev/zero:1:1: error: NUL byte' err || no "/dev/zero: $(head -c 300 err)"

# two good rows, then a row whose third byte is the first NUL, and more
# NULs on the lines after it
printf 'source,target\nann,bob\nbob,cy\nab\000\000,x\n\000\000\000\n\000,\000\n' >binary.csv
rc=0
timeout 20 "$RELGRAPH" check binary.csv >out 2>err || rc=$?
[ "$rc" -eq 1 ] || no "binary.csv: exit $rc, expected 1"
[ "$(grep -c ': error: ' err)" -eq 1 ] || no "binary.csv: not one error: $(cat err)"
grep -q '^relgraph: binary.csv:4:3: error: NUL byte' err || no "binary.csv: $(cat err)"
grep -q '^3 entities, 2 relations' out || no "binary.csv: the rows before the NUL: $(cat out)"
exit $bad
