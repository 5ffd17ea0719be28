#!/bin/sh
# --cluster-by draws its boxes under every engine that can (dot, fdp,
# osage, patchwork), and under -K auto also where auto would take sfdp
# for size; an engine asked for that cannot draw boxes is warned about,
# never silently ignored.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

gen() { # gen DIR NODES EDGES
	mkdir -p "$1"
	awk -v n="$2" -v m="$3" -v dir="$1" 'BEGIN {
		print "id,group" > (dir "/nodes.csv"); print "source,target" > (dir "/edges.csv")
		for (i = 0; i < n; i++) print "n" i ",g" (i % 4) > (dir "/nodes.csv")
		s = 7
		for (i = 0; i < m; i++) {
			s = (s * 1103515245 + 12345) % 2147483648; a = s % n
			s = (s * 1103515245 + 12345) % 2147483648; b = (a + 1 + s % 5) % n
			print "n" a ",n" b > (dir "/edges.csv")
		}
	}'
}
gen small 24 30
gen big 400 500
boxes() { grep -c 'class="cluster cluster&#45;by' "$1" || true; }

for k in dot fdp osage patchwork; do
	"$RELGRAPH" small -K "$k" --cluster-by group -o "$k.svg" 2>err || no "-K $k: exit $?: $(cat err)"
	# the generated edges repeat some rows: the line that counts them is
	# expected, nothing else
	! grep -v '^relgraph: [0-9]* warnings: [0-9]* repeated rows; ' err | grep -q . ||
		no "-K $k: unexpected stderr: $(cat err)"
	[ "$(boxes "$k.svg")" -eq 4 ] || no "-K $k drew $(boxes "$k.svg") boxes, expected 4"
done
for k in neato sfdp circo twopi; do
	"$RELGRAPH" small -K "$k" --cluster-by group -o "$k.svg" 2>err || no "-K $k: exit $?"
	grep -q "warning: --cluster-by: $k draws no boxes" err || no "-K $k said: $(cat err)"
done
# big enough for -K auto to take a force layout: one that draws boxes
"$RELGRAPH" big --cluster-by group -v -o auto.svg 2>err || no "auto: exit $?: $(cat err)"
grep -q 'layout .*auto: fdp' err || no "auto chose: $(grep layout err)"
[ "$(boxes auto.svg)" -eq 4 ] || no "auto drew $(boxes auto.svg) boxes, expected 4"
! grep -q 'warning: --cluster-by' err || no "auto warned: $(cat err)"
# without boxes the same graph is drawn by a force engine that draws none
"$RELGRAPH" big -v -o plain.svg 2>err
grep -Eq 'layout .*auto: (sfdp|neato)' err || no "without --cluster-by auto chose: $(grep layout err)"
[ "$(boxes plain.svg)" -eq 0 ] || no "without --cluster-by: $(boxes plain.svg) boxes"
exit $bad
