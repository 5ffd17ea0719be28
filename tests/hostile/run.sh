#!/bin/sh
# Hostile and malformed inputs, generated here (some are megabytes): each
# must end with the right exit status and message, within a time and a
# memory bound, and never with a crash.  Prints "PASS name" or "FAIL name:
# why" per input, for tests/run.sh to count.
#
# usage: tests/hostile/run.sh RELGRAPH WORKDIR
set -u
R=$1
W=$2
SECONDS_MAX=${HOSTILE_SECONDS:-60}
MEMORY_KB=${HOSTILE_MEMORY_KB:-4000000} # address space, well above any case's need

# t NAME STATUS PATTERN ARGS...: run relgraph ARGS under the bounds; the
# exit status must be STATUS and stderr must match the extended regular
# expression PATTERN ('' for no stderr at all).
t() {
	name=$1 want=$2 pat=$3
	shift 3
	rc=0
	(ulimit -v "$MEMORY_KB"; exec timeout -s KILL "$SECONDS_MAX" "$R" "$@") \
		>"$W/out" 2>"$W/err" </dev/null || rc=$?
	if [ "$rc" -eq 137 ]; then
		echo "FAIL $name: killed after ${SECONDS_MAX} s"
	elif [ "$rc" -ge 128 ] || grep -q 'AddressSanitizer\|runtime error' "$W/err"; then
		echo "FAIL $name: crashed (status $rc): $(head -c 300 "$W/err")"
	elif [ "$rc" -ne "$want" ]; then
		echo "FAIL $name: exit $rc, expected $want: $(head -c 300 "$W/err")"
	elif [ -z "$pat" ] && [ -s "$W/err" ]; then
		echo "FAIL $name: unexpected stderr: $(head -c 300 "$W/err")"
	elif [ -n "$pat" ] && ! grep -Eq "$pat" "$W/err"; then
		echo "FAIL $name: stderr does not match /$pat/: $(head -c 300 "$W/err")"
	else
		echo "PASS $name"
	fi
}

# d NAME: a fresh input folder $W/NAME, echoed
d() {
	rm -rf "${W:?}/$1"
	mkdir -p "$W/$1"
	echo "$W/$1"
}

E='error: '
LOC='[^ ]+\.csv:[0-9]+:[0-9]+: '

# --- broken CSV structure
x=$(d unterminated); printf 'source,target\na,b\n"c,d\n' >"$x/edges.csv"
t unterminated-quote-at-eof 1 "${LOC}${E}unterminated quoted field" -Tdot "$x"
x=$(d stray); printf 'source,target\na"b,c\n' >"$x/edges.csv"
t quote-inside-unquoted-field 1 "${LOC}${E}'\"' inside a field" -Tdot "$x"
x=$(d after); printf 'source,target\n"a"b,c\n' >"$x/edges.csv"
t text-after-closing-quote 1 "${LOC}${E}'\"' inside a field" -Tdot "$x"
x=$(d ragged-long); printf 'source,target\na,b,c\n' >"$x/edges.csv"
t ragged-row-long 1 "${LOC}${E}row has 3 fields but the header has 2" -Tdot "$x"
x=$(d ragged-short); printf 'source,target,kind\na,b\n' >"$x/edges.csv"
t ragged-row-short 1 "${LOC}${E}row has 2 fields but the header has 3" -Tdot "$x"
x=$(d empty); : >"$x/edges.csv"
t empty-file 1 "${LOC}${E}empty file" -Tdot "$x"
x=$(d bom-only); printf '\357\273\277' >"$x/edges.csv"
t bom-only 1 "${LOC}${E}empty file" -Tdot "$x"
x=$(d blank-only); printf '\n\n\r\n\n' >"$x/edges.csv"
t blank-lines-only 1 "${LOC}${E}empty file" -Tdot "$x"
x=$(d header-only); printf 'source,target\n' >"$x/edges.csv"
t header-only 0 '' -Tsvg -o "$W/header-only.svg" "$x"
x=$(d dup-header); printf 'source,target,Source\na,b,c\n' >"$x/edges.csv"
t duplicate-headers 1 "${LOC}${E}duplicate column 'Source'" -Tdot "$x"
x=$(d unknown-table); printf 'x,y,z\n1,2,3\n' >"$x/data.csv"
t unknown-table 1 "${LOC}${E}cannot tell what this table holds" -Tdot "$x"
x=$(d ctrl-header); printf '"a\tb\nc\013d",e\n1,2\n' >"$x/data.csv"
t control-characters-in-header 1 'columns: a\\tb\\nc\\x0Bd, e' -Tdot "$x"

# --- encodings and bytes
x=$(d nul); printf 'source,target\na\000b,c\n' >"$x/edges.csv"
t nul-byte 1 "${LOC}${E}NUL byte" -Tdot "$x"
x=$(d utf16le); printf '\377\376s\000,\000t\000\n\000' >"$x/edges.csv"
t utf16-little-endian 1 "${LOC}${E}the file is UTF-16 \\(little-endian\\).*iconv" -Tdot "$x"
x=$(d utf16be); printf '\376\377\000s\000,\000t\000\n' >"$x/edges.csv"
t utf16-big-endian 1 "${LOC}${E}the file is UTF-16 \\(big-endian\\)" -Tdot "$x"
x=$(d latin1); printf 'source,target\nJos\351,b\n' >"$x/edges.csv"
t latin1-byte 1 "${LOC}${E}byte 0xE9 is not valid UTF-8.*iconv" -Tdot "$x"
x=$(d bad-utf8-quoted); printf 'source,target\n"a\300\257b",c\n' >"$x/edges.csv"
t overlong-utf8-inside-quotes 1 "edges.csv:2:3: ${E}byte 0xC0" -Tdot "$x"
x=$(d surrogate); printf 'source,target\n\355\240\200,c\n' >"$x/edges.csv"
t utf8-surrogate 1 "${LOC}${E}byte 0xED" -Tdot "$x"
x=$(d garbage); head -c 65536 /dev/urandom >"$x/edges.csv"
t random-bytes 1 "${E}" -Tdot "$x"
x=$(d cr-only); printf 'source,target\ra,b\rc,d' >"$x/edges.csv"
t cr-only-line-ends 0 '' -Tdot -o "$W/cr.dot" "$x"
x=$(d bom); printf '\357\273\277source,target\na,b\n' >"$x/edges.csv"
t utf8-bom 0 '' -Tdot -o "$W/bom.dot" "$x"

# --- sizes
x=$(d big-field); { printf 'id,description\na,"'; head -c 10485760 /dev/zero | tr '\0' x; printf '"\n'; } >"$x/nodes.csv"
t ten-megabyte-field 0 '' -Tdot -o "$W/big.dot" "$x"
x=$(d wide); awk 'BEGIN { printf "id"; for (i = 1; i < 100000; i++) printf ",c%d", i; printf "\nn"; for (i = 1; i < 100000; i++) printf ",%d", i; printf "\n" }' >"$x/nodes.csv"
t hundred-thousand-columns 0 '' -Tdot -o "$W/wide.dot" "$x"
x=$(d too-wide); awk 'BEGIN { printf "id"; for (i = 1; i <= 100001; i++) printf ",c%d", i; printf "\n" }' >"$x/nodes.csv"
t more-columns-than-read 1 "${LOC}${E}100002 columns is more than relgraph reads" -Tdot "$x"
x=$(d million-empty); { printf 'source,target\n'; head -c 1000000 /dev/zero | tr '\0' '\n'; printf 'a,b\n'; } >"$x/edges.csv"
t million-empty-lines 0 '' -Tdot -o "$W/million.dot" "$x"
x=$(d long-line); { printf 'source,target\n'; head -c 1048576 /dev/zero | tr '\0' a; printf ',b'; } >"$x/edges.csv"
t megabyte-line-without-newline 0 '' -Tdot -o "$W/long.dot" "$x"
x=$(d summit); { printf 'date,participants,occasion\n2020,'; awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "%sP%d", (i > 1 ? ";" : ""), i }'; printf ',Big summit\n'; } >"$x/meetings.csv"
t two-thousand-participants 0 '' -Tdot -o "$W/summit.dot" "$x"
x=$(d same-rows); { printf 'source,target\n'; awk 'BEGIN { for (i = 0; i < 20000; i++) print "A,B" }'; } >"$x/edges.csv"
t twenty-thousand-equal-rows-no-merge 0 '^relgraph: 19999 warnings: 19999 repeated rows; run .relgraph check. or add -v to see them$' -Tdot --no-merge -o "$W/same.dot" "$x"
x=$(d many-errors); { printf 'name,start\n'; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "n%d,bad\n", i }'; } >"$x/leaders.csv"
t hundred-thousand-errors 1 'more problems not shown' check "$x"

# --- values
x=$(d feb30); printf 'name,start\nA,2023-02-30\n' >"$x/leaders.csv"
t date-2023-02-30 1 "${LOC}${E}'2023-02-30' is not a date" -Tdot "$x"
x=$(d month13); printf 'name,start\nA,2022-13-01\n' >"$x/leaders.csv"
t date-month-13 1 "${LOC}${E}'2022-13-01' is not a date" -Tdot "$x"
x=$(d feb29); printf 'name,start\nA,2024-02-29\nB,1900\n' >"$x/leaders.csv"
t date-leap-day 0 '' -Tdot -o "$W/leap.dot" "$x"
x=$(d end-before); printf 'name,start,end\nA,2020,2019\n' >"$x/leaders.csv"
t end-before-start 1 "${LOC}${E}end date is before start date" -Tdot "$x"
x=$(d spaces-id); printf 'name,kind\n"   ",leader\n' >"$x/people.csv"
t id-of-only-spaces 1 "${LOC}${E}empty id" -Tdot "$x"
x=$(d self); printf 'source,target\na,a\n' >"$x/edges.csv"
t self-loop 0 '' -Tsvg -o "$W/self.svg" "$x"
x=$(d weight-nan); printf 'source,target,weight\na,b,nan\n' >"$x/edges.csv"
t weight-nan 1 "${LOC}${E}weight 'nan' is not a number" -Tdot "$x"
x=$(d weight-inf); printf 'source,target,weight\na,b,1e400\n' >"$x/edges.csv"
t weight-huge 1 "${LOC}${E}weight '1e400' is not a number" -Tdot "$x"
x=$(d count-big); printf 'date,participants,count\n2020,a;b,99999999999\n' >"$x/meetings.csv"
t count-overflow 1 "${LOC}${E}count '99999999999' is not a whole number" -Tdot "$x"
x=$(d punct-kind); printf 'Entity A Type,Entity A,Entity B Type,Entity B\n;,a,!,b\n' >"$x/edges.csv"
t kinds-of-punctuation-only 0 '' -Tdot -o "$W/punct.dot" "$x"
x=$(d kinds); printf 'id,kind\n%s\n' "$(awk 'BEGIN { for (i = 0; i < 500; i++) printf "%sn%d,k%d", (i ? "\n" : ""), i, i }')" >"$x/nodes.csv"
t five-hundred-kinds 0 '' -Tdot -o "$W/kinds.dot" "$x"

# --- names that are syntax somewhere: shown, never interpreted
x=$(d names); cat >"$x/nodes.csv" <<'CSV'
id,label
q,"say ""hi"""
bs,"C:\new\N \G"
html,<b>bold</b> & <i>
dot,"a"" -> b; } digraph x { c"
nl,"two
lines"
br,<br/>
CSV
printf 'source,target\nq,bs\nhtml,dot\nnl,br\n' >"$x/edges.csv"
t syntax-in-names 0 '' -Tsvg -o "$W/names.svg" "$x"
if [ -f "$W/names.svg" ] && ! xmllint --noout "$W/names.svg" 2>/dev/null; then
	echo "FAIL syntax-in-names-svg-valid: the SVG is not well-formed XML"
else
	echo "PASS syntax-in-names-svg-valid"
fi
x=$(d js); printf 'id,url\na,javascript:alert(1)\nb,"data:text/html;base64,xx"\nc,https://example.org/\n' >"$x/nodes.csv"
t javascript-url 0 "${LOC}warning: link 'javascript:alert\\(1\\)' left out" -Tsvg -o "$W/js.svg" "$x"
if grep -q 'javascript:\|data:text' "$W/js.svg" 2>/dev/null; then
	echo "FAIL javascript-url-not-in-svg: an unsafe link reached the SVG"
else
	echo "PASS javascript-url-not-in-svg"
fi

# --- the file system
x=$(d dir-as-csv); mkdir "$x/edges.csv"
t folder-named-like-a-csv 3 "edges.csv: ${E}read error" -Tdot "$x"
t input-missing 2 "${E}cannot read: No such file or directory" -Tdot "$W/no-such-input"
x=$(d loop); ln -s loop.csv "$x/loop.csv"
t symlink-loop 3 "loop.csv: ${E}cannot" -Tdot "$x/loop.csv"
t input-unreadable-device 3 "${E}" -Tdot /proc/self/mem
