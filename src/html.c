/* html.c: the one-file HTML page around a drawing (see html.h). */
#include "html.h"

#include <string.h>

#include "util.h"

static const char style[] =
	"html,body{margin:0;height:100%}\n"
	"body{display:flex;flex-direction:column;background:#fff;color:#222;"
	"font:14px/1.4 system-ui,-apple-system,\"Segoe UI\",Helvetica,Arial,sans-serif}\n"
	"header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4em 1em;"
	"padding:.5em 1em;border-bottom:1px solid #ddd}\n"
	"h1{font-size:1.1em;margin:0}\n"
	"header p{margin:0;color:#555;flex:1 1 20em}\n"
	"nav{display:flex;gap:.3em}\n"
	"nav button{font:inherit;min-width:2.4em;padding:.1em .5em;background:#f6f6f6;"
	"border:1px solid #bbb;border-radius:3px;cursor:pointer}\n"
	"nav button:hover{background:#eaeaea}\n"
	"#rg-problem{margin:0;padding:.5em 1em;background:#fdecea;color:#8a1c1c;"
	"white-space:pre-wrap;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}\n"
	"#rg-view{flex:1;min-height:0;overflow:hidden;touch-action:none;cursor:grab;outline:none}\n"
	"#rg-view.rg-drag{cursor:grabbing}\n"
	"#rg-view svg{display:block;width:100%;height:100%}\n"
	"#rg-tip{position:fixed;z-index:1;max-width:30em;padding:.3em .6em;white-space:pre-line;"
	"background:#fffff4;border:1px solid #999;border-radius:3px;"
	"box-shadow:0 1px 4px rgba(0,0,0,.25);pointer-events:none;font-size:13px}\n"
	"@media print{nav,#rg-tip{display:none}#rg-view{overflow:visible}}\n";

/* Pan and zoom change the svg's viewBox, so the drawing stays vector
 * sharp at any zoom; tooltips come from Graphviz's xlink:title (relgraph
 * writes each node's attributes there) or an element's <title>. */
static const char script[] =
	"(function () {\n"
	"'use strict';\n"
	"var XL = 'http://www.w3.org/1999/xlink';\n"
	"var view = document.getElementById('rg-view');\n"
	"var tip = document.getElementById('rg-tip');\n"
	"var problem = document.getElementById('rg-problem');\n"
	"var svg = null, home = null, zoomed = false, drag = null;\n"
	"function box() { var b = svg.viewBox.baseVal; return [b.x, b.y, b.width, b.height]; }\n"
	"function show(v) { svg.setAttribute('viewBox', v.join(' ')); }\n"
	"function at(e) {\n"
	"  var m = svg.getScreenCTM(), p = svg.createSVGPoint();\n"
	"  p.x = e.clientX; p.y = e.clientY;\n"
	"  return m ? p.matrixTransform(m.inverse()) : null;\n"
	"}\n"
	"function zoom(k, p) {\n"
	"  var v = box(), w = v[2] * k;\n"
	"  if (w > home[2] * 10 || w < home[2] / 40) return;\n"
	"  var x = p ? p.x : v[0] + v[2] / 2, y = p ? p.y : v[1] + v[3] / 2;\n"
	"  show([x - (x - v[0]) * k, y - (y - v[1]) * k, w, v[3] * k]);\n"
	"  zoomed = true;\n"
	"}\n"
	"function pan(dx, dy) { var v = box(); show([v[0] + dx * v[2], v[1] + dy * v[3], v[2], v[3]]); zoomed = true; }\n"
	"function reset() { show(home); zoomed = false; }\n"
	"function adopt(s) {\n"
	"  var keep = zoomed && svg ? box() : null;\n"
	"  s.removeAttribute('width'); s.removeAttribute('height');\n"
	"  s.setAttribute('preserveAspectRatio', 'xMidYMid meet');\n"
	"  var items = s.querySelectorAll('g.node, g.edge, g.cluster');\n"
	"  for (var i = 0; i < items.length; i++) {\n"
	"    var g = items[i], a = g.querySelector('a'), t = a && a.getAttributeNS(XL, 'title');\n"
	"    var own = g.querySelector('title');\n"
	"    if (!t && own && !g.classList.contains('cluster')) t = own.textContent;\n"
	"    if (t) g.setAttribute('data-tip', t);\n"
	"    if (a) a.removeAttributeNS(XL, 'title');\n"
	"  }\n"
	"  /* the browser's own title tooltips would cover relgraph's */\n"
	"  var titles = s.querySelectorAll('title');\n"
	"  for (var j = 0; j < titles.length; j++) titles[j].parentNode.removeChild(titles[j]);\n"
	"  if (svg) view.replaceChild(s, svg); else if (s.parentNode !== view) view.appendChild(s);\n"
	"  svg = s;\n"
	"  home = box();\n"
	"  if (keep) show(keep); else zoomed = false;\n"
	"}\n"
	"adopt(view.querySelector('svg'));\n"
	"view.addEventListener('wheel', function (e) {\n"
	"  e.preventDefault();\n"
	"  var d = e.deltaY * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1);\n"
	"  zoom(Math.pow(1.0015, Math.max(-300, Math.min(300, d))), at(e));\n"
	"}, {passive: false});\n"
	"view.addEventListener('pointerdown', function (e) {\n"
	"  if (e.button !== 0) return;\n"
	"  drag = {x: e.clientX, y: e.clientY, v: box(), m: svg.getScreenCTM()};\n"
	"  view.setPointerCapture(e.pointerId);\n"
	"  view.classList.add('rg-drag');\n"
	"});\n"
	"view.addEventListener('pointermove', function (e) {\n"
	"  if (drag && drag.m) {\n"
	"    show([drag.v[0] - (e.clientX - drag.x) / drag.m.a, drag.v[1] - (e.clientY - drag.y) / drag.m.d,\n"
	"          drag.v[2], drag.v[3]]);\n"
	"    zoomed = true;\n"
	"    return;\n"
	"  }\n"
	"  var g = e.target.closest && e.target.closest('[data-tip]');\n"
	"  if (!g || !view.contains(g)) { tip.hidden = true; return; }\n"
	"  tip.textContent = g.getAttribute('data-tip');\n"
	"  tip.hidden = false;\n"
	"  var x = e.clientX + 14, y = e.clientY + 14;\n"
	"  if (x + tip.offsetWidth > innerWidth) x = Math.max(0, e.clientX - tip.offsetWidth - 8);\n"
	"  if (y + tip.offsetHeight > innerHeight) y = Math.max(0, e.clientY - tip.offsetHeight - 8);\n"
	"  tip.style.left = x + 'px'; tip.style.top = y + 'px';\n"
	"});\n"
	"function undrag() { drag = null; view.classList.remove('rg-drag'); }\n"
	"view.addEventListener('pointerup', undrag);\n"
	"view.addEventListener('pointercancel', undrag);\n"
	"view.addEventListener('pointerleave', function () { tip.hidden = true; });\n"
	"view.addEventListener('dblclick', function (e) { zoom(0.5, at(e)); });\n"
	"var act = {'+': function () { zoom(0.8); }, '=': function () { zoom(0.8); },\n"
	"  '-': function () { zoom(1.25); }, '0': reset,\n"
	"  ArrowLeft: function () { pan(-0.1, 0); }, ArrowRight: function () { pan(0.1, 0); },\n"
	"  ArrowUp: function () { pan(0, -0.1); }, ArrowDown: function () { pan(0, 0.1); }};\n"
	"document.addEventListener('keydown', function (e) {\n"
	"  if (e.ctrlKey || e.metaKey || e.altKey || !act[e.key]) return;\n"
	"  e.preventDefault();\n"
	"  act[e.key]();\n"
	"});\n"
	"var buttons = document.querySelectorAll('nav button');\n"
	"for (var b = 0; b < buttons.length; b++)\n"
	"  buttons[b].addEventListener('click', act[buttons[b].getAttribute('data-key')]);\n"
	"if (!window.rgLive || !window.EventSource) return;\n"
	"/* watch --serve: the server says when the image changed, or what is\n"
	"   wrong with the data (the last good image stays) */\n"
	"function say(text) { problem.textContent = text; problem.hidden = !text; }\n"
	"var events = new EventSource('events');\n"
	"events.addEventListener('update', function () {\n"
	"  fetch('image.svg', {cache: 'no-store'}).then(function (r) {\n"
	"    if (!r.ok) throw new Error(r.status);\n"
	"    return r.text();\n"
	"  }).then(function (text) {\n"
	"    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');\n"
	"    var s = doc.documentElement;\n"
	"    if (s.nodeName !== 'svg') return;\n"
	"    /* the drawing's own title and description head the page */\n"
	"    var t = s.querySelector('svg > title'), d = s.querySelector('svg > desc');\n"
	"    var h1 = document.querySelector('h1'), p = document.querySelector('header p');\n"
	"    var meta = document.querySelector('meta[name=description]');\n"
	"    if (t) { document.title = t.textContent; if (h1) h1.textContent = t.textContent; }\n"
	"    if (d && p) p.textContent = d.textContent;\n"
	"    if (d && meta) meta.setAttribute('content', d.textContent);\n"
	"    adopt(document.importNode(s, true));\n"
	"    say('');\n"
	"    document.body.setAttribute('data-version', events.lastEventId);\n"
	"  }).catch(function (err) { say('cannot load the new image: ' + err.message); });\n"
	"});\n"
	"events.addEventListener('problem', function (e) { say(e.data); });\n"
	"events.addEventListener('error', function () {\n"
	"  if (events.readyState !== EventSource.OPEN) say('relgraph watch is not answering; showing the last image');\n"
	"});\n"
	"events.addEventListener('open', function () { if (/^relgraph watch/.test(problem.textContent)) say(''); });\n"
	"})();\n";

/* Where the <svg> element starts: Graphviz writes an XML declaration, a
 * doctype and comments first, which have no place inside HTML. */
static const char *svg_start(const char *svg, size_t len, size_t *rest)
{
	for (size_t i = 0; i + 4 < len; i++)
		if (memcmp(svg + i, "<svg", 4) == 0 && (svg[i + 4] == ' ' || svg[i + 4] == '\n' ||
							svg[i + 4] == '>')) {
			*rest = len - i;
			return svg + i;
		}
	*rest = len;
	return svg;
}

char *rg_html_page(const char *svg, size_t len, const char *title, const char *desc, int live,
		   size_t *outlen)
{
	rg_buf b = {0};
	rg_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"generator\" content=\"relgraph\">\n<title>");
	rg_buf_xml(&b, title && *title ? title : "relgraph");
	rg_buf_puts(&b, "</title>\n");
	if (desc && *desc) {
		rg_buf_puts(&b, "<meta name=\"description\" content=\"");
		rg_buf_xml(&b, desc);
		rg_buf_puts(&b, "\">\n");
	}
	rg_buf_printf(&b, "<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
	rg_buf_xml(&b, title && *title ? title : "relgraph");
	rg_buf_puts(&b, "</h1>\n");
	if (desc && *desc) {
		rg_buf_puts(&b, "<p>");
		rg_buf_xml(&b, desc);
		rg_buf_puts(&b, "</p>\n");
	}
	rg_buf_puts(&b, "<nav aria-label=\"zoom\">"
			"<button type=\"button\" data-key=\"+\" title=\"Zoom in (+, wheel)\">+</button>"
			"<button type=\"button\" data-key=\"-\" title=\"Zoom out (-, wheel)\">&#8722;</button>"
			"<button type=\"button\" data-key=\"0\" title=\"Whole drawing (0)\">Fit</button>"
			"</nav>\n</header>\n"
			"<pre id=\"rg-problem\" role=\"alert\" hidden></pre>\n"
			"<main id=\"rg-view\" tabindex=\"0\" aria-label=\"diagram: drag to move, wheel to zoom\">\n");
	size_t n;
	const char *s = svg_start(svg, len, &n);
	rg_buf_add(&b, s, n);
	rg_buf_puts(&b, "</main>\n<div id=\"rg-tip\" role=\"tooltip\" hidden></div>\n<script>\n");
	if (live)
		rg_buf_puts(&b, "window.rgLive = true;\n");
	rg_buf_puts(&b, script);
	rg_buf_puts(&b, "</script>\n</body>\n</html>\n");
	*outlen = b.len;
	return b.s;
}
