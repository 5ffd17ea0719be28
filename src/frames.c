/* frames.c: a series of images over time with nodes held still (see
 * frames.h). */
#include "relgraph/frames.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"
#include "relgraph/layout.h"
#include "util.h"

static void add_slice(rg_slice **v, size_t *n, rg_date from, rg_date to)
{
	*v = rg_xrealloc(*v, (*n + 1) * sizeof **v);
	rg_slice *s = &(*v)[(*n)++];
	s->from = from;
	s->to = to;
	rg_date_format(from, s->label);
}

rg_slice *rg_frames_slices(const rg_view *v, rg_frames_by by, const rg_date *list, size_t nlist,
			   size_t *n)
{
	rg_slice *out = NULL;
	*n = 0;
	if (by == RG_FRAMES_LIST) {
		for (size_t i = 0; i < nlist; i++)
			add_slice(&out, n, list[i], list[i]);
		return out;
	}
	rg_date lo = {0, 0, 0}, hi = {0, 0, 0};
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *e = &v->edges[i];
		if (e->first.year && (!lo.year || rg_date_cmp_lo(e->first, lo) < 0))
			lo = e->first;
		if (e->last.year && (!hi.year || rg_date_cmp_hi(e->last, hi) > 0))
			hi = e->last;
	}
	if (!lo.year)
		return NULL;
	int y = lo.year, mo = by == RG_FRAMES_MONTH ? (lo.month ? lo.month : 1) : 0;
	int ylast = hi.year, molast = by == RG_FRAMES_MONTH ? (hi.month ? hi.month : 12) : 0;
	/* count first: a span of centuries in months is not built to be refused */
	long total = by == RG_FRAMES_YEAR ? ylast - y + 1 : (ylast - y) * 12L + molast - mo + 1;
	if (total > RG_MAX_FRAMES) {
		*n = (size_t)total;
		return NULL;
	}
	while (y < ylast || (y == ylast && mo <= molast)) {
		rg_date d = {(int16_t)y, (uint8_t)mo, 0};
		add_slice(&out, n, d, d);
		if (by == RG_FRAMES_YEAR) {
			y++;
		} else if (++mo > 12) {
			mo = 1;
			y++;
		}
	}
	return out;
}

/* When each entity first appears: its own start, or its earliest dated
 * relation in the union; 0 when it has no date at all. */
static long *first_seen(const rg_model *m, const rg_view *u)
{
	size_t nent = rg_model_nentities(m);
	long *first = rg_xcalloc(nent ? nent : 1, sizeof *first);
	for (size_t i = 0; i < u->nnodes; i++) {
		const rg_entity *e = rg_model_entity(m, u->nodes[i]);
		if (e->when.start.year)
			first[u->nodes[i]] = rg_date_first_day(e->when.start);
	}
	for (size_t i = 0; i < u->nedges; i++) {
		const rg_edge *e = &u->edges[i];
		if (!e->first.year)
			continue;
		long d = rg_date_first_day(e->first);
		if (!first[e->a] || d < first[e->a])
			first[e->a] = d;
		if (!first[e->b] || d < first[e->b])
			first[e->b] = d;
	}
	return first;
}

/* Widens bb to the points of the union's edges: a spline's control points
 * may lie outside the box the layout gives, and a frame drawing that edge
 * would otherwise be wider than one without it. */
static void widen_by_edges(boxf *bb, const rg_drawn_edge *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = e[i].pos;
		while (p && *p) {
			if ((p[0] == 'e' || p[0] == 's') && p[1] == ',')
				p += 2;
			double x, y;
			int used = 0;
			if (sscanf(p, "%lf,%lf%n", &x, &y, &used) == 2) {
				bb->LL.x = fmin(bb->LL.x, x);
				bb->LL.y = fmin(bb->LL.y, y);
				bb->UR.x = fmax(bb->UR.x, x);
				bb->UR.y = fmax(bb->UR.y, y);
			}
			p += used ? used : 1;
			while (*p == ' ' || *p == ';')
				p++;
		}
	}
}

rg_status rg_frames_render(rg_render *r, const rg_model *m, const rg_transform_opts *base,
			   const rg_build_opts *bo, const char *engine, const rg_page *page,
			   int keep_rankdir, const rg_slice *slices, size_t nslices,
			   const char *const *formats, size_t nformats, rg_frame_path path,
			   void *ctx, rg_diags *d)
{
	size_t nent = rg_model_nentities(m);
	rg_status st = RG_OK;
	rg_view *u = rg_transform(m, base);
	rg_pin *pins = rg_xcalloc(nent ? nent : 1, sizeof *pins);
	unsigned char *state = rg_xcalloc(nent ? nent : 1, 1);
	long *first = first_seen(m, u);
	rg_output *outs = rg_xcalloc(nformats ? nformats : 1, sizeof *outs);

	/* 1. The union, laid out once; the legend is a table node whose place
	 * the layout chooses too. */
	rg_build_opts ub = *bo;
	ub.legend_table = 1;
	rg_placement up = {.kinds_from = u};
	ub.title = NULL;
	Agraph_t *g = rg_build_placed(m, u, &ub, &up);
	if ((st = rg_render_layout(r, g, engine, d)) != RG_OK ||
	    (st = rg_layout_fit_text(r, m, u, page, keep_rankdir, engine, &g, &ub, d)) != RG_OK) {
		rg_render_free_layout(r);
		agclose(g);
		goto out;
	}
	rg_pin legend_pin;
	rg_layout_pins(g, m, u, pins, &legend_pin);
	boxf bb = GD_bb(g);
	size_t nu = 0;
	rg_drawn_edge *ue = NULL;
	if ((st = rg_render_positions(r, g, d)) == RG_OK)
		ue = rg_layout_record_edges(g, &nu);
	widen_by_edges(&bb, ue, nu);
	rg_render_free_layout(r);
	agclose(g);

	/* 2. Each slice: the union's nodes where the union put them, this
	 * slice's edges routed between them. */
	for (size_t k = 0; k < nslices && st == RG_OK; k++) {
		rg_transform_opts so = *base;
		so.from = slices[k].from;
		so.to = slices[k].to;
		rg_view *sv = rg_transform(m, &so);
		unsigned char *in_slice = rg_xcalloc(nent ? nent : 1, 1);
		for (size_t i = 0; i < sv->nnodes; i++)
			in_slice[sv->nodes[i]] = 1;
		long end = rg_date_last_day(slices[k].to);
		for (size_t i = 0; i < u->nnodes; i++) {
			uint32_t e = u->nodes[i];
			state[e] = in_slice[e]			? RG_SHOW
				   : first[e] && first[e] > end ? RG_HIDE
								: RG_FADE;
		}
		rg_view frame = *sv;
		frame.nodes = u->nodes;
		frame.nnodes = u->nnodes;
		/* drawn as the union was (fitted to read on the page), its
		 * title its own */
		rg_build_opts fb = ub;
		fb.engine = "nop2";
		rg_placement fp = {.kinds_from = u,
				   .pins = pins,
				   .state = state,
				   .legend_pin = legend_pin,
				   .canvas = {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y}};
		char *title =
			bo->title ? rg_asprintf("%s \xE2\x80\x94 %s", bo->title, slices[k].label)
				  : rg_xstrdup(slices[k].label);
		fb.title = title;
		Agraph_t *fg = rg_build_placed(m, &frame, &fb, &fp);
		rg_layout_place_edges(fg, ue, nu);
		for (size_t f = 0; f < nformats; f++) {
			outs[f].format = formats[f];
			outs[f].path = path(ctx, slices[k].label, formats[f]);
		}
		/* each frame's own title and description for its document */
		rg_doc doc = rg_render_doc(r), fdoc = doc;
		char *doc_title = rg_asprintf("%s \xE2\x80\x94 %s",
					      bo->title ? bo->title : bo->name, slices[k].label);
		char *desc = rg_build_describe(m, sv);
		fdoc.title = doc_title;
		fdoc.desc = desc;
		rg_render_set_doc(r, &fdoc);
		st = rg_render_stage(r, fg, "nop2", outs, nformats, d);
		rg_render_set_doc(r, &doc);
		free(doc_title);
		free(desc);
		for (size_t f = 0; f < nformats; f++)
			free((char *)outs[f].path);
		agclose(fg);
		free(title);
		free(in_slice);
		rg_view_free(sv);
	}
	if (st == RG_OK)
		st = rg_render_commit(r, d);
	else
		rg_render_abort(r);
	rg_layout_edges_free(ue, nu);
out:
	free(outs);
	free(first);
	free(state);
	free(pins);
	rg_view_free(u);
	return st;
}
