#!/bin/sh
# --frames: one SVG per year of graphs/xi-putin (2013 to 2023), every node
# drawn at the same coordinates in every frame on a canvas of one size,
# nodes of other years faded, nodes not yet seen hidden; a list of dates
# with -o x.svg writes x-DATE.svg; and a series that cannot be written
# whole leaves every existing file as it was.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# Prints "FILE<TAB>ID<TAB>SHAPE<TAB>TEXT" for every node of each SVG: its
# first ellipse (cx,cy), polygon (points) or path (d), and its first text
# (x,y).
coords() {
	awk '
	function attr(s, name,   r) {
		if (!match(s, " " name "=\"[^\"]*\""))
			return ""
		r = substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
		return r
	}
	function flush() {
		if (id != "")
			printf "%s\t%s\t%s\t%s\n", file, id, shape, text
		id = ""
	}
	FNR == 1 { flush() }
	/<g id="[^"]*" class="(node|edge|cluster)/ {
		flush()
		if ($0 ~ /class="node/) {
			id = attr($0, "id")
			file = FILENAME
			shape = ""
			text = ""
		}
		next
	}
	id != "" && shape == "" && /<ellipse / { shape = "ellipse " attr($0, "cx") "," attr($0, "cy") }
	id != "" && shape == "" && /<polygon / { shape = "polygon " attr($0, "points") }
	id != "" && shape == "" && /<path / { shape = "path " attr($0, "d") }
	id != "" && text == "" && /<text / { text = attr($0, "x") "," attr($0, "y") }
	END { flush() }
	' "$@"
}

mkdir series
rc=0
(cd series && "$RELGRAPH" "$ROOT/graphs/xi-putin" --frames year -Tsvg -O) >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "--frames year: exit $rc, expected 0; stderr: $(cat stderr)"
[ ! -s stderr ] || no "--frames year: unexpected stderr: $(cat stderr)"
[ ! -s stdout ] || no "--frames year: unexpected stdout: $(head -c 200 stdout)"
y=2013
while [ "$y" -le 2023 ]; do
	[ -s "series/xi-putin-$y.svg" ] || no "series/xi-putin-$y.svg is missing or empty"
	y=$((y + 1))
done
n=$(ls -A series | wc -l)
[ "$n" -eq 11 ] || no "series/ holds $n files, expected 11: $(ls -A series | tr '\n' ' ')"

if [ -s series/xi-putin-2013.svg ] && [ -s series/xi-putin-2023.svg ]; then
	for f in series/*.svg; do
		xmllint --noout "$f" || no "$f is not well-formed XML"
	done
	coords series/*.svg >coords
	# every node has somewhere to compare
	[ "$(wc -l <coords)" -gt 20 ] || no "too few nodes found in the frames: $(wc -l <coords)"
	if grep -q "$(printf '\t\t')" coords; then
		no "a node with no shape or text found: $(grep "$(printf '\t\t')" coords | head -n 3)"
	fi
	# the same id at other coordinates in another frame
	awk -F '\t' '
	{
		key = $3 "\t" $4
		if (!($2 in first)) { first[$2] = key; where[$2] = $1; next }
		if (first[$2] != key)
			printf "node %s: %s in %s, %s in %s\n", $2, first[$2], where[$2], key, $1
	}' coords >moved
	[ ! -s moved ] || no "nodes drawn at different coordinates in different frames:
$(head -n 10 moved)"
	# a node seen in one frame only cannot be compared: most appear in all
	shared=$(cut -f 2 coords | sort | uniq -c | awk '$1 > 1' | wc -l)
	[ "$shared" -ge 8 ] || no "only $shared nodes appear in two frames or more"

	# one canvas for all
	for f in series/*.svg; do
		grep -o '<svg width="[^"]*" height="[^"]*"' "$f"
		grep -o 'viewBox="[^"]*"' "$f"
	done | sort | uniq -c >sizes
	[ "$(wc -l <sizes)" -eq 2 ] || no "frames differ in width, height or viewBox:
$(cat sizes)"

	# 2022: the agreements of 2015 are there, faded; this year's one is not
	grep -q '<g id="Arms&#45;sales&#45;agreement" class="node faded"' series/xi-putin-2022.svg ||
		no 'no faded "Arms sales agreement" node in xi-putin-2022.svg'
	grep -q '<g id="No&#45;limits&#45;partnership" class="node agreement"' series/xi-putin-2022.svg ||
		no '"No-limits partnership" is not drawn plainly in xi-putin-2022.svg'
	# 2013: the peace plan of 2023 is not drawn at all yet; in 2023 it is
	if grep -q '<g id="12&#45;point&#45;peace&#45;plan" class="node' series/xi-putin-2013.svg; then
		no '"12-point peace plan" is drawn in xi-putin-2013.svg, before it appears'
	fi
	grep -q '<g id="12&#45;point&#45;peace&#45;plan" class="node' series/xi-putin-2023.svg ||
		no '"12-point peace plan" is not drawn in xi-putin-2023.svg'
	# same frames again: same bytes
	mkdir again
	(cd again && "$RELGRAPH" "$ROOT/graphs/xi-putin" --frames year -Tsvg -O)
	for f in series/*.svg; do
		cmp -s "$f" "again/${f#series/}" || no "$f differs between two runs"
	done
fi

# A list of dates with -o x.svg: x-2014.svg and x-2022.svg, nothing else.
mkdir list
rc=0
(cd list && "$RELGRAPH" "$ROOT/graphs/xi-putin" --frames 2014,2022 -o x.svg) >stdout 2>stderr || rc=$?
[ "$rc" -eq 0 ] || no "--frames 2014,2022 -o x.svg: exit $rc, expected 0; stderr: $(cat stderr)"
for f in x-2014.svg x-2022.svg; do
	[ -s "list/$f" ] || no "--frames 2014,2022 -o x.svg: list/$f is missing or empty"
done
n=$(ls -A list | wc -l)
[ "$n" -eq 2 ] || no "--frames 2014,2022 -o x.svg wrote $n files, expected 2: $(ls -A list | tr '\n' ' ')"
if [ -s list/x-2022.svg ] && [ -s series/xi-putin-2022.svg ]; then
	grep -q 'class="node faded"' list/x-2022.svg || no "no faded node in list/x-2022.svg"
fi

# All or nothing: one frame's path is a folder, so the series cannot be
# written; the frames already there stay as they were and none is added.
for broken in 2016 2023; do
	rm -rf atomic
	mkdir atomic
	echo "old 2015 frame" >atomic/xi-putin-2015.svg
	echo "old 2022 frame" >atomic/xi-putin-2022.svg
	cp atomic/xi-putin-2015.svg before-2015
	cp atomic/xi-putin-2022.svg before-2022
	mkdir "atomic/xi-putin-$broken.svg"
	rc=0
	(cd atomic && "$RELGRAPH" "$ROOT/graphs/xi-putin" --frames year -Tsvg -O) >stdout 2>stderr || rc=$?
	[ "$rc" -eq 3 ] || no "xi-putin-$broken.svg a folder: exit $rc, expected 3"
	grep -q "xi-putin-$broken.svg" stderr ||
		no "xi-putin-$broken.svg a folder: stderr does not name it: $(cat stderr)"
	cmp -s before-2015 atomic/xi-putin-2015.svg ||
		no "xi-putin-$broken.svg a folder: xi-putin-2015.svg was replaced"
	cmp -s before-2022 atomic/xi-putin-2022.svg ||
		no "xi-putin-$broken.svg a folder: xi-putin-2022.svg was replaced"
	left=$(ls -A atomic | grep -v -x -e xi-putin-2015.svg -e xi-putin-2022.svg \
		-e "xi-putin-$broken.svg" || true)
	[ -z "$left" ] || no "xi-putin-$broken.svg a folder: files left behind: $(echo $left)"
done
exit $bad
