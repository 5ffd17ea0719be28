/* emphasis.h: what a drawing stresses, so that a real network reads at
 * the size it is printed.
 *
 * The routine analysts know from Gephi, decided from the data and the
 * page instead of by hand: nodes sized by importance, so hubs look like
 * hubs; coloured by community where the data has no kinds (or as
 * --color-by says); labels only where they can be read at the page's
 * size, the most important first, the others kept as tooltips; and a
 * graph too big for its page summarised to its most important entities,
 * with a caption saying so.  Between transform and build: it reads the
 * view and its measures (measures.h), and gives build an rg_emphasis.
 */
#ifndef RELGRAPH_EMPHASIS_H
#define RELGRAPH_EMPHASIS_H

#include <stddef.h>
#include <stdint.h>

#include "relgraph/build.h"
#include "relgraph/measures.h"
#include "relgraph/transform.h"

/* The size a drawing is made for: its width and greatest height in
 * points, and how many entities a summary keeps for it. */
typedef struct {
	const char *name;
	double width, height;
	size_t summary;
} rg_page;

/* column (16 cm wide, at most 22 high: a text column; the default), page
 * (18 x 25 cm), slide (25.4 x 14.3 cm, 16:9), square (16 x 16 cm), or
 * none (the drawing at its own size: width 0, never summarised).  NULL
 * for another name. */
const rg_page *rg_page_named(const char *name);
/* The names, for messages: "column, page, slide, square, none". */
const char *rg_page_names(void);

/* Text is never drawn smaller than this many points on the page. */
#define RG_MIN_TEXT_PT 6.0

/* What to colour nodes by. */
typedef enum { RG_COLOR_AUTO, RG_COLOR_KIND, RG_COLOR_COMMUNITY, RG_COLOR_FIELD } rg_color_by;

/* 1 if the view's nodes have kinds worth colouring by: more than one, or
 * one other than "other". */
int rg_view_has_kinds(const rg_model *m, const rg_view *v);

/* The emphasis of v under measures ms (of v, or of a larger view v was
 * cut from, with ms_nodes its nodes: entity indices, ms->n of them):
 * sizes by importance (when sized) and colour groups; labels are chosen
 * later (rg_emphasis_labels).  field: the column of RG_COLOR_FIELD.  The
 * caller frees it with rg_emphasis_free. */
rg_emphasis *rg_emphasis_new(const rg_model *m, const rg_view *v, const rg_measures *ms,
			     const uint32_t *ms_nodes, rg_color_by by, const char *field,
			     int sized);
void rg_emphasis_free(rg_emphasis *e);
/* Sets the caption (copied; NULL for none). */
void rg_emphasis_caption(rg_emphasis *e, const char *caption);

/* Chooses the labels of v's nodes, laid out with centres at x, y
 * (entity-indexed, points), in a drawing of bb (llx, lly, urx, ury,
 * points) that the page shows at scale: each label at least
 * RG_MIN_TEXT_PT / scale points, larger the more important its node,
 * none overlapping another label or a more important node, none far
 * outside the drawing, the most important first.  Sets e's fonts (0 for
 * a label left out) and its text size for the legend and captions, and
 * widens bb to take the labels in.  Returns how many labels are drawn. */
size_t rg_emphasis_labels(rg_emphasis *e, const rg_model *m, const rg_view *v, const double *x,
			  const double *y, double bb[4], double scale);

/* The view of v's n most important nodes (rank: positions in v->nodes,
 * most important first, as rg_measures_rank gives) and the edges among
 * them.  A new view the caller frees with rg_view_free. */
rg_view *rg_view_top(const rg_model *m, const rg_view *v, const uint32_t *rank, size_t n);

/* At most about n of v's edges, the strongest (by weight, then count),
 * every node keeping its strongest: a summary's ties.  A new view the
 * caller frees, or NULL when v has no more than n edges. */
rg_view *rg_view_strongest(const rg_model *m, const rg_view *v, size_t n);
/* A summary draws at most this many ties per entity. */
#define RG_SUMMARY_TIES 2.5

#endif
