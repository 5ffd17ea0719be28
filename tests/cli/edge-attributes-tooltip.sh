#!/bin/sh
# docs/FORMAT.md: in edge and meetings tables "any other column" is "an
# attribute, shown in the tooltip" (a meeting's place and occasion,
# LittleSis' description1, trumpworld's Source(s)).  The edge's tooltip in
# the DOT and SVG output must hold these values.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

C="$ROOT/tests/cases"
# SVG keeps each tooltip on one line (line breaks as &#10;)
"$RELGRAPH" "$C/meetings-three-participants/in" -Tsvg >m.svg
grep -q 'xlink:title="Xi Jinping – Vladimir Putin:[^"]*Johannesburg' m.svg ||
	no "the meeting's place (Johannesburg) is not in its edge's tooltip: $(grep 'xlink:title="Xi Jinping –' m.svg)"
"$RELGRAPH" "$C/convention-littlesis/in" -Tsvg >l.svg
grep -q 'xlink:title="1001 → 1002:[^"]*Board member' l.svg ||
	no "LittleSis' description1 (Board member) is not in the edge's tooltip: $(grep 'xlink:title="1001' l.svg)"
"$RELGRAPH" "$C/convention-trumpworld/in" -Tsvg >t.svg
grep -q 'xlink:title="Ann Smith → Acme Corp:[^"]*https://example.org/a' t.svg ||
	no "trumpworld's Source(s) is not in the edge's tooltip"
exit $bad
