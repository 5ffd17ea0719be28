/* layout.c: layout policy (see layout.h). */
#include "relgraph/layout.h"

#include <graphviz/gvc.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_memory.h"
#include "relgraph/memory.h"
#include "placement.h"
#include "sides.h"
#include "util.h"

/* The size of each entity's connected component in v, capped at 3 (all
 * that matters here: alone, a pair, or more), entity-indexed and sized by
 * the largest entity index in v; *partner gets each pair member's other
 * end.  Union-find over the edges. */
static unsigned char *component_sizes(const rg_view *v, size_t *size, uint32_t **partner)
{
	size_t n = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		if (v->nodes[i] + 1 > n)
			n = v->nodes[i] + 1;
	for (size_t i = 0; i < v->nedges; i++) {
		if (v->edges[i].a + 1 > n)
			n = v->edges[i].a + 1;
		if (v->edges[i].b + 1 > n)
			n = v->edges[i].b + 1;
	}
	uint32_t *up = rg_xmalloc((n ? n : 1) * sizeof *up);
	for (size_t i = 0; i < n; i++)
		up[i] = (uint32_t)i;
	for (size_t i = 0; i < v->nedges; i++) {
		uint32_t a = v->edges[i].a, b = v->edges[i].b;
		while (up[a] != a)
			a = up[a] = up[up[a]];
		while (up[b] != b)
			b = up[b] = up[up[b]];
		if (a != b)
			up[a < b ? b : a] = a < b ? a : b;
	}
	unsigned char *count = rg_xcalloc(n ? n : 1, 1), *sz = rg_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t r = v->nodes[i];
		while (up[r] != r)
			r = up[r];
		up[v->nodes[i]] = r;
		if (count[r] < 3)
			count[r]++;
	}
	*partner = rg_xmalloc((n ? n : 1) * sizeof **partner);
	for (size_t i = 0; i < n; i++)
		(*partner)[i] = RG_NONE;
	for (size_t i = 0; i < v->nnodes; i++)
		sz[v->nodes[i]] = count[up[v->nodes[i]]];
	for (size_t i = 0; i < v->nedges; i++) {
		uint32_t a = v->edges[i].a, b = v->edges[i].b;
		if (sz[a] == 2 && a != b) {
			(*partner)[a] = b;
			(*partner)[b] = a;
		}
	}
	free(count);
	free(up);
	*size = n;
	return sz;
}

rg_auto rg_auto_choose(const rg_view *v)
{
	rg_auto c = {"dot", 0, 0};
	size_t n;
	uint32_t *partner;
	unsigned char *sz = component_sizes(v, &n, &partner);
	size_t alone = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		alone += sz[v->nodes[i]] <= 2;
	free(sz);
	free(partner);
	if (v->nnodes + v->nedges <= RG_AUTO_DOT_MAX)
		return c;
	/* the rest without the nodes set apart decides the engine */
	if (alone >= RG_AUTO_APART_MIN)
		c.apart = alone;
	if (v->nnodes - c.apart + v->nedges > RG_AUTO_DOT_MAX) {
		c.engine = "sfdp";
		c.large = 1;
	}
	return c;
}

/* A node's size before any layout, from its label: relgraph wraps labels
 * at RG_LABEL_WRAP characters (label.c) and draws them in 11-point Helvetica, whose
 * characters are 0.6 em wide on average and capitals wider; a guess on
 * the large side only leaves a little more room between nodes. */
static void guess_size(const rg_model *m, uint32_t ent, double *w, double *h)
{
	const rg_entity *e = rg_model_entity(m, ent);
	const char *s = rg_model_str(m, e->label ? e->label : e->id);
	size_t chars = 0;
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	size_t line = chars < RG_LABEL_WRAP ? chars : RG_LABEL_WRAP;
	size_t lines = (chars + RG_LABEL_WRAP - 1) / RG_LABEL_WRAP + 1;
	*w = fmax(54, line * 7.5 + 24);
	*h = fmax(36, lines * 13.5 + 12);
}

/* Sets the nodes apart in rows under the box bb (points), left to right,
 * rows as wide as the box or as a square of them would be; a pair
 * (pair[i]: ents[i] and ents[i + 1] are joined) stays together on a row,
 * further apart so that its edge shows. */
static void set_out(const rg_model *m, const uint32_t *ents, const unsigned char *pair, size_t n,
		    boxf bb, rg_pin *pins)
{
	const double gap = 18, joined = 48;
	double area = 0, *w = rg_xmalloc((n ? n : 1) * sizeof *w),
	       *h = rg_xmalloc((n ? n : 1) * sizeof *h);
	for (size_t i = 0; i < n; i++) {
		guess_size(m, ents[i], &w[i], &h[i]);
		area += (w[i] + (pair[i] ? joined : gap)) * (h[i] + gap);
	}
	double row = fmax(bb.UR.x - bb.LL.x, sqrt(area) * 1.6);
	double x = bb.LL.x, y = bb.LL.y - 3 * gap, tallest = 0;
	for (size_t i = 0; i < n; i++) {
		/* the width of what must go on one row: a node, or a pair */
		double unit = pair[i] && i + 1 < n ? w[i] + joined + w[i + 1] : w[i];
		if (x > bb.LL.x && x + unit > bb.LL.x + row && (i == 0 || !pair[i - 1])) {
			x = bb.LL.x;
			y -= tallest + gap;
			tallest = 0;
		}
		/* w = 0: placed, sized by Graphviz from its label */
		pins[ents[i]] = (rg_pin){x + w[i] / 2, y - h[i] / 2, 0, 0, 1};
		x += w[i] + (pair[i] ? joined : gap);
		tallest = fmax(tallest, h[i]);
	}
	free(w);
	free(h);
}

Agraph_t *rg_auto_layout(rg_render *r, const rg_model *m, const rg_view *v, rg_auto choice,
			 const rg_build_opts *bo, rg_diags *d)
{
	size_t n;
	uint32_t *partner;
	unsigned char *sz = component_sizes(v, &n, &partner);
	uint32_t *core = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *core);
	uint32_t *alone = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *alone);
	unsigned char *pair = rg_xcalloc(v->nnodes ? v->nnodes : 1, 1);
	unsigned char *placed = rg_xcalloc(n ? n : 1, 1);
	size_t ncore = 0, nalone = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t e = v->nodes[i];
		if (sz[e] >= 3) {
			core[ncore++] = e;
		} else if (!placed[e]) {
			/* alone, or a pair: both ends one after the other */
			placed[e] = 1;
			alone[nalone++] = e;
			if (partner[e] != RG_NONE && !placed[partner[e]]) {
				pair[nalone - 1] = 1;
				placed[partner[e]] = 1;
				alone[nalone++] = partner[e];
			}
		}
	}
	rg_pin *pins = rg_xcalloc(n ? n : 1, sizeof *pins);
	Agraph_t *g = NULL;

	/* 1. the connected part (its nodes and the edges among them), with
	 * the legend as a table node */
	rg_view cv = *v;
	cv.nodes = core;
	cv.nnodes = ncore;
	cv.edges = rg_xmalloc((v->nedges ? v->nedges : 1) * sizeof *cv.edges);
	cv.nedges = 0;
	for (size_t i = 0; i < v->nedges; i++)
		if (sz[v->edges[i].a] >= 3)
			cv.edges[cv.nedges++] = v->edges[i];
	rg_build_opts cb = *bo;
	cb.engine = choice.engine;
	cb.large = choice.large;
	cb.legend_table = 1;
	rg_placement cp = {.kinds_from = v};
	cb.title = NULL;
	Agraph_t *cg = rg_build_placed(m, &cv, &cb, &cp);
	if (rg_render_layout(r, cg, choice.engine, d) != RG_OK) {
		agclose(cg);
		goto out;
	}
	rg_pin legend;
	rg_layout_pins(cg, m, &cv, pins, &legend);
	boxf bb = ncore ? GD_bb(cg) : (boxf){{0, 0}, {0, 0}};
	rg_render_free_layout(r);
	agclose(cg);

	/* 2. the others in rows under it; 3. the whole from those places */
	set_out(m, alone, pair, nalone, bb, pins);
	rg_build_opts fb = *bo;
	fb.engine = "nop1";
	fb.large = 1;
	fb.legend_table = 1;
	rg_placement fp = {.pins = pins, .legend_pin = legend};
	/* the places are final: no overlap removal again (the user's -G
	 * settings, after this one, still win) */
	rg_setting *gs = rg_xmalloc((bo->ngset + 1) * sizeof *gs);
	gs[0] = (rg_setting){"overlap", "true"};
	if (bo->ngset)
		memcpy(gs + 1, bo->gset, bo->ngset * sizeof *gs);
	fb.gset = gs;
	fb.ngset = bo->ngset + 1;
	g = rg_build_placed(m, v, &fb, &fp);
	free(gs);
	if (rg_render_layout(r, g, "nop1", d) != RG_OK) {
		agclose(g);
		g = NULL;
	}
out:
	free(cv.edges);
	free(pins);
	free(core);
	free(alone);
	free(pair);
	free(placed);
	free(sz);
	free(partner);
	return g;
}

void rg_layout_pins(Agraph_t *g, const rg_model *m, const rg_view *v, rg_pin *pins, rg_pin *legend)
{
	for (size_t i = 0; i < v->nnodes; i++) {
		const char *id = rg_model_str(m, rg_model_entity(m, v->nodes[i])->id);
		Agnode_t *n = agnode(g, (char *)id, 0);
		if (n)
			pins[v->nodes[i]] = (rg_pin){ND_coord(n).x, ND_coord(n).y, ND_width(n),
						     ND_height(n), 1};
	}
	*legend = (rg_pin){0, 0, 0, 0, 0};
	Agnode_t *ln = agnode(g, (char *)RG_LEGEND_TABLE, 0);
	if (ln)
		*legend = (rg_pin){ND_coord(ln).x, ND_coord(ln).y, ND_width(ln), ND_height(ln), 1};
}

double rg_layout_misfit(double a)
{
	if (a >= RG_FIT_ASPECT_MIN && a <= RG_FIT_ASPECT_MAX)
		return 0;
	double d = fabs(log(a / 1.5)), e = fabs(log(a / 0.67));
	return d < e ? d : e;
}

/* Engines that draw cluster subgraphs as boxes. */
static int draws_clusters(const char *engine)
{
	static const char *const yes[] = {"dot", "fdp", "osage", "patchwork"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcmp(engine, yes[i]) == 0)
			return 1;
	return 0;
}

rg_auto rg_layout_choose(const rg_view *v, const char *asked, const char *cluster_by, rg_diags *d)
{
	if (strcmp(asked, "auto") != 0) {
		if (cluster_by && !draws_clusters(asked))
			rg_warn(d, NULL, 0, 0,
				"--cluster-by: %s draws no boxes; -K dot, fdp or osage does "
				"(or leave -K out)",
				asked);
		return (rg_auto){asked, 0, 0};
	}
	rg_auto choice = rg_auto_choose(v);
	if (cluster_by && !draws_clusters(choice.engine)) {
		/* fdp is a force layout too, that keeps each box together; the
		 * rows of nodes set apart would be outside every box */
		choice.engine = RG_CLUSTER_ENGINE;
		choice.apart = 0;
	}
	return choice;
}

/* Lays g out, then, if it is far from a page's shape, tries it left to
 * right and (with -K auto) by sfdp, keeping the best: *g and info->bo,
 * ->engine follow the one kept, which is laid out in r. */
static rg_status fit_page(rg_render *r, const rg_model *m, const rg_view *v, int try_force,
			  Agraph_t **g, rg_layout_info *info, rg_diags *d)
{
	rg_status st = rg_render_layout(r, *g, info->engine, d);
	if (st != RG_OK)
		return st;
	double a = rg_layout_misfit(rg_render_aspect(*g));
	if (a == 0)
		return RG_OK;
	rg_build_opts turned_bo = info->bo;
	turned_bo.rankdir = "LR";
	Agraph_t *turned = rg_build(m, v, &turned_bo);
	if ((st = rg_render_layout(r, turned, info->engine, d)) != RG_OK) {
		agclose(turned);
		return st;
	}
	double b = rg_layout_misfit(rg_render_aspect(turned));
	if (b < a) {
		agclose(*g);
		*g = turned;
		info->bo = turned_bo;
		a = b;
	} else {
		rg_render_free_layout(r);
		agclose(turned);
		/* the first layout is gone with the second: lay it out again
		 * when it is rendered */
	}
	if (!try_force || a <= 1)
		return RG_OK;
	/* boxes need an engine that draws them */
	const char *force_engine = info->bo.cluster_by ? RG_CLUSTER_ENGINE : "sfdp";
	rg_build_opts fo = info->bo;
	fo.engine = force_engine;
	fo.large = 1;
	fo.rankdir = NULL;
	Agraph_t *force = rg_build(m, v, &fo);
	if ((st = rg_render_layout(r, force, force_engine, d)) != RG_OK) {
		agclose(force);
		return st;
	}
	if (rg_layout_misfit(rg_render_aspect(force)) < a) {
		agclose(*g);
		*g = force;
		info->bo = fo;
		info->engine = info->render = force_engine;
		return RG_OK;
	}
	rg_render_free_layout(r);
	agclose(force);
	return RG_OK;
}

/* The widest an emphasised drawing's legend is taken to be, in ems of
 * its text. */
#define LEGEND_EMS 24

/* The legend's and caption's height under an emphasised drawing, at the
 * text size a page scale gives it: a table row is its text and padding.
 * On the page it is the same whatever the scale. */
static double below_height(const rg_emphasis *em, size_t rows, double scale)
{
	double pt = RG_MIN_TEXT_PT * 1.08 / scale;
	return rows * pt * 1.5 + 4 * pt + (em->caption ? 2 * pt : 0);
}

/* The legend's rows: its title, the colour groups or node kinds, and the
 * key (an emphasised legend leaves the faint edges' kinds to the
 * tooltips). */
static size_t legend_rows(const rg_emphasis *em, const rg_model *m, const rg_view *v)
{
	size_t kinds;
	if (em->group) {
		kinds = em->ngroups > RG_GROUP_COLORS ? RG_GROUP_COLORS + 1 : em->ngroups;
	} else {
		rg_kinds *k = rg_view_kinds(m, v);
		kinds = k->nnodes;
		rg_kinds_free(k);
	}
	return 1 + kinds;
}

/* --- straight edges bent round the nodes they would pass under */

typedef struct {
	double x, y;
} xy;

/* The nodes as discs on a grid of cells, to find those near a point. */
typedef struct {
	double x0, y0, cell;
	double step; /* along a curve, less than the smallest node's radius */
	size_t nx, ny;
	uint32_t *start, *items; /* entities in each cell, a compressed list */
	const rg_pin *pins;
} disc_grid;

static double radius(const rg_pin *p)
{
	return fmax(p->w, p->h) * 72 / 2;
}

static void grid_build(disc_grid *gr, const rg_view *v, const rg_pin *pins)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, big = 1,
	       small = INFINITY;
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		x0 = fmin(x0, p->x), y0 = fmin(y0, p->y), x1 = fmax(x1, p->x), y1 = fmax(y1, p->y);
		big = fmax(big, radius(p));
		small = fmin(small, radius(p));
	}
	gr->step = fmax(1, small);
	gr->pins = pins;
	gr->cell = 2 * big + 4;
	gr->x0 = x0 - gr->cell;
	gr->y0 = y0 - gr->cell;
	gr->nx = (size_t)((x1 - gr->x0) / gr->cell) + 2;
	gr->ny = (size_t)((y1 - gr->y0) / gr->cell) + 2;
	gr->start = rg_xcalloc(gr->nx * gr->ny + 1, sizeof *gr->start);
	gr->items = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *gr->items);
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		gr->start[(size_t)((p->y - gr->y0) / gr->cell) * gr->nx +
			  (size_t)((p->x - gr->x0) / gr->cell) + 1]++;
	}
	for (size_t c = 0; c < gr->nx * gr->ny; c++)
		gr->start[c + 1] += gr->start[c];
	uint32_t *fill = rg_xcalloc(gr->nx * gr->ny, sizeof *fill);
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &pins[v->nodes[i]];
		size_t c = (size_t)((p->y - gr->y0) / gr->cell) * gr->nx +
			   (size_t)((p->x - gr->x0) / gr->cell);
		gr->items[gr->start[c] + fill[c]++] = v->nodes[i];
	}
	free(fill);
}

/* The node (entity) whose disc, a point's margin wider, holds q, other
 * than a and b; RG_NONE for none. */
static uint32_t grid_hit(const disc_grid *gr, xy q, uint32_t a, uint32_t b, double margin)
{
	if (q.x < gr->x0 || q.y < gr->y0)
		return RG_NONE;
	size_t cx = (size_t)((q.x - gr->x0) / gr->cell), cy = (size_t)((q.y - gr->y0) / gr->cell);
	for (size_t y = cy ? cy - 1 : 0; y <= cy + 1 && y < gr->ny; y++)
		for (size_t x = cx ? cx - 1 : 0; x <= cx + 1 && x < gr->nx; x++)
			for (uint32_t k = gr->start[y * gr->nx + x];
			     k < gr->start[y * gr->nx + x + 1]; k++) {
				uint32_t e = gr->items[k];
				const rg_pin *p = &gr->pins[e];
				double r = radius(p) + margin;
				if (e != a && e != b &&
				    (q.x - p->x) * (q.x - p->x) + (q.y - p->y) * (q.y - p->y) <
					    r * r)
					return e;
			}
	return RG_NONE;
}

static xy bezier_at(xy p0, xy c1, xy c2, xy p3, double t)
{
	double u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
	return (xy){a * p0.x + b * c1.x + c * c2.x + d * p3.x,
		    a * p0.y + b * c1.y + c * c2.y + d * p3.y};
}

/* The first node (entity) a curve passes under, between its ends; with
 * *t the curve's parameter there. */
static uint32_t curve_hit(const disc_grid *gr, xy p0, xy c1, xy c2, xy p3, uint32_t a, uint32_t b,
			  double *t)
{
	/* the control polygon bounds the curve's length */
	double len = hypot(c1.x - p0.x, c1.y - p0.y) + hypot(c2.x - c1.x, c2.y - c1.y) +
		     hypot(p3.x - c2.x, p3.y - c2.y);
	int steps = 8 + (int)(len / gr->step);
	for (int i = 1; i < steps; i++) {
		double s = (double)i / steps;
		uint32_t e = grid_hit(gr, bezier_at(p0, c1, c2, p3, s), a, b, 1);
		if (e != RG_NONE) {
			*t = s;
			return e;
		}
	}
	return RG_NONE;
}

/* Bends one straight edge, drawn as pos ("[e,x,y ][s,x,y ]p0 p1 p2 p3"),
 * round the first node it passes under, to whichever side clears every
 * node with the smallest bend; returns the new pos, or NULL to keep it. */
static char *bend(const disc_grid *gr, const char *pos, uint32_t a, uint32_t b)
{
	char arrows[2][64] = {"", ""};
	xy q[8];
	int n = 0, na = 0;
	for (const char *s = pos; *s && n < 8;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		size_t len = strcspn(s, " ");
		if ((s[0] == 'e' || s[0] == 's') && s[1] == ',') {
			if (na < 2 && len < sizeof arrows[0])
				snprintf(arrows[na++], sizeof arrows[0], "%.*s ", (int)len, s);
		} else if (sscanf(s, "%lf,%lf", &q[n].x, &q[n].y) == 2) {
			n++;
		}
		s += len;
	}
	if (n != 4)
		return NULL; /* curved already, or more than one piece */
	double t;
	uint32_t hit = curve_hit(gr, q[0], q[1], q[2], q[3], a, b, &t);
	if (hit == RG_NONE)
		return NULL;
	const rg_pin *c = &gr->pins[hit];
	double dx = q[3].x - q[0].x, dy = q[3].y - q[0].y, len = hypot(dx, dy);
	if (len <= 0)
		return NULL;
	xy nrm = {-dy / len, dx / len};
	/* where the node lies along the edge, kept off its ends */
	double at = ((c->x - q[0].x) * dx + (c->y - q[0].y) * dy) / (len * len);
	double side0 = (c->x - q[0].x) * nrm.x + (c->y - q[0].y) * nrm.y;
	/* bends by the node's width, then wider; the apex beside the node,
	 * then a little before or after it */
	static const double shift[] = {0, -0.15, 0.15, -0.3, 0.3};
	for (int k = 1; k <= 6; k++)
		for (int j = 0; j < 5; j++) {
			double along = fmin(0.8, fmax(0.2, at + shift[j]));
			for (int sgn = 0; sgn < 2; sgn++) {
				/* first away from the node's side of the line */
				double side = (sgn == 0) == (side0 > 0) ? -1 : 1;
				double d = k * (radius(c) + 3);
				xy apex = {c->x + side * nrm.x * d, c->y + side * nrm.y * d};
				double u = 1 - along, w = 3 * along * u;
				xy ctl = {(apex.x - u * u * u * q[0].x -
					   along * along * along * q[3].x) /
						  w,
					  (apex.y - u * u * u * q[0].y -
					   along * along * along * q[3].y) /
						  w};
				double tt;
				if (curve_hit(gr, q[0], ctl, ctl, q[3], a, b, &tt) != RG_NONE)
					continue;
				return rg_asprintf("%s%s%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f",
						   arrows[0], arrows[1], q[0].x, q[0].y, ctl.x,
						   ctl.y, ctl.x, ctl.y, q[3].x, q[3].y);
			}
		}
	/* an S: each half bent its own way, past nodes on both sides */
	double unit = radius(c) + 3;
	static const double off[] = {1, -1, 2, -2, 3, -3};
	for (int i = 0; i < 6; i++)
		for (int k = 0; k < 6; k++) {
			xy c1 = {q[0].x + dx / 3 + nrm.x * off[i] * unit * 1.5,
				 q[0].y + dy / 3 + nrm.y * off[i] * unit * 1.5};
			xy c2 = {q[0].x + 2 * dx / 3 + nrm.x * off[k] * unit * 1.5,
				 q[0].y + 2 * dy / 3 + nrm.y * off[k] * unit * 1.5};
			double tt;
			if (curve_hit(gr, q[0], c1, c2, q[3], a, b, &tt) != RG_NONE)
				continue;
			return rg_asprintf("%s%s%.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f", arrows[0],
					   arrows[1], q[0].x, q[0].y, c1.x, c1.y, c2.x, c2.y,
					   q[3].x, q[3].y);
		}
	return NULL;
}

/* Bends the recorded straight edges that pass under a node not their own
 * round it, where a small bend clears every node: the drawing then shows
 * which nodes an edge joins.  Force engines draw straight edges past a
 * few hundred, where Graphviz's own routing round nodes takes minutes. */
static void bend_edges(const rg_model *m, const rg_view *v, const rg_pin *pins,
		       rg_drawn_edge *edges, size_t nedges)
{
	if (!v->nnodes)
		return;
	disc_grid gr;
	grid_build(&gr, v, pins);
	for (size_t i = 0; i < nedges; i++) {
		const char *k = edges[i].key;
		size_t la = strcspn(k, "\x01");
		char *ta = rg_xstrndup(k, la);
		const char *hb = k + la + (k[la] != 0);
		char *tb = rg_xstrndup(hb, strcspn(hb, "\x01"));
		uint32_t a = rg_model_find(m, ta), b = rg_model_find(m, tb);
		free(ta);
		free(tb);
		char *bent = a == RG_NONE || b == RG_NONE ? NULL : bend(&gr, edges[i].pos, a, b);
		if (bent) {
			free(edges[i].pos);
			edges[i].pos = bent;
		}
	}
	free(gr.start);
	free(gr.items);
}

/* Step 4 of force_layout: the drawing on the places of pins, with the
 * labels chosen, the legend under it; laid out by nop2, which routes the
 * edges. */
static Agraph_t *place_again(rg_render *r, const rg_model *m, const rg_view *v,
			     const rg_build_opts *bo, const rg_layout_opts *o, rg_layout_info *info,
			     rg_pin *pins, const rg_drawn_edge *edges, size_t nedges, boxf bb,
			     size_t rows, double scale, rg_diags *d)
{
	rg_emphasis *em = o->emphasis;
	/* the legend's top left under the drawing's bottom left; the canvas
	 * takes it in */
	rg_placement pl = {.pins = pins};
	double lh = bo->legend ? below_height(em, rows, scale) : 0;
	if (bo->legend) {
		double pt = em->text_pt, lw = LEGEND_EMS * pt;
		pl.legend_pin =
			(rg_pin){bb.LL.x + lw / 2, bb.LL.y - 2 * pt - (lh - 3 * pt) / 2, 0, 0, 1};
	}
	pl.canvas[0] = bb.LL.x;
	pl.canvas[1] = bb.LL.y - lh;
	pl.canvas[2] = bo->legend ? fmax(bb.UR.x, bb.LL.x + LEGEND_EMS * em->text_pt) : bb.UR.x;
	pl.canvas[3] = bb.UR.y;
	rg_build_opts b2 = info->bo;
	b2.legend_table = 1;
	Agraph_t *g = rg_build_placed(m, v, &b2, &pl);
	rg_layout_place_edges(g, edges, nedges);
	info->render = "nop2";
	if (!o->no_layout && rg_render_layout(r, g, "nop2", d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	return g;
}

/* --- choices kept in the layout memory's fit line (layout_memory.h):
 * a key of what they were made from, hashed */

/* The note's version: a note of another one is not recalled.  Bump it
 * when fit_page or fit_text choose differently. */
#define FIT_NOTE_VERSION 1

/* FNV-1a, 64 bits. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	if (!h)
		h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/* h and a string, its end included (so that "a" "bc" is not "ab" "c"). */
static uint64_t fnv_str(uint64_t h, const char *s)
{
	return fnv(h, s ? s : "", strlen(s ? s : "") + 1);
}

/* obj's values of root's attributes of kind, each with its name. */
static uint64_t hash_attrs(uint64_t h, Agraph_t *root, void *obj, int kind)
{
	for (Agsym_t *s = agnxtattr(root, kind, NULL); s; s = agnxtattr(root, kind, s))
		h = fnv_str(fnv_str(h, s->name), agxget(obj, s));
	return h;
}

/* g and its subgraphs: names, attributes, members; the nodes' and
 * edges' attributes once, with the root's. */
static uint64_t hash_subgraph(uint64_t h, Agraph_t *g, Agraph_t *root)
{
	h = hash_attrs(fnv_str(h, agnameof(g)), root, g, AGRAPH);
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		h = fnv_str(h, agnameof(n));
		if (g == root)
			h = hash_attrs(h, root, n, AGNODE);
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			h = fnv_str(h, agnameof(aghead(e)));
			if (g == root)
				h = hash_attrs(h, root, e, AGEDGE);
		}
	}
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg))
		h = fnv_str(hash_subgraph(h, sg, root), "}");
	return h;
}

/* A hash of g as built, not yet laid out (a layout adds attributes):
 * every object's name and attribute values, the subgraphs' members.
 * Never 0. */
static uint64_t graph_hash(Agraph_t *g, uint64_t h)
{
	h = hash_subgraph(h ? h : fnv(0, "", 0), g, g);
	return h ? h : 1;
}

/* An emphasised drawing's nodes and edges, placed (force_layout's steps
 * 1 and 2), which label_rounds draws with labels. */
typedef struct {
	rg_pin *pins;
	const rg_drawn_edge *edges;
	size_t nedges;
	const double *x, *y; /* the pins' places, entity-indexed */
	double box[4];	     /* the drawing's frame */
	size_t rows;	     /* the legend's */
} labelled;

/* A key of everything label_rounds draws from: the nodes as built
 * (graph, force_layout's hash of them), their places and sizes, the
 * frame, the legend, title and caption, the page. */
static uint64_t scale_key(rg_render *r, uint64_t graph, const rg_view *v, const rg_build_opts *bo,
			  const rg_layout_opts *o, const labelled *lb)
{
	const rg_emphasis *em = o->emphasis;
	char *salt = rg_asprintf("relgraph scale %d|%s|%.17g|%.17g|%d|%zu|%.17g|%s|%s|",
				 FIT_NOTE_VERSION, rg_render_version(r), o->page->width,
				 o->page->height, bo->legend, lb->rows, em->text_pt,
				 bo->title ? bo->title : "", em->caption ? em->caption : "");
	uint64_t h = fnv(graph, salt, strlen(salt));
	free(salt);
	/* rounded as the memory keeps places: neato's differ from run to run
	 * in their last digits */
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_pin *p = &lb->pins[v->nodes[i]];
		double at[4] = {rg_memory_round(p->x), rg_memory_round(p->y), rg_memory_round(p->w),
				rg_memory_round(p->h)};
		h = fnv(h, (const char *)at, sizeof at);
	}
	for (int k = 0; k < 4; k++) {
		double b = rg_memory_round(lb->box[k]);
		h = fnv(h, (const char *)&b, sizeof b);
	}
	return h ? h : 1;
}

/* The scale the rounds ended with last time, when note was made for
 * key and they ended there (the drawing fitted); else scale. */
static double recall_scale(const char *note, uint64_t key, double scale)
{
	int version, used = 0;
	uint64_t k;
	double s;
	if (note && sscanf(note, "%d %" SCNx64 " scale %lf%n", &version, &k, &s, &used) == 3 &&
	    !note[used] && version == FIT_NOTE_VERSION && k == key && s > 0 && s <= 1)
		return s;
	return scale;
}

/* Steps 3 and 4 of force_layout: labels chosen for the scale, the
 * drawing placed again with them; again while the whole drawing (legend,
 * caption) comes out smaller on the page than the scale the labels were
 * chosen for.  Each round's labels are drawn at new font sizes, which
 * Pango looks up again (lesmis: half a run's work), so a drawing of the
 * same places as the last one (key, 0 for none) starts at the scale the
 * last one ended with, and is drawn once; the memory gets that scale. */
static Agraph_t *label_rounds(rg_render *r, const rg_model *m, const rg_view *v,
			      const rg_build_opts *bo, const rg_layout_opts *o,
			      rg_layout_info *info, const labelled *lb, double scale,
			      uint64_t graph, rg_diags *d)
{
	rg_emphasis *em = o->emphasis;
	uint64_t key = graph ? scale_key(r, graph, v, bo, o, lb) : 0;
	if (key && o->memory)
		scale = recall_scale(rg_memory_fit(o->memory), key, scale);
	Agraph_t *g = NULL;
	int fitted = 0;
	for (int round = 0; round < 4; round++) {
		double lbox[4] = {lb->box[0], lb->box[1], lb->box[2], lb->box[3]};
		info->labels = rg_emphasis_labels(em, m, v, lb->x, lb->y, lbox, scale);
		boxf drawn = {{lbox[0], lbox[1]}, {lbox[2], lbox[3]}};
		info->scale = scale;
		if (g) {
			rg_render_free_layout(r);
			agclose(g);
		}
		g = place_again(r, m, v, bo, o, info, lb->pins, lb->edges, lb->nedges, drawn,
				lb->rows, scale, d);
		if (!g || o->no_layout)
			break;
		boxf fb = GD_bb(g);
		double fw = fb.UR.x - fb.LL.x, fh = fb.UR.y - fb.LL.y;
		double real = o->page->width > 0
				      ? fmin(1, fmin(o->page->width / fw, o->page->height / fh))
				      : 1;
		if ((fitted = real >= scale * 0.995))
			break;
		scale = real * 0.99;
	}
	if (key && o->remember && g) {
		char *note = fitted ? rg_asprintf("%d %016" PRIx64 " scale %.17g", FIT_NOTE_VERSION,
						  key, scale)
				    : NULL;
		rg_memory_set_fit(o->remember, note);
		free(note);
	}
	return g;
}

/* The emphasised drawing: 1. the nodes alone, sized, laid out by a force
 * engine; 2. the page's scale, from that drawing and the legend under it;
 * 3. the labels that scale lets be read; 4. the whole drawn again on the
 * same places (nop2 routes the edges), the legend pinned under it. */
static Agraph_t *force_layout(rg_render *r, const rg_model *m, const rg_view *v,
			      const rg_build_opts *bo, const rg_layout_opts *o,
			      rg_layout_info *info, rg_diags *d)
{
	rg_emphasis *em = o->emphasis;
	size_t nent = rg_model_nentities(m);
	free(em->font);
	em->font = rg_xcalloc(nent ? nent : 1, sizeof *em->font); /* no labels yet */
	/* round circo's circles, the chords between near neighbours pass
	 * close by the nodes between them: smaller nodes leave them room */
	if (strcmp(info->engine, "circo") == 0)
		for (size_t i = 0; i < v->nnodes; i++)
			em->size[v->nodes[i]] *= 0.6;
	rg_build_opts b1 = info->bo;
	b1.legend = 0;
	b1.title = NULL;
	char *caption = em->caption;
	em->caption = NULL;
	Agraph_t *g = rg_build(m, v, &b1);
	em->caption = caption;
	if (o->on_built)
		o->on_built(o->ctx, g);
	/* the drawing as built, for the scale kept in the layout memory */
	uint64_t key = o->memory || o->remember ? graph_hash(g, 0) : 0;
	if (rg_render_layout(r, g, info->engine, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	rg_pin *pins = rg_xcalloc(nent ? nent : 1, sizeof *pins);
	rg_pin legend;
	rg_layout_pins(g, m, v, pins, &legend);
	boxf bb = GD_bb(g);
	if (o->memory || o->remember) {
		/* started from the last drawing's places (layout_memory.c) */
		double frame[4];
		if (!(g = rg_layout_remembered_force(r, m, v, &b1, o, g, pins, frame, d))) {
			free(pins);
			return NULL;
		}
		bb = (boxf){{frame[0], frame[1]}, {frame[2], frame[3]}};
	}
	/* the edges as routed round the nodes, with no labels in the way */
	size_t nedges = 0;
	rg_drawn_edge *edges = NULL;
	if (rg_render_positions(r, g, d) == RG_OK) {
		edges = rg_layout_record_edges(g, &nedges);
		bend_edges(m, v, pins, edges, nedges);
	}
	rg_render_free_layout(r);
	agclose(g);

	/* 2. the scale: the page shrinks the drawing and the legend under it
	 * to fit, never enlarges it; the legend's text grows as it shrinks */
	size_t rows = legend_rows(em, m, v);
	double w = bb.UR.x - bb.LL.x, h = bb.UR.y - bb.LL.y;
	double below = bo->legend ? below_height(em, rows, 1) : 0;
	double scale = 1;
	if (o->page->width > 0) {
		scale = fmin(1, fmin(o->page->width / w, (o->page->height - below) / h));
		if (!(scale > 0))
			scale = fmin(1, o->page->width / w);
	}
	double box[4] = {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y};
	double *x = rg_xcalloc(nent ? nent : 1, sizeof *x),
	       *y = rg_xcalloc(nent ? nent : 1, sizeof *y);
	for (size_t i = 0; i < v->nnodes; i++) {
		x[v->nodes[i]] = pins[v->nodes[i]].x;
		y[v->nodes[i]] = pins[v->nodes[i]].y;
	}
	/* 3 and 4, again while the whole drawing (legend, caption) comes out
	 * smaller on the page than the scale the labels were chosen for */
	labelled lb = {pins, edges, nedges, x, y, {box[0], box[1], box[2], box[3]}, rows};
	g = label_rounds(r, m, v, bo, o, info, &lb, scale, key, d);
	free(x);
	free(y);
	free(pins);
	rg_layout_edges_free(edges, nedges);
	return g;
}

/* --- text that reads on the page, for dot's drawings */

/* A laid-out dot drawing as fit_text measures it: its text scale, its
 * size with its margins (points), its smallest text before the page
 * shrinks it (points). */
typedef struct {
	double scale, w, h, least;
} fit_round;

/* The smallest text of laid-out g as the page shows it, in points;
 * *round gets its measures (its scale left as it was). */
static double text_on_page(Agraph_t *g, const rg_page *page, double *aspect, fit_round *round)
{
	boxf bb = GD_bb(g);
	double pad = 2 * 0.2 * 72, w = bb.UR.x - bb.LL.x + pad, h = bb.UR.y - bb.LL.y + pad;
	*aspect = h > 0 ? w / h : 1;
	round->w = w;
	round->h = h;
	double s = fmin(1, fmin(page->width / w, page->height / h));
	double least = INFINITY;
	Agsym_t *ns = agattr(g, AGNODE, (char *)"fontsize", NULL);
	Agsym_t *es = agattr(g, AGEDGE, (char *)"fontsize", NULL);
	Agsym_t *nl = agattr(g, AGNODE, (char *)"label", NULL);
	Agsym_t *el = agattr(g, AGEDGE, (char *)"label", NULL);
	Agsym_t *st = agattr(g, AGNODE, (char *)"style", NULL);
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		const char *label = nl ? agxget(n, nl) : "";
		if (ns && *label && !(st && strstr(agxget(n, st), "invis")))
			least = fmin(least, atof(agxget(n, ns)));
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
			if (es && el && *agxget(e, el))
				least = fmin(least, atof(agxget(e, es)));
	}
	round->least = least;
	return isfinite(least) ? least * s : INFINITY;
}

/* The smallest text fit_text wants on the page (points), a little over
 * the least that reads, and the shapes (width / height) it keeps. */
#define FIT_NEED (RG_MIN_TEXT_PT * 1.05)
#define FIT_ASPECT_MIN 0.5
#define FIT_ASPECT_MAX 2.2

/* Whether laid-out g reads on page as fit_text wants it to. */
static int reads_on_page(Agraph_t *g, const rg_page *page)
{
	double a;
	fit_round round;
	return text_on_page(g, page, &a, &round) >= FIT_NEED && a >= FIT_ASPECT_MIN &&
	       a <= FIT_ASPECT_MAX;
}

/* How much of the text the page must show for fit_text to give up a
 * pass's last round: when by the pass's first two rounds no text scale
 * could bring the smallest text above this share of what it needs. */
#define FIT_HOPELESS 0.9

/* Whether a larger text scale could make the drawing read on page, as
 * far as two rounds of one pass (a, then b at a larger scale) tell: its
 * width and height taken as growing in a straight line with the scale,
 * its text in proportion.  The page shows the text at least * page /
 * size, which tends to (text at scale 1) * page / slope as the scale
 * grows, and falls from b on when the size grows faster than the scale.
 * 0 only when, across or down, even that stays under FIT_HOPELESS of
 * need. */
static int may_read(const fit_round *a, const fit_round *b, const rg_page *page, double need)
{
	double dt = b->scale - a->scale;
	if (!(dt > 0) || !(b->least > 0) || !isfinite(b->least))
		return 1;
	double per = b->least / b->scale;
	double lim[2] = {page->width, page->height}, from[2] = {a->w, a->h}, to[2] = {b->w, b->h};
	for (int k = 0; k < 2; k++) {
		double slope = (to[k] - from[k]) / dt;
		if (!(slope > 0))
			continue;
		double most = fmax(per * lim[k] / slope, b->least * lim[k] / to[k]);
		if (most < need * FIT_HOPELESS)
			return 0;
	}
	return 1;
}

/* Lays a dot drawing out again until its smallest text reads on the
 * page: narrower (labels wrapped closer, the legend under it), its text
 * larger by as much as the page shrinks it, across or down, and at last
 * without edge labels (their counts and dates stay in the tooltips).
 * Keeps the first that reads, else the one that reads best; *g and info
 * follow it, laid out in r.
 *
 * What it costs: one gvLayout a try, up to 4 passes of 3 rounds.  A try
 * at a new text scale costs 4-5 times one at a scale already seen
 * (xi-putin: 5-6 ms against 1.3 ms), since Pango looks every font up
 * again at its new sizes.  So the kept drawing stays laid out (no layout
 * again at the end), a pass's last round is given up when its first two
 * show that no scale would read (may_read), and the second pass is
 * skipped when the user chose the direction.  graphs/xi-putin, which
 * reads only with merged edge labels (the third pass), took 9 gvLayout
 * calls with fit_page's first; now 7 (cold-war: 3, now 2).  And a
 * drawing made with a layout memory takes the choice its fit line noted
 * for the same graph and page (rg_layout_fresh): 1 gvLayout for both. */
static rg_status fit_text(rg_render *r, const rg_model *m, const rg_view *v, int keep_rankdir,
			  const rg_page *page, Agraph_t **g, rg_layout_info *info, rg_diags *d)
{
	const double need = FIT_NEED;
	fit_round last = {0}, now = {0};
	double aspect, best = text_on_page(*g, page, &aspect, &now);
	if (best >= need)
		return RG_OK;
	rg_build_opts start = info->bo, kept = info->bo;
	const char *dirs[2] = {start.rankdir, start.rankdir ? NULL : "LR"};
	for (int pass = 0; pass < 4 && best < need; pass++) {
		/* the direction the user chose: the second pass is the first */
		if (pass == 1 && keep_rankdir)
			continue;
		rg_build_opts b = start;
		b.narrow = 1;
		b.rankdir = dirs[pass == 1];
		if (pass >= 2) {
			/* the labels of single relations first, then all */
			if (start.edge_labels != RG_LABELS_AUTO)
				break;
			b.rankdir = kept.rankdir;
			b.edge_labels = pass == 2 ? RG_LABELS_MERGED : RG_LABELS_NONE;
		}
		b.text_scale = 1;
		for (int round = 0; round < 3; round++) {
			Agraph_t *t = rg_build(m, v, &b);
			if (rg_render_layout(r, t, info->render, d) != RG_OK) {
				agclose(t);
				return RG_ESYS;
			}
			double a, pt = text_on_page(t, page, &a, &now);
			now.scale = b.text_scale;
			int fits = a >= FIT_ASPECT_MIN && a <= FIT_ASPECT_MAX;
			if (pt > best && (fits || pt < need)) {
				/* t stays laid out: *g's layout went when t's
				 * began */
				agclose(*g);
				*g = t;
				best = pt;
				kept = b;
			} else {
				rg_render_free_layout(r);
				agclose(t);
			}
			if (pt >= need || (round == 1 && !may_read(&last, &now, page, need)))
				break;
			last = now;
			/* text grows faster than the drawing it sits in */
			b.text_scale *= fmin(3, need / pt * 1.02);
		}
	}
	info->bo = kept;
	return RG_OK;
}

rg_status rg_layout_fit_text(rg_render *r, const rg_model *m, const rg_view *v, const rg_page *page,
			     int keep_rankdir, const char *engine, Agraph_t **g, rg_build_opts *bo,
			     rg_diags *d)
{
	if (strcmp(engine, "dot") != 0 || !page || page->width <= 0 ||
	    v->nnodes + v->nedges > RG_FIT_TEXT_MAX)
		return RG_OK;
	rg_layout_info info = {.engine = engine, .render = engine, .bo = *bo, .scale = 1};
	rg_status st = fit_text(r, m, v, keep_rankdir, page, g, &info, d);
	*bo = info.bo;
	if (st == RG_OK && !rg_render_laid_out(r, *g))
		st = rg_render_layout(r, *g, engine, d);
	return st;
}

/* What fit_page and fit_text decide from: the graph g as first built,
 * the page, the direction's owner, the engine's choice and Graphviz. */
static uint64_t fit_key(rg_render *r, Agraph_t *g, const rg_layout_opts *o, int is_auto)
{
	char *salt = rg_asprintf("relgraph fit %d|%s|%.17g|%.17g|%d|%d|", FIT_NOTE_VERSION,
				 rg_render_version(r), o->page ? o->page->width : 0,
				 o->page ? o->page->height : 0, o->keep_rankdir, is_auto);
	uint64_t h = graph_hash(g, fnv(0, salt, strlen(salt)));
	free(salt);
	return h;
}

/* The note of a fitting: the key it was made for, the chosen drawing's
 * hash, how that was built (direction, narrow, edge labels, text scale)
 * and whether it read on the page (reads).  A new string, NULL when the
 * drawing cannot be written. */
static char *note_fit(const rg_model *m, const rg_view *v, uint64_t key, const rg_build_opts *bo,
		      int reads)
{
	Agraph_t *t = rg_build(m, v, bo);
	uint64_t h = graph_hash(t, 0);
	agclose(t);
	if (!h)
		return NULL;
	return rg_asprintf("%d %016" PRIx64 " %016" PRIx64 " %s %d %d %.17g %d", FIT_NOTE_VERSION,
			   key, h, bo->rankdir ? bo->rankdir : "-", bo->narrow != 0,
			   (int)bo->edge_labels, bo->text_scale, reads != 0);
}

/* When note->recall was made for key: *g becomes the drawing it chose,
 * laid out in r, info->bo what it was built with, and note->chosen the
 * same note; 1.  0 (nothing changed) otherwise, also when the drawing
 * read then and does not now (the fonts changed, say); -1 when the
 * layout fails (the reason in d). */
static int recall_fit(rg_render *r, const rg_model *m, const rg_view *v, const rg_page *page,
		      rg_fit_note *note, uint64_t key, Agraph_t **g, rg_layout_info *info,
		      rg_diags *d)
{
	int version, narrow, labels, reads, used = 0;
	uint64_t k, h;
	char dir[16];
	double scale;
	if (sscanf(note->recall, "%d %" SCNx64 " %" SCNx64 " %15s %d %d %lf %d%n", &version, &k, &h,
		   dir, &narrow, &labels, &scale, &reads, &used) != 8 ||
	    note->recall[used] || version != FIT_NOTE_VERSION || k != key ||
	    (narrow != 0 && narrow != 1) || labels < RG_LABELS_AUTO || labels > RG_LABELS_MERGED ||
	    !(scale >= 0 && scale < 100) || (reads != 0 && reads != 1))
		return 0;
	rg_build_opts b = info->bo;
	/* the directions fit_page and fit_text choose among */
	if (strcmp(dir, "-") == 0)
		b.rankdir = NULL;
	else if (strcmp(dir, "LR") == 0)
		b.rankdir = "LR";
	else if (!b.rankdir || strcmp(dir, b.rankdir) != 0)
		return 0;
	b.narrow = narrow;
	b.edge_labels = (rg_label_mode)labels;
	b.text_scale = scale;
	Agraph_t *t = rg_build(m, v, &b);
	if (graph_hash(t, 0) != h) {
		agclose(t);
		return 0;
	}
	if (rg_render_layout(r, t, info->render, d) != RG_OK) {
		agclose(t);
		return -1;
	}
	if (reads && !(page && page->width > 0 && reads_on_page(t, page))) {
		rg_render_free_layout(r);
		agclose(t);
		return 0;
	}
	agclose(*g);
	*g = t;
	info->bo = b;
	note->chosen = rg_xstrdup(note->recall);
	return 1;
}

/* People and events (sides.h) on two sides of a column of events: dot's,
 * without boxes, unless the user chose the direction. */
static int two_sided(const rg_model *m, const rg_view *v, const rg_build_opts *bo)
{
	if (strcmp(bo->engine, "dot") != 0 || bo->cluster_by || bo->rankdir)
		return 0;
	for (size_t i = 0; i < bo->ngset; i++)
		if (strcmp(bo->gset[i].name, "rankdir") == 0)
			return 0;
	return rg_sides_fit(m, v);
}

Agraph_t *rg_layout(rg_render *r, const rg_model *m, const rg_view *v, const rg_build_opts *bo,
		    const rg_layout_opts *o, rg_layout_info *info, rg_diags *d)
{
	if (o->emphasis && o->page) {
		/* a dense graph (cliques) reads best round circles: circo */
		double pairs = v->nnodes * (v->nnodes - 1.0) / 2;
		const char *engine = v->nnodes >= 8 && v->nedges > RG_DENSE * pairs ? "circo"
				     : v->nnodes + v->nedges <= RG_FORCE_NEATO_MAX  ? "neato"
										    : "sfdp";
		*info = (rg_layout_info){.engine = engine, .render = engine, .bo = *bo, .scale = 1};
		info->bo.engine = engine;
		info->bo.large = strcmp(engine, "sfdp") == 0;
		info->bo.emphasis = o->emphasis;
		if (o->on_start)
			o->on_start(o->ctx, engine);
		return force_layout(r, m, v, bo, o, info, d);
	}
	if ((o->memory || o->remember) && !o->no_layout)
		return rg_layout_remembered(r, m, v, bo, o, info, d);
	return rg_layout_fresh(r, m, v, bo, o, NULL, info, d);
}

Agraph_t *rg_layout_fresh(rg_render *r, const rg_model *m, const rg_view *v,
			  const rg_build_opts *bo, const rg_layout_opts *o, rg_fit_note *note,
			  rg_layout_info *info, rg_diags *d)
{
	int is_auto = strcmp(o->engine, "auto") == 0;
	rg_auto choice = rg_layout_choose(v, o->engine, bo->cluster_by, d);
	*info = (rg_layout_info){.engine = choice.engine, .render = choice.engine, .bo = *bo};
	info->bo.engine = choice.engine;
	info->bo.large = choice.large;
	info->bo.two_sided = two_sided(m, v, &info->bo);
	if (o->on_start)
		o->on_start(o->ctx, choice.engine);
	if (choice.apart && !o->no_layout) {
		Agraph_t *g = rg_auto_layout(r, m, v, choice, &info->bo, d);
		info->apart = choice.apart;
		info->render = "nop1";
		return g;
	}
	Agraph_t *g = rg_build(m, v, &info->bo);
	if (o->on_built)
		o->on_built(o->ctx, g);
	int is_dot = strcmp(info->engine, "dot") == 0;
	/* a strip or a tower is turned around: dot's only, and not when
	 * the user chose the direction; big graphs go as they come */
	int turn = is_dot && v->nnodes + v->nedges <= RG_FIT_MAX && !o->keep_rankdir;
	int dot_text_fit = is_dot && v->nnodes + v->nedges <= RG_FIT_TEXT_MAX;
	int text = dot_text_fit && o->page && o->page->width > 0;
	/* both searches made by the last drawing of this graph: its choice */
	uint64_t key = 0;
	if (note && (turn || text)) {
		key = fit_key(r, g, o, is_auto);
		int recalled =
			note->recall ? recall_fit(r, m, v, o->page, note, key, &g, info, d) : 0;
		if (recalled < 0) {
			agclose(g);
			return NULL;
		}
		if (recalled)
			turn = text = 0;
	}
	if (turn && fit_page(r, m, v, is_auto, &g, info, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	if (!rg_render_laid_out(r, g) &&
	    (!o->no_layout || (dot_text_fit && o->page && o->page->width > 0)) &&
	    rg_render_layout(r, g, info->render, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	/* the text as the page will show it: dot's drawings, small enough
	 * to lay out a few times */
	if (text && fit_text(r, m, v, o->keep_rankdir, o->page, &g, info, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	if (key && !note->chosen && strcmp(info->engine, "dot") == 0)
		note->chosen =
			note_fit(m, v, key, &info->bo,
				 text && rg_render_laid_out(r, g) && reads_on_page(g, o->page));
	if (!o->no_layout && !rg_render_laid_out(r, g) &&
	    rg_render_layout(r, g, info->render, d) != RG_OK) {
		agclose(g);
		return NULL;
	}
	return g;
}

/* --- edges drawn by one layout, put back on a graph of the same places */

static char *edge_key(Agedge_t *e)
{
	const char *cls = agget(e, (char *)"class");
	return rg_asprintf("%s\x01%s\x01%s", agnameof(agtail(e)), agnameof(aghead(e)),
			   cls ? cls : "");
}

static int by_key(const void *x, const void *y)
{
	const rg_drawn_edge *p = x, *q = y;
	int c = strcmp(p->key, q->key);
	return c ? c : (p->nth > q->nth) - (p->nth < q->nth);
}

/* Records every edge of the laid-out union g; returns a sorted array. */
rg_drawn_edge *rg_layout_record_edges(Agraph_t *g, size_t *n)
{
	rg_drawn_edge *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (Agnode_t *a = agfstnode(g); a; a = agnxtnode(g, a))
		for (Agedge_t *e = agfstout(g, a); e; e = agnxtout(g, e)) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 64;
				v = rg_xrealloc(v, cap * sizeof *v);
			}
			const char *pos = agget(e, (char *)"pos"), *lp = agget(e, (char *)"lp");
			rg_drawn_edge *x = &v[(*n)++];
			x->key = edge_key(e);
			x->nth = *n; /* creation order breaks ties */
			x->pos = rg_xstrdup(pos ? pos : "");
			x->lp = rg_xstrdup(lp ? lp : "");
		}
	if (*n)
		qsort(v, *n, sizeof *v, by_key);
	/* number the repeats of a key 0, 1, ... */
	for (size_t i = 0; i < *n; i++)
		v[i].nth = i && strcmp(v[i].key, v[i - 1].key) == 0 ? v[i - 1].nth + 1 : 0;
	return v;
}

/* Gives each edge of a frame the route and label place of its twin in
 * the union; its label becomes an ordinary one at that place. */
void rg_layout_place_edges(Agraph_t *fg, const rg_drawn_edge *u, size_t nu)
{
	size_t nkeys = 0, capkeys = 0;
	struct {
		char *key;
		size_t seen;
	} *seen = NULL;
	for (Agnode_t *a = agfstnode(fg); a; a = agnxtnode(fg, a))
		for (Agedge_t *e = agfstout(fg, a); e; e = agnxtout(fg, e)) {
			char *key = edge_key(e);
			size_t nth = 0, k;
			for (k = 0; k < nkeys && strcmp(seen[k].key, key) != 0; k++)
				;
			if (k < nkeys) {
				nth = ++seen[k].seen;
				free(key);
			} else {
				if (nkeys == capkeys) {
					capkeys = capkeys ? 2 * capkeys : 16;
					seen = rg_xrealloc(seen, capkeys * sizeof *seen);
				}
				seen[nkeys].key = key;
				seen[nkeys++].seen = 0;
			}
			rg_drawn_edge want = {seen[k].key, nth, NULL, NULL};
			const rg_drawn_edge *t = bsearch(&want, u, nu, sizeof *u, by_key);
			if (!t || !*t->pos)
				continue;
			agsafeset(e, (char *)"pos", t->pos, (char *)"");
			const char *xl = agget(e, (char *)"xlabel");
			if (xl && *xl && *t->lp) {
				char *text = agstrdup(fg, (char *)xl);
				agsafeset(e, (char *)"label", text, (char *)"");
				agsafeset(e, (char *)"lp", t->lp, (char *)"");
				agsafeset(e, (char *)"xlabel", (char *)"", (char *)"");
				agstrfree(fg, text);
			}
		}
	for (size_t k = 0; k < nkeys; k++)
		free(seen[k].key);
	free(seen);
}

void rg_layout_edges_free(rg_drawn_edge *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].pos);
		free(v[i].lp);
	}
	free(v);
}
