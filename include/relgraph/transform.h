/* transform.h: stage 3 of the pipeline, the model to what will be drawn.
 *
 * A view selects entities and turns relations into edges.  Filters run
 * first: a time window, node and relation kinds, a focus on some entities
 * and their neighbours.  Repeated relations between the same two entities
 * with the same kind (and direction) are then merged into one edge that
 * counts them ("40 meetings, 2013-2023") and sums their weights.  Because
 * all of this happens before cgraph, the graph built later holds only what
 * is drawn.
 */
#ifndef RELGRAPH_TRANSFORM_H
#define RELGRAPH_TRANSFORM_H

#include <stddef.h>
#include <stdint.h>

#include "relgraph/model.h"

typedef struct {
	int merge;	  /* merge repeated relations (on by default) */
	rg_date from, to; /* time window; year 0 leaves that side open */
	int dated_only;	  /* with a window: leave out undated rows too */
	/* node kinds to keep (only) or leave out (hide), relation kinds to
	 * keep; NULL-free arrays of kind names, n = 0 for no filter */
	const char *const *only;
	size_t nonly;
	const char *const *hide;
	size_t nhide;
	const char *const *relations;
	size_t nrelations;
	double min_weight;     /* drop merged edges lighter than this; 0 keeps all */
	const uint32_t *focus; /* entity indices; the view is their
				   neighbourhood */
	size_t nfocus;
	int depth; /* hops from the focus: 0 is the focus alone
		      (relgraph's --depth defaults to 1) */
	/* keep entities whose relations were all filtered away (left out
	 * otherwise; those with no relation at all in the data stay) */
	int keep_isolated;
} rg_transform_opts;

/* One edge to draw: one relation, or several merged. */
typedef struct {
	uint32_t a, b; /* entity indices */
	rg_str kind;
	unsigned directed : 1;
	uint64_t count;	     /* real-world relations: sum of the rows' counts
				(a row may stand for a million) */
	uint32_t rows;	     /* how many relations were merged into it */
	double weight;	     /* sum of weight x count */
	rg_date first, last; /* earliest and latest date, year 0 if none */
	uint32_t rel0;	     /* index of its first relation in rg_view.rels */
} rg_edge;

typedef struct {
	uint32_t *nodes; /* entity indices to draw, in model order */
	size_t nnodes;
	rg_edge *edges; /* in order of each edge's first relation */
	size_t nedges;
	uint32_t *rels; /* relation indices grouped by edge: edge i owns
			   rels[edges[i].rel0 .. + edges[i].rows] */
	double max_weight;
	uint64_t max_count;
	int weighted;	  /* some relation has a weight other than 1 */
	rg_date from, to; /* the time window it was cut to, if any */
} rg_view;

/* Builds the view of m under opts.  The caller frees it with rg_view_free;
 * it refers to m, which must outlive it. */
rg_view *rg_transform(const rg_model *m, const rg_transform_opts *opts);
void rg_view_free(rg_view *v);
/* The part of v whose nodes keep (entity-indexed) marks, with the edges
 * among them, in v's order.  A new view the caller frees; it refers to
 * v's model, as v does. */
rg_view *rg_view_only(const rg_view *v, const unsigned char *keep);
/* The same, with only the edges keep_edge (indexed like v->edges) marks;
 * keep_edge NULL keeps every edge among the nodes kept. */
rg_view *rg_view_only_edges(const rg_view *v, const unsigned char *keep,
			    const unsigned char *keep_edge);

/* How much of one kind a view holds. */
typedef struct {
	rg_str kind;
	const char *name;    /* the kind's text, owned by the model */
	uint64_t count;	     /* nodes of the kind, or the relations its edges stand for */
	rg_date first, last; /* relation kinds: earliest and latest date, year 0 if none */
	size_t order;	     /* rank of its first use in the view: 0, 1, ... */
} rg_kind_count;

/* The kinds of a view's nodes and of its relations, each list in order of
 * first use (nodes in view order, relations in edge order), so that every
 * reader that sorts them again breaks ties the same way. */
typedef struct {
	rg_kind_count *nodes, *rels;
	size_t nnodes, nrels;
} rg_kinds;

/* Counts the kinds of v's nodes and relations.  The caller frees the
 * result with rg_kinds_free; the names belong to m. */
rg_kinds *rg_view_kinds(const rg_model *m, const rg_view *v);
void rg_kinds_free(rg_kinds *k);

/* 1 if the span w lies in the window [from, to] as the transform reads it:
 * partial dates stand for their whole period; a relation that stands for
 * several (count > 1) must lie wholly inside, others need only overlap. */
int rg_in_window(rg_span w, rg_date from, rg_date to, int whole);

/* Finds the entity a user means by name: its id, else the one entity with
 * that label, else the one whose id or label is the same but for case,
 * accents and spaces (xi jinping, Erdogan).  Returns RG_NONE if there is
 * none. */
uint32_t rg_find_entity(const rg_model *m, const char *name);
/* Up to n ids whose id or label is close to name (relgraph/suggest.h:
 * Biden is Joe Biden), best first, for "did you mean".  Returns how many were written to out; they
 * belong to m. */
size_t rg_suggest(const rg_model *m, const char *name, const char **out, size_t n);

#endif
