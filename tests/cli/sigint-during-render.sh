#!/bin/sh
# Ctrl-C (SIGINT) or kill (SIGTERM) in the middle of a render: exit 3 with
# a message, the previous output byte-identical, no temporary file left.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# a graph dot needs some seconds for: 1,500 nodes, 4,000 edges
mkdir big
awk 'BEGIN { srand(7); print "source,target,kind";
	for (i = 0; i < 4000; i++) printf "n%d,n%d,k%d\n", int(rand() * 1500), int(rand() * 1500), i % 5 }' \
	>big/edges.csv
printf 'previous image\n' >big.svg
cp big.svg before.svg

for sig in INT TERM; do
	"$RELGRAPH" big -K dot -Tsvg -Tpng -O 2>stderr &
	pid=$!
	sleep 1
	kill -s "$sig" "$pid" 2>/dev/null || no "SIG$sig: relgraph had already finished"
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" -eq 3 ] || no "SIG$sig: exit $rc, expected 3"
	grep -q '^relgraph: error: interrupted' stderr || no "SIG$sig: stderr was: $(cat stderr)"
	cmp -s big.svg before.svg || no "SIG$sig: the previous big.svg was changed"
	[ ! -e big.png ] || no "SIG$sig: big.png was created"
	leftover=$(ls -A | grep '^\.big\.' || true)
	[ -z "$leftover" ] || no "SIG$sig: temporary files left: $leftover"
done
exit $bad
