/* measures.h: importance and communities of a view, computed by igraph.
 *
 * Sits after the transform stage, beside stats: it reads a view's nodes
 * and edges and says how much each node matters and which group it falls
 * in, for a later stage to size, rank or colour by.  The graph it measures
 * is the view taken as undirected and weighted: an edge weighs its
 * rg_edge.weight, several edges between the same two nodes (other kinds,
 * both directions) add up, and an edge from a node to itself is left out,
 * since it says nothing of the node's place among the others.
 *
 * Same view, same numbers: PageRank (by ARPACK) and community detection
 * draw random numbers, from a generator of their own seeded with a fixed
 * value, and every id is renumbered in an order that depends only on the
 * graph.  igraph keeps
 * global state (its error handler, its default generator), which the
 * calls here set and restore, so like Graphviz they must not run on two
 * threads at once.
 */
#ifndef RELGRAPH_MEASURES_H
#define RELGRAPH_MEASURES_H

#include <stddef.h>
#include <stdint.h>

#include "relgraph/diag.h"
#include "relgraph/transform.h"

typedef struct {
	size_t n;	  /* = v->nnodes; the arrays are indexed like v->nodes */
	double *strength; /* weighted degree: the sum of the weights of the node's edges */
	uint32_t *degree; /* number of distinct neighbours */
	double *pagerank; /* PageRank, weighted and undirected, damping 0.85; sums to 1 */
	/* What relgraph sizes and ranks nodes by: PageRank over the largest
	 * PageRank, so that the most important node is 1 whatever the size
	 * of the graph (PageRank itself shrinks as 1/n).  PageRank rather
	 * than strength because a tie to someone well connected counts for
	 * more than a tie to someone who knows nobody else; on an undirected
	 * graph it still follows strength closely, so the obvious hubs stay
	 * on top.  Rounded to a whole number of 1/RG_IMPORTANCE_STEPS, so
	 * that nodes the graph cannot tell apart tie exactly instead of by
	 * the solver's last digits.  In [0, 1]; every node is 1 in a view
	 * with no edges. */
	double *importance;
	/* Community of each node, 0 .. ncommunities - 1, numbered by
	 * decreasing size, ties by the smallest node position in it.  A node
	 * with no edges (or only weightless ones) is a community of its own. */
	uint32_t *community;
	size_t ncommunities;
	double modularity; /* of that partition (weighted); 0 when the view has no weight */
	/* Connected component of each node, numbered like communities. */
	uint32_t *component;
	size_t ncomponents;
	const char *method; /* how communities were found, as a legend says it */
} rg_measures;

/* Importance is a whole number of millionths. */
#define RG_IMPORTANCE_STEPS 1000000

/* Measures v.  Returns NULL, with the reason as an error in d, if igraph
 * fails; the caller frees the result with rg_measures_free.  It does not
 * refer to v. */
rg_measures *rg_measures_compute(const rg_view *v, rg_diags *d);
void rg_measures_free(rg_measures *ms);

/* The positions in v->nodes from most to least important: by importance,
 * then by degree, then by position.  Returns an array of ms->n entries
 * the caller frees (with free). */
uint32_t *rg_measures_rank(const rg_measures *ms);

#endif
