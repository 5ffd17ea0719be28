#!/bin/sh
# The C code is laid out as .clang-format says (Debian 12's clang-format
# 14, which make deps installs): to fix a file, clang-format -i FILE.
set -eu
command -v clang-format >/dev/null || { echo "FAIL: clang-format is needed (make deps installs it)"; exit 1; }
cd "$ROOT"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
files=$(find src include tests/unit tests/conformance fuzz examples bench -name '*.[ch]' | sort)
if ! clang-format --dry-run --Werror $files >"$log" 2>&1; then
	grep -E '^[^ ].*: (error|warning):' "$log" | cut -d: -f1 | sort | uniq -c | sed 's/^/FAIL: not formatted: /'
	head -n 20 "$log"
	exit 1
fi
