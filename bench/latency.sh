#!/bin/sh
# Watch latency: how long `relgraph watch` takes from a saved CSV file to
# the new image, for the example graph and a generated 1,000-relation one;
# then (unless BIG=0) for a folder of one 1,000,000-row table and the
# example's small tables, drawn as `--focus "Xi Jinping" --depth 1`: a save
# of the small meetings table, then of the big table (BIG_SAVES, 10, each),
# each against the first image, which is a cold run (issue 13, target 4).
#
#   sh bench/latency.sh [RELGRAPH [TOOLS]]
#
# RELGRAPH defaults to build/relgraph, TOOLS (where gen and latency were
# built) to build/bench. SAVES (50), TIMEOUT (30 s per save) and SEED (1)
# may be set in the environment. Prints a Markdown table; exits 1 when a
# save got no image in time, the watcher died or would not stop, or left
# temporary files behind (the times themselves are never a failure).
set -eu

BIN=${1:-build/relgraph}
TOOLS=${2:-build/bench}
SAVES=${SAVES:-50}
TIMEOUT=${TIMEOUT:-30}
SEED=${SEED:-1}
BIG=${BIG:-1}
BIG_SAVES=${BIG_SAVES:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

for t in "$BIN" "$TOOLS/gen" "$TOOLS/latency"; do
	[ -x "$t" ] || { echo "latency.sh: $t: not built (make bench-latency builds it)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rg-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

"$TOOLS/gen" -n 1000 -s "$SEED" -o "$work/gen-1k" 2>/dev/null

# relations as relgraph counts them: "14 entities, 31 relations (...)"
relations() {
	"$BIN" check "$1" 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\) relations.*/\1/p' | head -n 1
}

# one field of latency's RESULT line
field() { sed -n "s/^RESULT .*[ ]$1=\\([^ ]*\\).*/\\1/p" "$2"; }

# a time from the RESULT line in $out, "-" when there is none
ms() {
	v=$(field "$1" "$out")
	case $v in '' | -*) echo - ;; *) echo "$v" ;; esac
}

# one row of the table from latency's output $out: input $1, saves $2
row() {
	rel=$(relations "$3")
	hwm=$(field hwm_kb "$out")
	case $hwm in '' | -*) rss=- ;; *) rss=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }') ;; esac
	failed=$(field failed "$out")
	rows="$rows| $1 | ${rel:--} | $2 | $(ms median_ms) | $(ms p90_ms) | $(ms worst_ms) |"
	rows="$rows ${failed:--} | $(ms first_ms) | $rss |
"
}

# latency NAME SAVES INPUT [LATENCY_OPTION...] [-- WATCH_OPTION...]
run() {
	name=$1 saves=$2 input=$3
	shift 3
	out="$work/$name.out"
	if ! "$TOOLS/latency" -n "$saves" -t "$TIMEOUT" "$@" >"$out"; then
		status=1
		grep -v '^RESULT ' "$out" >&2 || true
	fi
	row "$name" "$saves" "$input"
}

status=0
rows=
for input in "$ROOT/graphs/xi-putin" "$work/gen-1k"; do
	run "$(basename "$input")" "$SAVES" "$input" "$BIN" "$input"
done

ratios=
if [ "$BIG" != 0 ]; then
	# the folder: the example's tables and big-meetings.csv, 1,000,000
	# generated meetings of two (first in name order), whose first row is
	# a Xi-Putin meeting, so that each save of it changes the focus view
	"$TOOLS/gen" -n 1000000 -k names -s "$SEED" -o "$work/names-1m" 2>/dev/null
	mixed="$work/big+small"
	mkdir "$mixed"
	cp "$ROOT"/graphs/xi-putin/*.csv "$mixed"/
	awk -F, 'NR == 1 { print "date,participants,occasion"
		print "2013-03-22,Xi Jinping;Vladimir Putin,state visit"; next }
		{ print $4 "," $1 ";" $2 "," $3 }' "$work/names-1m/edges.csv" >"$mixed/big-meetings.csv"
	rm -r "$work/names-1m"
	focus='Xi Jinping'
	# a full read, cold: the read stage of `check -v` (ms)
	read_ms=$("$BIN" check -v "$mixed" 2>&1 >/dev/null |
		sed -n 's/^relgraph: read *\([0-9.]*\) s.*/\1/p' | awk '{ printf "%.0f", $1 * 1000 }')
	run "big+small: save small" "$BIG_SAVES" "$mixed" -f 300 "$BIN" "$mixed" -- --focus "$focus" --depth 1
	small=$(field median_ms "$out") first_small=$(field first_ms "$out")
	run "big+small: save big" "$BIG_SAVES" "$mixed" -f 300 -F big-meetings.csv "$BIN" "$mixed" -- --focus "$focus" --depth 1
	big=$(field median_ms "$out") first_big=$(field first_ms "$out")
	ratios=$(awk -v s="$small" -v fs="$first_small" -v b="$big" -v fb="$first_big" -v r="${read_ms:-0}" 'BEGIN {
		if (s + 0 > 0 && fs + 0 > 0 && b + 0 > 0 && fb + 0 > 0 && r + 0 > 0)
			printf "big+small: a cold full read (check -v) took %d ms; a save of the small table redraws in %.1f %% of it (target 4: at most 10 %%) and %.1f %% of a cold run; a save of the big one takes %.2f x a cold run (target: at most 1).", r, 100 * s / r, 100 * s / fs, b / fb }')
fi

echo "| input | relations | saves | median ms | p90 ms | worst ms | failed | first image ms | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s' "$rows"
echo
echo "Each save adds one meeting, alternately appended in place and renamed over;"
echo "the time runs from the write or rename to the new image renamed into place."
[ -z "$ratios" ] || echo "$ratios (The first image is the cold run.)"
echo "$(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs," \
	"load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?');" \
	"$("$BIN" -V 2>/dev/null | head -n 1)"
exit $status
