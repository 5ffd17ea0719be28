#!/bin/sh
# A user's slips are said, never drawn in silence: a drawing, stats and
# each redraw of watch count the warnings only check lists in one line
# (-v shows them, -q nothing, --strict makes them errors); a name close to
# a declared one is a warning in the drawing; a filter that matches or
# leaves nothing, and -T against -o's extension, touch no output.
# (tests/cases/slip-* hold the exact messages.)
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir data
cat >data/leaders.csv <<'EOF'
name,country,start
Joe Biden,United States,2021
Xi Jinping,China,2013
Narendra Modi,India,2014
EOF
printf 'name\nUnited States\nChina\nIndia\n' >data/countries.csv
cat >data/meetings.csv <<'EOF'
date,participants,place
2023-11,Joe Biden;Xi Jinping,Woodside
2023-09,Joe Biden;Narendra Modhi,New Delhi
2023-09,Joe Biden;Narendra Modhi,New Delhi
2023-10,Joe Biden;Olaf Scholz,Berlin
EOF
near="warning: 'Narendra Modhi' is declared in no node table; did you mean 'Narendra Modi' (data/leaders.csv:4)?"
summary="^relgraph: 2 warnings: 1 repeated row, 1 name declared in no node table; run 'relgraph check' or add -v to see them\$"

# a drawing: the near name in full, the routine ones counted
rc=0
"$RELGRAPH" data -o g.svg 2>err || rc=$?
[ "$rc" -eq 0 ] || no "draw: exit $rc: $(cat err)"
grep -qF "$near" err || no "draw: no near-name warning: $(cat err)"
grep -q "$summary" err || no "draw: no summary line: $(cat err)"
[ "$(wc -l <err)" -eq 2 ] || no "draw: expected 2 lines: $(cat err)"

# stats says the same
"$RELGRAPH" stats data >/dev/null 2>err
grep -q "$summary" err || no "stats: no summary line: $(cat err)"

# -v: every warning, no summary; -q: nothing
"$RELGRAPH" data -v -o g.svg 2>err
grep -q "warning: this row repeats line 3" err || no "-v: the repeated row is not shown: $(cat err)"
grep -q "used here but declared in no node table" err || no "-v: the undeclared name is not shown"
! grep -q "run 'relgraph check'" err || no "-v: a summary line as well"
"$RELGRAPH" data -q -o g.svg 2>err
[ ! -s err ] || no "-q: printed: $(cat err)"

# --strict: errors, exit 1, the output kept as it was
cp g.svg before.svg
rc=0
"$RELGRAPH" data --strict -o g.svg 2>err || rc=$?
[ "$rc" -eq 1 ] || no "--strict: exit $rc, expected 1"
cmp -s g.svg before.svg || no "--strict: the output changed"

# each redraw of watch
"$RELGRAPH" watch data -o w.svg 2>log &
pid=$!
i=0
while ! grep -qs ' w.svg: ' log && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill "$pid"
wait "$pid" || true
grep -q "$summary" log || no "watch: no summary line: $(cat log)"
grep -qF "$near" log || no "watch: no near-name warning: $(cat log)"

# a filter that matches nothing, or leaves nothing: no output touched
for args in "--only leaders" "--relations meet" "--at 1990"; do
	rc=0
	# shellcheck disable=SC2086 # the options split on purpose
	"$RELGRAPH" data $args -Tpng -o g.svg 2>err || rc=$?
	[ "$rc" -ne 0 ] || no "$args: exit 0"
	grep -q "error: " err || no "$args: no error: $(cat err)"
	cmp -s g.svg before.svg || no "$args: the output changed"
done

# -T png into a .svg: written as -T says, with a warning
rc=0
"$RELGRAPH" data -Tpng -o out.svg 2>err || rc=$?
[ "$rc" -eq 0 ] || no "-Tpng -o out.svg: exit $rc, expected 0"
head -c 8 out.svg | od -c | grep -q 'P   N   G' || no "-Tpng -o out.svg: no PNG in out.svg"
grep -q "warning: -T png but out.svg ends in .svg: writing png into it" err ||
	no "-Tpng -o out.svg said: $(cat err)"
# the same format under another name, a renderer, or an extension that
# is no format are fine
for a in "-Tjpeg -o x.jpg" "-Tpng:cairo -o x.PNG" "-Tsvg -o x.xml" "-Tdot -o x.gv"; do
	# shellcheck disable=SC2086
	"$RELGRAPH" data -q $a 2>err || no "$a: exit $?: $(cat err)"
done

# a field no node has, near one they have
"$RELGRAPH" data --cluster-by contry -o g2.svg 2>err
grep -q "warning: --cluster-by 'contry': no node has this field, so no boxes; did you mean 'country'?" err ||
	no "--cluster-by contry said: $(cat err)"

# --focus by a name in any case, with odd spaces
rc=0
"$RELGRAPH" data --focus "xi  JINPING" -Tdot >focus.dot 2>err || rc=$?
[ "$rc" -eq 0 ] || no "--focus 'xi  JINPING': exit $rc: $(cat err)"
grep -q '"Xi Jinping"' focus.dot || no "--focus 'xi  JINPING' does not draw Xi Jinping"
exit $bad
