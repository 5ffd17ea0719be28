/* transform.h: stage 3 of the pipeline, the model to what will be drawn.
 *
 * A view selects entities and turns relations into edges.  Repeated
 * relations between the same two entities with the same kind (and
 * direction) are merged into one edge that counts them ("40 meetings,
 * 2013-2023") and sums their weights.  Filters that cut the model down
 * belong here too, so that the graph built later is only what is drawn.
 */
#ifndef RELGRAPH_TRANSFORM_H
#define RELGRAPH_TRANSFORM_H

#include <stddef.h>
#include <stdint.h>

#include "relgraph/model.h"

typedef struct {
	int merge; /* merge repeated relations (on by default) */
} rg_transform_opts;

/* One edge to draw: one relation, or several merged. */
typedef struct {
	uint32_t a, b; /* entity indices */
	rg_str kind;
	unsigned directed : 1;
	uint32_t count;       /* real-world relations: sum of the rows' counts */
	uint32_t rows;        /* how many relations were merged into it */
	double weight;        /* sum of weights */
	rg_date first, last;  /* earliest and latest date, year 0 if none */
	uint32_t rel0;        /* index of its first relation in rg_view.rels */
} rg_edge;

typedef struct {
	uint32_t *nodes; /* entity indices to draw, in model order */
	size_t nnodes;
	rg_edge *edges;  /* in order of each edge's first relation */
	size_t nedges;
	uint32_t *rels;  /* relation indices grouped by edge: edge i owns
			    rels[edges[i].rel0 .. + edges[i].rows] */
	double max_weight;
	uint32_t max_count;
	int weighted; /* some relation has a weight other than 1 */
} rg_view;

/* Builds the view of m under opts.  The caller frees it with rg_view_free;
 * it refers to m, which must outlive it. */
rg_view *rg_transform(const rg_model *m, const rg_transform_opts *opts);
void rg_view_free(rg_view *v);

#endif
