#!/bin/sh
# Progress: on a terminal, a run says what it is doing on one line of
# stderr, rewritten in place and cleared at the end; never into a file or
# a pipe, and not with -q.  RELGRAPH_PROGRESS_AFTER=0 shows it at once
# (normally only work that has taken a second shows it).
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
command -v script >/dev/null || { echo "FAIL: script(1) is needed (util-linux)"; exit 1; }

# script(1) gives relgraph a terminal; its stderr comes out on stdout
RELGRAPH_PROGRESS_AFTER=0 script -qec "'$RELGRAPH' '$ROOT/graphs/xi-putin' -o out.svg" /dev/null >tty.txt
grep -q "relgraph: laying out 14 nodes and 24 edges with dot" tty.txt || no "no layout progress: $(cat -A tty.txt)"
# the line is cleared at the end: the last thing written is CR, erase line
tail -c 4 tty.txt | od -An -c | grep -q '\\r 033   \[   K' || no "the progress line is left on the screen: $(tail -c 20 tty.txt | od -An -c)"
[ -s out.svg ] || no "no output"

# not a terminal: nothing
RELGRAPH_PROGRESS_AFTER=0 "$RELGRAPH" "$ROOT/graphs/xi-putin" -o out2.svg 2>err.txt
[ ! -s err.txt ] || no "progress written into a file: $(cat -A err.txt)"

# -q: nothing, on a terminal too
RELGRAPH_PROGRESS_AFTER=0 script -qec "'$RELGRAPH' -q '$ROOT/graphs/xi-putin' -o out3.svg" /dev/null >tty-q.txt
grep -q "laying out" tty-q.txt && no "-q shows progress"

# an error is printed on a line of its own, not after a progress line
printf 'source,target,date\na,b,yesterday\n' >bad.csv
RELGRAPH_PROGRESS_AFTER=0 script -qec "'$RELGRAPH' bad.csv -o bad.svg" /dev/null >tty-bad.txt || true
grep -q "^relgraph: bad.csv:2:5: error:" tty-bad.txt || no "error not on its own line: $(cat -A tty-bad.txt)"
exit $bad
