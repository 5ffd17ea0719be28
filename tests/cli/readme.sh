#!/bin/sh
# Every recipe and CSV block in README.md pastes and runs as shown (issue
# 12): in a fresh folder holding a copy of graphs/, each block the README
# marks is run or saved in order, as a reader would paste it:
#   <!-- test: file NAME -->   the next block is saved as NAME
#   <!-- test: run -->         the next block runs with sh -e: every
#                              command must succeed
#   <!-- test: skip: WHY -->   the next block is not run, for the reason
#                              given (it needs what a checkout lacks)
# A ```sh, ```csv, ```json or ```make block without a mark fails: a recipe
# added to the README is tested or says why not.  In a run block,
# `relgraph watch` (which runs until Ctrl-C) is stopped with SIGINT after
# a few seconds and must have drawn; a watch with --serve is not started
# (it takes a fixed port; tests/cli/watch-serve.sh tests the server).
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir bin work
ln -s "$RELGRAPH" bin/relgraph
PATH="$(pwd)/bin:$PATH"
export PATH
cp -R "$ROOT/graphs" work/graphs
# what the README's reader brings of their own: a Gephi export
printf 'Id,Label\nann,Ann\nbob,Bob\n' >work/nodes.csv
printf 'Source,Target,Type,Weight\nann,bob,Undirected,2\n' >work/edges.csv

# the blocks, as "MARK<tab>LINE" headers followed by their text, ended
# by a line "@@end"
awk '
	/^<!-- test: .* -->$/ { mark = $0; sub(/^<!-- test: /, "", mark); sub(/ -->$/, "", mark); next }
	/^```/ && !inb {
		inb = 1; lang = substr($0, 4)
		if (lang ~ /^(sh|csv|json|make)$/ || mark != "")
			printf "@@block\t%s\t%d\t%s\n", (mark == "" ? "none" : mark), NR, lang
		else
			inb = 2
		mark = ""; next
	}
	/^```/ && inb { if (inb == 1) print "@@end"; inb = 0; next }
	inb == 1 { print }
	{ if ($0 !~ /^[ \t]*$/) mark = (inb ? mark : "") }
' "$ROOT/README.md" >blocks

n=0
while IFS= read -r line; do
	case $line in
	@@block*)
		mark=$(printf '%s' "$line" | cut -f2)
		at=$(printf '%s' "$line" | cut -f3)
		: >block
		while IFS= read -r l && [ "$l" != "@@end" ]; do
			printf '%s\n' "$l" >>block
		done
		n=$((n + 1))
		case $mark in
		"file "*)
			name=${mark#file }
			mkdir -p "work/$(dirname "$name")"
			cp block "work/$name"
			;;
		run)
			# watch until Ctrl-C: stopped after a few seconds, exit 0
			sed -e '/^relgraph watch.*--serve/s/^/: not started: /' \
				-e 's/^relgraph watch /timeout --preserve-status -s INT 4 relgraph watch /' block >run.sh
			if ! (cd work && sh -e ../run.sh) >"out.$at" 2>&1; then
				no "README.md:$at: the block does not run as shown: $(tail -n 3 "out.$at")"
			fi
			;;
		skip:*) ;;
		*) no "README.md:$at: a block with no test mark (<!-- test: run -->, file NAME or skip: WHY)" ;;
		esac
		;;
	esac
done <blocks
[ "$n" -gt 0 ] || no "no block found in README.md"
exit $bad
