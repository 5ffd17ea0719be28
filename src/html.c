/* html.c: the one-file HTML page around a drawing (see html.h). */
#include "html.h"

#include <stdio.h>
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

/* The page's head and the start of its header (the title and the
 * description), with style, which ends in "</style>". */
static void page_head(rg_buf *b, const char *title, const char *desc, const char *style,
		      const char *body_attrs)
{
	rg_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=\"generator\" content=\"relgraph\">\n<title>");
	rg_buf_xml(b, title && *title ? title : "relgraph");
	rg_buf_puts(b, "</title>\n");
	if (desc && *desc) {
		rg_buf_puts(b, "<meta name=\"description\" content=\"");
		rg_buf_xml(b, desc);
		rg_buf_puts(b, "\">\n");
	}
	rg_buf_printf(b, "<style>\n%s%s</style>\n</head>\n<body%s>\n<header>\n<h1>",
		      rg_asset_page_css, style, body_attrs);
	rg_buf_xml(b, title && *title ? title : "relgraph");
	rg_buf_puts(b, "</h1>\n");
	if (desc && *desc) {
		rg_buf_puts(b, "<p>");
		rg_buf_xml(b, desc);
		rg_buf_puts(b, "</p>\n");
	}
}

char *rg_html_frames_page(const char *const *svgs, const char *const *captions, size_t n,
			  const char *title, const char *desc, double delay, size_t *outlen)
{
	rg_buf b = {0};
	char attrs[64];
	snprintf(attrs, sizeof attrs, " data-delay=\"%g\"", delay);
	page_head(&b, title, desc, rg_asset_frames_css, attrs);
	rg_buf_puts(&b, "</header>\n<div id=\"rg-controls\">"
			"<button type=\"button\" id=\"rg-play\" aria-pressed=\"false\" "
			"title=\"Play and pause (space)\">Play</button>");
	rg_buf_printf(&b,
		      "<input type=\"range\" id=\"rg-slider\" min=\"0\" max=\"%zu\" value=\"0\" "
		      "step=\"1\" aria-label=\"period (arrow keys)\">",
		      n ? n - 1 : 0);
	rg_buf_puts(&b, "<output id=\"rg-when\" for=\"rg-slider\" aria-live=\"polite\">");
	rg_buf_xml(&b, n ? captions[0] : "");
	rg_buf_puts(&b, "</output></div>\n<main id=\"rg-frames\">\n");
	for (size_t k = 0; k < n; k++) {
		rg_buf_puts(&b, "<figure class=\"rg-frame\" data-caption=\"");
		rg_buf_xml(&b, captions[k]);
		rg_buf_puts(&b, k ? "\" hidden>\n" : "\">\n");
		size_t len;
		const char *s = svg_start(svgs[k], strlen(svgs[k]), &len);
		rg_buf_add(&b, s, len);
		rg_buf_puts(&b, "</figure>\n");
	}
	rg_buf_puts(&b, "</main>\n<script>\n");
	rg_buf_puts(&b, rg_asset_frames_js);
	rg_buf_puts(&b, "</script>\n</body>\n</html>\n");
	*outlen = b.len;
	return b.s;
}

char *rg_html_page(const char *svg, size_t len, const char *title, const char *desc, int live,
		   size_t *outlen)
{
	rg_buf b = {0};
	page_head(&b, title, desc, "", "");
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
