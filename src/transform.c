/* transform.c: model to view, merging repeated relations (see
 * transform.h). */
#include "relgraph/transform.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The merge key: kind, direction and the two ends, ordered for undirected
 * relations so that A-B and B-A merge. */
typedef struct {
	uint32_t a, b;
	rg_str kind;
	unsigned directed;
} key;

static key key_of(const rg_relation *r)
{
	key k = {r->a, r->b, r->kind, r->directed};
	if (!r->directed && k.a > k.b) {
		k.a = r->b;
		k.b = r->a;
	}
	return k;
}

static unsigned long key_hash(key k)
{
	return rg_hash((const char *)&k, sizeof k);
}

static int key_eq(key x, key y)
{
	return x.a == y.a && x.b == y.b && x.kind == y.kind && x.directed == y.directed;
}

static void widen(rg_edge *e, rg_span w)
{
	rg_date lo = w.start.year ? w.start : w.end;
	rg_date hi = w.end.year ? w.end : w.start;
	if (lo.year && (!e->first.year || rg_date_cmp_lo(lo, e->first) < 0))
		e->first = lo;
	if (hi.year && (!e->last.year || rg_date_cmp_hi(hi, e->last) > 0))
		e->last = hi;
}

rg_view *rg_transform(const rg_model *m, const rg_transform_opts *opts)
{
	rg_view *v = rg_xcalloc(1, sizeof *v);
	size_t nent = rg_model_nentities(m), nrel = rg_model_nrelations(m);
	v->nodes = rg_xmalloc(nent * sizeof *v->nodes);
	for (size_t i = 0; i < nent; i++)
		v->nodes[v->nnodes++] = (uint32_t)i;

	/* Pass 1: give each relation its edge number, hashing the keys. */
	uint32_t *edge_of = rg_xmalloc(nrel * sizeof *edge_of);
	size_t cap = 64;
	while (cap < 2 * nrel)
		cap *= 2;
	uint32_t *tab = rg_xcalloc(cap, sizeof *tab); /* edge index + 1 */
	key *keys = rg_xmalloc((nrel ? nrel : 1) * sizeof *keys);
	v->edges = rg_xcalloc(nrel ? nrel : 1, sizeof *v->edges);
	for (size_t i = 0; i < nrel; i++) {
		const rg_relation *r = rg_model_relation(m, i);
		key k = key_of(r);
		size_t h = key_hash(k) & (cap - 1);
		uint32_t e = RG_NONE;
		if (opts->merge) {
			for (; tab[h]; h = (h + 1) & (cap - 1))
				if (key_eq(keys[tab[h] - 1], k)) {
					e = tab[h] - 1;
					break;
				}
		}
		if (e == RG_NONE) {
			e = (uint32_t)v->nedges++;
			keys[e] = k;
			rg_edge *x = &v->edges[e];
			x->a = k.a;
			x->b = k.b;
			x->kind = k.kind;
			x->directed = k.directed;
			if (opts->merge)
				tab[h] = e + 1;
		}
		rg_edge *x = &v->edges[e];
		x->rows++;
		x->count += r->count;
		x->weight += r->weight;
		if (r->weight != 1)
			v->weighted = 1;
		widen(x, r->when);
		edge_of[i] = e;
	}
	/* Pass 2: group relation indices by edge (a counting sort). */
	size_t off = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		v->edges[e].rel0 = (uint32_t)off;
		off += v->edges[e].rows;
		if (v->edges[e].weight > v->max_weight)
			v->max_weight = v->edges[e].weight;
		if (v->edges[e].count > v->max_count)
			v->max_count = v->edges[e].count;
	}
	uint32_t *fill = rg_xcalloc(v->nedges ? v->nedges : 1, sizeof *fill);
	v->rels = rg_xmalloc((nrel ? nrel : 1) * sizeof *v->rels);
	for (size_t i = 0; i < nrel; i++) {
		rg_edge *x = &v->edges[edge_of[i]];
		v->rels[x->rel0 + fill[edge_of[i]]++] = (uint32_t)i;
	}
	free(fill);
	free(keys);
	free(tab);
	free(edge_of);
	return v;
}

void rg_view_free(rg_view *v)
{
	if (!v)
		return;
	free(v->nodes);
	free(v->edges);
	free(v->rels);
	free(v);
}
