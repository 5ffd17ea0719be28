#!/bin/sh
# relgraph watch: every way editors save gives exactly one new drawing;
# a bad save keeps the last good image byte for byte and says why; the
# next good save draws again; a signal ends the watch cleanly.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
# A time zone of the user's own (a POSIX rule: no tzdata needed): the
# status lines show the local time, and under make check-valgrind and
# check-asan every redraw is checked for leaks with TZ set (reading the
# zone once leaked a copy per redraw).
export TZ=IST-5:30

cp -R "$ROOT/graphs/xi-putin" data
M=data/meetings.csv
row() { printf '2023-%s-01,,Xi Jinping;Vladimir Putin,Beijing,in-person,test save,,test\n' "$1"; }

# status lines: "relgraph: HH:MM:SS ..." (one per drawing)
renders() {
	count=$(grep -c '^relgraph: [0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' log 2>/dev/null || true)
	echo "${count:-0}"
}

# waits for the n-th status line, then makes sure no other follows
expect_renders() {
	n=$1 what=$2 i=0
	# up to a minute: under valgrind (make check-valgrind) a drawing that
	# fits its text to the page lays dot out several times
	while [ "$(renders)" -lt "$n" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.4
	got=$(renders)
	[ "$got" -eq "$n" ] || no "$what: $got drawings in all, expected $n"
}

meetings() { grep -o '[0-9]* meetings, 2013' out/data.svg | head -n 1 | cut -d' ' -f1; }

"$RELGRAPH" watch data -O --outdir out 2>log &
pid=$!
expect_renders 1 "first drawing"
[ "$(meetings)" = 40 ] || no "first drawing: $(meetings) meetings, expected 40"

# 1. written in place (an editor that truncates and writes, or >>)
row 04 >>"$M"
expect_renders 2 "append in place"
[ "$(meetings)" = 41 ] || no "append in place: $(meetings) meetings, expected 41"

# 2. written beside and renamed over (gedit, LibreOffice, sed -i)
cp "$M" data/.meetings.csv.tmp
row 05 >>data/.meetings.csv.tmp
mv data/.meetings.csv.tmp "$M"
expect_renders 3 "rename over"
[ "$(meetings)" = 42 ] || no "rename over: $(meetings) meetings, expected 42"

# 3. vim's way: the original renamed to a backup, a new file written,
# the backup deleted; a swap file comes and goes
: >data/.meetings.csv.swp
mv "$M" data/meetings.csv~
{ cat data/meetings.csv~; row 06; } >"$M"
rm data/meetings.csv~ data/.meetings.csv.swp
expect_renders 4 "backup, write, delete"
[ "$(meetings)" = 43 ] || no "backup, write, delete: $(meetings) meetings, expected 43"

# 4. deleted, then created again a moment later
cp "$M" saved.csv
rm "$M"
sleep 0.2
{ cat saved.csv; row 07; } >"$M"
expect_renders 5 "delete and create"
[ "$(meetings)" = 44 ] || no "delete and create: $(meetings) meetings, expected 44"

# 5. one save in several writes, with pauses between them
cp "$M" saved.csv
{ cat saved.csv; sleep 0.2; row 08; sleep 0.2; } >"$M"
expect_renders 6 "slow write"
[ "$(meetings)" = 45 ] || no "slow write: $(meetings) meetings, expected 45"

# 6. an invalid save: errors with file:line:col, the image untouched
cp out/data.svg good.svg
cp "$M" saved.csv
printf 'not a date,,Xi Jinping;Vladimir Putin\n' >>"$M"
lines=$(wc -l <"$M")
expect_renders 7 "invalid save"
cmp -s out/data.svg good.svg || no "invalid save: the SVG changed"
grep -q "^relgraph: data/meetings.csv:$lines:[0-9]*: error: " log ||
	no "invalid save: no file:line:col error in: $(tail -n 3 log)"
grep -q "1 error: out/data.svg kept as it was" log || no "invalid save: no status line saying so"
kill -0 "$pid" 2>/dev/null || no "invalid save: the watcher exited"

# 7. the fix (the bad row made good) draws again
{ cat saved.csv; row 09; } >"$M"
expect_renders 8 "fixed save"
cmp -s out/data.svg good.svg && no "fixed save: the SVG did not change"
[ "$(meetings)" = 46 ] || no "fixed save: $(meetings) meetings, expected 46"

# 8. a new CSV file in the folder counts; other files do not
printf 'source,target,kind\nXi Jinping,New Person,met\n' >data/extra.csv
expect_renders 9 "new file"
grep -q 'New Person' out/data.svg || no "new file: its node is not drawn"
printf 'notes\n' >data/notes.txt
printf 'x\n' >out/other.csv
expect_renders 9 "files that are not inputs"

# 9. SIGTERM: exit 0, no temporary file left
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || no "SIGTERM: exit $rc, expected 0"
grep -q '^relgraph: watch stopped' log || no "SIGTERM: no 'watch stopped' message"
left=$(ls -A out data | grep '^\.' || true)
[ -z "$left" ] || no "temporary files left: $left"

# 10. Ctrl-C (SIGINT) ends it the same way; several formats from one watch
"$RELGRAPH" watch data -Tsvg -Tpng -O --outdir out2 2>log &
pid=$!
expect_renders 1 "second watch"
[ -s out2/data.png ] || no "second watch: no PNG"
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || no "SIGINT: exit $rc, expected 0"

# 11. what watch cannot do is a usage error, at once
rc=0
"$RELGRAPH" watch data 2>err || rc=$?
[ "$rc" -eq 2 ] && grep -q 'use -O or -o FILE' err || no "watch without output: exit $rc, $(cat err)"
rc=0
printf 'a,b\n' | "$RELGRAPH" watch - -O 2>err || rc=$?
[ "$rc" -eq 2 ] || no "watch of standard input: exit $rc"
rc=0
"$RELGRAPH" watch no-such-folder -O 2>err || rc=$?
[ "$rc" -eq 2 ] && grep -q 'no-such-folder: error: cannot read' err || no "missing folder: exit $rc, $(cat err)"
# a number after --serve is its port, in range
rc=0
"$RELGRAPH" watch data --serve 70000 2>err || rc=$?
[ "$rc" -eq 2 ] && grep -q -- '--serve takes a port' err || no "--serve 70000: exit $rc, $(cat err)"

# bad data from the start: said so, nothing claimed kept
mkdir broken
printf 'source,target,date
a,b,yesterday
' >broken/edges.csv
"$RELGRAPH" watch broken -O --outdir out3 2>log &
pid=$!
expect_renders 1 "broken from the start"
grep -q '1 error: nothing drawn yet' log || no "broken from the start: $(cat log)"
kill -TERM "$pid"
wait "$pid" || true
exit $bad
