#!/bin/sh
# Watch latency: how long `relgraph watch` takes from a saved CSV file to
# the new image, for the example graph and a generated 1,000-relation one.
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

status=0
rows=
for input in "$ROOT/graphs/xi-putin" "$work/gen-1k"; do
	name=$(basename "$input")
	out="$work/$name.out"
	if ! "$TOOLS/latency" -n "$SAVES" -t "$TIMEOUT" "$BIN" "$input" >"$out"; then
		status=1
		grep -v '^RESULT ' "$out" >&2 || true
	fi
	rel=$(relations "$input")
	hwm=$(field hwm_kb "$out")
	case $hwm in '' | -*) rss=- ;; *) rss=$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }') ;; esac
	rows="$rows| $name | ${rel:--} | $SAVES | $(ms median_ms) | $(ms p90_ms) | $(ms worst_ms) |"
	failed=$(field failed "$out")
	rows="$rows ${failed:--} | $(ms first_ms) | $rss |
"
done

echo "| input | relations | saves | median ms | p90 ms | worst ms | failed | first image ms | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s' "$rows"
echo
echo "Each save adds one meeting, alternately appended in place and renamed over;"
echo "the time runs from the write or rename to the new image renamed into place."
echo "$(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs," \
	"load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?');" \
	"$("$BIN" -V 2>/dev/null | head -n 1)"
exit $status
