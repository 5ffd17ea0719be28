/* layout_memory.h: a drawing started from the last one's places (see
 * layout.h, "Memory").  Private to layout.c, which calls it. */
#ifndef RELGRAPH_LAYOUT_MEMORY_H
#define RELGRAPH_LAYOUT_MEMORY_H

#include "placement.h"
#include "relgraph/layout.h"

/* A dot drawing's text fitting (layout.c, fit_text) as the memory's fit
 * line keeps it: recall is the last drawing's note (NULL for none),
 * chosen gets this drawing's (a new string, NULL when there is nothing
 * to note), for the caller to keep and free. */
typedef struct {
	const char *recall;
	char *chosen;
} rg_fit_note;

/* rg_layout without a memory (defined in layout.c), but a dot drawing's
 * text fitting is taken from note->recall when that note was made for
 * the same graph on the same page (then laid out once), and noted in
 * note->chosen.  note may be NULL. */
Agraph_t *rg_layout_fresh(rg_render *r, const rg_model *m, const rg_view *v,
			  const rg_build_opts *bo, const rg_layout_opts *o, rg_fit_note *note,
			  rg_layout_info *info, rg_diags *d);

/* The theme's drawing with a memory: rg_layout without one (fresh), then,
 * unless the memory's places are the fresh drawing's, the same drawing
 * with every node pinned where the memory and its neighbours put it,
 * its edges routed between them (render it with info->render).  Fills
 * o->remember.  NULL with the reason in d. */
Agraph_t *rg_layout_remembered(rg_render *r, const rg_model *m, const rg_view *v,
			       const rg_build_opts *bo, const rg_layout_opts *o,
			       rg_layout_info *info, rg_diags *d);

/* The emphasised drawing's first step with a memory: g is laid out by a
 * force engine and pins (entity-indexed, sized) read from it.  Unless the
 * memory's places are g's, pins get them and g is replaced by b1's
 * drawing on them (nop2, edges routed), laid out in r.  bb (llx, lly, urx, ury) becomes the
 * frame to draw in: the nodes' box grown to the remembered one.  Fills
 * o->remember.  Returns the graph, NULL with the reason in d. */
Agraph_t *rg_layout_remembered_force(rg_render *r, const rg_model *m, const rg_view *v,
				     const rg_build_opts *b1, const rg_layout_opts *o, Agraph_t *g,
				     rg_pin *pins, double bb[4], rg_diags *d);

#endif
