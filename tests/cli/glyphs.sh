#!/bin/sh
# A name with characters no installed font draws comes out as empty boxes
# in PNG and PDF: relgraph warns with the name, the script and what to
# install.  With the fonts `make deps` installs, Devanagari and Chinese
# names draw, without a warning.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

mkdir -p in
printf 'name,kind\nनरेन्द्र मोदी,leader\nभारत,country\n习近平,leader\n\356\200\200 Private,person\n' >in/people.csv
printf 'source,target\nनरेन्द्र मोदी,भारत\n习近平,\356\200\200 Private\n' >in/edges.csv

"$RELGRAPH" in -o out.png 2>err || no "exit $?: $(cat err)"
grep -q "people.csv:5:1: warning: '.* Private' has a private use character (U+E000) that no font draws: it comes out as an empty box in png" err ||
	no "no warning for the private use character: $(cat err)"
[ "$(grep -c warning err)" = 1 ] || no "other names warned too: $(cat err)"
"$RELGRAPH" in -o out.svg 2>err || no "SVG: exit $?"
[ -s err ] && no "SVG (a browser finds its fonts): $(cat err)"
"$RELGRAPH" in -o out.pdf 2>err || no "PDF: exit $?"
grep -q 'U+E000' err || no "PDF: no warning"

# fonts without Devanagari: the warning names the script and the package
mkdir -p fonts
cat >fonts/fonts.conf <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/liberation2</dir><cachedir>$(pwd)/fonts/cache</cachedir></fontconfig>
CONF
if [ -d /usr/share/fonts/truetype/liberation2 ]; then
	FONTCONFIG_FILE="$(pwd)/fonts/fonts.conf" "$RELGRAPH" in -o few.png 2>err || no "few fonts: exit $?"
	grep -q "people.csv:2:1: warning: 'नरेन्द्र मोदी' has Devanagari characters (U+0928) that no installed font draws: they come out as empty boxes in png; install fonts for Devanagari (Debian: fonts-noto-core)" err ||
		no "few fonts: no Devanagari warning: $(cat err)"
	grep -q "习近平.*CJK.*fonts-wqy-microhei" err || no "few fonts: no CJK warning: $(cat err)"
fi
exit $bad
