#!/bin/sh
# The column mappings shipped in docs/mappings/ (issue 12: real files as
# they are) draw their files through the mapping alone: with every header
# renamed, in the data and in the mapping's titles alike, relgraph cannot
# tell what the table holds without the mapping, and with it draws the
# same as the recognised file (tests/cases/convention-*).  A mapping beside
# the data (X.csv-metadata.json) is found without --columns.  On the real
# files (../shared/realdata, when present), the mapping changes nothing.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# renamed CASE DATA MAPPING: in/DATA and DATA-metadata.json with every
# header and title prefixed "x_"
check() {
	case=$1 data=$2 map=$3
	rm -rf in && mkdir in
	sed '1s/\([^,]*\)/x_\1/g' "$ROOT/tests/cases/$case/in/"*.csv >"in/$data"
	rc=0
	"$RELGRAPH" -Tdot --no-legend --edge-labels all in >/dev/null 2>err || rc=$?
	[ "$rc" -eq 1 ] && grep -q 'cannot tell what this table holds' err ||
		no "$data with renamed headers, no mapping: exit $rc, $(cat err)"
	sed 's/"titles": "/"titles": "x_/' "$ROOT/docs/mappings/$map" >"in/$data-metadata.json"
	rc=0
	"$RELGRAPH" -Tdot --no-legend --edge-labels all in >out.x 2>err || rc=$?
	[ "$rc" -eq 0 ] || no "$data with its mapping beside it: exit $rc, $(cat err)"
	sed 's/x_//g' out.x >out # the attributes in tooltips have their headers' names
	cmp -s out "$ROOT/tests/cases/$case/expect.out" ||
		no "$data with its mapping draws otherwise than the recognised file: $(diff out "$ROOT/tests/cases/$case/expect.out" | head -n 5)"
	# the mapping named with --columns, from elsewhere
	mv "in/$data-metadata.json" elsewhere.json
	rc=0
	"$RELGRAPH" -Tdot --no-legend --edge-labels all --columns elsewhere.json in >out2 2>err || rc=$?
	[ "$rc" -eq 0 ] && cmp -s out.x out2 || no "$data with --columns: exit $rc, $(cat err)"
}
check convention-cow-alliance-members alliance_v4.1_by_member.csv \
	alliance_v4.1_by_member.csv-metadata.json
check convention-wikidata-leaders wikidata.csv wikidata.csv-metadata.json

# the real files, when shared/ is beside the checkout
for real in "$ROOT/../shared/realdata" /work/shared/realdata; do
	[ -d "$real" ] && break
done
if [ -d "$real/cow" ] && [ -d "$real/world-leaders" ]; then
	for f in cow/alliance_v4.1_by_member.csv world-leaders/wikidata.csv; do
		m="$ROOT/docs/mappings/$(basename "$f")-metadata.json"
		"$RELGRAPH" -Tdot "$real/$f" >plain 2>/dev/null || no "$f: exit $?"
		"$RELGRAPH" -Tdot --columns "$m" "$real/$f" >mapped 2>err || no "$f with $m: exit $?"
		cmp -s plain mapped || no "$f: the mapping changes the drawing"
		[ -s mapped ] || no "$f: nothing drawn"
	done
else
	echo "the real files are not here: the shipped mappings were tried on small files only"
fi
exit $bad
