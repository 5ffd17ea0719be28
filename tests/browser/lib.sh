# shellcheck shell=sh disable=SC2034 # bad is read by the script that sources this
# Sourced by tests/cli/browser-*.sh, which get ROOT and RELGRAPH from
# tests/run.sh. Defines no(), which marks the test failed, and the helpers
# below; the test ends with `exit $bad`.
BROWSER="$ROOT/tests/browser"
bad=0
no() { echo "FAIL: $*"; bad=1; }

# Chromium and node come with `make deps` (scripts/deps.sh), which
# `make check` and CI run first; tests/run.sh has no skip for these
# scripts, and a browser test that passed without a browser would say
# something false, so without them the test fails, saying what to install.
need_browser() {
	command -v node >/dev/null 2>&1 ||
		{ echo "FAIL: no node here (make deps installs it with npm)"; exit 1; }
	sh "$BROWSER/chromium.sh" --find >/dev/null 2>need_browser.err ||
		{ echo "FAIL: $(cat need_browser.err)"; exit 1; }
}

# browser FLAG... URL: headless Chromium, the one way (tests/browser/chromium.sh)
browser() { sh "$BROWSER/chromium.sh" "$@"; }

# url FILE: the file:// URL of FILE (a path without spaces or %)
url() { echo "file://$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

# page_script: tests/browser/harness.js as an inline <script> element
page_script() {
	echo '<script>'
	cat "$BROWSER/harness.js"
	echo '</script>'
}

# guarded_head: the head of a page copy under test: a policy that lets the
# page's own inline script and style run and reports every load of anything
# else (data: URLs aside) in window.rgBlocked, then the checks' harness
guarded_head() {
	cat <<'HTML'
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:">
<script>
window.rgBlocked = [];
document.addEventListener('securitypolicyviolation', function (e) {
	window.rgBlocked.push(e.violatedDirective + ' ' + (e.blockedURI || '?'));
});
</script>
HTML
	page_script
}

# svg_markup FILE: the SVG file as markup to paste into HTML, from <svg on
# (no XML declaration, doctype or comments before it)
svg_markup() { sed -n '/<svg/,$p' "$1"; }

# svg_nodes FILE: how many node groups (class="node ...") an SVG file has
svg_nodes() { grep -o 'class="node[ "]' "$1" | wc -l | tr -d ' '; }

# expect FILE WHAT EXPR...: each EXPR, evaluated in node with j the JSON in
# FILE, must be true; one that gives a string instead fails the test with
# that string as the reason (write `cond || "why"`)
expect() {
	_f=$1 _w=$2
	shift 2
	_out=$(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		for (const e of process.argv.slice(2)) {
			let v;
			try { v = eval(e); } catch (err) { v = `${e}: ${err.message}`; }
			if (v !== true) console.log(typeof v === "string" ? v : `not true: ${e}`);
		}' "$_f" "$@") || _out="node could not read $_f"
	if [ -n "$_out" ]; then
		printf '%s\n' "$_out" | awk -v w="$_w" '{ print "FAIL: " w ": " $0 }'
		bad=1
	fi
}

# inject PAGE OUT HEAD BODY: a copy of PAGE with the file HEAD's text right
# after <head> (before anything the page loads; after the doctype when
# there is no <head>) and BODY's before </body> (or at the end)
inject() {
	node -e 'const fs = require("fs");
		const [page, out, head, body] = process.argv.slice(1);
		let s = fs.readFileSync(page, "utf8");
		const h = fs.readFileSync(head, "utf8"), b = fs.readFileSync(body, "utf8");
		const at = (re) => { const m = re.exec(s); return m ? m.index + m[0].length : -1; };
		let i = at(/<head\b[^>]*>/i);
		if (i < 0) i = Math.max(at(/<!doctype[^>]*>/i), 0);
		s = s.slice(0, i) + "\n" + h + s.slice(i);
		const j = s.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
		s = j < 0 ? s + b : s.slice(0, j) + b + s.slice(j);
		fs.writeFileSync(out, s);' "$1" "$2" "$3" "$4"
}

# pngstats PNG [--palette ...] [--crop ...]: tests/browser/pngstats.js
pngstats() { node "$BROWSER/pngstats.js" "$@"; }

# checked DOM WHAT: reports what the page's checks (harness.js) wrote into
# the dumped DOM: every FAIL line fails the test; info lines are printed;
# no DONE line means the checks never ran to the end.
checked() {
	sed -n '/<pre id="results"/,/<\/pre>/p' "$1" |
		sed -e 's/.*<pre id="results"[^>]*>//' -e 's/<\/pre>.*//' \
			-e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&nbsp;/ /g' -e 's/&amp;/\&/g' \
			>"$1.results"
	grep -q '^DONE$' "$1.results" || no "$2: the page's checks did not finish (no DONE in the DOM Chromium dumped)"
	awk -v w="$2" '/^info: /{ print "  " w ": " substr($0, 7) }' "$1.results"
	if grep -q '^FAIL: ' "$1.results"; then
		awk -v w="$2" '/^FAIL: /{ print "FAIL: " w ": " substr($0, 7) }' "$1.results"
		bad=1
	fi
}
