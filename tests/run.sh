#!/bin/sh
# relgraph's test driver: runs the cmocka unit tests, then every command-line
# case in tests/cases/, then the scripts in tests/cli/.  Ends with one line
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
set -u
BIN=${1:?usage: tests/run.sh RELGRAPH [UNIT_TEST...] [-- CASE...]}
shift
ROOT=$(pwd)
RELGRAPH="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
export ROOT RELGRAPH
pass=0
fail=0
skip=0
failed=""

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed="$failed $1"; echo "FAIL: $1"; }

units=""
only=""
while [ $# -gt 0 ]; do
	case "$1" in
	--) shift; only="$*"; break ;;
	*) units="$units $1"; shift ;;
	esac
done

for u in $units; do
	out=$("$u" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	n=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
	pass=$((pass + ${n:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then bad "$u (exit $rc)"; fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for dir in tests/cases/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) continue ;; esac
	fi
	IN="$dir/in"
	args="-Tdot \$IN"
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	want_rc=0
	[ -f "$dir/expect.rc" ] && want_rc=$(cat "$dir/expect.rc")
	eval "set -- $(printf '%s' "$args" | sed "s|\\\$IN|$IN|g")"
	"$BIN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "${UPDATE:-0}" = 1 ]; then
		# an existing expectation is kept even when empty: it says "nothing"
		for f in out err; do
			if [ -s "$tmp/$f" ] || [ -f "$dir/expect.$f" ]; then
				cp "$tmp/$f" "$dir/expect.$f"
			fi
		done
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$dir/expect.rc"; else rm -f "$dir/expect.rc"; fi
	fi
	why=""
	[ "$rc" = "$want_rc" ] || why="exit $rc, expected $want_rc"
	if [ -f "$dir/expect.out" ]; then
		cmp -s "$tmp/out" "$dir/expect.out" || why="$why; stdout differs: diff $dir/expect.out"
	fi
	if [ -f "$dir/expect.err" ]; then
		cmp -s "$tmp/err" "$dir/expect.err" || why="$why; stderr differs"
	elif [ "$want_rc" -eq 0 ] && [ -s "$tmp/err" ]; then
		why="$why; unexpected stderr"
	fi
	if [ -z "$why" ]; then
		ok
	else
		bad "case $name: ${why#; }"
		if [ -f "$dir/expect.err" ] && ! cmp -s "$tmp/err" "$dir/expect.err"; then
			diff "$dir/expect.err" "$tmp/err" | head -n 20
		fi
		if [ -f "$dir/expect.out" ] && ! cmp -s "$tmp/out" "$dir/expect.out"; then
			diff "$dir/expect.out" "$tmp/out" | head -n 20
		fi
		[ -f "$dir/expect.err" ] || head -n 5 "$tmp/err"
	fi
done

# csv-spectrum: the CSV conformance cases of the npm package, read by
# relgraph's reader (CSVDUMP, built by make) and compared with their JSON.
if [ -z "$only" ] && [ -n "${CSVDUMP:-}" ]; then
	if [ -d node_modules/csv-spectrum ] && command -v node >/dev/null 2>&1; then
		node tests/conformance/spectrum.js "$(cd "$(dirname "$CSVDUMP")" && pwd)/$(basename "$CSVDUMP")" \
			"$ROOT" >"$tmp/spectrum" 2>&1
		while IFS= read -r line; do
			case "$line" in
			PASS*) ok ;;
			SKIP*) skip=$((skip + 1)); echo "csv-spectrum: $line" ;;
			*) bad "csv-spectrum: $line" ;;
			esac
		done <"$tmp/spectrum"
	else
		bad "csv-spectrum: node_modules/csv-spectrum is missing (make deps installs it)"
	fi
fi

# Hostile inputs, generated on the spot (tests/hostile/run.sh).
if [ -z "$only" ]; then
	mkdir -p "$tmp/hostile"
	sh tests/hostile/run.sh "$RELGRAPH" "$tmp/hostile" >"$tmp/hostile.log" 2>&1
	while IFS= read -r line; do
		case "$line" in
		PASS*) ok ;;
		*) bad "hostile: $line" ;;
		esac
	done <"$tmp/hostile.log"
	rm -rf "$tmp/hostile"
fi

if [ -z "$only" ]; then
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		mkdir -p "$tmp/work"
		if (cd "$tmp/work" && sh "$ROOT/$t" >"$tmp/log" 2>&1); then
			ok
		else
			bad "$t"
			tail -n 20 "$tmp/log"
		fi
		rm -rf "$tmp/work"
	done
fi

echo
[ -n "$failed" ] && echo "failed:$failed"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
