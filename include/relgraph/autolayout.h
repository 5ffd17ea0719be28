/* autolayout.h: -K auto, the layout that suits a graph's size and shape,
 * between build and render.
 *
 * dot draws small graphs best (ranks, curved edges, labels), but its
 * crossing minimisation grows much faster than the graph: a few thousand
 * nodes take minutes.  Bigger graphs go to sfdp, with straight edges and
 * overlap removal by prism.  Nodes with no edge, and pairs joined only to
 * each other (often most of a sparse registry), are kept out of the force
 * layout, where each costs as much as a connected one and Graphviz's
 * packing of thousands of components grows with their square: they are
 * set out in rows under the rest, a pair side by side, and the whole is
 * drawn from those places (engine nop1, edges drawn straight).
 */
#ifndef RELGRAPH_AUTOLAYOUT_H
#define RELGRAPH_AUTOLAYOUT_H

#include <graphviz/cgraph.h>

#include "relgraph/build.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

/* Up to this many nodes and edges together, dot. */
#define RG_AUTO_DOT_MAX 600
/* Nodes alone or in pairs are set apart when there are at least this
 * many. */
#define RG_AUTO_APART_MIN 20

typedef struct {
	const char *engine; /* "dot" or "sfdp" */
	int large;          /* build for size (rg_build_opts.large) */
	size_t apart;       /* nodes alone or in pairs, to set out in rows */
} rg_auto;

/* What -K auto does with v. */
rg_auto rg_auto_choose(const rg_view *v);

/* Builds v and lays it out as chosen when nodes are set apart (choice.apart
 * > 0): the connected part by choice.engine, the rest in rows, the whole
 * laid out again from those places.  The graph returned is laid out in r
 * (render it with the engine "nop1"); NULL with the reason in d.  The
 * caller closes it. */
Agraph_t *rg_auto_layout(rg_render *r, const rg_model *m, const rg_view *v, rg_auto choice,
			 const rg_build_opts *bo, rg_diags *d);

#endif
