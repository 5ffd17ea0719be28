/* placement.h: how a drawing is placed on an earlier layout.  Private to
 * the build stage and to the two that lay out in steps, frames.c (one
 * layout for a series) and layout.c (-K auto's rows). */
#ifndef RELGRAPH_PLACEMENT_H
#define RELGRAPH_PLACEMENT_H

#include "relgraph/build.h"

/* A node's place in an earlier layout: centre in points, size in inches
 * (w 0: the size its label needs). */
typedef struct {
	double x, y, w, h;
	int set;
} rg_pin;

/* How a pinned node is drawn in one frame of a series. */
enum { RG_SHOW, RG_FADE, RG_HIDE };

/* How a drawing is placed on an earlier layout (frames, -K auto's rows). */
typedef struct {
	/* Kinds, their styles and the legend come from this view instead of
	 * the one drawn, so every frame of a series looks alike. */
	const rg_view *kinds_from;
	/* pins (entity-indexed) fix every node where an earlier layout put
	 * it, state (entity-indexed) shows, fades or hides it, the legend goes
	 * to legend_pin, and two invisible corners at canvas (llx, lly, urx,
	 * ury, points) make every frame the same size.  Lay such a graph out
	 * with the engine "nop2", which routes only the edges. */
	const rg_pin *pins;
	const unsigned char *state;
	rg_pin legend_pin;
	double canvas[4];
} rg_placement;

/* rg_build with nodes placed: p may be NULL (rg_build is
 * rg_build_placed(..., NULL)).  p and what it points to are only read
 * during the call; the caller closes the graph with agclose. */
Agraph_t *rg_build_placed(const rg_model *m, const rg_view *v, const rg_build_opts *o,
			  const rg_placement *p);

/* Reads where g's current layout put each node of v into pins (entity
 * indexed, as many as the model's entities) and the legend's table node
 * into *legend (set 0 when there is none).  In layout.c. */
void rg_layout_pins(Agraph_t *g, const rg_model *m, const rg_view *v, rg_pin *pins, rg_pin *legend);

/* Where a layout drew each edge (pos, and lp of its label), by its ends
 * and kind (and, for repeated edges, their turn), so that a drawing on the
 * same places (a frame, an emphasised drawing's labels) draws its edges
 * and labels exactly there.  In layout.c. */
typedef struct {
	char *key;
	size_t nth;
	char *pos, *lp;
} rg_drawn_edge;
/* Records the edges of g, laid out and with its positions written
 * (rg_render_positions); *n gets how many.  Free with
 * rg_layout_edges_free. */
rg_drawn_edge *rg_layout_record_edges(Agraph_t *g, size_t *n);
/* Gives each edge of fg the place its twin had in u (sorted as recorded),
 * and a label the place of the twin's external label. */
void rg_layout_place_edges(Agraph_t *fg, const rg_drawn_edge *u, size_t nu);
void rg_layout_edges_free(rg_drawn_edge *v, size_t n);

#endif
