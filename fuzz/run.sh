#!/bin/sh
# Runs each fuzz target for SECONDS on a corpus seeded from tests/ and
# graphs/ (kept in build/fuzz/corpus-TARGET between runs) and reports the
# executions.  A crash leaves its input as build/fuzz/crash-* and fails:
# turn it into a case in tests/cases/ once fixed.  The targets run side by
# side, JOBS at a time (default: the number of processors), each on one
# processor, so the run takes SECONDS per JOBS targets; they are reported
# in the order given, and counted in a closing line "N passed, N failed".
set -eu
seconds=$1
shift
targets=$*
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}

# fuzz TARGET: seeds its corpus, runs it, leaves its exit status in
# build/fuzz/TARGET.status
fuzz() {
	t=$1
	corpus=build/fuzz/corpus-$t
	mkdir -p "$corpus"
	if [ "$t" = fuzz_mapping ]; then
		# its selector byte: 0 JSON alone, 1 a metadata file beside a
		# table, 2 a --map spec
		n=0
		for f in docs/mappings/*.json tests/cases/*/in/*.json; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			{ printf '\000'; cat "$f"; } >"$corpus/seed-$n-json"
			{ printf '\001'; cat "$f"; } >"$corpus/seed-$n-beside"
		done
		printf '\002who=source,whom=target,when_y=start_year' >"$corpus/seed-map"
	fi
	# seeds: every CSV of the tests and examples, with the selector byte
	# the target reads first (0: edges, 1: nodes or meetings, 2: ...)
	n=0
	for f in tests/cases/*/in/*.csv graphs/*/*.csv; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		case "$(basename "$f")" in
		meetings*) sel='\001' ;;
		agreements*) sel='\002' ;;
		leaders*) sel='\003' ;;
		*) sel='\000' ;;
		esac
		if [ "$t" = fuzz_read ]; then
			# fuzz_read takes one byte before the CSV text: the same
			# seed on one thread, and (bit 3) on two in small batches
			{ printf "$sel"; cat "$f"; } >"$corpus/seed-$n"
			{ printf "$(printf '%s' "$sel" | sed 's/00\(.\)$/01\1/')"; cat "$f"; } \
				>"$corpus/seed-$n-parallel"
		else
			{ printf "$sel"; printf '\000'; cat "$f"; } >"$corpus/seed-$n"
		fi
	done
	rc=0
	ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
		./build/fuzz/"$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix=build/fuzz/ -print_final_stats=1 \
		"$corpus" >"build/fuzz/$t.log" 2>&1 || rc=$?
	echo "$rc" >"build/fuzz/$t.status"
}

# JOBS at a time: start a batch, wait for all of it
while [ $# -gt 0 ]; do
	pids=""
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
		rm -f "build/fuzz/$1.status"
		fuzz "$1" &
		pids="$pids $!"
		i=$((i + 1))
		shift
	done
	for p in $pids; do wait "$p" || true; done
done

status=0 pass=0 fail=0
for t in $targets; do
	log=build/fuzz/$t.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	echo "fuzz: $t: ${runs:-?} executions in ${seconds} s, corpus $(ls "build/fuzz/corpus-$t" | wc -l) inputs"
	if [ "$(cat "build/fuzz/$t.status" 2>/dev/null || echo 1)" != 0 ]; then
		tail -n 40 "$log"
		echo "fuzz: $t found a problem: see $log and build/fuzz/crash-*"
		status=1
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
# each target is a test, for the sum that CI makes (.ci/run)
echo "$pass passed, $fail failed"
exit $status
