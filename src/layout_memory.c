/* layout_memory.c: layout policy for a drawing made again after an edit
 * (see layout.h, "Memory", and memory.h for the file).  The places a
 * drawing gets are a function of the fresh layout and the memory alone,
 * rounded to the memory's precision, and a drawing whose memory holds
 * exactly its own places is that same drawing: so drawing twice gives
 * the same bytes. */
#include "layout_memory.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "relgraph/memory.h"
#include "util.h"

/* Points two remembered nodes' boxes may share (rounding, the rim of a
 * shape) before one of them moves. */
#define RG_MEMORY_SLACK 1

/* One node being placed: where it wants to go, its box (points). */
typedef struct {
	double x, y, w, h;
	int old; /* the memory has it */
} spot;

/* The placed nodes on a grid of cells as large as the largest box and
 * the gap, hashed: a box can only meet boxes in the 3 x 3 cells around
 * its centre. */
typedef struct {
	double cell;
	size_t nb;
	long *head, *next; /* chains of node indices per bucket, -1 ends */
	const spot *s;
	/* the edges as pairs of node indices, and which nodes are placed: a
	 * new node keeps clear of the edges between placed ones too (NULL:
	 * not checked, past RG_MEMORY_EDGE_WORK) */
	const long (*edges)[2];
	size_t nedges;
	const unsigned char *placed;
} place_grid;

static size_t bucket(const place_grid *g, long cx, long cy)
{
	unsigned long h = (unsigned long)cx * 73856093UL ^ (unsigned long)cy * 19349663UL;
	return h % g->nb;
}

static long cell_of(const place_grid *g, double x)
{
	return (long)floor(x / g->cell);
}

/* Whether a box at (x, y) of node i's size, gap points wider on each
 * side, meets a placed node. */
static int taken(const place_grid *g, size_t i, double x, double y, double gap)
{
	long cx = cell_of(g, x), cy = cell_of(g, y);
	for (long dy = -1; dy <= 1; dy++)
		for (long dx = -1; dx <= 1; dx++)
			for (long k = g->head[bucket(g, cx + dx, cy + dy)]; k >= 0;
			     k = g->next[k]) {
				const spot *o = &g->s[k];
				if (fabs(o->x - x) < (o->w + g->s[i].w) / 2 + gap &&
				    fabs(o->y - y) < (o->h + g->s[i].h) / 2 + gap)
					return 1;
			}
	return 0;
}

/* Whether the segment a-b meets the box [x0, x1] x [y0, y1]
 * (Liang-Barsky clipping). */
static int segment_meets(double ax, double ay, double bx, double by, double x0, double y0,
			 double x1, double y1)
{
	double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
	double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
	for (int k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
			continue;
		}
		double r = q[k] / p[k];
		if (p[k] < 0)
			t0 = fmax(t0, r);
		else
			t1 = fmin(t1, r);
		if (t0 > t1)
			return 0;
	}
	return 1;
}

/* Whether a box at (x, y) of node i's size, gap points wider on each
 * side, meets an edge between two placed nodes (drawn straight). */
static int on_edge(const place_grid *g, size_t i, double x, double y, double gap)
{
	if (!g->edges)
		return 0;
	double hw = g->s[i].w / 2 + gap, hh = g->s[i].h / 2 + gap;
	for (size_t k = 0; k < g->nedges; k++) {
		long a = g->edges[k][0], b = g->edges[k][1];
		if (!g->placed[a] || !g->placed[b])
			continue;
		if (segment_meets(g->s[a].x, g->s[a].y, g->s[b].x, g->s[b].y, x - hw, y - hh,
				  x + hw, y + hh))
			return 1;
	}
	return 0;
}

/* Whether node i at (x, y) would reach a placed neighbour only across
 * another placed node's box (its edges drawn straight). */
static int edges_cross_nodes(const place_grid *g, size_t i, double x, double y, size_t n)
{
	for (size_t k = 0; k < g->nedges; k++) {
		long a = g->edges[k][0], b = g->edges[k][1];
		long j = a == (long)i ? b : b == (long)i ? a : -1;
		if (j < 0 || !g->placed[j])
			continue;
		for (size_t o = 0; o < n; o++) {
			if (!g->placed[o] || (long)o == j || o == i)
				continue;
			const spot *p = &g->s[o];
			if (segment_meets(x, y, g->s[j].x, g->s[j].y, p->x - p->w / 2,
					  p->y - p->h / 2, p->x + p->w / 2, p->y + p->h / 2))
				return 1;
		}
	}
	return 0;
}

static void grid_add(place_grid *g, size_t i)
{
	size_t b = bucket(g, cell_of(g, g->s[i].x), cell_of(g, g->s[i].y));
	g->next[i] = g->head[b];
	g->head[b] = (long)i;
	if (g->placed)
		((unsigned char *)g->placed)[i] = 1;
}

/* The nearest place to (*x, *y) on rings of places step apart, from
 * ring first to ring last, where ok(ctx, x, y) holds (ring 0 is the place
 * itself); places rounded to the memory's precision.  Moves *x, *y there
 * and returns 1, or 0 when there is none. */
static int nearest_place(double *x, double *y, double step, int first, int last,
			 int (*ok)(void *ctx, double x, double y), void *ctx)
{
	for (int ring = first; ring <= last; ring++) {
		int around = ring ? 8 * ring : 1;
		for (int k = 0; k < around; k++) {
			double a = 2 * M_PI * k / around;
			double cx = rg_memory_round(*x + ring * step * cos(a));
			double cy = rg_memory_round(*y + ring * step * sin(a));
			if (ok(ctx, cx, cy)) {
				*x = cx, *y = cy;
				return 1;
			}
		}
	}
	return 0;
}

/* A node being settled: which, among how many, and whether the places
 * tried must also keep clear of the edges. */
typedef struct {
	place_grid *g;
	size_t i, n;
	int edges;
} settling;

static int free_of(void *ctx, double x, double y)
{
	const settling *t = ctx;
	return !taken(t->g, t->i, x, y, 2 * RG_MEMORY_GAP) &&
	       !(t->edges && (on_edge(t->g, t->i, x, y, RG_MEMORY_GAP) ||
			      edges_cross_nodes(t->g, t->i, x, y, t->n)));
}

/* Puts node i where it wants to be if that is free, else at the nearest
 * free place on rings around it.  A remembered node only moves when it
 * really meets one (its label grew), a new one keeps RG_MEMORY_GAP
 * clear, and one that moves twice that: so a memory read back, or a
 * fresh layout's places, are left as they are. */
static void settle_node(place_grid *g, spot *s, size_t i, size_t n)
{
	/* a new node also keeps clear of the edges already drawn, as far as
	 * RG_MEMORY_EDGE_RINGS rings around where it wants to be */
	int edges = !s[i].old && g->edges;
	if (!taken(g, i, s[i].x, s[i].y, s[i].old ? -RG_MEMORY_SLACK : RG_MEMORY_GAP) &&
	    !(edges && (on_edge(g, i, s[i].x, s[i].y, RG_MEMORY_GAP) ||
			edges_cross_nodes(g, i, s[i].x, s[i].y, n)))) {
		grid_add(g, i);
		return;
	}
	double step = fmax(RG_MEMORY_GAP, fmin(s[i].w, s[i].h) / 2);
	settling t = {g, i, n, edges};
	if (!(edges &&
	      nearest_place(&s[i].x, &s[i].y, step, 1, RG_MEMORY_EDGE_RINGS - 1, free_of, &t))) {
		t.edges = 0;
		/* nowhere free near: left where it wanted to be */
		nearest_place(&s[i].x, &s[i].y, step, 1, 399, free_of, &t);
	}
	grid_add(g, i);
}

/* The least-squares affine map from the fresh places of the nodes the
 * memory has to their remembered places: t = {a, b, c, d, e, f}, x' = a x
 * + b y + c, y' = d x + e y + f.  A translation when there are too few
 * or they lie on a line; none (identity) without any. */
static void fit_map(const spot *s, const rg_pin *const *fresh, size_t n, double t[6])
{
	double sx = 0, sy = 0, tx = 0, ty = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i].old) {
			sx += fresh[i]->x, sy += fresh[i]->y, tx += s[i].x, ty += s[i].y, k++;
		}
	t[0] = 1, t[1] = 0, t[2] = 0, t[3] = 0, t[4] = 1, t[5] = 0;
	if (k == 0)
		return;
	double mx = sx / k, my = sy / k, nx = tx / k, ny = ty / k;
	t[2] = nx - mx, t[5] = ny - my;
	if (k < 3)
		return;
	/* centred normal equations: [xx xy; xy yy] [a b]^T = [xu yu] */
	double xx = 0, xy = 0, yy = 0, xu = 0, yu = 0, xv = 0, yv = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i].old) {
			double x = fresh[i]->x - mx, y = fresh[i]->y - my;
			double u = s[i].x - nx, v = s[i].y - ny;
			xx += x * x, xy += x * y, yy += y * y;
			xu += x * u, yu += y * u, xv += x * v, yv += y * v;
		}
	double det = xx * yy - xy * xy;
	if (fabs(det) < 1e-9 * (xx * yy + 1))
		return;
	t[0] = (xu * yy - yu * xy) / det;
	t[1] = (yu * xx - xu * xy) / det;
	t[3] = (xv * yy - yv * xy) / det;
	t[4] = (yv * xx - xv * xy) / det;
	t[2] = nx - t[0] * mx - t[1] * my;
	t[5] = ny - t[3] * mx - t[4] * my;
}

/* Where each node of v goes (pins, entity-indexed, hold the fresh
 * places and sizes): a remembered node where it was, a new one between
 * the fresh place mapped onto the memory's and its remembered
 * neighbours, then each, in that order, moved to the nearest free place
 * if it meets one placed before.  Without a memory, the fresh places.
 * Everything rounded.  Returns 1 when that differs from the fresh
 * places rounded (pins then get it), 0 when the fresh drawing is it. */
static int places(const rg_model *m, const rg_view *v, const rg_memory *mem, rg_pin *pins)
{
	size_t n = v->nnodes, nent = rg_model_nentities(m);
	spot *s = rg_xcalloc(n ? n : 1, sizeof *s);
	const rg_pin **fresh = rg_xcalloc(n ? n : 1, sizeof *fresh);
	long *at = rg_xmalloc((nent ? nent : 1) * sizeof *at);
	double big = 1;
	for (size_t e = 0; e < nent; e++)
		at[e] = -1;
	for (size_t i = 0; i < n; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		const char *id = rg_model_str(m, rg_model_entity(m, v->nodes[i])->id);
		at[v->nodes[i]] = (long)i;
		fresh[i] = p;
		s[i] = (spot){p->x, p->y, p->w * 72, p->h * 72, 0};
		/* without a memory the fresh places are the remembered ones */
		s[i].old = !mem || rg_memory_get(mem, id, &s[i].x, &s[i].y);
		big = fmax(big, fmax(s[i].w, s[i].h));
	}
	/* new nodes: the fresh place mapped, pulled halfway to the mean of
	 * their remembered neighbours */
	double t[6];
	fit_map(s, fresh, n, t);
	double *sumx = rg_xcalloc(n ? n : 1, sizeof *sumx),
	       *sumy = rg_xcalloc(n ? n : 1, sizeof *sumy);
	size_t *cnt = rg_xcalloc(n ? n : 1, sizeof *cnt);
	for (size_t k = 0; k < v->nedges; k++) {
		long a = at[v->edges[k].a], b = at[v->edges[k].b];
		if (a < 0 || b < 0 || a == b)
			continue;
		if (s[b].old && !s[a].old)
			sumx[a] += s[b].x, sumy[a] += s[b].y, cnt[a]++;
		if (s[a].old && !s[b].old)
			sumx[b] += s[a].x, sumy[b] += s[a].y, cnt[b]++;
	}
	for (size_t i = 0; i < n; i++) {
		if (!s[i].old) {
			const rg_pin *p = fresh[i];
			double x = t[0] * p->x + t[1] * p->y + t[2],
			       y = t[3] * p->x + t[4] * p->y + t[5];
			if (cnt[i]) {
				x = (x + sumx[i] / cnt[i]) / 2;
				y = (y + sumy[i] / cnt[i]) / 2;
			}
			s[i].x = x, s[i].y = y;
		}
		s[i].x = rg_memory_round(s[i].x);
		s[i].y = rg_memory_round(s[i].y);
	}
	/* remembered nodes first: they keep their places unless their boxes
	 * grew into each other */
	place_grid g = {.cell = big + 2 * RG_MEMORY_GAP, .nb = 2 * n + 1, .s = s};
	g.head = rg_xmalloc(g.nb * sizeof *g.head);
	g.next = rg_xmalloc((n ? n : 1) * sizeof *g.next);
	for (size_t b = 0; b < g.nb; b++)
		g.head[b] = -1;
	size_t fresh_nodes = 0;
	for (size_t i = 0; i < n; i++)
		fresh_nodes += !s[i].old;
	long(*edges)[2] = NULL;
	unsigned char *placed = NULL;
	if (fresh_nodes && (double)fresh_nodes * (v->nedges + n) <= RG_MEMORY_EDGE_WORK) {
		edges = rg_xmalloc((v->nedges ? v->nedges : 1) * sizeof *edges);
		placed = rg_xcalloc(n ? n : 1, 1);
		for (size_t k = 0; k < v->nedges; k++) {
			long a = at[v->edges[k].a], b = at[v->edges[k].b];
			if (a >= 0 && b >= 0 && a != b) {
				edges[g.nedges][0] = a;
				edges[g.nedges++][1] = b;
			}
		}
		g.edges = (const long(*)[2])edges;
		g.placed = placed;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (s[i].old == !pass)
				settle_node(&g, s, i, n);
	int changed = 0;
	for (size_t i = 0; i < n; i++)
		changed |= s[i].x != rg_memory_round(fresh[i]->x) ||
			   s[i].y != rg_memory_round(fresh[i]->y);
	if (changed)
		for (size_t i = 0; i < n; i++) {
			pins[v->nodes[i]].x = s[i].x;
			pins[v->nodes[i]].y = s[i].y;
		}
	free(g.head);
	free(g.next);
	free(edges);
	free(placed);
	free(sumx);
	free(sumy);
	free(cnt);
	free(at);
	free(fresh);
	free(s);
	return changed;
}

/* The box of the nodes' boxes (points). */
static void nodes_box(const rg_view *v, const rg_pin *pins, double box[4])
{
	box[0] = box[1] = INFINITY;
	box[2] = box[3] = -INFINITY;
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		double hw = p->w * 36, hh = p->h * 36;
		box[0] = fmin(box[0], p->x - hw), box[1] = fmin(box[1], p->y - hh);
		box[2] = fmax(box[2], p->x + hw), box[3] = fmax(box[3], p->y + hh);
	}
	if (!v->nnodes)
		box[0] = box[1] = box[2] = box[3] = 0;
}

/* box grown to take in add; rounded outwards to the memory's precision. */
static void grow(double box[4], const double add[4])
{
	box[0] = fmin(box[0], add[0]), box[1] = fmin(box[1], add[1]);
	box[2] = fmax(box[2], add[2]), box[3] = fmax(box[3], add[3]);
}

static void round_out(double box[4])
{
	for (int k = 0; k < 4; k++) {
		double r = rg_memory_round(box[k]);
		if (k < 2 ? r > box[k] : r < box[k])
			r = rg_memory_round(r + (k < 2 ? -0.01 : 0.01));
		box[k] = r;
	}
}

static void remember_nodes(const rg_model *m, const rg_view *v, const rg_pin *pins, rg_memory *out)
{
	for (size_t i = 0; i < v->nnodes; i++)
		rg_memory_put(out, rg_model_str(m, rg_model_entity(m, v->nodes[i])->id),
			      pins[v->nodes[i]].x, pins[v->nodes[i]].y);
}

/* o with its memory, unless the memory has none of v's nodes (another
 * drawing's): that one is laid out afresh, with a warning in d. */
static rg_layout_opts relevant(const rg_model *m, const rg_view *v, const rg_layout_opts *o,
			       rg_diags *d)
{
	rg_layout_opts r = *o;
	double x, y;
	if (!o->memory || !v->nnodes || !rg_memory_count(o->memory))
		return r;
	for (size_t i = 0; i < v->nnodes; i++)
		if (rg_memory_get(o->memory, rg_model_str(m, rg_model_entity(m, v->nodes[i])->id),
				  &x, &y))
			return r;
	rg_warn(d, NULL, 0, 0,
		"the layout memory holds none of this drawing's nodes (another drawing's?); "
		"laid out afresh");
	r.memory = NULL;
	return r;
}

Agraph_t *rg_layout_remembered_force(rg_render *r, const rg_model *m, const rg_view *v,
				     const rg_build_opts *b1, const rg_layout_opts *asked,
				     Agraph_t *g, rg_pin *pins, double bb[4], rg_diags *d)
{
	rg_layout_opts mo = relevant(m, v, asked, d);
	const rg_layout_opts *o = &mo;
	double fresh[4] = {GD_bb(g).LL.x, GD_bb(g).LL.y, GD_bb(g).UR.x, GD_bb(g).UR.y}, kept[4];
	int changed = places(m, v, o->memory, pins);
	if (changed) {
		rg_render_free_layout(r);
		agclose(g);
		rg_placement pl = {.pins = pins};
		/* as the fresh one was built: no caption yet */
		rg_emphasis *em = o->emphasis;
		char *caption = em ? em->caption : NULL;
		if (em)
			em->caption = NULL;
		g = rg_build_placed(m, v, b1, &pl);
		if (em)
			em->caption = caption;
		if (rg_render_layout(r, g, "nop2", d) != RG_OK) {
			agclose(g);
			return NULL;
		}
		nodes_box(v, pins, fresh);
	}
	/* the frame: the drawing's, rounded, grown to the remembered one */
	double frame[4], rounded[4];
	memcpy(rounded, fresh, sizeof fresh);
	round_out(rounded);
	memcpy(frame, rounded, sizeof frame);
	if (o->memory && rg_memory_canvas(o->memory, kept))
		grow(frame, kept);
	/* the fresh drawing as it is, unless the remembered frame is larger:
	 * a first drawing with a memory is the one without */
	if (!changed && memcmp(frame, rounded, sizeof frame) == 0)
		memcpy(bb, fresh, sizeof fresh);
	else
		memcpy(bb, frame, sizeof frame);
	if (o->remember) {
		remember_nodes(m, v, pins, o->remember);
		rg_memory_set_canvas(o->remember, frame);
	}
	return g;
}

/* Where the fresh drawing g put its legend: the table node's centre, or
 * the legend cluster's (dot); box gets its extent.  0 for none. */
static int fresh_legend(Agraph_t *g, double *x, double *y, double box[4])
{
	Agnode_t *ln = agnode(g, (char *)RG_LEGEND_TABLE, 0);
	if (ln) {
		*x = ND_coord(ln).x, *y = ND_coord(ln).y;
		double hw = ND_width(ln) * 36, hh = ND_height(ln) * 36;
		box[0] = *x - hw, box[1] = *y - hh, box[2] = *x + hw, box[3] = *y + hh;
		return 1;
	}
	Agraph_t *c = agsubg(g, (char *)"cluster_legend", 0);
	if (!c)
		return 0;
	boxf b = GD_bb(c);
	box[0] = b.LL.x, box[1] = b.LL.y, box[2] = b.UR.x, box[3] = b.UR.y;
	*x = (b.LL.x + b.UR.x) / 2, *y = (b.LL.y + b.UR.y) / 2;
	return 1;
}

/* Whether a box meets a node's box of v. */
static int meets_node(const rg_view *v, const rg_pin *pins, const double box[4])
{
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		double hw = p->w * 36 + RG_MEMORY_GAP, hh = p->h * 36 + RG_MEMORY_GAP;
		if (p->x + hw > box[0] && p->x - hw < box[2] && p->y + hh > box[1] &&
		    p->y - hh < box[3])
			return 1;
	}
	return 0;
}

/* A w x h box to place clear of v's nodes. */
typedef struct {
	const rg_view *v;
	const rg_pin *pins;
	double w, h;
} box_place;

static int box_free(void *ctx, double x, double y)
{
	const box_place *b = ctx;
	double box[4] = {x - b->w / 2, y - b->h / 2, x + b->w / 2, y + b->h / 2};
	return !meets_node(b->v, b->pins, box);
}

/* Moves a w x h box centred at (*x, *y) to the nearest place on rings
 * around it, a few node widths at most, where it meets no node; 0 when
 * there is none. */
static int free_place(const rg_view *v, const rg_pin *pins, double w, double h, double *x,
		      double *y)
{
	box_place b = {v, pins, w, h};
	return nearest_place(x, y, 2 * RG_MEMORY_GAP, 0, 24, box_free, &b);
}

/* Takes away the external labels of edges that g's layout placed over
 * a node or another such label (Graphviz does when there is no room), or
 * out of the frame (which would grow the drawing): returns how many.
 * Their text stays in the edges' tooltips. */
static size_t drop_crowded_labels(Agraph_t *g, const double frame[4])
{
	typedef struct {
		double x0, y0, x1, y1;
		Agedge_t *e; /* NULL for a node */
	} label_box;
	label_box *b = NULL;
	size_t n = 0, cap = 0, labels = 0;
	for (Agnode_t *a = agfstnode(g); a; a = agnxtnode(g, a)) {
		if (n + 1 >= cap) {
			cap = cap ? 2 * cap : 64;
			b = rg_xrealloc(b, cap * sizeof *b);
		}
		double hw = ND_width(a) * 36, hh = ND_height(a) * 36;
		b[n++] = (label_box){ND_coord(a).x - hw, ND_coord(a).y - hh, ND_coord(a).x + hw,
				     ND_coord(a).y + hh, NULL};
		for (Agedge_t *e = agfstout(g, a); e; e = agnxtout(g, e)) {
			textlabel_t *l = ED_xlabel(e);
			if (!l || !l->set)
				continue;
			if (n + 1 >= cap) {
				cap *= 2;
				b = rg_xrealloc(b, cap * sizeof *b);
			}
			b[n++] = (label_box){l->pos.x - l->dimen.x / 2, l->pos.y - l->dimen.y / 2,
					     l->pos.x + l->dimen.x / 2, l->pos.y + l->dimen.y / 2,
					     e};
			labels++;
		}
	}
	size_t dropped = 0;
	unsigned char *gone = rg_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		if (b[i].e && (b[i].x0 < frame[0] || b[i].y0 < frame[1] || b[i].x1 > frame[2] ||
			       b[i].y1 > frame[3])) {
			agsafeset(b[i].e, (char *)"xlabel", (char *)"", (char *)"");
			gone[i] = 1;
			dropped++;
		}
	for (size_t i = 0; i < n && labels <= RG_MEMORY_LABELS_MAX; i++)
		for (size_t j = 0; j < n && b[i].e && !gone[i]; j++)
			if (i != j && !gone[j] && (j < i || !b[j].e) && b[i].x0 < b[j].x1 &&
			    b[j].x0 < b[i].x1 && b[i].y0 < b[j].y1 && b[j].y0 < b[i].y1) {
				agsafeset(b[i].e, (char *)"xlabel", (char *)"", (char *)"");
				gone[i] = 1;
				dropped++;
			}
	free(gone);
	free(b);
	return dropped;
}

/* Gives each box of g (--cluster-by) the bounding box of its nodes'
 * places (pins, sized), with room for its label on top: nop2 draws a
 * cluster where its bb says.  all gets the box of the boxes (empty,
 * lower left above upper right, for none). */
static void box_clusters(Agraph_t *g, const rg_model *m, const rg_pin *pins, double all[4])
{
	const double pad = 8, label = 18;
	all[0] = all[1] = INFINITY;
	all[2] = all[3] = -INFINITY;
	for (Agraph_t *c = agfstsubg(g); c; c = agnxtsubg(c)) {
		if (strncmp(agnameof(c), "cluster", 7) != 0 ||
		    strcmp(agnameof(c), "cluster_legend") == 0)
			continue;
		double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
		for (Agnode_t *n = agfstnode(c); n; n = agnxtnode(c, n)) {
			uint32_t e = rg_model_find(m, agnameof(n));
			if (e == RG_NONE || !pins[e].set)
				continue;
			const rg_pin *p = &pins[e];
			box[0] = fmin(box[0], p->x - p->w * 36 - pad);
			box[1] = fmin(box[1], p->y - p->h * 36 - pad);
			box[2] = fmax(box[2], p->x + p->w * 36 + pad);
			box[3] = fmax(box[3], p->y + p->h * 36 + pad + label);
		}
		if (!(box[2] >= box[0]))
			continue;
		char bb[128];
		snprintf(bb, sizeof bb, "%.2f,%.2f,%.2f,%.2f", box[0], box[1], box[2], box[3]);
		agsafeset(c, (char *)"bb", bb, (char *)"");
		grow(all, box);
	}
}

/* Puts overlap=true and one more graph setting before the user's -G
 * ones in b (which still win): the places are final.  Returns the array
 * for the caller to free once b is built. */
static rg_setting *before_user(rg_build_opts *b, rg_setting more)
{
	rg_setting *gs = rg_xmalloc((b->ngset + 2) * sizeof *gs);
	gs[0] = (rg_setting){"overlap", "true"};
	gs[1] = more;
	if (b->ngset)
		memcpy(gs + 2, b->gset, b->ngset * sizeof *gs);
	b->gset = gs;
	b->ngset += 2;
	return gs;
}

/* The pinned theme drawing: the legend where it was (or under the nodes
 * when it would meet one now), the frame the remembered one grown to
 * take in the nodes and legend, the edges routed by nop2. */
static Agraph_t *draw_pinned(rg_render *r, const rg_model *m, const rg_view *v,
			     const rg_layout_opts *o, rg_layout_info *info, rg_pin *pins,
			     int has_legend, const double lbox[4], rg_diags *d)
{
	double canvas[4], kept[4];
	nodes_box(v, pins, canvas);
	rg_placement pl = {.pins = pins};
	if (has_legend) {
		double lw = lbox[2] - lbox[0], lh = lbox[3] - lbox[1], lx, ly;
		if (!o->memory || !rg_memory_legend(o->memory, &lx, &ly))
			lx = (lbox[0] + lbox[2]) / 2, ly = (lbox[1] + lbox[3]) / 2;
		if (!free_place(v, pins, lw, lh, &lx, &ly)) {
			/* under the nodes, at their left */
			lx = canvas[0] + lw / 2;
			ly = canvas[1] - RG_MEMORY_GAP - lh / 2;
		}
		lx = rg_memory_round(lx), ly = rg_memory_round(ly);
		pl.legend_pin = (rg_pin){lx, ly, 0, 0, 1};
		double placed[4] = {lx - lw / 2, ly - lh / 2, lx + lw / 2, ly + lh / 2};
		grow(canvas, placed);
		if (o->remember)
			rg_memory_set_legend(o->remember, lx, ly);
	}
	round_out(canvas);
	if (o->memory && rg_memory_canvas(o->memory, kept))
		grow(canvas, kept);
	memcpy(pl.canvas, canvas, sizeof canvas);
	if (o->remember)
		rg_memory_set_canvas(o->remember, canvas);
	/* the places are final: no overlap removal (the user's -G settings,
	 * after this one, still win) */
	rg_build_opts pb = info->bo;
	pb.engine = "nop2";
	pb.legend_table = 1;
	/* edges routed round nodes as close as the places put them (dot's
	 * ranks can be closer than the force engines' margin) */
	rg_setting *gs = before_user(&pb, (rg_setting){"sep", "+2"});
	/* nodes sized by their labels, as in the fresh drawing */
	size_t nent = rg_model_nentities(m);
	rg_pin *at = rg_xmalloc((nent ? nent : 1) * sizeof *at);
	memcpy(at, pins, (nent ? nent : 1) * sizeof *at);
	for (size_t i = 0; i < v->nnodes; i++)
		at[v->nodes[i]].w = at[v->nodes[i]].h = 0;
	pl.pins = at;
	info->render = "nop2";
	/* edge labels less those the places leave no room for */
	Agraph_t *g = rg_build_placed(m, v, &pb, &pl);
	double boxes[4];
	box_clusters(g, m, pins, boxes);
	if (boxes[0] < canvas[0] || boxes[1] < canvas[1] || boxes[2] > canvas[2] ||
	    boxes[3] > canvas[3]) {
		/* the frame takes in the boxes too */
		grow(canvas, boxes);
		round_out(canvas);
		memcpy(pl.canvas, canvas, sizeof canvas);
		if (o->remember)
			rg_memory_set_canvas(o->remember, canvas);
		agclose(g);
		g = rg_build_placed(m, v, &pb, &pl);
		box_clusters(g, m, pins, boxes);
	}
	free(at);
	for (int round = 0;; round++) {
		if (rg_render_layout(r, g, "nop2", d) != RG_OK) {
			agclose(g);
			g = NULL;
			break;
		}
		if (round == RG_MEMORY_LABEL_ROUNDS || !drop_crowded_labels(g, canvas))
			break;
	}
	free(gs);
	return g;
}

/* The sizes (inches) v's nodes get when built with bo, into pins, and
 * the legend table's (points, 0 without one) into lsize: built on pins'
 * places and laid out by nop2, its edges straight. */
static rg_status measure(rg_render *r, const rg_model *m, const rg_view *v, const rg_build_opts *bo,
			 rg_pin *pins, double lsize[2], rg_diags *d)
{
	size_t nent = rg_model_nentities(m);
	rg_pin *at = rg_xcalloc(nent ? nent : 1, sizeof *at);
	for (size_t i = 0; i < v->nnodes; i++)
		at[v->nodes[i]] = (rg_pin){pins[v->nodes[i]].x, pins[v->nodes[i]].y, 0, 0, 1};
	rg_build_opts b = *bo;
	b.engine = "nop2";
	b.legend_table = 1;
	b.title = NULL;
	/* edges drawn straight: only the sizes matter here */
	rg_setting *gs = before_user(&b, (rg_setting){"splines", "false"});
	rg_placement pl = {.pins = at, .legend_pin = {0, 0, 0, 0, 1}};
	Agraph_t *g = rg_build_placed(m, v, &b, &pl);
	free(gs);
	rg_status st = rg_render_layout(r, g, "nop2", d);
	lsize[0] = lsize[1] = 0;
	if (st == RG_OK) {
		rg_pin legend;
		rg_layout_pins(g, m, v, at, &legend);
		for (size_t i = 0; i < v->nnodes; i++) {
			pins[v->nodes[i]].w = at[v->nodes[i]].w;
			pins[v->nodes[i]].h = at[v->nodes[i]].h;
		}
		if (legend.set)
			lsize[0] = legend.w * 72, lsize[1] = legend.h * 72;
		rg_render_free_layout(r);
	}
	agclose(g);
	free(at);
	return st;
}

/* How the drawing is built: as the memory says, else as the fresh one
 * was (rounded as a memory keeps it); 1 when that is not the fresh one's
 * (its nodes' sizes differ). */
static int style_of(const rg_layout_opts *o, const rg_build_opts *fresh, rg_build_opts *style)
{
	*style = *fresh;
	style->text_scale = rg_memory_round_scale(fresh->text_scale);
	if (o->memory)
		rg_memory_style(o->memory, &style->narrow, &style->text_scale);
	return style->narrow != (fresh->narrow != 0) ||
	       style->text_scale != rg_memory_round_scale(fresh->text_scale);
}

Agraph_t *rg_layout_remembered(rg_render *r, const rg_model *m, const rg_view *v,
			       const rg_build_opts *bo, const rg_layout_opts *asked,
			       rg_layout_info *info, rg_diags *d)
{
	rg_layout_opts mo = relevant(m, v, asked, d);
	const rg_layout_opts *o = &mo;
	rg_layout_opts fo = *o;
	fo.memory = NULL;
	fo.remember = NULL;
	rg_fit_note note = {o->memory ? rg_memory_fit(o->memory) : NULL, NULL};
	Agraph_t *g = rg_layout_fresh(r, m, v, bo, &fo, &note, info, d);
	if (o->remember && g)
		rg_memory_set_fit(o->remember, note.chosen);
	free(note.chosen);
	if (!g || o->no_layout)
		return g;
	if (!rg_render_laid_out(r, g) && rg_render_layout(r, g, info->render, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	size_t nent = rg_model_nentities(m);
	rg_pin *pins = rg_xcalloc(nent ? nent : 1, sizeof *pins), table;
	rg_layout_pins(g, m, v, pins, &table);
	double lx, ly, lbox[4];
	int has_legend = fresh_legend(g, &lx, &ly, lbox);
	/* the nodes keep the sizes of the remembered drawing */
	rg_build_opts style;
	int restyled = style_of(o, &info->bo, &style);
	if (o->remember)
		rg_memory_set_style(o->remember, style.narrow, style.text_scale);
	double lsize[2];
	if (restyled && measure(r, m, v, &style, pins, lsize, d) != RG_OK) {
		rg_render_free_layout(r);
		agclose(g);
		free(pins);
		return NULL;
	}
	if (!places(m, v, o->memory, pins) && !restyled) {
		/* the fresh drawing is the remembered one */
		if (o->remember) {
			double box[4] = {GD_bb(g).LL.x, GD_bb(g).LL.y, GD_bb(g).UR.x,
					 GD_bb(g).UR.y};
			round_out(box);
			rg_memory_set_canvas(o->remember, box);
			if (has_legend)
				rg_memory_set_legend(o->remember, lx, ly);
			remember_nodes(m, v, pins, o->remember);
		}
		free(pins);
		return g;
	}
	rg_render_free_layout(r);
	agclose(g);
	if (o->remember)
		remember_nodes(m, v, pins, o->remember);
	info->bo.narrow = style.narrow;
	info->bo.text_scale = style.text_scale;
	/* edge labels as the fresh layout's text fitting left them: the
	 * labels it found no room for would cross the remembered drawing's
	 * edges too (the placed ones are still checked below) */
	/* the legend as the drawing will have it: its size measured */
	if (has_legend) {
		if (measure(r, m, v, &info->bo, pins, lsize, d) != RG_OK) {
			free(pins);
			return NULL;
		}
		lbox[0] = lx - lsize[0] / 2, lbox[1] = ly - lsize[1] / 2;
		lbox[2] = lx + lsize[0] / 2, lbox[3] = ly + lsize[1] / 2;
	}
	g = draw_pinned(r, m, v, o, info, pins, has_legend, lbox, d);
	free(pins);
	return g;
}
