#!/bin/sh
# --focus marks the entity the view is centred on (a thick dark outline, a
# bold label) and the caption says what the view is.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
IN="$ROOT/tests/cases/focus-two/in"

"$RELGRAPH" "$IN" --focus alice -Tsvg >one.svg
grep -q '>within 1 step of Alice Adams<' one.svg || no "no caption 'within 1 step of Alice Adams'"
grep -A6 'class="node person focus"' one.svg >focus.txt || no "no node marked as the focus"
grep -q 'stroke-width="3"' focus.txt || no "the focus has no thick outline"
grep -q 'font-weight="bold"[^>]*>Alice Adams<' focus.txt || no "the focus's label is not bold"
[ "$(grep -c 'class="node [a-z-]* focus"' one.svg)" = 1 ] || no "more than the focus is marked"

"$RELGRAPH" "$IN" --focus alice --depth 2 -Tsvg >two.svg
grep -q '>within 2 steps of Alice Adams<' two.svg || no "no caption 'within 2 steps'"
"$RELGRAPH" "$IN" --focus alice --focus 'Dave Diaz' -Tsvg >both.svg
grep -q '>within 1 step of Alice Adams and Dave Diaz<' both.svg || no "two foci: no caption naming both"
[ "$(grep -c 'class="node [a-z-]* focus"' both.svg)" = 2 ] || no "two foci: not both marked"
"$RELGRAPH" "$IN" -Tsvg >none.svg
grep -q 'focus\|within 1 step' none.svg && no "a view without --focus is marked"
exit $bad
