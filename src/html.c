/* html.c: the one-file HTML page around a drawing (see html.h). */
#include "html.h"

#include <string.h>

#include "util.h"

/* The page's style and script are src/assets/page.css and page.js, which
 * the Makefile embeds (scripts/embed.sh) as rg_asset_page_css and
 * rg_asset_page_js, byte for byte.  Pan and zoom change the svg's viewBox,
 * so the drawing stays vector sharp at any zoom; tooltips come from
 * Graphviz's xlink:title (relgraph writes each node's attributes there) or
 * an element's <title>. */
#include "assets.h"

/* Where the <svg> element starts: Graphviz writes an XML declaration, a
 * doctype and comments first, which have no place inside HTML. */
static const char *svg_start(const char *svg, size_t len, size_t *rest)
{
	for (size_t i = 0; i + 4 < len; i++)
		if (memcmp(svg + i, "<svg", 4) == 0 &&
		    (svg[i + 4] == ' ' || svg[i + 4] == '\n' || svg[i + 4] == '>')) {
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
	rg_buf_printf(&b, "<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
		      rg_asset_page_css);
	rg_buf_xml(&b, title && *title ? title : "relgraph");
	rg_buf_puts(&b, "</h1>\n");
	if (desc && *desc) {
		rg_buf_puts(&b, "<p>");
		rg_buf_xml(&b, desc);
		rg_buf_puts(&b, "</p>\n");
	}
	rg_buf_puts(
		&b,
		"<nav aria-label=\"zoom\">"
		"<button type=\"button\" data-key=\"+\" title=\"Zoom in (+, wheel)\">+</button>"
		"<button type=\"button\" data-key=\"-\" title=\"Zoom out (-, "
		"wheel)\">&#8722;</button>"
		"<button type=\"button\" data-key=\"0\" title=\"Whole drawing (0)\">Fit</button>"
		"</nav>\n</header>\n"
		"<pre id=\"rg-problem\" role=\"alert\" hidden></pre>\n"
		"<main id=\"rg-view\" tabindex=\"0\" aria-label=\"diagram: drag to move, wheel to "
		"zoom\">\n");
	size_t n;
	const char *s = svg_start(svg, len, &n);
	rg_buf_add(&b, s, n);
	rg_buf_puts(&b, "</main>\n<div id=\"rg-tip\" role=\"tooltip\" hidden></div>\n<script>\n");
	/* one script for both pages; rgLive turns on its part for watch --serve */
	if (live)
		rg_buf_puts(&b, "window.rgLive = true;\n");
	rg_buf_puts(&b, rg_asset_page_js);
	rg_buf_puts(&b, "</script>\n</body>\n</html>\n");
	*outlen = b.len;
	return b.s;
}
