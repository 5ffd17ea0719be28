#!/bin/sh
# A big table is read in two parts at once (the second from a line break
# near the middle, on a thread of its own), and what comes out is what one
# pass gives: the same drawing, the same warnings at the same places, in
# the same order.  RELGRAPH_PARALLEL_READ=never reads in one part;
# =always cuts any table, in pieces of a few bytes.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
# check's output without the -v timings
same() { grep -v 'MB peak' "$1" >"$1.n"; grep -v 'MB peak' "$2" >"$2.n"; cmp -s "$1.n" "$2.n"; }

# 110,000 edges (about 4.6 MB: the cut is made from 4 MB on), a quoted
# line break every 997 rows; rows repeated to the letter: row 10 again at
# rows 80,000 and 90,000 (after the cut: they repeat line 11, the first
# copy), row 70,000 again at row 100,000 (both after the cut); a name with
# a non-breaking space before and after the cut
awk 'BEGIN {
	print "source,target,kind,date,note"
	for (i = 1; i <= 110000; i++) {
		j = i == 80000 || i == 90000 ? 10 : i == 100000 ? 70000 : i
		note = j % 997 == 0 ? "\"two\nlines\"" : "plain"
		a = sprintf("person %d", j % 30011)
		if (i == 20 || i == 95000) a = "Xi\302\240Jinping"
		printf "%s,person %d,%s,%04d-%02d-%02d,%s\n", a, (j * 7) % 29989, j % 3 ? "knows" : "met", 1990 + j % 30, 1 + j % 12, 1 + j % 28, note
	}
}' >big.csv
size=$(wc -c <big.csv)
[ "$size" -gt 4194304 ] || no "big.csv is $size bytes, too small to be cut in two"

for mode in never default always; do
	rc=0
	if [ $mode = default ]; then
		"$RELGRAPH" check big.csv -v >"out.$mode" 2>&1 || rc=$?
		"$RELGRAPH" big.csv --focus 'person 11' -Tdot --no-memory >"dot.$mode" 2>&1 || rc=$?
	else
		RELGRAPH_PARALLEL_READ=$mode "$RELGRAPH" check big.csv -v >"out.$mode" 2>&1 || rc=$?
		RELGRAPH_PARALLEL_READ=$mode "$RELGRAPH" big.csv --focus 'person 11' -Tdot --no-memory \
			>"dot.$mode" 2>&1 || rc=$?
	fi
	[ "$rc" -eq 0 ] || no "$mode: exit $rc: $(head -c 300 "out.$mode")"
done
grep -q 'read in two parts' out.never && no "never: read in two parts"
grep -q '1 table read in two parts at once' out.default || no "default: not read in two parts: $(grep 'read ' out.default)"
grep -q '1 table read in two parts at once' out.always || no "always: not read in two parts"
for mode in default always; do
	same out.never "out.$mode" || no "$mode: check differs: $(diff out.never.n "out.$mode.n" | head -n 6)"
	cmp -s dot.never "dot.$mode" || no "$mode: the drawing differs"
done
# the places, counted: row i is on line i + 1 + the quoted line breaks
# before it (rows 997, 1994, ... each add one)
line() { echo $(($1 + 1 + ($1 - 1) / 997)); }
for want in \
	"big.csv:$(line 80000):1: warning: this row repeats line 11" \
	"big.csv:$(line 90000):1: warning: this row repeats line 11" \
	"big.csv:$(line 100000):1: warning: this row repeats line $(line 70000)" \
	"big.csv:$(line 95000):1: warning: 'Xi\\\\u00A0Jinping' read as 'Xi Jinping'"; do
	grep -q "$want" out.default || no "missing: $want; got: $(grep warning out.default | head -n 8)"
done
[ "$(grep -c 'repeats line' out.default)" -eq 3 ] || no "not 3 repeated rows: $(grep 'repeats' out.default)"

# Meetings with lists of participants, a summit of eight (a node of its
# own) on both sides of the middle: such a table is read in one part (its
# parsing on a second thread), the same whatever the mode; then the same
# summit declared a country by a node table read first: reported at both
# rows, as one pass does.
awk 'BEGIN {
	print "date,participants,occasion"
	for (i = 1; i <= 3000; i++) {
		if (i == 100 || i == 2900)
			printf "2001-05-01,a;b;c;d;e;f;g;p%d,Summit\n", i
		else
			printf "2001-%02d-%02d,p%d;p%d,visit\n", 1 + i % 12, 1 + i % 28, i % 97, (i * 5) % 89
	}
}' >meetings.csv
mkdir -p conflict
cp meetings.csv conflict/meetings.csv
printf 'id,label,kind\n"Summit, 2001-05-01",Summit state,country\n' >conflict/a-countries.csv
for input in meetings.csv conflict; do
	for mode in never always; do
		rc=0
		RELGRAPH_PARALLEL_READ=$mode "$RELGRAPH" check "$input" -v >"m.$mode" 2>&1 || rc=$?
		echo "rc=$rc" >>"m.$mode"
		RELGRAPH_PARALLEL_READ=$mode "$RELGRAPH" "$input" --focus a --depth 1 -Tdot --no-memory >"md.$mode" 2>&1 || true
	done
	grep -q 'read in two parts' m.always && no "$input: read in two parts"
	same m.never m.always || no "$input: check differs: $(diff m.never.n m.always.n | head -n 6)"
	cmp -s md.never md.always || no "$input: the drawing differs"
done
for l in 101 2901; do
	grep -q "meetings.csv:$l:12: error: 'Summit, 2001-05-01' is declared as meeting here but as country" m.always ||
		no "conflict, line $l: $(grep error m.always | head -n 3)"
done
exit $bad
