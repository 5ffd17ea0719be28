#!/bin/sh
# -M FILE writes a make rule: the outputs depend on every CSV file read, so
# a documentation Makefile that includes it rebuilds exactly the graph whose
# data changed, and a deleted CSV file does not break it.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

cp -r "$ROOT/graphs/xi-putin" a
cp -r "$ROOT/graphs/cold-war" b
cat >Makefile <<MAKE
all: a.svg b.svg
%.svg: %
	"$RELGRAPH" \$< -o \$@ -M \$*.d
-include a.d b.d
MAKE
make -s >log 2>&1 || no "first make failed: $(cat log)"
[ -s a.svg ] && [ -s b.svg ] && [ -s a.d ] || no "first make did not draw both graphs"
grep -q '^a.svg: \\$' a.d || no "a.d does not start with 'a.svg: \\': $(head -n 2 a.d)"
grep -q ' a/meetings.csv' a.d || no "a.d does not name a/meetings.csv"

out=$(make -n 2>&1)
[ -z "$(printf '%s' "$out" | grep relgraph || true)" ] || no "nothing changed, yet make would run: $out"

sleep 1
echo '2023-03,,Xi Jinping;Vladimir Putin,Moscow,in-person,a test row,,test' >>a/meetings.csv
out=$(make -n 2>&1)
printf '%s' "$out" | grep -q ' a -o a.svg' || no "a/meetings.csv changed but a.svg would not be redrawn: $out"
printf '%s' "$out" | grep -q ' b -o b.svg' && no "b.svg would be redrawn though b did not change"

rm a/events.csv
make -s >log 2>&1 || no "make failed after a CSV file was deleted: $(cat log)"

rc=0
"$RELGRAPH" a -M x.d 2>err || rc=$?
[ "$rc" -eq 2 ] || no "-M without -o or -O: exit $rc, expected 2"
exit $bad
