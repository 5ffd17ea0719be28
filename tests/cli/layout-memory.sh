#!/bin/sh
# The layout memory (README, "Layout memory"): -o x.svg keeps x.layout;
# drawing again gives the same bytes; after a one-row edit the nodes stay
# where they were (median move under 2% of the diagonal, none over 10%)
# and drawing the edit again gives the same bytes; --fresh ignores the
# memory; a damaged memory is a warning and a fresh layout; --no-memory
# and standard output write none, --layout FILE names it.  A memory
# remembers how a small dot drawing was made to read, or the scale an
# emphasised one's labels were chosen for (its fit line): a note made
# for another graph is not used, and the drawing is the fresh one.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# moves A.layout B.layout: "median max" move of the nodes in both, as a
# share of B's diagonal
moves() {
	awk '
	FNR == 1 { file++ }
	file == 2 && $1 == "canvas" { diag = sqrt(($4 - $2) ^ 2 + ($5 - $3) ^ 2) }
	$1 == "node" { id = $0; sub(/^node [^ ]* [^ ]* /, "", id) }
	$1 == "node" && file == 1 { x[id] = $2; y[id] = $3 }
	$1 == "node" && file == 2 && (id in x) { d[++n] = sqrt(($2 - x[id]) ^ 2 + ($3 - y[id]) ^ 2) }
	END {
		for (i = 1; i <= n; i++)
			for (j = i + 1; j <= n; j++)
				if (d[j] < d[i]) { t = d[i]; d[i] = d[j]; d[j] = t }
		med = n % 2 ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
		printf "%.4f %.4f\n", med / diag, d[n] / diag
	}' "$1" "$2"
}
under() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

for set in xi-putin lesmis; do
	if [ $set = lesmis ]; then
		mkdir lesmis && cp "$ROOT/tests/cases/convention-lesmis/in/lesmis.csv" lesmis/
		row="Newcomer,Valjean,1"
		file=lesmis.csv
	else
		cp -R "$ROOT/graphs/xi-putin" xi-putin
		row="2023-03,,Vladimir Putin;Narendra Modi,Moscow,in-person,,,test"
		file=meetings.csv
	fi
	"$RELGRAPH" $set -o $set.svg
	[ "$(head -n 1 $set.layout 2>/dev/null)" = "relgraph-layout 1" ] ||
		no "$set: -o $set.svg wrote no memory $set.layout"
	cp $set.svg $set-1.svg
	cp $set.layout $set-1.layout
	"$RELGRAPH" $set >$set-stdout.svg
	cmp -s $set-stdout.svg $set-1.svg || no "$set: the first drawing with -o differs from stdout's"
	"$RELGRAPH" $set -o $set.svg
	cmp -s $set.svg $set-1.svg || no "$set: drawing twice gives different bytes"
	cmp -s $set.layout $set-1.layout || no "$set: drawing twice gives a different memory"
	if [ $set = xi-putin ]; then
		grep -q '^fit 1 [0-9a-f]* [0-9a-f]* ' $set.layout || no "$set: no fit line in the memory"
		# another graph's note (its key changed): searched again, same drawing
		awk '$1 == "fit" { $3 = "0000000000000000" } 1' $set-1.layout >$set.layout
		"$RELGRAPH" $set -o $set.svg
		cmp -s $set.svg $set-1.svg || no "$set: a fit note made for another graph changed the drawing"
		cmp -s $set.layout $set-1.layout || no "$set: a stale fit note was not rewritten"
		# a note that chose another way to read: it is not the fresh one's
		sed 's/^\(fit 1 [0-9a-f]* [0-9a-f]*\) - 1 [0-9] /\1 LR 0 0 /' $set-1.layout >$set.layout
		"$RELGRAPH" $set -o $set.svg
		cmp -s $set.svg $set-1.svg || no "$set: a fit note that does not match its drawing was used"
	else
		# an emphasised drawing notes the scale its labels were chosen for
		grep -q '^fit 1 [0-9a-f]* scale [0-9]' $set.layout || no "$set: no scale in the memory"
		awk '$1 == "fit" { $3 = "0000000000000000" } 1' $set-1.layout >$set.layout
		"$RELGRAPH" $set -o $set.svg
		cmp -s $set.svg $set-1.svg || no "$set: a scale noted for other places changed the drawing"
		cmp -s $set.layout $set-1.layout || no "$set: a stale scale note was not rewritten"
	fi

	# a one-row edit
	printf '%s\n' "$row" >>$set/$file
	"$RELGRAPH" $set -o $set.svg
	read -r med max <<-EOF2
	$(moves $set-1.layout $set.layout)
	EOF2
	under "$med" 0.02 || no "$set: after a one-row edit the median node moved $med of the diagonal"
	under "$max" 0.10 || no "$set: after a one-row edit a node moved $max of the diagonal"
	cp $set.svg $set-2.svg
	"$RELGRAPH" $set -o $set.svg
	cmp -s $set.svg $set-2.svg || no "$set: drawing an edit twice gives different bytes"

	# --fresh: as without a memory, and the memory rewritten
	"$RELGRAPH" $set --no-memory -o $set-none.svg
	[ ! -e $set-none.layout ] || no "$set: --no-memory wrote $set-none.layout"
	"$RELGRAPH" $set --fresh -o $set.svg
	cmp -s $set.svg $set-none.svg || no "$set: --fresh differs from a drawing without memory"
	"$RELGRAPH" $set --no-memory --layout x 2>/dev/null && no "--layout with --no-memory accepted"

	# SVG and DOT from one run, after the edit (the SVG on remembered
	# places, the DOT the graph as built)
	mkdir both-$set
	cp $set-2.svg both-$set/$set.svg
	cp $set.layout both-$set/$set.layout
	"$RELGRAPH" $set -O --outdir both-$set -Tsvg -Tdot 2>stderr ||
		no "$set: -Tsvg -Tdot with a memory failed: $(cat stderr)"
	"$RELGRAPH" $set -Tdot >$set.dot
	cmp -s both-$set/$set.dot $set.dot || no "$set: -Tdot beside -Tsvg differs from -Tdot alone"

	# another drawing's memory (none of these nodes): a fresh layout
	printf 'relgraph-layout 1\ncanvas 0 0 10 10\nnode 5.00 5.00 somebody else\n' >$set.layout
	"$RELGRAPH" $set -o $set.svg 2>stderr
	cmp -s $set.svg $set-none.svg || no "$set: another drawing's memory changed the layout"
	grep -q "warning: the layout memory holds none of this drawing's nodes" stderr ||
		no "$set: no warning for another drawing's memory: $(cat stderr)"

	# a damaged or foreign memory: a warning and a fresh layout
	echo "not a memory" >$set.layout
	"$RELGRAPH" $set -o $set.svg 2>stderr || no "$set: a damaged memory failed the drawing"
	grep -q "^relgraph: $set.layout:1:1: warning: not a relgraph layout memory" stderr ||
		no "$set: no warning for a damaged memory: $(cat stderr)"
	cmp -s $set.svg $set-none.svg || no "$set: a damaged memory did not give a fresh layout"
	[ "$(head -n 1 $set.layout)" = "relgraph-layout 1" ] || no "$set: damaged memory not rewritten"
	printf 'relgraph-layout 1\nnode 1 nan x\n' >$set.layout
	"$RELGRAPH" $set -o $set.svg 2>stderr || no "$set: a damaged node line failed the drawing"
	grep -q "^relgraph: $set.layout:2:1: warning: damaged layout memory" stderr ||
		no "$set: no warning for a damaged node line: $(cat stderr)"
done

# standard output keeps no memory unless --layout names one
mkdir quiet && cd quiet
"$RELGRAPH" ../xi-putin >out.svg
[ -z "$(ls -A | grep -v '^out.svg$')" ] || no "standard output wrote $(ls -A)"
"$RELGRAPH" ../xi-putin --layout mem >out.svg
[ "$(head -n 1 mem 2>/dev/null)" = "relgraph-layout 1" ] || no "--layout mem wrote no memory"
exit $bad
