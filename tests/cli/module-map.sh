#!/bin/sh
# docs/HACKING.md's module map is true: every file under src/ and include/
# has a row, and includes nothing its row forbids; the library prints no
# message and never exits (it returns statuses; src/cli/ alone speaks).
set -eu
bad=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
no() { echo "FAIL: $*"; bad=1; }
cd "$ROOT"
map=docs/HACKING.md

# rows: | `path` | job | may | must not |
rows=$(grep -E '^\| `(src|include)/' "$map")
for f in $(find src include -name '*.c' -o -name '*.h' | sort); do
	printf '%s\n' "$rows" | grep -qF "| \`$f\` |" || no "$f has no row in $map"
done
printf '%s\n' "$rows" | while IFS='|' read -r _ file _ _ forbidden _; do
	file=$(printf '%s' "$file" | tr -d ' `')
	[ -f "$file" ] || { echo "FAIL: $map names $file, which does not exist"; continue; }
	for pat in $(printf '%s' "$forbidden" | grep -o '`[^`]*`' | tr -d '`'); do
		prefix=${pat%\*}
		if grep -E '^#include' "$file" | grep -qF -e "<$prefix" -e "\"$prefix"; then
			echo "FAIL: $file includes $pat, which $map forbids: $(grep -E '^#include' "$file" | grep -F "$prefix" | head -n 1)"
		fi
	done
done >"$t/violations"
[ ! -s "$t/violations" ] || { cat "$t/violations"; bad=1; }

# no messages, no exit from the library: writes to stderr, printf, exit
for f in src/*.c; do
	if grep -nE '(^|[^a-z_])(printf|puts|exit)\(|stderr' "$f" | grep -v '^\([0-9]*\):\s*/\?\*' >"$t/found"; then
		no "$f speaks or exits: $(head -n 1 "$t/found")"
	fi
done
exit $bad
