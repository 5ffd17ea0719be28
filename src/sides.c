/* sides.c: people and events on two sides.  A meeting of many becomes a
 * node joined to each participant by `attended`; a table of such
 * meetings (Davis' Southern Women: 18 people, 14 events) drawn by rank
 * alone stacks the events on one side of a tangle.  Drawn left to right
 * with the events in the middle column and the people alternately left
 * and right of it, in the order of the events they attended, each side
 * is a two-layer drawing dot orders to cut crossings (see sides.h). */
#include "sides.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_event(const rg_model *m, uint32_t e)
{
	return strcmp(rg_model_str(m, rg_model_entity(m, e)->kind), "meeting") == 0;
}

static int is_attended(const rg_model *m, const rg_edge *x)
{
	return strcmp(rg_model_str(m, x->kind), "attended") == 0;
}

int rg_sides_fit(const rg_model *m, const rg_view *v)
{
	size_t events = 0, attended = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		events += is_event(m, v->nodes[i]);
	for (size_t i = 0; i < v->nedges; i++)
		attended += is_attended(m, &v->edges[i]);
	if (events < RG_SIDES_MIN_EVENTS || 2 * attended < v->nedges)
		return 0;
	/* the sides must balance: people who all met one another in small
	 * meetings (bilateral talks around summits) would fill one side */
	unsigned char *side = rg_sides_of(m, v);
	size_t n[4] = {0};
	for (size_t i = 0; i < v->nnodes; i++)
		n[side[v->nodes[i]]]++;
	free(side);
	size_t gap = n[RG_SIDE_LEFT] > n[RG_SIDE_RIGHT] ? n[RG_SIDE_LEFT] - n[RG_SIDE_RIGHT]
							: n[RG_SIDE_RIGHT] - n[RG_SIDE_LEFT];
	return gap <= RG_SIDES_MAX_GAP + (n[RG_SIDE_LEFT] + n[RG_SIDE_RIGHT]) / 3;
}

/* Rounds of the barycentre ordering: events at the mean place of their
 * people, people at the mean place of their events. */
#define SIDES_ROUNDS 8

typedef struct {
	double at;
	size_t order; /* the view's order: ties keep it */
	uint32_t ent;
} placed;

static int by_place(const void *x, const void *y)
{
	const placed *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* One round: each entity of kind `to_events` (1: events, 0: people) moves
 * to the mean place of its attended neighbours. */
static void mean_places(const rg_model *m, const rg_view *v, double *at, int to_events)
{
	size_t n = rg_model_nentities(m);
	double *sum = rg_xcalloc(n ? n : 1, sizeof *sum);
	unsigned *cnt = rg_xcalloc(n ? n : 1, sizeof *cnt);
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *x = &v->edges[i];
		if (!is_attended(m, x))
			continue;
		uint32_t ev = is_event(m, x->a) ? x->a : x->b, p = ev == x->a ? x->b : x->a;
		uint32_t mover = to_events ? ev : p, other = to_events ? p : ev;
		sum[mover] += at[other];
		cnt[mover]++;
	}
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t e = v->nodes[i];
		if (cnt[e] && is_event(m, e) == to_events)
			at[e] = sum[e] / cnt[e];
	}
	free(sum);
	free(cnt);
}

/* The root of e's group of people joined by other relations (met). */
static uint32_t root(uint32_t *up, uint32_t e)
{
	while (up[e] != e)
		e = up[e] = up[up[e]];
	return e;
}

/* People who met in small meetings (a `met` edge, or any relation but
 * attended) go to the same side, so that no such edge crosses the events'
 * column: each group, the biggest first, to the side with fewer people. */
static void split_groups(const rg_model *m, const rg_view *v, placed *people, size_t np,
			 unsigned char *side)
{
	size_t n = rg_model_nentities(m);
	uint32_t *up = rg_xmalloc((n ? n : 1) * sizeof *up);
	size_t *size = rg_xcalloc(n ? n : 1, sizeof *size);
	for (size_t i = 0; i < n; i++)
		up[i] = (uint32_t)i;
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *x = &v->edges[i];
		if (!is_attended(m, x) && side[x->a] == RG_SIDE_LEFT && side[x->b] == RG_SIDE_LEFT)
			up[root(up, x->a)] = root(up, x->b);
	}
	for (size_t k = 0; k < np; k++)
		size[root(up, people[k].ent)]++;
	/* the biggest groups first, each where its first member comes in
	 * order; people alone alternate */
	size_t count[4] = {0};
	uint32_t *where = rg_xcalloc(n ? n : 1, sizeof *where);
	for (size_t big = np; big > 0; big--)
		for (size_t k = 0; k < np; k++) {
			uint32_t r = root(up, people[k].ent);
			if (size[r] != big)
				continue;
			if (!where[r])
				where[r] = count[RG_SIDE_RIGHT] < count[RG_SIDE_LEFT]
						   ? RG_SIDE_RIGHT
						   : RG_SIDE_LEFT;
			side[people[k].ent] = (unsigned char)where[r];
			count[where[r]]++;
		}
	free(where);
	free(size);
	free(up);
}

unsigned char *rg_sides_of(const rg_model *m, const rg_view *v)
{
	size_t n = rg_model_nentities(m);
	unsigned char *side = rg_xcalloc(n ? n : 1, 1);
	double *at = rg_xcalloc(n ? n : 1, sizeof *at);
	unsigned char *attends = rg_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < v->nedges; i++)
		if (is_attended(m, &v->edges[i]))
			attends[v->edges[i].a] = attends[v->edges[i].b] = 1;
	for (size_t i = 0; i < v->nnodes; i++)
		at[v->nodes[i]] = (double)i;
	for (int r = 0; r < SIDES_ROUNDS; r++) {
		mean_places(m, v, at, 0);
		mean_places(m, v, at, 1);
	}
	mean_places(m, v, at, 0);
	placed *people = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *people);
	size_t np = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t e = v->nodes[i];
		if (is_event(m, e))
			side[e] = RG_SIDE_EVENTS;
		else if (attends[e])
			people[np++] = (placed){at[e], i, e};
	}
	/* in the order of the events they attended, the groups of people
	 * who met apart balanced between the sides; the rest alternately
	 * left and right, so each side spans the events */
	qsort(people, np, sizeof *people, by_place);
	for (size_t k = 0; k < np; k++)
		side[people[k].ent] = RG_SIDE_LEFT;
	split_groups(m, v, people, np, side);
	free(people);
	free(attends);
	free(at);
	return side;
}
