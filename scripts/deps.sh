#!/bin/sh
# Installs what relgraph needs to build and test, when it is missing.
# Run by `make deps` (and so by `make run` and `make check`).  As root it
# installs with apt-get; otherwise it prints the command to run and fails.
set -eu

# build: compiler tools and the libraries relgraph links (libcsv, Graphviz,
# igraph for the measures of a graph: importance, communities, and giflib
# with libpng for the animated GIF of a series)
# test: cmocka, xmllint, clang-format (the layout check); fonts that give the same text metrics as the
# Helvetica/Arial that viewers use; chromium, the headless browser that
# tests/cli/browser-*.sh open the output in (tests/browser/chromium.sh)
# fonts: Noto for the scripts of the world's names (Devanagari, Arabic,
# Thai, ...: 42 MB), WenQuanYi Micro Hei for Chinese, Japanese and Korean
# (5 MB, where Noto CJK takes 91 MB); fontconfig's headers tell relgraph
# which characters they draw (a warning for the rest)
PACKAGES="gcc make pkg-config libcsv-dev libgif-dev libpng-dev libgraphviz-dev libigraph-dev libcmocka-dev libxml2-utils clang-format fonts-liberation2 fontconfig libfontconfig-dev fonts-noto-core fonts-wqy-microhei chromium ${EXTRA_PACKAGES:-}"

# npm brings the csv-spectrum conformance cases (package.json); a machine
# that has node and npm from elsewhere keeps them
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
npm_cases() {
	[ -d node_modules/csv-spectrum ] && return 0
	echo "relgraph: installing the csv-spectrum test cases (npm ci)" >&2
	npm ci --no-audit --no-fund --loglevel=error
}

if [ -z "$missing" ]; then
	npm_cases
	exit 0
fi

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "relgraph: missing packages:$missing" >&2
	echo "relgraph: install them with: sudo apt-get update && sudo $cmd" >&2
	exit 1
fi
echo "relgraph: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd
npm_cases
