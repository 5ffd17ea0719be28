/* html.h: the HTML page relgraph writes around a drawing, part of the
 * render stage.
 *
 * One self-contained file: the SVG inline, a few lines of script for pan
 * and zoom (wheel, drag, keys, buttons) and for tooltips that show each
 * node's and edge's attributes, and no reference to anything on the
 * network.  `-Thtml` writes it; `watch --serve` sends it live, following
 * the server's events so that the drawing changes when the data does.
 */
#ifndef RELGRAPH_HTML_H
#define RELGRAPH_HTML_H

#include <stddef.h>

/* A page showing svg (len bytes, as Graphviz writes it: any XML prolog is
 * left out).  title and desc may be NULL.  live: the page also listens to
 * "events" on its own server (watch --serve) and fetches "image.svg" on
 * each update.  Returns a new NUL-terminated string; *outlen its length. */
char *rg_html_page(const char *svg, size_t len, const char *title, const char *desc, int live,
		   size_t *outlen);

/* A page showing n frames of a series (svgs[k], each NUL-terminated, as
 * Graphviz writes it) one at a time, with a slider, a play button and the
 * frame's caption (captions[k]); play shows each for delay seconds.
 * Self-contained as rg_html_page's.  Returns a new NUL-terminated string;
 * *outlen its length. */
char *rg_html_frames_page(const char *const *svgs, const char *const *captions, size_t n,
			  const char *title, const char *desc, double delay, size_t *outlen);

#endif
