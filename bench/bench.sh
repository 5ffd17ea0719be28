#!/bin/sh
# relgraph against its anchors, in one run: ingest against a bare libcsv
# scan and a naive cgraph loader, --focus on a big graph against gvpr and
# dot, small graphs against dot and Python, big layouts against -K dot and
# -K sfdp, real data sets. Prints one Markdown table, then notes and the
# machine.
#
#   sh bench/bench.sh [RELGRAPH [TOOLS]]
#
# RELGRAPH defaults to build/relgraph; TOOLS (where gen, scan, shapes and
# cgraph_naive were built; data goes to TOOLS/data) to build/bench.
# Environment: RUNS (5: most repetitions of a measurement), BUDGET (15:
# seconds after which a measurement is not repeated), TIMEOUT (120: seconds
# before a run is stopped and reported as "> TIMEOUT s"), MEMORY (8388608:
# KB of address space a run may take, so that a layout that grows without
# bound ends as "out of memory" instead of taking the machine down),
# SMALL_RUNS (50: runs of each command on the small graph), HYPERFINE (the
# hyperfine that runs them; empty: a plain loop), SEED (1), REALDATA (the
# shared realdata folder beside the repository), PARTS (which parts to
# run, of "ingest focus small layouts"; all by default).
#
# Times are medians of the runs made. A missed target is reported, never a
# failure: the exit status is 1 only when something broke (a command that
# failed, a focus whose node sets differ, a missing tool).
set -u

BIN=${1:-build/relgraph}
TOOLS=${2:-build/bench}
RUNS=${RUNS:-5}
BUDGET=${BUDGET:-15}
TIMEOUT=${TIMEOUT:-120}
MEMORY=${MEMORY:-8388608}
SMALL_RUNS=${SMALL_RUNS:-50}
HYPERFINE=${HYPERFINE-hyperfine}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REALDATA=${REALDATA:-$ROOT/../shared/realdata}
[ -d "$REALDATA" ] && REALDATA=$(cd "$REALDATA" && pwd)
DATA=$TOOLS/data
PARTS=${PARTS:-ingest focus small layouts}
PY=/usr/bin/python3 # Debian's, which has python3-networkx and python3-pygraphviz

for t in "$BIN" "$TOOLS/gen" "$TOOLS/scan" "$TOOLS/shapes" "$TOOLS/cgraph_naive"; do
	[ -x "$t" ] || { echo "bench.sh: $t: not built (make bench builds it)" >&2; exit 2; }
done
for t in dot gvpr sfdp timeout /usr/bin/time; do
	command -v "$t" >/dev/null 2>&1 || { echo "bench.sh: $t: not installed (make bench installs it)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rg-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
status=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
started=$(date +%s)

say() { echo "bench: $*" >&2; }
broke() {
	say "error: $*"
	status=1
}

# ---------- measuring

# once LABEL CMD...: runs CMD once under the timeout and the memory limit,
# its output in $work/LABEL.out and .err; sets us (wall time,
# microseconds), kb (peak resident memory of the process, KB) and rc (124:
# timed out; 125: ran out of memory, us being when).
once() {
	label=$1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$work/rss" timeout -k 5 "$TIMEOUT" \
		sh -c 'ulimit -v "$0" 2>/dev/null; exec "$@"' "$MEMORY" "$@" \
		>"$work/$label.out" 2>"$work/$label.err"
	rc=$?
	t1=$(date +%s%N)
	us=$(((t1 - t0) / 1000))
	kb=$(tail -n 1 "$work/rss" 2>/dev/null)
	case $kb in '' | *[!0-9]*) kb=- ;; esac
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] &&
		grep -qiE 'out of memory|cannot allocate|bad_alloc|MemoryError' "$work/$label.err"; then
		rc=125
	fi
}

# whether an anchor's status says it broke (neither done, nor timed out,
# nor out of memory)
broken() { [ "$1" -ne 0 ] && [ "$1" -ne 124 ] && [ "$1" -ne 125 ]; }

# repeat LABEL CMD...: CMD up to RUNS times, no more once BUDGET seconds
# have gone, none after a failure. Sets us (median), kb (largest), rc (of
# the last run), n (runs made); each run's output and errors stay in
# LABEL.N.out and LABEL.N.err.
repeat() {
	label=$1
	shift
	: >"$work/$label.times"
	rm -f "$work/$label".[0-9]*.err "$work/$label".[0-9]*.out
	rkb=0
	n=0
	spent=0
	while [ "$n" -lt "$RUNS" ]; do
		once "$label" "$@"
		n=$((n + 1))
		cp "$work/$label.err" "$work/$label.$n.err"
		cp "$work/$label.out" "$work/$label.$n.out"
		[ "$kb" != - ] && [ "$kb" -gt "$rkb" ] && rkb=$kb
		[ "$rc" -ne 0 ] && break
		echo "$us" >>"$work/$label.times"
		spent=$((spent + us))
		[ "$spent" -ge $((BUDGET * 1000000)) ] && break
	done
	kb=$rkb
	[ "$kb" -eq 0 ] && kb=-
	[ "$rc" -eq 0 ] && us=$(median <"$work/$label.times" | awk '{ printf "%.0f", $1 }')
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.10g\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# stage NAME FIELD LABEL: from the -v lines of each run of LABEL
# ("relgraph: read   1.234 s   150.0 MB peak ..."), the median of the
# stage's seconds (FIELD 1) or its peak MB (FIELD 2)
stage() {
	for f in "$work/$3".[0-9]*.err; do
		awk -v s="$1" -v k="$2" '$1 == "relgraph:" && $2 == s { print k == 1 ? $3 : $5; exit }' "$f"
	done | median
}

# a time for the table from microseconds and the run's status
fmt() {
	case $2 in
	124) echo "> $TIMEOUT s" ;;
	125) awk -v u="$1" -v m="$MEMORY" 'BEGIN { printf "out of memory (%g GB) at %.1f s", m / 1048576, u / 1e6 }' ;;
	0) awk -v u="$1" 'BEGIN { if (u < 1e6) printf "%.1f ms", u / 1e3; else printf "%.2f s", u / 1e6 }' ;;
	*) echo "failed ($2)" ;;
	esac
}

kbfmt() {
	case $1 in -) echo - ;; *) awk -v k="$1" 'BEGIN { printf "%.0f", k }' ;; esac
}

# verdict NUM NUMRC DEN DENRC OP TARGET: the ratio NUM / DEN and whether it
# meets OP TARGET (">=", "<=", or "info" for none), as "RATIO|MET". A NUM
# that timed out or ran out of memory makes the ratio a lower bound (the
# time it had taken then), such a DEN an upper bound.
verdict() {
	awk -v a="$1" -v arc="$2" -v b="$3" -v brc="$4" -v op="$5" -v t="$6" 'BEGIN {
		acut = arc == 124 || arc == 125
		bcut = brc == 124 || brc == 125
		if ((arc != 0 && !acut) || (brc != 0 && !bcut) || (acut && bcut)) {
			print "–|failed"
			exit
		}
		r = b > 0 ? a / b : 0
		bound = acut ? "> " : bcut ? "< " : ""
		s = sprintf("%s%.2f", bound, r)
		if (op == "info")
			m = "info"
		else if (bound == "") {
			m = (op == ">=" ? r >= t : r <= t) ? "yes" : "**no**"
		} else if (bound == "> ")
			m = (op == ">=" && r >= t) ? "yes" : "undecided"
		else
			m = (op == "<=" && r <= t) ? "yes" : "undecided"
		print s "|" m
	}'
}

# row INPUT ANCHOR ANCHOR_TIME RELGRAPH_TIME RATIO TARGET MET REL_KB ANCHOR_KB RUNS
row() {
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@" >>"$work/table"
	say "$1 / $2: $3 vs $4, $5 ($6): $7"
}
note() { printf '%s\n' "$*" >>"$work/notes"; }
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
: >"$work/table"
: >"$work/notes"

# ---------- inputs

mkdir -p "$DATA"
say "generating inputs in $DATA (seed $SEED)"
for n in 1k:1000 100k:100000 1M:1000000; do
	"$TOOLS/gen" -n "${n#*:}" -s "$SEED" -o "$DATA/gen-${n%%:*}" 2>/dev/null ||
		broke "gen -n ${n#*:} failed"
done
# the name-heavy shape: one dated edge list, about 200,000 names per
# 1,000,000 rows, heavy-tailed degrees
for n in 100k:100000 1M:1000000; do
	"$TOOLS/gen" -k names -n "${n#*:}" -s "$SEED" -o "$DATA/names-${n%%:*}" 2>/dev/null ||
		broke "gen -k names -n ${n#*:} failed"
done
"$TOOLS/shapes" hubs 5000 20000 "$DATA/hubs-5k" "$SEED" 2>/dev/null || broke "shapes hubs failed"
"$TOOLS/shapes" forest 3001 2768 "$DATA/forest-5769" "$SEED" 2>/dev/null || broke "shapes forest failed"

bytes() { cat "$@" | wc -c | tr -d ' '; }

# ---------- 1, 2: ingest

for input in gen-1k gen-100k gen-1M names-100k names-1M; do
	part ingest || break
	dir=$DATA/$input
	size=${input#*-}
	csv_kb=$(($(bytes "$dir"/*.csv) / 1024))
	say "ingest of $input ($csv_kb KB of CSV)"
	repeat scan "$TOOLS/scan" "$dir"/*.csv
	scan_rc=$rc scan_kb=$kb scan_n=$n
	# the scan's own seconds, which leave out starting the process, as
	# relgraph's read stage does
	scan_us=$(for f in "$work"/scan.[0-9]*.out; do sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$f"; done |
		median | awk '{ printf "%.0f", $1 * 1e6 }')
	repeat check "$BIN" check "$dir" -q -v
	check_rc=$rc check_kb=$kb check_n=$n
	if [ "$check_rc" -eq 0 ]; then
		read_s=$(stage read 1 check)
		read_mb=$(stage read 2 check)
		read_us=$(awk -v s="$read_s" 'BEGIN { printf "%.0f", s * 1e6 }')
		read_kb=$(awk -v m="$read_mb" 'BEGIN { printf "%.0f", m * 1024 }')
	else
		read_us=0 read_kb=-
		[ "$check_rc" -ne 124 ] && broke "relgraph check $dir failed: $(head -n 3 "$work/check.err")"
	fi
	[ "$scan_rc" -ne 0 ] && broke "scan failed on $dir"
	v=$(verdict "$read_us" "$check_rc" "$scan_us" "$scan_rc" "<=" 3)
	row "$input ingest (relgraph's read stage)" "bench/scan: libcsv, counting callbacks" \
		"$(fmt "$scan_us" "$scan_rc")" "$(fmt "$read_us" "$check_rc")" \
		"${v%|*} (relgraph ÷ scan)" "≤ 3" "${v#*|}" "$(kbfmt "$read_kb") (read)" \
		"$(kbfmt "$scan_kb")" "$scan_n / $check_n"
	if [ "$input" = gen-1k ]; then
		base_read=$read_kb base_check=$check_kb
	else
		# the target is the read stage's at 1M rows; at 100k, information
		if [ "$size" = 1M ]; then mt=2.5 mop="<=" mtext="≤ 2.5"; else mt=0 mop=info mtext=info; fi
		v=$(verdict "${read_kb#-}" "$check_rc" "$csv_kb" 0 "$mop" "$mt")
		row "$input memory, read stage" "CSV size $csv_kb KB" – – \
			"${v%|*} (read peak ÷ CSV)" "$mtext" "${v#*|}" "$(kbfmt "$read_kb")" – "$check_n"
		v=$(verdict "${check_kb#-}" "$check_rc" "$csv_kb" 0 "<=" 4)
		row "$input memory, whole \`check\` process" "CSV size $csv_kb KB" – – \
			"${v%|*} (process peak ÷ CSV)" "≤ 4" "${v#*|}" "$(kbfmt "$check_kb")" – "$check_n"
		note "- $input memory above what gen-1k takes (read stage $(kbfmt "$base_read") KB, process $(kbfmt "$base_check") KB: the program with Graphviz's libraries loaded): $(awk -v r="$read_kb" -v c="$check_kb" -v br="$base_read" -v bc="$base_check" -v z="$csv_kb" 'BEGIN { if (r + 0 && c + 0 && br + 0 && bc + 0) printf "read stage %.2f, process %.2f × the CSV size", (r - br) / z, (c - bc) / z; else printf "not measured" }')."
	fi
	if [ "$input" = gen-1M ]; then
		say "naive cgraph loader on gen-1M"
		repeat naive "$TOOLS/cgraph_naive" "$dir"/*.csv
		broken "$rc" && broke "cgraph_naive failed: $(head -n 3 "$work/naive.err")"
		v=$(verdict "$us" "$rc" "$read_us" "$check_rc" info 0)
		row "gen-1M ingest" "bench/cgraph_naive: agnode + agedge per relation" \
			"$(fmt "$us" "$rc")" "$(fmt "$read_us" "$check_rc")" \
			"${v%|*} (naive ÷ relgraph)" "info: > 1" "${v#*|}" "$(kbfmt "$read_kb") (read)" \
			"$(kbfmt "$kb")" "$n / $check_n"
		note "- cgraph_naive: $(cat "$work/naive.out" 2>/dev/null); relgraph: $(sed -n 's/^relgraph: read *[0-9.]* s *[0-9.]* MB peak *//p' "$work/check.1.err")."
	fi
done

# ---------- 3: --focus on the 1M graph against gvpr + dot

# The node labels of an SVG's nodes, one a line, sorted: relgraph's tooltip
# starts with the label, Graphviz's own <title> is the node's name; the
# legend is left out.
labels() {
	awk '
	function flush() { if (on) print tip != "" ? tip : title; on = 0 }
	/<g id=.* class="node[ "]/ {
		flush()
		on = $0 !~ /class="node legend"/
		title = tip = ""
		next
	}
	/<g id=.* class="(edge|cluster)/ { flush(); next }
	on && title == "" && /<title>/ {
		title = $0
		sub(/.*<title>/, "", title)
		sub(/<\/title>.*/, "", title)
	}
	on && tip == "" && /xlink:title="/ {
		tip = $0
		sub(/.*xlink:title="/, "", tip)
		sub(/(&#10;|").*/, "", tip)
	}
	END { flush() }' "$1" |
		sed 's/&#45;/-/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' | LC_ALL=C sort -u
}

# focus_rows INPUT: INPUT (gen-1M, names-1M) as DOT, a focus chosen by
# todot.awk, then relgraph --focus at depths 1 and 2 against gvpr's cut
# laid out by dot (the target) and by sfdp (information)
focus_rows() {
	input=$1
	dir=$DATA/$input
	say "converting $input to DOT (bench/todot.awk) and choosing a focus"
	# a one-off preparation, not a measurement: at least 600 s
	limit=$TIMEOUT
	[ "$TIMEOUT" -lt 600 ] && TIMEOUT=600
	files=
	for t in leaders edges agreements meetings; do
		[ -f "$dir/$t.csv" ] && files="$files $dir/$t.csv"
	done
	# shellcheck disable=SC2086 # the files, one word each (no spaces in $DATA)
	once todot sh -c 'f=$1 a=$2 o=$3; shift 3; awk -v focus="$f" -f "$a" "$@" >"$o"' \
		sh "$work/focus" "$ROOT/bench/todot.awk" "$DATA/$input.dot" $files
	todot_rc=$rc todot_us=$us
	TIMEOUT=$limit
	focus=$(cut -f1 "$work/focus" 2>/dev/null)
	reach=$(cut -f2 "$work/focus" 2>/dev/null)
	if [ "$todot_rc" -ne 0 ] || [ -z "$focus" ]; then
		broke "todot.awk failed or found no focus in $input: $(head -n 3 "$work/todot.err")"
		return
	fi
	say "focus: $focus ($reach nodes within 2 steps)"
	note "- The DOT for the Graphviz route on $input ($(($(bytes "$DATA/$input.dot") / 1048576)) MB, one edge per related pair) was made once by bench/todot.awk in $(fmt "$todot_us" 0), not counted in the anchor; focus \`$focus\` ($reach nodes within two steps: on gen-1M the leader with the fewest, on names-1M the first of the first 2,000 targets with three relations or more with the fewest)."
	for depth in 1 2; do
		focus_depth "$input" "$dir" "$depth"
	done
}

# focus_depth INPUT DIR DEPTH: one depth's rows; relgraph with --all, so
# that it draws every node of the cut as the Graphviz route does (without
# it, a cut too big for the page shows its most important nodes only)
focus_depth() {
	repeat focus "$BIN" "$2" --focus "$focus" --depth "$3" --all -Tsvg -o "$work/focus-relgraph.svg" -v
	f_us=$us f_rc=$rc f_kb=$kb f_n=$n
	[ "$f_rc" -ne 0 ] && [ "$f_rc" -ne 124 ] && broke "relgraph --focus failed: $(head -n 3 "$work/focus.err")"
	engine=$(sed -n 's/^relgraph: layout .*peak *//p' "$work/focus.1.err")
	arg=$(printf '%s' "$focus" | sed 's/[\\ "'"'"']/\\&/g')
	repeat gvpr gvpr -i -a "$arg $3" -f "$ROOT/bench/focus.gvpr" -o "$work/focus.dot" "$DATA/$1.dot"
	g_us=$us g_rc=$rc g_kb=$kb g_n=$n
	[ "$g_rc" -ne 0 ] && broke "gvpr failed: $(head -n 3 "$work/gvpr.err")"
	same=
	for k in dot sfdp; do
		say "Graphviz route: gvpr, then $k -Tsvg on the cut"
		once "focus-$k" "$k" -Tsvg "$work/focus.dot" -o "$work/focus-$k.svg"
		broken "$rc" && broke "$k on the focus failed"
		a_us=$((g_us + us)) a_rc=$rc
		[ "$g_rc" -ne 0 ] && a_rc=$g_rc
		a_kb=$g_kb
		[ "$kb" != - ] && [ "$a_kb" != - ] && [ "$kb" -gt "$a_kb" ] && a_kb=$kb
		if [ $k = dot ]; then target=20 op=">=" t="≥ 20"; else target=0 op=info t="info"; fi
		v=$(verdict "$a_us" "$a_rc" "$f_us" "$f_rc" "$op" "$target")
		row "$1 --focus \"$focus\" --depth $3, SVG" "gvpr cut (focus.gvpr) + \`$k -Tsvg\`" \
			"$(fmt "$a_us" "$a_rc")" "$(fmt "$f_us" "$f_rc")" "${v%|*} (anchor ÷ relgraph)" \
			"$t" "${v#*|}" "$(kbfmt "$f_kb")" "$(kbfmt "$a_kb")" "$g_n+1 / $f_n"
		note "- $1 depth $3, Graphviz route with $k: gvpr $(fmt "$g_us" "$g_rc") (median of $g_n) + $k $(fmt "$us" "$rc") (one run)."
		if [ -z "$same" ] && [ "$rc" -eq 0 ] && [ "$f_rc" -eq 0 ]; then
			labels "$work/focus-relgraph.svg" >"$work/nodes-relgraph"
			labels "$work/focus-$k.svg" >"$work/nodes-graphviz"
			nr=$(wc -l <"$work/nodes-relgraph" | tr -d ' ')
			ng=$(wc -l <"$work/nodes-graphviz" | tr -d ' ')
			if cmp -s "$work/nodes-relgraph" "$work/nodes-graphviz"; then
				same="the same $nr node labels in relgraph's SVG and in the $k route's"
			else
				same="DIFFERENT node sets: relgraph $nr, $k route $ng; only in relgraph: $(comm -23 "$work/nodes-relgraph" "$work/nodes-graphviz" | head -n 3 | tr '\n' ';') only in Graphviz: $(comm -13 "$work/nodes-relgraph" "$work/nodes-graphviz" | head -n 3 | tr '\n' ';')"
				broke "focus: $same"
			fi
		fi
	done
	note "- $1 depth $3: relgraph laid it out with ${engine:-?}. Node sets: ${same:-not compared (no Graphviz SVG finished)}."
}

if part focus; then
	focus_rows gen-1M
	focus_rows names-1M
fi

# ---------- 4: the example graph against dot and Python

if part small; then
say "small graph: graphs/xi-putin, $SMALL_RUNS runs each"
xi=$ROOT/graphs/xi-putin
"$BIN" "$xi" -Tdot -o "$work/xi.dot" || broke "relgraph -Tdot on xi-putin failed"
py_runs=$((SMALL_RUNS / 5 > 3 ? SMALL_RUNS / 5 : 3))
if [ -n "$HYPERFINE" ] && command -v "$HYPERFINE" >/dev/null 2>&1; then
	"$HYPERFINE" -N --runs "$SMALL_RUNS" --warmup 3 --style none --export-csv "$work/hf.csv" \
		-n relgraph "$BIN $xi -Tsvg -o $work/x.svg" \
		-n fresh "$BIN $xi -Tsvg --no-memory -o $work/xf.svg" \
		-n dot "dot -Tsvg $work/xi.dot -o $work/xd.svg" >"$work/hf.log" 2>&1 ||
		broke "hyperfine (relgraph, dot) failed: $(tail -n 3 "$work/hf.log")"
	"$HYPERFINE" -N --runs "$py_runs" --warmup 1 --style none --export-csv "$work/hfpy.csv" \
		-n python "$PY $ROOT/bench/python_route.py $xi $work/xp.svg" >"$work/hfpy.log" 2>&1 ||
		broke "hyperfine (python) failed: $(tail -n 3 "$work/hfpy.log")"
	hf() { awk -F, -v c="$1" '$1 == c { printf "%.0f", $4 * 1e6 }' "$work/hf.csv" "$work/hfpy.csv"; }
	x_us=$(hf relgraph) f_us=$(hf fresh) d_us=$(hf dot) p_us=$(hf python)
	how="hyperfine, median"
else
	loop() {
		k=$1
		shift
		i=0
		: >"$work/$k.loop"
		while [ $i -lt "$runs" ]; do
			once "$k" "$@"
			echo "$us" >>"$work/$k.loop"
			i=$((i + 1))
		done
		median <"$work/$k.loop"
	}
	runs=$SMALL_RUNS
	x_us=$(loop relgraph "$BIN" "$xi" -Tsvg -o "$work/x.svg")
	f_us=$(loop fresh "$BIN" "$xi" -Tsvg --no-memory -o "$work/xf.svg")
	d_us=$(loop dot dot -Tsvg "$work/xi.dot" -o "$work/xd.svg")
	runs=$py_runs
	p_us=$(loop python "$PY" "$ROOT/bench/python_route.py" "$xi" "$work/xp.svg")
	how="a loop, median"
fi
[ -n "${x_us:-}" ] && [ -n "${f_us:-}" ] && [ -n "${d_us:-}" ] && [ -n "${p_us:-}" ] ||
	broke "no time for relgraph, dot or python on xi-putin"
once xr "$BIN" "$xi" -Tsvg -o "$work/x.svg"
xr_kb=$kb
[ "$rc" -ne 0 ] && broke "relgraph on xi-putin failed: $(head -n 3 "$work/xr.err")"
once xd dot -Tsvg "$work/xi.dot" -o "$work/xd.svg"
xd_kb=$kb
once xp "$PY" "$ROOT/bench/python_route.py" "$xi" "$work/xp.svg"
xp_kb=$kb
[ "$rc" -ne 0 ] && broke "python_route.py failed: $(tail -n 3 "$work/xp.err")"
v=$(verdict "${x_us:-0}" 0 "${d_us:-0}" 0 "<=" 1.1)
row "graphs/xi-putin, SVG, drawn again (its layout memory beside it)" "\`dot -Tsvg\` on relgraph's \`-Tdot\` output" "$(fmt "${d_us:-0}" 0)" \
	"$(fmt "${x_us:-0}" 0)" "${v%|*} (relgraph ÷ dot)" "≤ 1.1" "${v#*|}" "$(kbfmt "$xr_kb")" \
	"$(kbfmt "$xd_kb")" "$SMALL_RUNS / $SMALL_RUNS"
v=$(verdict "${f_us:-0}" 0 "${d_us:-0}" 0 "<=" 1.1)
row "graphs/xi-putin, SVG, a first drawing (\`--no-memory\`)" "\`dot -Tsvg\` on relgraph's \`-Tdot\` output" "$(fmt "${d_us:-0}" 0)" \
	"$(fmt "${f_us:-0}" 0)" "${v%|*} (relgraph ÷ dot)" "≤ 1.1" "${v#*|}" "$(kbfmt "$xr_kb")" \
	"$(kbfmt "$xd_kb")" "$SMALL_RUNS / $SMALL_RUNS"
v=$(verdict "${p_us:-0}" 0 "${f_us:-0}" 0 ">=" 3)
row "graphs/xi-putin, SVG, a first drawing" "bench/python_route.py: csv, networkx, pygraphviz (dot)" \
	"$(fmt "${p_us:-0}" 0)" "$(fmt "${f_us:-0}" 0)" "${v%|*} (python ÷ relgraph)" "≥ 3" "${v#*|}" \
	"$(kbfmt "$xr_kb")" "$(kbfmt "$xp_kb")" "$py_runs / $SMALL_RUNS"
note "- xi-putin times: $how of $SMALL_RUNS runs (Python: $py_runs), each a whole process."
fi

# ---------- 5, 6: big layouts and real data, default engine against one

# layout INPUT_NAME ANCHOR_ENGINE OP TARGET TARGET_TEXT ARGS...
layout() {
	name=$1 k=$2 op=$3 target=$4 ttext=$5
	shift 5
	say "$name: default engine, then -K $k (one run, at most $TIMEOUT s)"
	repeat def "$BIN" "$@" -Tsvg -o "$work/def.svg" -v
	l_us=$us l_rc=$rc l_kb=$kb l_n=$n
	[ "$l_rc" -ne 0 ] && [ "$l_rc" -ne 124 ] && broke "relgraph on $name failed: $(grep -v '^relgraph: [a-z]* *[0-9.]* s ' "$work/def.err" | head -n 3)"
	engine=$(sed -n 's/^relgraph: layout .*peak *//p' "$work/def.1.err")
	drawn=$(sed -n 's/^relgraph: transform .*peak *//p' "$work/def.1.err")
	once anchor "$BIN" "$@" -Tsvg -o "$work/anchor.svg" -K "$k"
	broken "$rc" && broke "relgraph -K $k on $name failed: $(head -n 3 "$work/anchor.err")"
	v=$(verdict "$us" "$rc" "$l_us" "$l_rc" "$op" "$target")
	row "$name ($drawn), SVG" "relgraph -K $k" "$(fmt "$us" "$rc")" "$(fmt "$l_us" "$l_rc") (${engine:-?})" \
		"${v%|*} (-K $k ÷ default)" "$ttext" "${v#*|}" "$(kbfmt "$l_kb")" "$(kbfmt "$kb")" "1 / $l_n"
}

if part layouts; then
layout "hubs-5k" dot ">=" 4 "≥ 4" "$DATA/hubs-5k"
layout "forest-5769" sfdp ">=" 5 "≥ 5" "$DATA/forest-5769"
note "- hubs-5k: \`shapes hubs 5000 20000\`, one component, preferential attachment (degree up to ~80); forest-5769: \`shapes forest 3001 2768\`, a random tree of 3,001 nodes plus 2,768 isolated ones (5,769 nodes, 3,000 edges, 2,769 components); seed $SEED."

if [ -d "$REALDATA" ]; then
	layout "trumpworld" dot info 0 info "$REALDATA/trumpworld/trumpworld.csv"
	layout "asoiaf book 1" dot info 0 info \
		"$REALDATA/asoiaf/asoiaf-book1-nodes.csv" "$REALDATA/asoiaf/asoiaf-book1-edges.csv"
	mkdir -p "$DATA/cow-alliances"
	if awk -f "$ROOT/bench/cow.awk" "$REALDATA/cow/alliance_v4.1_by_member.csv" \
		>"$DATA/cow-alliances/agreements.csv"; then
		layout "CoW alliances" dot info 0 info "$DATA/cow-alliances"
	else
		broke "bench/cow.awk failed"
	fi
	note "- Real data read in place from $REALDATA: trumpworld/trumpworld.csv; asoiaf/asoiaf-book1-{nodes,edges}.csv; cow/alliance_v4.1_by_member.csv grouped by version4id into one agreement per alliance (bench/cow.awk, written to $DATA/cow-alliances/agreements.csv)."
else
	note "- Real data rows skipped: no $REALDATA."
fi
fi

# ---------- the table

echo "| input | anchor | anchor time | relgraph time | ratio (which way) | target | met | relgraph peak RSS KB | anchor peak RSS KB | runs (anchor / relgraph) |"
echo "|---|---|---:|---:|---:|---|---|---:|---:|---:|"
cat "$work/table"
echo
echo "Times are wall-clock medians of the runs made (RUNS=$RUNS, fewer once a measurement has taken $BUDGET s);"
echo "runs stopped after $TIMEOUT s show \"> $TIMEOUT s\", runs that went past $(awk -v m="$MEMORY" 'BEGIN { printf "%g", m / 1048576 }') GB of address space"
echo "\"out of memory\"; either makes the ratio a bound, and \"undecided\" means the bound does not settle"
echo "the target. Ingest times are the programs' own (bench/scan's, relgraph -v's read stage), the"
echo "others whole processes. Peak RSS is the process's maximum resident set (/usr/bin/time), except"
echo "where the read stage's own peak (relgraph -v) is named. Runs \"3+1\": gvpr's, then the layout's."
echo
cat "$work/notes"
echo
echo "relgraph at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src include Makefile 2>/dev/null || echo ', with uncommitted changes in src/, include/ or Makefile'); $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Machine: $(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs" \
	"($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), load $load_before before," \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') after; $(($(date +%s) - started)) s in all."
echo "$("$BIN" -V 2>/dev/null | head -n 1); $(dot -V 2>&1 | head -n 1); $("${HYPERFINE:-false}" --version 2>/dev/null || echo 'no hyperfine');" \
	"Python $($PY -c 'import sys, networkx, pygraphviz; print("%d.%d.%d, networkx %s, pygraphviz %s" % (sys.version_info[:3] + (networkx.__version__, pygraphviz.__version__)))' 2>/dev/null || echo '?')."
exit $status
