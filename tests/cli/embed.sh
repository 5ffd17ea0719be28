#!/bin/sh
# examples/embed.c, built against the installed library through pkg-config
# (make builds it as build/embed), draws an example: an SVG file with the
# title it set and only what its filter kept, and a PNG in memory; bad
# data comes back as diagnostics and a status, not an exit of the library.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }
EMBED="$(dirname "$RELGRAPH")/embed"
[ -x "$EMBED" ] || { echo "FAIL: $EMBED is not built"; exit 1; }

"$EMBED" "$ROOT/graphs/xi-putin" out.svg >stdout 2>stderr || no "embed: exit $?: $(cat stderr)"
xmllint --noout out.svg || no "out.svg is not XML"
grep -q '<title>Since 2020</title>' out.svg || no "out.svg has not the title embed set"
grep -Eq '^out.svg: [0-9]+ nodes, [0-9]+ edges; PNG of [1-9][0-9]* bytes in memory$' stdout ||
	no "embed printed: $(cat stdout)"
grep -q 'dated 2022' stdout || no "the description does not follow the filter: $(cat stdout)"
# the relations of 2013 are filtered out: the first meeting is not drawn
! grep -q '2013' out.svg || no "out.svg shows 2013 though embed keeps 2020 on"

mkdir data
printf 'source,target,date\na,b,2021-13-01\n' >data/edges.csv
rc=0
"$EMBED" data bad.svg >stdout 2>stderr || rc=$?
[ "$rc" -eq 1 ] || no "bad data: exit $rc, expected 1"
grep -q 'data/edges.csv:2:.*error' stderr || no "bad data: $(cat stderr)"
[ ! -e bad.svg ] || no "bad data wrote bad.svg"
exit $bad
