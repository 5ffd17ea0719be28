/* transform.c: model to view: filters, focus and merging (see
 * transform.h). */
#include "relgraph/transform.h"

#include <stdlib.h>
#include <string.h>

#include "relgraph/suggest.h"
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

static uint64_t key_hash(key k)
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

int rg_in_window(rg_span w, rg_date from, rg_date to, int whole)
{
	if (!w.start.year && !w.end.year)
		return 1; /* undated: the caller decides */
	/* a span with one end open runs on to that side: "since 2000" is
	 * still going in 2022 (a single date fills both ends) */
	long lo = w.start.year ? rg_date_first_day(w.start) : 0;
	long hi = w.end.year ? rg_date_last_day(w.end) : 99999999;
	long wlo = from.year ? rg_date_first_day(from) : 0;
	long whi = to.year ? rg_date_last_day(to) : 99999999;
	if (whole)
		return lo >= wlo && hi <= whi;
	return lo <= whi && hi >= wlo;
}

static int kind_in(const rg_model *m, rg_str kind, const char *const *list, size_t n)
{
	const char *k = rg_model_str(m, kind);
	for (size_t i = 0; i < n; i++)
		if (strcmp(k, list[i]) == 0)
			return 1;
	return 0;
}

static int dated(rg_span w)
{
	return w.start.year || w.end.year;
}

/* 1 if entity i's own time meets the window: its span, or one of its
 * periods when rows gave it several (a state that ceased and came back is
 * not there in between). */
static int entity_in_window(const rg_model *m, size_t i, const rg_entity *e,
			    const rg_transform_opts *o)
{
	const rg_span *p;
	size_t n = rg_model_periods(m, i, &p);
	if (!n)
		return rg_in_window(e->when, o->from, o->to, 0);
	for (size_t k = 0; k < n; k++)
		if (rg_in_window(p[k], o->from, o->to, 0))
			return 1;
	return 0;
}

/* Which entities and relations pass the filters that do not depend on
 * merging: time window, node kinds, relation kinds.
 *
 * Time means one thing (docs/FORMAT.md, "Time"): in a window, a dated
 * relation is in force when its span meets the window; a dated entity is
 * there when its own span meets it, and neither it nor its relations are
 * drawn otherwise.  Undated things have no time of their own: an undated
 * entity is there when a relation in force joins it, and an undated
 * relation is drawn when both its ends are there (never with --dated-only),
 * bringing in nothing by itself.  own[] marks the entities whose own span
 * meets the window; kept_kinds[] those with a relation that passes the kind
 * filters, whatever its time.  Owner: the semantics of time. */
static void select_rows(const rg_model *m, const rg_transform_opts *o, unsigned char *keep_ent,
			unsigned char *keep_rel, unsigned char *own, unsigned char *kept_kinds)
{
	size_t nent = rg_model_nentities(m), nrel = rg_model_nrelations(m);
	int window = o->from.year || o->to.year;
	for (size_t i = 0; i < nent; i++) {
		const rg_entity *e = rg_model_entity(m, i);
		int k = 1;
		if (o->nonly && !kind_in(m, e->kind, o->only, o->nonly))
			k = 0;
		if (o->nhide && kind_in(m, e->kind, o->hide, o->nhide))
			k = 0;
		if (window && dated(e->when) && !entity_in_window(m, i, e, o))
			k = 0;
		keep_ent[i] = (unsigned char)k;
		own[i] = (unsigned char)(k && window && dated(e->when));
	}
	/* present: there in the window, by its own span or a relation in force */
	unsigned char *present = rg_xmalloc(nent ? nent : 1);
	memcpy(present, own, nent);
	for (size_t i = 0; i < nrel; i++) {
		const rg_relation *r = rg_model_relation(m, i);
		int k = keep_ent[r->a] && keep_ent[r->b];
		if (k && o->nrelations && !kind_in(m, r->kind, o->relations, o->nrelations))
			k = 0;
		if (k)
			kept_kinds[r->a] = kept_kinds[r->b] = 1;
		if (k && window) {
			if (!dated(r->when))
				k = 2; /* decided below, once presence is known */
			else if ((k = rg_in_window(r->when, o->from, o->to, r->count > 1)))
				present[r->a] = present[r->b] = 1;
		}
		keep_rel[i] = (unsigned char)k;
	}
	for (size_t i = 0; window && i < nrel; i++) {
		if (keep_rel[i] != 2)
			continue;
		const rg_relation *r = rg_model_relation(m, i);
		keep_rel[i] = !o->dated_only && present[r->a] && present[r->b];
	}
	free(present);
}

/* Marks the entities within depth hops of the focus, over kept relations
 * (either direction); clears every other entity. */
static void focus(const rg_model *m, const rg_transform_opts *o, unsigned char *keep_ent,
		  const unsigned char *keep_rel)
{
	size_t nent = rg_model_nentities(m), nrel = rg_model_nrelations(m);
	/* adjacency in compressed rows, built from the kept relations */
	uint32_t *deg = rg_xcalloc(nent + 1, sizeof *deg);
	for (size_t i = 0; i < nrel; i++)
		if (keep_rel[i]) {
			const rg_relation *r = rg_model_relation(m, i);
			deg[r->a + 1]++;
			deg[r->b + 1]++;
		}
	for (size_t i = 0; i < nent; i++)
		deg[i + 1] += deg[i];
	uint32_t *adj = rg_xmalloc((deg[nent] ? deg[nent] : 1) * sizeof *adj);
	uint32_t *fill = rg_xcalloc(nent ? nent : 1, sizeof *fill);
	for (size_t i = 0; i < nrel; i++)
		if (keep_rel[i]) {
			const rg_relation *r = rg_model_relation(m, i);
			adj[deg[r->a] + fill[r->a]++] = r->b;
			adj[deg[r->b] + fill[r->b]++] = r->a;
		}
	int *dist = rg_xmalloc((nent ? nent : 1) * sizeof *dist);
	uint32_t *queue = rg_xmalloc((nent ? nent : 1) * sizeof *queue);
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < nent; i++)
		dist[i] = -1;
	for (size_t i = 0; i < o->nfocus; i++)
		if (dist[o->focus[i]] < 0) {
			dist[o->focus[i]] = 0;
			queue[tail++] = o->focus[i];
		}
	int depth = o->depth; /* 0: the focus alone */
	while (head < tail) {
		uint32_t u = queue[head++];
		if (dist[u] == depth)
			continue;
		for (uint32_t k = deg[u]; k < deg[u + 1]; k++) {
			uint32_t w = adj[k];
			if (dist[w] < 0 && keep_ent[w]) {
				dist[w] = dist[u] + 1;
				queue[tail++] = w;
			}
		}
	}
	for (size_t i = 0; i < nent; i++)
		if (dist[i] < 0)
			keep_ent[i] = 0;
		else
			keep_ent[i] = 1; /* a focus is drawn even when filtered */
	free(deg);
	free(adj);
	free(fill);
	free(dist);
	free(queue);
}

/* Removes the edges for which drop() says so, renumbering the rest and
 * unmarking the relations they held. */
static void drop_edges(rg_view *v, uint32_t *edge_of, size_t nrel, unsigned char *keep_rel,
		       int (*drop)(const rg_edge *, const void *), const void *arg)
{
	uint32_t *renum = rg_xmalloc((v->nedges ? v->nedges : 1) * sizeof *renum);
	size_t n = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		if (drop(&v->edges[e], arg)) {
			renum[e] = RG_NONE;
			continue;
		}
		renum[e] = (uint32_t)n;
		v->edges[n++] = v->edges[e];
	}
	v->nedges = n;
	for (size_t i = 0; i < nrel; i++) {
		if (edge_of[i] == RG_NONE)
			continue;
		edge_of[i] = renum[edge_of[i]];
		if (edge_of[i] == RG_NONE)
			keep_rel[i] = 0;
	}
	free(renum);
}

static int light(const rg_edge *e, const void *min_weight)
{
	return e->weight < *(const double *)min_weight;
}

static int outside(const rg_edge *e, const void *keep_ent)
{
	const unsigned char *k = keep_ent;
	return !k[e->a] || !k[e->b];
}

/* Pass 1 of merging: each kept relation, in index order, to the edge of
 * its key (a new one at the end when merge is off or the key is new). */
typedef struct {
	size_t cap;
	uint32_t *tab; /* edge index + 1 */
	key *keys;
} merger;

static void merger_init(merger *g, rg_view *v, size_t nkept)
{
	g->cap = 64;
	while (g->cap < 2 * nkept)
		g->cap *= 2;
	g->tab = rg_xcalloc(g->cap, sizeof *g->tab);
	g->keys = rg_xmalloc((nkept ? nkept : 1) * sizeof *g->keys);
	v->edges = rg_xcalloc(nkept ? nkept : 1, sizeof *v->edges);
}

static void merger_free(merger *g)
{
	free(g->tab);
	free(g->keys);
}

/* Returns the edge number of relation r, counting r in its edge. */
static uint32_t merge_one(merger *g, rg_view *v, const rg_relation *r, int merge)
{
	key k = key_of(r);
	size_t h = key_hash(k) & (g->cap - 1);
	uint32_t e = RG_NONE;
	if (merge) {
		for (; g->tab[h]; h = (h + 1) & (g->cap - 1))
			if (key_eq(g->keys[g->tab[h] - 1], k)) {
				e = g->tab[h] - 1;
				break;
			}
	}
	if (e == RG_NONE) {
		e = (uint32_t)v->nedges++;
		g->keys[e] = k;
		rg_edge *x = &v->edges[e];
		x->a = k.a;
		x->b = k.b;
		x->kind = k.kind;
		x->directed = k.directed;
		if (merge)
			g->tab[h] = e + 1;
	}
	rg_edge *x = &v->edges[e];
	x->rows++;
	x->count += r->count;
	x->weight += r->weight * r->count;
	if (r->weight != 1)
		v->weighted = 1;
	widen(x, r->when);
	return e;
}

/* Pass 2's start: each edge's place in v->rels (allocated here), and the
 * view's heaviest edge; returns a zeroed fill count by edge (to free). */
static uint32_t *edge_offsets(rg_view *v)
{
	size_t off = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		v->edges[e].rel0 = (uint32_t)off;
		off += v->edges[e].rows;
		if (v->edges[e].weight > v->max_weight)
			v->max_weight = v->edges[e].weight;
		if (v->edges[e].count > v->max_count)
			v->max_count = v->edges[e].count;
	}
	v->rels = rg_xmalloc((off ? off : 1) * sizeof *v->rels);
	return rg_xcalloc(v->nedges ? v->nedges : 1, sizeof(uint32_t));
}

/* The focus's neighbourhood, and only the relations inside it; returns
 * how many relations are kept. */
static size_t cut_to_focus(const rg_model *m, const rg_transform_opts *o, unsigned char *keep_ent,
			   unsigned char *keep_rel)
{
	focus(m, o, keep_ent, keep_rel);
	size_t nrel = rg_model_nrelations(m), n = 0;
	for (size_t i = 0; i < nrel; i++) {
		const rg_relation *r = rg_model_relation(m, i);
		if (keep_rel[i] && (!keep_ent[r->a] || !keep_ent[r->b]))
			keep_rel[i] = 0;
		n += keep_rel[i] != 0;
	}
	return n;
}

/* The kind filters, asked of one entity or relation (select_rows asks
 * them of all). */
static int entity_passes(const rg_model *m, const rg_transform_opts *o, uint32_t i)
{
	rg_str kind = rg_model_entity(m, i)->kind;
	return (!o->nonly || kind_in(m, kind, o->only, o->nonly)) &&
	       (!o->nhide || !kind_in(m, kind, o->hide, o->nhide));
}

static int relation_passes(const rg_model *m, const rg_transform_opts *o, const rg_relation *r)
{
	return entity_passes(m, o, r->a) && entity_passes(m, o, r->b) &&
	       (!o->nrelations || kind_in(m, r->kind, o->relations, o->nrelations));
}

static int by_number(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* Entities within depth hops of the focus over relations that pass the
 * filters, as focus() finds them, from the model's list of relations by
 * entity: sets dist (-1 elsewhere) and returns them in the order found. */
static uint32_t *reach(const rg_model *m, const rg_transform_opts *o, int *dist, size_t *n)
{
	size_t cap = 64;
	uint32_t *q = rg_xmalloc(cap * sizeof *q);
	*n = 0;
	for (size_t i = 0; i < o->nfocus; i++)
		if (dist[o->focus[i]] < 0) {
			dist[o->focus[i]] = 0;
			q[(*n)++] = o->focus[i];
			if (*n == cap)
				q = rg_xrealloc(q, (cap *= 2) * sizeof *q);
		}
	rg_rel_run run[2];
	for (size_t head = 0; head < *n; head++) {
		uint32_t u = q[head];
		if (dist[u] == o->depth)
			continue;
		rg_model_incident(m, u, run);
		for (int p = 0; p < 2; p++)
			for (size_t k = 0; k < run[p].n; k++) {
				const rg_relation *r = rg_model_relation(m, run[p].rel[k]);
				uint32_t w = r->a == u ? r->b : r->a;
				if (dist[w] >= 0 || !relation_passes(m, o, r))
					continue;
				dist[w] = dist[u] + 1;
				q[(*n)++] = w;
				if (*n == cap)
					q = rg_xrealloc(q, (cap *= 2) * sizeof *q);
			}
	}
	return q;
}

/* rg_transform of a focus view when the model lists relations by entity
 * (rg_model_incident) and no time window or minimum weight needs every
 * relation: the same view, at the cost of the neighbourhood instead of a
 * walk over every relation (watch's redraws of a big model). */
static rg_view *transform_near(const rg_model *m, const rg_transform_opts *o)
{
	rg_view *v = rg_xcalloc(1, sizeof *v);
	v->from = o->from;
	v->to = o->to;
	size_t nent = rg_model_nentities(m), nnear, nkept = 0, cap = 64;
	int *dist = rg_xmalloc((nent ? nent : 1) * sizeof *dist);
	memset(dist, 0xff, nent * sizeof *dist); /* -1 */
	uint32_t *near = reach(m, o, dist, &nnear);
	/* the relations with both ends inside, each once (from its first
	 * end), in index order */
	uint32_t *kept = rg_xmalloc(cap * sizeof *kept);
	unsigned char *had = rg_xcalloc(nnear ? nnear : 1, 1);
	rg_rel_run run[2];
	qsort(near, nnear, sizeof *near, by_number);
	for (size_t i = 0; i < nnear; i++) {
		rg_model_incident(m, near[i], run);
		had[i] = run[0].n + run[1].n > 0;
		for (int p = 0; p < 2; p++)
			for (size_t k = 0; k < run[p].n; k++) {
				const rg_relation *r = rg_model_relation(m, run[p].rel[k]);
				if (r->a != near[i] || dist[r->b] < 0 || !relation_passes(m, o, r))
					continue;
				if (nkept == cap)
					kept = rg_xrealloc(kept, (cap *= 2) * sizeof *kept);
				kept[nkept++] = run[p].rel[k];
			}
	}
	qsort(kept, nkept, sizeof *kept, by_number);
	merger g;
	merger_init(&g, v, nkept);
	uint32_t *edge_of = rg_xmalloc((nkept ? nkept : 1) * sizeof *edge_of);
	for (size_t i = 0; i < nkept; i++)
		edge_of[i] = merge_one(&g, v, rg_model_relation(m, kept[i]), o->merge);
	uint32_t *fill = edge_offsets(v);
	for (size_t i = 0; i < nkept; i++)
		v->rels[v->edges[edge_of[i]].rel0 + fill[edge_of[i]]++] = kept[i];
	/* the nodes, in model order: as rg_transform keeps them, all inside */
	for (size_t e = 0; e < v->nedges; e++)
		dist[v->edges[e].a] = dist[v->edges[e].b] = INT32_MAX; /* linked */
	v->nodes = rg_xmalloc((nnear ? nnear : 1) * sizeof *v->nodes);
	for (size_t i = 0; i < nnear; i++)
		if (dist[near[i]] == INT32_MAX || dist[near[i]] == 0 || !had[i] || o->keep_isolated)
			v->nodes[v->nnodes++] = near[i];
	free(fill);
	free(edge_of);
	merger_free(&g);
	free(kept);
	free(had);
	free(near);
	free(dist);
	return v;
}

rg_view *rg_transform(const rg_model *m, const rg_transform_opts *opts)
{
	rg_rel_run run[2];
	if (opts->nfocus && !(opts->min_weight > 0) && !opts->from.year && !opts->to.year &&
	    opts->depth >= 0 && rg_model_incident(m, opts->focus[0], run))
		return transform_near(m, opts);
	rg_view *v = rg_xcalloc(1, sizeof *v);
	v->from = opts->from;
	v->to = opts->to;
	size_t nent = rg_model_nentities(m), nrel = rg_model_nrelations(m);
	unsigned char *keep_ent = rg_xcalloc(nent ? nent : 1, 1);
	unsigned char *keep_rel = rg_xcalloc(nrel ? nrel : 1, 1);
	/* had: 1 if an entity has any relation at all in the model */
	unsigned char *had = rg_xcalloc(nent ? nent : 1, 1);
	unsigned char *own = rg_xcalloc(nent ? nent : 1, 1);
	unsigned char *kept_kinds = rg_xcalloc(nent ? nent : 1, 1);
	select_rows(m, opts, keep_ent, keep_rel, own, kept_kinds);
	for (size_t i = 0; i < nrel; i++) {
		const rg_relation *r = rg_model_relation(m, i);
		had[r->a] = had[r->b] = 1;
	}

	/* A focus without a minimum weight cuts before merging: the
	 * neighbourhood does not depend on merged weights, an edge is wholly
	 * inside it or wholly outside (its relations share their ends), and
	 * only the few relations inside are merged.  The edges come out as a
	 * merge of everything then a cut would leave them, in the same order. */
	int cut_first = opts->nfocus && !(opts->min_weight > 0);
	size_t nkept = cut_first ? cut_to_focus(m, opts, keep_ent, keep_rel) : 0;
	for (size_t i = 0; !cut_first && i < nrel; i++)
		nkept += keep_rel[i] != 0;

	/* Pass 1: give each kept relation its edge number, hashing the keys. */
	uint32_t *edge_of = rg_xmalloc((nrel ? nrel : 1) * sizeof *edge_of);
	merger g;
	merger_init(&g, v, nkept);
	for (size_t i = 0; i < nrel; i++)
		edge_of[i] = keep_rel[i] ? merge_one(&g, v, rg_model_relation(m, i), opts->merge)
					 : RG_NONE;
	/* Merged edges too light to draw go, with their relations; with a
	 * focus, so do edges that leave the neighbourhood. */
	if (opts->min_weight > 0)
		drop_edges(v, edge_of, nrel, keep_rel, light, &opts->min_weight);
	if (opts->nfocus && !cut_first) {
		focus(m, opts, keep_ent, keep_rel);
		drop_edges(v, edge_of, nrel, keep_rel, outside, keep_ent);
	}
	/* An entity whose relations were all filtered away goes too, unless
	 * it was asked for by name or isolated nodes are kept; one that never
	 * had any stays (it was declared alone on purpose).  In a window, an
	 * entity with no relation drawn stays when its own span holds the
	 * window (and kind filters left it some relation, or it never had
	 * any); an undated one goes: nothing in force joins it. */
	int window = opts->from.year || opts->to.year;
	unsigned char *linked = rg_xcalloc(nent ? nent : 1, 1);
	for (size_t e = 0; e < v->nedges; e++)
		linked[v->edges[e].a] = linked[v->edges[e].b] = 1;
	v->nodes = rg_xmalloc((nent ? nent : 1) * sizeof *v->nodes);
	for (size_t i = 0; i < nent; i++) {
		int is_focus = 0;
		for (size_t f = 0; f < opts->nfocus; f++)
			is_focus |= opts->focus[f] == i;
		int alone = window ? own[i] && (!had[i] || kept_kinds[i]) : !had[i];
		if (linked[i] || is_focus || (keep_ent[i] && (alone || opts->keep_isolated)))
			v->nodes[v->nnodes++] = (uint32_t)i;
	}

	/* Pass 2: group relation indices by edge (a counting sort). */
	uint32_t *fill = edge_offsets(v);
	for (size_t i = 0; i < nrel; i++) {
		if (edge_of[i] == RG_NONE)
			continue;
		rg_edge *x = &v->edges[edge_of[i]];
		v->rels[x->rel0 + fill[edge_of[i]]++] = (uint32_t)i;
	}
	free(fill);
	merger_free(&g);
	free(edge_of);
	free(keep_ent);
	free(keep_rel);
	free(had);
	free(own);
	free(kept_kinds);
	free(linked);
	return v;
}

/* The one entity whose id or label folds to name's folded form (case,
 * accents and odd spaces aside), or RG_NONE for none or several. */
static uint32_t find_folded(const rg_model *m, const char *name)
{
	uint32_t found = RG_NONE;
	for (size_t k = 0; k < rg_model_nentities(m); k++) {
		const rg_entity *e = rg_model_entity(m, k);
		if (rg_match(name, rg_model_str(m, e->id)) == RG_MATCH_EXACT ||
		    (e->label && rg_match(name, rg_model_str(m, e->label)) == RG_MATCH_EXACT)) {
			if (found != RG_NONE)
				return RG_NONE;
			found = (uint32_t)k;
		}
	}
	return found;
}

uint32_t rg_find_entity(const rg_model *m, const char *name)
{
	uint32_t i = rg_model_find(m, name);
	if (i != RG_NONE)
		return i;
	uint32_t found = RG_NONE;
	for (size_t k = 0; k < rg_model_nentities(m); k++) {
		const rg_entity *e = rg_model_entity(m, k);
		if (e->label && strcmp(rg_model_str(m, e->label), name) == 0) {
			if (found != RG_NONE)
				return RG_NONE; /* two share it: it names neither */
			found = (uint32_t)k;
		}
	}
	return found != RG_NONE ? found : find_folded(m, name);
}

size_t rg_suggest(const rg_model *m, const char *name, const char **out, size_t n)
{
	/* each entity twice, by id and by label; the id is what is named */
	size_t nent = rg_model_nentities(m);
	const char **cands = rg_xcalloc(2 * nent + 1, sizeof *cands);
	for (size_t k = 0; k < nent; k++) {
		const rg_entity *e = rg_model_entity(m, k);
		cands[2 * k] = rg_model_str(m, e->id);
		cands[2 * k + 1] = e->label ? rg_model_str(m, e->label) : NULL;
	}
	size_t *at = rg_xmalloc((n ? n : 1) * sizeof *at);
	size_t found = rg_nearest(name, cands, 2 * nent, at, n), k = 0;
	for (size_t i = 0; i < found; i++) {
		const char *id = cands[at[i] & ~(size_t)1];
		int dup = 0;
		for (size_t j = 0; j < k; j++)
			dup |= out[j] == id;
		if (!dup)
			out[k++] = id;
	}
	free(at);
	free(cands);
	return k;
}

/* One use of a kind: by the node or edge at this index of the view. */
typedef struct {
	rg_str kind;
	size_t at;
} kind_use;

static int by_kind_then_use(const void *x, const void *y)
{
	const kind_use *p = x, *q = y;
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return (p->at > q->at) - (p->at < q->at);
}

static int by_order(const void *x, const void *y)
{
	const rg_kind_count *p = x, *q = y;
	return (p->order > q->order) - (p->order < q->order);
}

/* The kinds of v's nodes, or of its edges, in order of first use.  Sorting
 * the uses by kind, then by place, brings each kind's uses together in
 * view order, so that dates are taken as a walk through the view would
 * take them. */
static rg_kind_count *tally(const rg_model *m, const rg_view *v, int edges, size_t *nout)
{
	size_t n = edges ? v->nedges : v->nnodes;
	kind_use *u = rg_xmalloc((n ? n : 1) * sizeof *u);
	for (size_t i = 0; i < n; i++)
		u[i] = (kind_use){edges ? v->edges[i].kind : rg_model_entity(m, v->nodes[i])->kind,
				  i};
	qsort(u, n, sizeof *u, by_kind_then_use);
	rg_kind_count *k = rg_xmalloc((n ? n : 1) * sizeof *k);
	size_t nk = 0;
	for (size_t i = 0; i < n; i++) {
		if (!nk || k[nk - 1].kind != u[i].kind)
			k[nk++] = (rg_kind_count){.kind = u[i].kind,
						  .name = rg_model_str(m, u[i].kind),
						  .order = u[i].at};
		rg_kind_count *c = &k[nk - 1];
		if (!edges) {
			c->count++;
			continue;
		}
		const rg_edge *e = &v->edges[u[i].at];
		c->count += e->count;
		if (e->first.year && (!c->first.year || rg_date_cmp_lo(e->first, c->first) < 0))
			c->first = e->first;
		if (e->last.year && (!c->last.year || rg_date_cmp_hi(e->last, c->last) > 0))
			c->last = e->last;
	}
	qsort(k, nk, sizeof *k, by_order);
	for (size_t i = 0; i < nk; i++)
		k[i].order = i;
	free(u);
	*nout = nk;
	return k;
}

rg_kinds *rg_view_kinds(const rg_model *m, const rg_view *v)
{
	rg_kinds *k = rg_xcalloc(1, sizeof *k);
	k->nodes = tally(m, v, 0, &k->nnodes);
	k->rels = tally(m, v, 1, &k->nrels);
	return k;
}

void rg_kinds_free(rg_kinds *k)
{
	if (!k)
		return;
	free(k->nodes);
	free(k->rels);
	free(k);
}

rg_view *rg_view_only(const rg_view *v, const unsigned char *keep)
{
	return rg_view_only_edges(v, keep, NULL);
}

rg_view *rg_view_only_edges(const rg_view *v, const unsigned char *keep,
			    const unsigned char *keep_edge)
{
	rg_view *w = rg_xcalloc(1, sizeof *w);
	*w = *v;
	w->nodes = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *w->nodes);
	w->edges = rg_xmalloc((v->nedges ? v->nedges : 1) * sizeof *w->edges);
	size_t nrels = 0;
	for (size_t e = 0; e < v->nedges; e++)
		nrels += v->edges[e].rows;
	w->rels = rg_xmalloc((nrels ? nrels : 1) * sizeof *w->rels);
	w->nnodes = w->nedges = 0;
	w->max_weight = 0;
	w->max_count = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		if (keep[v->nodes[i]])
			w->nodes[w->nnodes++] = v->nodes[i];
	size_t off = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		const rg_edge *x = &v->edges[e];
		if (!keep[x->a] || !keep[x->b] || (keep_edge && !keep_edge[e]))
			continue;
		rg_edge *y = &w->edges[w->nedges++];
		*y = *x;
		y->rel0 = (uint32_t)off;
		memcpy(w->rels + off, v->rels + x->rel0, x->rows * sizeof *w->rels);
		off += x->rows;
		if (y->weight > w->max_weight)
			w->max_weight = y->weight;
		if (y->count > w->max_count)
			w->max_count = y->count;
	}
	return w;
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
