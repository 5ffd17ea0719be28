/* autolayout.c: -K auto (see autolayout.h). */
#include "relgraph/autolayout.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* 1 for each entity of v that is an end of some edge of v; entity-indexed,
 * sized by the largest entity index in v. */
static unsigned char *linked(const rg_view *v, size_t *size)
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
	unsigned char *l = rg_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < v->nedges; i++)
		l[v->edges[i].a] = l[v->edges[i].b] = 1;
	*size = n;
	return l;
}

rg_auto rg_auto_choose(const rg_view *v)
{
	rg_auto c = {"dot", 0, 0};
	size_t n;
	unsigned char *l = linked(v, &n);
	size_t alone = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		alone += !l[v->nodes[i]];
	free(l);
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
 * at 22 characters (build.c) and draws them in 11-point Helvetica, whose
 * characters are 0.6 em wide on average and capitals wider; a guess on
 * the large side only leaves a little more room between nodes. */
static void guess_size(const rg_model *m, uint32_t ent, double *w, double *h)
{
	const rg_entity *e = rg_model_entity(m, ent);
	const char *s = rg_model_str(m, e->label ? e->label : e->id);
	size_t chars = 0;
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	size_t line = chars < 22 ? chars : 22, lines = (chars + 21) / 22 + 1;
	*w = fmax(54, line * 7.5 + 24);
	*h = fmax(36, lines * 13.5 + 12);
}

/* Sets the nodes apart in rows under the box bb (points), left to right,
 * rows as wide as the box or as a square of them would be. */
static void set_out(const rg_model *m, const uint32_t *ents, size_t n, boxf bb, rg_pin *pins)
{
	const double gap = 18;
	double area = 0, *w = rg_xmalloc((n ? n : 1) * sizeof *w), *h = rg_xmalloc((n ? n : 1) * sizeof *h);
	for (size_t i = 0; i < n; i++) {
		guess_size(m, ents[i], &w[i], &h[i]);
		area += (w[i] + gap) * (h[i] + gap);
	}
	double row = fmax(bb.UR.x - bb.LL.x, sqrt(area) * 1.6);
	double x = bb.LL.x, y = bb.LL.y - 3 * gap, tallest = 0;
	for (size_t i = 0; i < n; i++) {
		if (x > bb.LL.x && x + w[i] > bb.LL.x + row) {
			x = bb.LL.x;
			y -= tallest + gap;
			tallest = 0;
		}
		/* w = 0: placed, sized by Graphviz from its label */
		pins[ents[i]] = (rg_pin){x + w[i] / 2, y - h[i] / 2, 0, 0, 1};
		x += w[i] + gap;
		tallest = fmax(tallest, h[i]);
	}
	free(w);
	free(h);
}

Agraph_t *rg_auto_layout(rg_render *r, const rg_model *m, const rg_view *v, rg_auto choice,
			 const rg_build_opts *bo, rg_diags *d)
{
	size_t n;
	unsigned char *l = linked(v, &n);
	uint32_t *core = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *core);
	uint32_t *alone = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *alone);
	size_t ncore = 0, nalone = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		if (l[v->nodes[i]])
			core[ncore++] = v->nodes[i];
		else
			alone[nalone++] = v->nodes[i];
	}
	free(l);
	rg_pin *pins = rg_xcalloc(n ? n : 1, sizeof *pins);
	Agraph_t *g = NULL;

	/* 1. the connected part, with the legend as a table node */
	rg_view cv = *v;
	cv.nodes = core;
	cv.nnodes = ncore;
	rg_build_opts cb = *bo;
	cb.engine = choice.engine;
	cb.large = choice.large;
	cb.legend_table = 1;
	cb.kinds_from = v;
	cb.title = NULL;
	Agraph_t *cg = rg_build(m, &cv, &cb);
	if (rg_render_layout(r, cg, choice.engine, d) != RG_OK) {
		agclose(cg);
		goto out;
	}
	for (size_t i = 0; i < ncore; i++) {
		Agnode_t *nd = agnode(cg, (char *)rg_model_str(m, rg_model_entity(m, core[i])->id), 0);
		if (nd)
			pins[core[i]] = (rg_pin){ND_coord(nd).x, ND_coord(nd).y, ND_width(nd),
						 ND_height(nd), 1};
	}
	rg_pin legend = {0, 0, 0, 0, 0};
	Agnode_t *ln = agnode(cg, (char *)RG_LEGEND_TABLE, 0);
	if (ln)
		legend = (rg_pin){ND_coord(ln).x, ND_coord(ln).y, ND_width(ln), ND_height(ln), 1};
	boxf bb = ncore ? GD_bb(cg) : (boxf){{0, 0}, {0, 0}};
	rg_render_free_layout(r);
	agclose(cg);

	/* 2. the others in rows under it; 3. the whole from those places */
	set_out(m, alone, nalone, bb, pins);
	rg_build_opts fb = *bo;
	fb.engine = "nop1";
	fb.large = 1;
	fb.legend_table = 1;
	fb.pins = pins;
	fb.legend_pin = legend;
	/* the places are final: no overlap removal again (the user's -G
	 * settings, after this one, still win) */
	rg_setting *gs = rg_xmalloc((bo->ngset + 1) * sizeof *gs);
	gs[0] = (rg_setting){"overlap", "true"};
	if (bo->ngset)
		memcpy(gs + 1, bo->gset, bo->ngset * sizeof *gs);
	fb.gset = gs;
	fb.ngset = bo->ngset + 1;
	g = rg_build(m, v, &fb);
	free(gs);
	if (rg_render_layout(r, g, "nop1", d) != RG_OK) {
		agclose(g);
		g = NULL;
	}
out:
	free(pins);
	free(core);
	free(alone);
	return g;
}
