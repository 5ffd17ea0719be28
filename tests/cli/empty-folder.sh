#!/bin/sh
# A folder with no .csv file in it (git keeps no empty folder, so it is made
# here): exit 1 and a message naming the folder, both to check and to draw.
# Hidden and non-CSV files do not count.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir empty
for cmd in check draw; do
	rc=0
	if [ "$cmd" = check ]; then
		"$RELGRAPH" check empty >stdout 2>stderr || rc=$?
	else
		"$RELGRAPH" empty -Tdot >stdout 2>stderr || rc=$?
		[ ! -s stdout ] || no "$cmd: output on stdout"
	fi
	[ "$rc" -eq 1 ] || no "$cmd empty/: exit $rc, expected 1"
	grep -qx 'relgraph: empty: error: no .csv files in this folder' stderr ||
		no "$cmd empty/: stderr was: $(cat stderr)"
done

mkdir other
printf 'id\nann\n' >other/.hidden.csv
printf 'id\nann\n' >other/people.txt
rc=0
"$RELGRAPH" check other/ >stdout 2>stderr || rc=$?
[ "$rc" -eq 1 ] || no "a folder of .hidden.csv and people.txt: exit $rc, expected 1"
grep -qx 'relgraph: other/: error: no .csv files in this folder' stderr ||
	no "a folder of .hidden.csv and people.txt: stderr was: $(cat stderr)"
exit $bad
