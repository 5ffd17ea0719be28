#!/bin/sh
# Runs headless Chromium once, the one way the browser tests start it:
#   sh tests/browser/chromium.sh [FLAG...] URL
# e.g. --screenshot=FILE --window-size=W,H, or --dump-dom (the page as it
# stands after its load event, on standard output), --virtual-time-budget=MS
# (let the page's timers run first), --allow-file-access-from-files (a
# file:// page may read its neighbours: <object> documents, canvas pixels).
#
# Every run gets a fresh profile and home folder, removed afterwards; no
# sync, extensions, updates or background requests, and no host name
# resolves, so a page that reaches for the network fails to load it here
# as it would offline. Chromium is killed after BROWSER_SECONDS (default
# 90; a run takes 1-3 s, but once, right after installing, one took 61 s),
# so a hung browser fails the test instead of hanging CI. Chromium's own
# chatter (D-Bus, GPU) is shown only when it fails.
#
# Exit status: Chromium's; 124 when it timed out; 1 when there is no
# Chromium. Set CHROMIUM to use another binary. `chromium.sh --find` only
# prints the binary it would run (exit 1 when there is none).
set -u

if [ -n "${CHROMIUM:-}" ]; then
	bin=$CHROMIUM
elif [ -x /usr/lib/chromium/chromium ]; then
	# Debian's binary itself: /usr/bin/chromium is a launcher that adds
	# flags from /etc/chromium.d (extensions, GPU rasterization) and trips
	# over its own shell test on some machines
	bin=/usr/lib/chromium/chromium
else
	bin=$(command -v chromium || command -v chromium-browser || true)
fi
if [ -z "$bin" ] || ! command -v "$bin" >/dev/null 2>&1; then
	echo "chromium.sh: no Chromium here: make deps installs Debian's chromium package (scripts/deps.sh)" >&2
	exit 1
fi
if [ "${1:-}" = --find ]; then
	command -v "$bin"
	exit 0
fi

secs=${BROWSER_SECONDS:-90}
profile=$(mktemp -d "${TMPDIR:-/tmp}/relgraph-chromium.XXXXXX") || exit 1
trap 'rm -rf "$profile"' EXIT
trap 'exit 130' INT TERM

# HOME too: Chromium keeps an NSS database and crash reports there.
rc=0
start=$(date +%s)
HOME=$profile XDG_CONFIG_HOME=$profile/config \
	timeout -k 5 "$secs" "$bin" \
	--headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile/data" \
	--disable-extensions --disable-dev-shm-usage --hide-scrollbars --mute-audio \
	--force-device-scale-factor=1 --force-color-profile=srgb --no-default-browser-check \
	--host-resolver-rules='MAP * ~NOTFOUND' \
	"$@" 2>"$profile/stderr" || rc=$?
took=$(($(date +%s) - start))

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
	echo "chromium.sh: Chromium did not finish within ${secs}s (BROWSER_SECONDS); killed: $*" >&2
	rc=124
elif [ "$rc" -ne 0 ]; then
	echo "chromium.sh: Chromium failed (exit $rc): $*" >&2
fi
[ "$took" -lt 20 ] || echo "chromium.sh: Chromium took ${took}s: $*" >&2
if [ "$rc" -ne 0 ]; then
	grep -v -e 'dbus' -e 'DBus' "$profile/stderr" | tail -n 15 >&2
fi
exit "$rc"
