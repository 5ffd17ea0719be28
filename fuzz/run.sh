#!/bin/sh
# Runs each fuzz target for SECONDS on a corpus seeded from tests/ and
# graphs/ (kept in build/fuzz/corpus-TARGET between runs) and reports the
# executions.  A crash leaves its input as build/fuzz/crash-* and fails:
# turn it into a case in tests/cases/ once fixed.
set -eu
seconds=$1
shift
status=0
for t in "$@"; do
	corpus=build/fuzz/corpus-$t
	mkdir -p "$corpus"
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
		{ printf "$sel"; printf '\000'; cat "$f"; } >"$corpus/seed-$n"
	done
	log=build/fuzz/$t.log
	ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 \
	LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0 \
		./build/fuzz/"$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix=build/fuzz/ -print_final_stats=1 \
		"$corpus" >"$log" 2>&1 || status=1
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	echo "fuzz: $t: ${runs:-?} executions in ${seconds} s, corpus $(ls "$corpus" | wc -l) inputs"
	if [ $status -ne 0 ]; then
		tail -n 40 "$log"
		echo "fuzz: $t found a problem: see $log and build/fuzz/crash-*"
		break
	fi
done
exit $status
