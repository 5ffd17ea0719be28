#!/bin/sh
# A file big enough to be parsed on a second thread (several MB) reads as
# it does on one: the same output, and every problem at the same line and
# column, in its second half too.  RELGRAPH_PARALLEL_READ=never keeps one
# thread; =always makes batches of a few rows, so that the small file
# crosses hundreds of batch boundaries.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# 120,000 rows (about 5 MB; the parallel path starts at 1 MB); a quoted
# line break every 1,000 rows shifts
# the lines; problems past the middle: a bad date, a row with a field too
# many, a bad weight, a broken quote (which ends the file)
awk 'BEGIN {
	print "source,target,kind,date,weight,note"
	line = 2
	for (i = 1; i <= 120000; i++) {
		note = i % 1000 == 0 ? "\"two\nlines\"" : "plain"
		d = sprintf("%04d-%02d-%02d", 1990 + i % 30, 1 + i % 12, 1 + i % 28)
		if (i == 70001) d = "2001-13-01"
		w = i == 100003 ? "heavy" : 1 + i % 5
		extra = i == 90002 ? ",surplus" : ""
		printf "person %d,person %d,knows,%s,%s,%s%s\n", i % 30011, (i * 7) % 29989, d, w, note, extra
		if (i == 110007) printf "person 1,\"person 2\"x,knows,2000,1,plain\n"
	}
}' >big.csv
size=$(wc -c <big.csv)
[ "$size" -gt 1048576 ] || no "big.csv is $size bytes, too small for the parallel path"

for mode in never default always; do
	rc=0
	if [ $mode = default ]; then
		"$RELGRAPH" check big.csv >"out.$mode" 2>"err.$mode" || rc=$?
	else
		RELGRAPH_PARALLEL_READ=$mode "$RELGRAPH" check big.csv >"out.$mode" 2>"err.$mode" || rc=$?
	fi
	[ "$rc" -eq 1 ] || no "$mode: exit $rc, expected 1: $(head -c 300 "err.$mode")"
done
cmp -s err.never err.default || no "errors differ with two threads: $(diff err.never err.default | head -n 5)"
cmp -s err.never err.always || no "errors differ in small batches: $(diff err.never err.always | head -n 5)"
cmp -s out.never out.default || no "the summary differs with two threads"
cmp -s out.never out.always || no "the summary differs in small batches"

# The places: row i is on line i + 1 + the quoted line breaks before it
# (one every 1,000 rows); the columns counted by hand on those lines
# (the broken quote: its closing quote, at 19).
for want in \
	'big.csv:70072:32: error: '"'"'2001-13-01'"'"' is not a date' \
	'big.csv:90093:50: error: row has 7 fields but the header has 6' \
	'big.csv:100104:43: error: weight '"'"'heavy'"'"' is not a number' \
	'big.csv:110119:19: error: '"'"'"'"'"' inside a field'; do
	grep -q "$want" err.default || no "missing: $want; got: $(head -c 600 err.default)"
done

# Errors on every row: reading stops after the first 200 (the diagnostics'
# limit), while the second thread is still far ahead; what is reported is
# the same either way, and relgraph ends.
awk 'BEGIN { print "source,target,date"; for (i = 0; i < 200000; i++) printf "p%d,q%d,20x%d\n", i, i, i }' >bad.csv
for mode in never default; do
	rc=0
	RELGRAPH_PARALLEL_READ=$mode timeout 60 "$RELGRAPH" check bad.csv >"bout.$mode" 2>"berr.$mode" || rc=$?
	[ "$rc" -eq 1 ] || no "bad.csv, $mode: exit $rc, expected 1"
done
cmp -s berr.never berr.default || no "bad.csv: errors differ with two threads: $(diff berr.never berr.default | head -n 5)"
grep -q '^relgraph: bad.csv:2:7: error: .20x0. is not a date' berr.default || no "bad.csv: $(head -n 2 berr.default)"
exit $bad
