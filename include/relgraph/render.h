/* render.h: stage 5 of the pipeline, layout and output files.
 *
 * Wraps one Graphviz context.  A drawing is laid out once and rendered to
 * every requested format from that one layout.  Outputs are first written
 * in full to temporary files beside their targets and renamed into place
 * only when every one of them succeeded, so a failure never leaves a
 * half-written or missing image where a document expects one.
 */
#ifndef RELGRAPH_RENDER_H
#define RELGRAPH_RENDER_H

#include <graphviz/cgraph.h>
#include <stddef.h>

#include "relgraph/diag.h"

typedef struct rg_render rg_render;

/* Creates the Graphviz context; Graphviz's own messages go to d (or to
 * the diagnostics of the call under way).  Free with rg_render_free.
 *
 * One at a time: Graphviz reports its messages through a process-wide
 * callback with no user pointer (agseterrf), and loads its plugins once
 * per process, so the one context alive owns them; NULL while another
 * lives.  Graphviz's context itself is made by the first and kept for
 * the life of the process (a second context after the first is freed
 * breaks Graphviz 2.42's text layout).  This is the only global state of
 * the render stage that Graphviz forces; the other, the list of temporary files that
 * rg_render_remove_temporaries walks, is there for signal handlers.
 * Rendering sets the process's time zone to UTC for its duration (PDF
 * dates, see render.c) and gives it back. */
rg_render *rg_render_new(rg_diags *d);
void rg_render_free(rg_render *r);

/* Lays g out with engine (rg_render_outputs does it when needed; call
 * this to look at the layout first).  The layout lasts until the next
 * layout, rg_render_free_layout, or the end of rg_render_outputs. */
rg_status rg_render_layout(rg_render *r, Agraph_t *g, const char *engine, rg_diags *d);
void rg_render_free_layout(rg_render *r);
/* 1 if g's layout is the current one. */
int rg_render_laid_out(const rg_render *r, Agraph_t *g);
/* Writes the current layout of g into its attributes (pos, lp, bb), as
 * `dot -Tdot` would, so they outlive the layout. */
rg_status rg_render_positions(rg_render *r, Agraph_t *g, rg_diags *d);
/* Width over height of a laid-out graph. */
double rg_render_aspect(Agraph_t *g);

/* 1 if Graphviz offers this output format (or it is relgraph's "dot") /
 * layout engine here. */
int rg_render_has_format(rg_render *r, const char *format);
int rg_render_has_engine(rg_render *r, const char *engine);
/* A space-separated list of formats or engines; the caller frees it. */
char *rg_render_list(rg_render *r, const char *kind);

typedef struct {
	const char *format; /* e.g. "svg", "png", "pdf", "dot", "html", "svg:cairo" */
	const char *path;   /* NULL for standard output */
	/* when data is set, the bytes go to *data (malloc'd, the caller frees
	 * it) and *len instead of to a file, and path is ignored */
	char **data;
	size_t *len;
} rg_output;

/* What makes an output ready for a document, set once per context and
 * applied to every output rendered after (the strings must outlive it).
 * Every field may be left 0 / NULL. */
typedef struct {
	const char *title; /* SVG <title>, the HTML page's title */
	const char *desc;  /* SVG <desc>, the HTML page's description */
	/* displayed size: for SVG any CSS length ("600", "15cm", "100%"),
	 * the viewBox kept; for bitmaps a number of pixels, unless dpi is
	 * set.  Given one, the other follows the drawing's proportions. */
	const char *width, *height;
	double dpi; /* bitmaps only (PNG, JPEG, ...); 0: 96 */
	/* the page the drawing is made for, in points (0: none): a drawing
	 * bigger than it is shown at the page's size, its proportions kept
	 * (SVG width and height, the PDF's page, a bitmap's pixels at dpi);
	 * width and height above win over it */
	double page_width, page_height;
} rg_doc;
void rg_render_set_doc(rg_render *r, const rg_doc *doc);
rg_doc rg_render_doc(const rg_render *r);

/* 1 for a bitmap format ("png", "jpg", "png:cairo", ...). */
int rg_render_is_bitmap(const char *format);

/* Lays g out with engine (unless rg_render_layout just did) and writes
 * every output, all or none.  "dot" is
 * the graph as built, before layout.  Returns RG_OK, or RG_ESYS with the
 * reason in d. */
rg_status rg_render_outputs(rg_render *r, Agraph_t *g, const char *engine, const rg_output *outs,
			    size_t n, rg_diags *d);

/* Removes the temporary files of writes under way; safe to call from a
 * signal handler, which then exits without renaming anything. */
void rg_render_remove_temporaries(void);

/* The Graphviz version in use ("2.42.2"); owned by Graphviz. */
const char *rg_render_version(rg_render *r);

/* The same in two steps, for a set of images that must change together
 * (frames): rg_render_stage renders and writes temporary files, as often
 * as needed; rg_render_commit renames them all into place, or
 * rg_render_abort removes them. */
rg_status rg_render_stage(rg_render *r, Agraph_t *g, const char *engine, const rg_output *outs,
			  size_t n, rg_diags *d);
/* Stages len bytes for path (NULL: standard output) with the rest of the
 * set: a series' animation, made from its frames.  The bytes are copied. */
rg_status rg_render_stage_bytes(rg_render *r, const char *path, const char *data, size_t len,
				rg_diags *d);
rg_status rg_render_commit(rg_render *r, rg_diags *d);
void rg_render_abort(rg_render *r);

/* Writes len bytes to path atomically (temporary file, then rename), or to
 * standard output when path is NULL. */
rg_status rg_write_file(const char *path, const char *data, size_t len, rg_diags *d);

#endif
