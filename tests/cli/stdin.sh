#!/bin/sh
# - reads one table from standard input: the same drawing as from the file
# (bar the graph's name, "stdin"), -O names the output stdin.FORMAT, and
# problems are reported against <stdin>.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
cp "$G/meetings.csv" meetings.csv
rc=0
# shellcheck disable=SC2002 # a pipe, not a redirected file, is the point
cat meetings.csv | "$RELGRAPH" - -Tdot >from-stdin.dot 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "cat meetings.csv | relgraph - -Tdot: exit $rc; stderr: $(cat stderr)"
[ ! -s stderr ] || no "unexpected stderr: $(cat stderr)"
head -n 1 from-stdin.dot | grep -q '^digraph stdin {$' || no "the graph is not named stdin: $(head -n 1 from-stdin.dot)"
"$RELGRAPH" meetings.csv -Tdot >from-file.dot
sed 1d from-stdin.dot >a
sed 1d from-file.dot >b
cmp -s a b || no "the drawing from stdin differs from the drawing from the file: $(diff a b | head -n 10)"
grep -q 'Xi Jinping' from-stdin.dot || no "no Xi Jinping in the drawing from stdin"

rc=0
"$RELGRAPH" - -O -Tsvg <meetings.csv 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "relgraph - -O -Tsvg: exit $rc; stderr: $(cat stderr)"
if [ ! -s stdin.svg ] || ! xmllint --noout stdin.svg; then
	no "relgraph - -O -Tsvg: no well-formed stdin.svg"
fi

rc=0
printf 'id,label\nann,"Ann\n' | "$RELGRAPH" - -Tdot >out 2>stderr || rc=$?
[ "$rc" -eq 1 ] || no "broken CSV on stdin: exit $rc, expected 1"
grep -qx 'relgraph: <stdin>:2:5: error: unterminated quoted field: the quote opened here is never closed' stderr ||
	no "broken CSV on stdin: stderr was: $(cat stderr)"
[ ! -s out ] || no "broken CSV on stdin: output on stdout"

rc=0
"$RELGRAPH" check - </dev/null >out 2>stderr || rc=$?
[ "$rc" -eq 1 ] || no "empty stdin: exit $rc, expected 1"
grep -qx 'relgraph: <stdin>:1:1: error: empty file: a header row is required' stderr ||
	no "empty stdin: stderr was: $(cat stderr)"
exit $bad
