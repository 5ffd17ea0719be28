#!/bin/sh
# relgraph's test driver: runs the cmocka unit tests, then every command-line
# case in tests/cases/, the csv-spectrum conformance cases, the hostile
# inputs and the scripts in tests/cli/.  Ends with one line
# "N passed, N failed" counting all of them.
#
# A case is a folder tests/cases/NAME/ with:
#   in/          the input CSV files (the case's $IN)
#   args         optional: the command line after `relgraph`, with $IN for
#                the input folder (default: -Tdot $IN)
#   expect.out   optional: standard output, exactly
#   expect.err   optional: standard error, exactly
#   expect.rc    optional: the exit status (default 0)
# Run one case by hand: sh tests/run.sh build/relgraph -- NAME
# Regenerate a case's expectations after a deliberate change:
#   UPDATE=1 sh tests/run.sh build/relgraph -- NAME   (then read the diff)
#
# The tests are independent of each other and run JOBS at a time (default:
# the number of processors; JOBS=1 runs them one by one).  Each one writes
# what it prints and its results to files of its own, and they are reported
# in the order above, whichever finished first, so the output is the same
# from run to run.  The scripts in SERIAL wait for relgraph against the
# clock (a watcher that must redraw within seconds, a signal sent a second
# into a render): they run afterwards, one by one with nothing beside them,
# so that a busy machine (valgrind, sanitizers) does not make them fail.
set -u
SERIAL="tests/cli/watch.sh tests/cli/watch-serve.sh tests/cli/sigint-during-render.sh"

# bad WHAT: a failure, named in the summary; ok: a success; skip: set aside
ok() { echo "pass 1" >>"$res"; }
skip() { echo "skip 1" >>"$res"; }
bad() { echo "bad $1" >>"$res"; echo "FAIL: $1"; }

# job KEY KIND WHAT: runs one test, writing what it prints to $R/KEY.log and
# one line per result to $R/KEY.res ("pass N", "fail N", "skip N" or
# "bad WHAT"), for the summary below to count; KEY.res appears only when
# the test has run to its end
job() {
	key=$1 kind=$2 what=$3
	res=$R/$key.part
	w=$R/$key.d
	mkdir -p "$w"
	exec >"$R/$key.log" 2>&1
	: >"$res"
	case $kind in
	unit) unit "$what" ;;
	case) case_ "$what" ;;
	spectrum) spectrum ;;
	hostile) hostile ;;
	cli) cli "$what" ;;
	esac
	rm -rf "$w"
	mv "$res" "$R/$key.res"
}

unit() {
	out=$("$1" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	n=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	echo "pass ${n:-0}" >>"$res"
	echo "fail ${f:-0}" >>"$res"
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then bad "$1 (exit $rc)"; fi
}

case_() {
	name=$1
	dir=tests/cases/$name
	IN="$dir/in"
	args="-Tdot \$IN"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	want_rc=0
	[ -f "$dir/expect.rc" ] && want_rc=$(cat "$dir/expect.rc")
	eval "set -- $(printf '%s' "$args" | sed "s|\\\$IN|$IN|g")"
	"$BIN" "$@" >"$w/out" 2>"$w/err" </dev/null
	rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then
		# an existing expectation is kept even when empty: it says "nothing"
		for f in out err; do
			if [ -s "$w/$f" ] || [ -f "$dir/expect.$f" ]; then
				cp "$w/$f" "$dir/expect.$f"
			fi
		done
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$dir/expect.rc"; else rm -f "$dir/expect.rc"; fi
	fi
	why=""
	[ "$rc" = "$want_rc" ] || why="exit $rc, expected $want_rc"
	if [ -f "$dir/expect.out" ]; then
		cmp -s "$w/out" "$dir/expect.out" || why="$why; stdout differs: diff $dir/expect.out"
	fi
	if [ -f "$dir/expect.err" ]; then
		cmp -s "$w/err" "$dir/expect.err" || why="$why; stderr differs"
	elif [ "$want_rc" -eq 0 ] && [ -s "$w/err" ]; then
		why="$why; unexpected stderr"
	fi
	if [ -z "$why" ]; then
		ok
	else
		bad "case $name: ${why#; }"
		if [ -f "$dir/expect.err" ] && ! cmp -s "$w/err" "$dir/expect.err"; then
			diff "$dir/expect.err" "$w/err" | head -n 20
		fi
		if [ -f "$dir/expect.out" ] && ! cmp -s "$w/out" "$dir/expect.out"; then
			diff "$dir/expect.out" "$w/out" | head -n 20
		fi
		[ -f "$dir/expect.err" ] || head -n 5 "$w/err"
	fi
}

# csv-spectrum: the CSV conformance cases of the npm package, read by
# relgraph's reader (CSVDUMP, built by make) and compared with their JSON.
spectrum() {
	if [ -d node_modules/csv-spectrum ] && command -v node >/dev/null 2>&1; then
		node tests/conformance/spectrum.js "$(cd "$(dirname "$CSVDUMP")" && pwd)/$(basename "$CSVDUMP")" \
			"$ROOT" >"$w/spectrum" 2>&1
		while IFS= read -r line; do
			case "$line" in
			PASS*) ok ;;
			SKIP*) skip; echo "csv-spectrum: $line" ;;
			*) bad "csv-spectrum: $line" ;;
			esac
		done <"$w/spectrum"
	else
		bad "csv-spectrum: node_modules/csv-spectrum is missing (make deps installs it)"
	fi
}

# Hostile inputs, generated on the spot (tests/hostile/run.sh).
hostile() {
	sh tests/hostile/run.sh "$RELGRAPH" "$w" >"$R/hostile.log" 2>&1
	while IFS= read -r line; do
		case "$line" in
		PASS*) ok ;;
		*) bad "hostile: $line" ;;
		esac
	done <"$R/hostile.log"
}

cli() {
	if (cd "$w" && sh "$ROOT/$1" >"$R/$key.cli" 2>&1); then
		ok
	else
		bad "$1"
		tail -n 20 "$R/$key.cli"
	fi
}

if [ "${1:-}" = --job ]; then
	shift
	job "$@"
	exit 0
fi

BIN=${1:?usage: tests/run.sh RELGRAPH [UNIT_TEST...] [-- CASE...]}
shift
ROOT=$(pwd)
RELGRAPH="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
R=$(mktemp -d)
trap 'rm -rf "$R"' EXIT
export ROOT RELGRAPH BIN R CSVDUMP

units=""
only=""
while [ $# -gt 0 ]; do
	case "$1" in
	--) shift; only="$*"; break ;;
	*) units="$units $1"; shift ;;
	esac
done

# The list, one "KEY KIND WHAT" a line, in the order of the report; KEY
# numbers them.
n=0
add() { n=$((n + 1)); echo "$(printf '%03d' $n) $1 $2" >>"$R/list"; }
: >"$R/list"
for u in $units; do add unit "$u"; done
for dir in tests/cases/*/; do
	name=$(basename "$dir")
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) continue ;; esac
	fi
	add case "$name"
done
if [ -z "$only" ]; then
	[ -n "${CSVDUMP:-}" ] && add spectrum -
	add hostile -
	for t in tests/cli/*.sh; do
		[ -f "$t" ] && add cli "$t"
	done
fi

# Run first what takes longest (the hostile inputs, the scripts), so that
# the many short cases fill the gaps at the end; the SERIAL scripts last.
is_serial() { case " $SERIAL " in *" $1 "*) return 0 ;; esac; return 1; }
: >"$R/queue"
: >"$R/serial"
for k in hostile cli spectrum unit case; do
	while read -r key kind what; do
		[ "$kind" = "$k" ] || continue
		if is_serial "$what"; then
			echo "$key $kind $what" >>"$R/serial"
		else
			echo "$key $kind $what" >>"$R/queue"
		fi
	done <"$R/list"
done
# (a job killed by a signal would stop xargs: the `|| :` keeps it going,
# and that job alone has no result)
# shellcheck disable=SC2016 # $0 and $@ are the inner shell's
xargs -P "$JOBS" -L 1 sh -c 'sh "$0" --job "$@" || :' "$SELF" <"$R/queue"
while read -r key kind what; do
	sh "$SELF" --job "$key" "$kind" "$what"
done <"$R/serial"

pass=0
fail=0
skip=0
failed=""
while read -r key kind what; do
	if [ ! -f "$R/$key.res" ]; then
		case $kind in
		unit | cli) ;;
		case) what="case $what" ;;
		spectrum) what=csv-spectrum ;;
		hostile) what=hostile ;;
		esac
		echo "FAIL: $what: the test stopped before its end"
		[ -f "$R/$key.log" ] && tail -n 20 "$R/$key.log"
		fail=$((fail + 1))
		failed="$failed $what (stopped)"
		continue
	fi
	cat "$R/$key.log"
	while read -r r v; do
		case $r in
		pass) pass=$((pass + v)) ;;
		fail) fail=$((fail + v)) ;;
		skip) skip=$((skip + v)) ;;
		bad) fail=$((fail + 1)); failed="$failed $v" ;;
		esac
	done <"$R/$key.res"
done <"$R/list"

echo
[ -n "$failed" ] && echo "failed:$failed"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
