#!/bin/sh
# Names with quotes, backslashes, <b>, ]; x [ and line breaks are drawn as
# the text they are: the SVG is well-formed XML, its text and tooltips show
# the names literally, and relgraph's DOT read back by dot draws the same.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

# has FILE TEXT: FILE holds TEXT as a whole SVG text element.
has() { grep -qF ">$2</text>" "$1" || no "$1: no <text> element '$2'"; }
# tip FILE TEXT: FILE holds TEXT as a whole tooltip (xlink:title).
tip() { grep -qF "xlink:title=\"$2\"" "$1" || no "$1: no tooltip '$2'"; }

C="$ROOT/tests/cases"
"$RELGRAPH" "$C/names-special-chars/in" -Tsvg >special.svg
"$RELGRAPH" "$C/names-backslash/in" -Tsvg >backslash.svg
for f in special.svg backslash.svg; do
	xmllint --noout "$f" || no "$f is not well-formed XML"
done
has special.svg 'The &quot;Boss&quot;'
has special.svg '&lt;b&gt;bold&lt;/b&gt; &amp; co'
has special.svg 'x ]; y [ label=pwned'
has special.svg 'two'
has special.svg 'lines'
tip special.svg 'The &quot;Boss&quot;&#10;person'
tip special.svg '&lt;b&gt;bold&lt;/b&gt; &amp; co&#10;organization'
tip special.svg 'x ]; y [ label=pwned&#10;organization'
tip special.svg 'two&#10;lines&#10;person'
grep -q '<b>' special.svg && no "special.svg holds a raw <b> tag"
grep -q 'label=pwned[^<&]*class=' special.svg && no "special.svg: ]; y [ label=pwned became attributes"

has backslash.svg 'C:\new\N'
has backslash.svg 'back\slash'
tip backslash.svg 'C:\new\N&#10;person'
tip backslash.svg 'back\slash&#10;person'
tip backslash.svg 'C:\new\N → back\slash: a\b'

if command -v dot >/dev/null 2>&1; then
	"$RELGRAPH" "$C/names-special-chars/in" -Tdot | dot -Tsvg >special2.svg
	"$RELGRAPH" "$C/names-backslash/in" -Tdot | dot -Tsvg >backslash2.svg
	grep -F '</text>' special.svg | sed 's/.*>\([^<]*\)<\/text>/\1/' | sort >t1
	grep -F '</text>' special2.svg | sed 's/.*>\([^<]*\)<\/text>/\1/' | sort >t2
	cmp -s t1 t2 || no "dot draws relgraph's DOT of special names differently: $(diff t1 t2 | head)"
	grep -F '</text>' backslash.svg | sed 's/.*>\([^<]*\)<\/text>/\1/' | sort >t1
	grep -F '</text>' backslash2.svg | sed 's/.*>\([^<]*\)<\/text>/\1/' | sort >t2
	cmp -s t1 t2 || no "dot draws relgraph's DOT of backslashes differently: $(diff t1 t2 | head)"
else
	echo "note: no dot command; the DOT read-back is skipped"
fi
exit $bad
