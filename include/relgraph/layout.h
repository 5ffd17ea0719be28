/* layout.h: layout policy, between build and render.  Every decision on
 * how a view becomes a laid-out drawing is made here, with its constants:
 *
 * - -K auto: dot draws small graphs best (ranks, curved edges, labels),
 *   but its crossing minimisation grows much faster than the graph: a few
 *   thousand nodes take minutes.  Bigger graphs go to sfdp, with straight
 *   edges and overlap removal by prism.
 * - Set apart: nodes with no edge, and pairs joined only to each other
 *   (often most of a sparse registry), are kept out of the force layout,
 *   where each costs as much as a connected one and Graphviz's packing of
 *   thousands of components grows with their square.  They are set out in
 *   rows under the rest, a pair side by side, and the whole is drawn from
 *   those places (engine nop1, edges drawn straight).
 * - Page fitting: a dot drawing that comes out a thin strip or a tall
 *   tower is laid out the other way round (rankdir LR) and the one closer
 *   to a page's shape kept; with -K auto, one still far from a page
 *   either way (a hub with hundreds of leaves is one rank of hundreds) is
 *   laid out by sfdp too, which spreads a star around its hub.
 * - Text on the page: a dot drawing whose smallest text the page (its
 *   size, emphasis.h) would shrink below RG_MIN_TEXT_PT is drawn again,
 *   narrower, its text larger, across or down, and at last without edge
 *   labels, until it reads.
 * - Boxes (--cluster-by): only dot, fdp, osage and patchwork draw them;
 *   -K auto takes fdp where it would take sfdp, and an engine asked for
 *   that cannot is warned about.
 * - Positions: reading back where a layout put each node, as pins for a
 *   later drawing on the same places (frames, the rows above;
 *   rg_layout_pins in the private placement.h).
 * - Memory (layout_memory.c): a drawing made again after an edit starts
 *   from the last one's places (memory.h).  The fresh layout is made as
 *   always; the nodes the memory has go back where they were, a new node
 *   between its fresh place (mapped onto the memory's by the affine map
 *   that best takes the remembered nodes' fresh places to their old
 *   ones) and its remembered neighbours, then each node that would meet
 *   one placed before it moves to the nearest free place, the
 *   remembered ones placed first.  The drawing is then made on those
 *   places (nop2 routes the edges), in the remembered frame grown to take
 *   them in, the legend at the nearest free place to where it was, the
 *   nodes built as the remembered drawing was (their sizes kept), edge
 *   labels the places leave no room for left to the tooltips.  When
 *   those places are the fresh layout's, rounded, the fresh drawing is
 *   kept as it is: so a memory written by a drawing gives that drawing
 *   again, byte for byte.  A memory with none of the drawing's nodes is
 *   another drawing's, and ignored.
 */
#ifndef RELGRAPH_LAYOUT_H
#define RELGRAPH_LAYOUT_H

#include <graphviz/cgraph.h>

#include "relgraph/build.h"
#include "relgraph/emphasis.h"
#include "relgraph/memory.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

/* Up to this many nodes and edges together, -K auto chooses dot. */
#define RG_AUTO_DOT_MAX 600
/* Nodes alone or in pairs are set apart when there are at least this
 * many. */
#define RG_AUTO_APART_MIN 20
/* A second layout to fit the page costs as much as the first: only up to
 * this many nodes and edges together. */
#define RG_FIT_MAX 600
/* dot's drawings up to this many nodes and edges together are laid out
 * again, narrower and with larger text, until their text reads at
 * RG_MIN_TEXT_PT on the page (emphasis.h). */
#define RG_FIT_TEXT_MAX 300
/* Aspect ratios (width over height) that fit a page, landscape or
 * portrait; outside them a drawing is a strip or a tower. */
#define RG_FIT_ASPECT_MIN 0.4
#define RG_FIT_ASPECT_MAX 2.5
/* An emphasised drawing up to this many nodes and edges together is laid
 * out by neato (stress majorisation, the steadier for small graphs), a
 * bigger one by sfdp. */
#define RG_FORCE_NEATO_MAX 600
/* An emphasised drawing whose edges join more than this share of its
 * pairs of nodes is laid out by circo, its dense parts round circles,
 * where a force layout puts nodes in the middle of their edges. */
#define RG_DENSE 0.25
/* Past these a drawing is a hairball: the job advises how to cut it. */
#define RG_HUGE_NODES 10000
#define RG_HUGE_EDGES 50000
/* Points kept clear around a node placed from a memory (twice that when
 * it had to move). */
#define RG_MEMORY_GAP 6
/* A node new to a remembered drawing keeps clear of its edges (drawn
 * straight) within this many rings of places around where it would go;
 * checked while new nodes times edges stay under RG_MEMORY_EDGE_WORK. */
#define RG_MEMORY_EDGE_RINGS 40
#define RG_MEMORY_EDGE_WORK 200000.0
/* A drawing on remembered places whose edge labels meet nodes or each
 * other is laid out again without those, up to this many times; up to
 * this many labels are checked. */
#define RG_MEMORY_LABEL_ROUNDS 3
#define RG_MEMORY_LABELS_MAX 2000

typedef struct {
	const char *engine; /* "dot" or "sfdp" */
	int large;	    /* build for size (rg_build_opts.large) */
	size_t apart;	    /* nodes alone or in pairs, to set out in rows */
} rg_auto;

/* What -K auto does with v, by its size alone. */
rg_auto rg_auto_choose(const rg_view *v);

/* The engine for v when the user asked for engine asked ("auto" or a
 * Graphviz engine): auto's choice by size, but boxes (cluster_by, may be
 * NULL) are drawn by an engine that draws them (RG_CLUSTER_ENGINE instead
 * of sfdp, nodes not set apart).  An engine asked for that cannot draw
 * boxes is kept, with a warning in d. */
rg_auto rg_layout_choose(const rg_view *v, const char *asked, const char *cluster_by, rg_diags *d);
/* What draws boxes where -K auto would choose sfdp. */
#define RG_CLUSTER_ENGINE "fdp"

/* Builds v and lays it out as chosen when nodes are set apart (choice.apart
 * > 0): the connected part by choice.engine, the rest in rows, the whole
 * laid out again from those places.  The graph returned is laid out in r
 * (render it with the engine "nop1"); NULL with the reason in d.  The
 * caller closes it. */
Agraph_t *rg_auto_layout(rg_render *r, const rg_model *m, const rg_view *v, rg_auto choice,
			 const rg_build_opts *bo, rg_diags *d);

typedef struct {
	const char *engine; /* as asked: "auto" or a Graphviz engine */
	int keep_rankdir;   /* the user chose the direction (-G rankdir) */
	/* DOT output only: the graph is built (and its direction chosen,
	 * which takes layouts) but not laid out in the end, nor placed */
	int no_layout;
	/* called before anything is laid out, with the engine chosen, and
	 * with the graph once it is built, before its layout (progress and
	 * -v's build line); either may be NULL */
	void (*on_start)(void *ctx, const char *engine);
	void (*on_built)(void *ctx, Agraph_t *g);
	void *ctx;
	/* An emphasised drawing (emphasis.h): laid out by a force engine
	 * with its nodes sized, then its labels chosen for page, and drawn
	 * again on the same places with them, the legend under it.  NULL
	 * for the theme's drawing. */
	rg_emphasis *emphasis;
	const rg_page *page;
	/* The last drawing's places (memory.h), to start from; NULL for a
	 * fresh layout.  remember, when not NULL, gets this drawing's places
	 * (Memory, above); both are only used during the call. */
	const rg_memory *memory;
	rg_memory *remember;
} rg_layout_opts;

/* What rg_layout did. */
typedef struct {
	const char *engine; /* the engine that laid the drawing out */
	const char *render; /* the engine to render it with: engine, or "nop1"
			       when the nodes were placed in rows */
	size_t apart;	    /* nodes set out in rows (0: none) */
	size_t labels;	    /* an emphasised drawing's labels drawn */
	double scale;	    /* how much the page shrinks it (1: not) */
	/* what the graph was built with: the caller's options, turned left
	 * to right or built for sfdp where the policy chose so */
	rg_build_opts bo;
} rg_layout_info;

/* Builds v with bo and lays it out as the policy above says.  Returns the graph,
 * laid out in r, which the caller closes with agclose; NULL with the
 * reason in d.  The strings of bo must outlive info. */
Agraph_t *rg_layout(rg_render *r, const rg_model *m, const rg_view *v, const rg_build_opts *bo,
		    const rg_layout_opts *o, rg_layout_info *info, rg_diags *d);

/* Makes *g, a dot drawing of v laid out in r with engine, read on page as
 * rg_layout does its own (narrower, larger text, fewer edge labels):
 * *g may be replaced by a new graph, laid out, and *bo says what it was
 * built with.  Other engines' drawings are left as they are. */
rg_status rg_layout_fit_text(rg_render *r, const rg_model *m, const rg_view *v, const rg_page *page,
			     int keep_rankdir, const char *engine, Agraph_t **g, rg_build_opts *bo,
			     rg_diags *d);

/* 0 for an aspect ratio that fits a page; above that, how far it is from
 * one (log distance to the nearest of 3:2 or 2:3). */
double rg_layout_misfit(double aspect);

#endif
