/* frames.c: a series of images over time with nodes held still (see
 * frames.h). */
#include "relgraph/frames.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gif.h"
#include "html.h"
#include "placement.h"
#include "relgraph/layout.h"
#include "util.h"

void rg_frames_caption(rg_date d, char out[32])
{
	static const char *const months[] = {"January",	  "February", "March",	  "April",
					     "May",	  "June",     "July",	  "August",
					     "September", "October",  "November", "December"};
	if (!d.year)
		out[0] = '\0';
	else if (!d.month || d.month > 12)
		snprintf(out, 32, "%d", d.year);
	else if (!d.day)
		snprintf(out, 32, "%s %d", months[d.month - 1], d.year);
	else
		snprintf(out, 32, "%d %s %d", d.day, months[d.month - 1], d.year);
}

/* A slice of the period d, cut to the window from..to. */
static void add_slice(rg_slice **v, size_t *n, rg_date d, rg_date from, rg_date to)
{
	*v = rg_xrealloc(*v, (*n + 1) * sizeof **v);
	rg_slice *s = &(*v)[(*n)++];
	s->from = from.year && rg_date_cmp_lo(from, d) > 0 ? from : d;
	s->to = to.year && rg_date_cmp_hi(to, d) < 0 ? to : d;
	rg_date_format(d, s->label);
	rg_frames_caption(d, s->caption);
}

/* 1 if the period d overlaps the window from..to (a zero year: open). */
static int in_window(rg_date d, rg_date from, rg_date to)
{
	return (!from.year || rg_date_last_day(d) >= rg_date_first_day(from)) &&
	       (!to.year || rg_date_first_day(d) <= rg_date_last_day(to));
}

rg_slice *rg_frames_slices(const rg_view *v, rg_frames_by by, const rg_date *list, size_t nlist,
			   rg_date from, rg_date to, size_t max, size_t *n)
{
	rg_slice *out = NULL;
	*n = 0;
	if (!max || max > RG_MAX_FRAMES)
		max = RG_MAX_FRAMES;
	if (by == RG_FRAMES_LIST) {
		size_t inside = 0;
		for (size_t i = 0; i < nlist; i++)
			inside += in_window(list[i], from, to);
		if (inside > max) {
			*n = inside;
			return NULL;
		}
		for (size_t i = 0; i < nlist; i++)
			if (in_window(list[i], from, to))
				add_slice(&out, n, list[i], from, to);
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
	/* a side of the window the user gave is where the series starts or
	 * ends (--from 2020: the frames begin in 2020, whenever the data
	 * does); an open side is where the data starts or ends */
	if (!lo.year)
		return NULL;
	if (from.year)
		lo = from;
	if (to.year)
		hi = to;
	if (rg_date_first_day(lo) > rg_date_last_day(hi))
		return NULL;
	int y = lo.year, mo = by == RG_FRAMES_MONTH ? (lo.month ? lo.month : 1) : 0;
	int ylast = hi.year, molast = by == RG_FRAMES_MONTH ? (hi.month ? hi.month : 12) : 0;
	/* count first: a span of centuries in months is not built to be refused */
	long total = by == RG_FRAMES_YEAR ? ylast - y + 1 : (ylast - y) * 12L + molast - mo + 1;
	if (total > (long)max) {
		*n = (size_t)total;
		return NULL;
	}
	while (y < ylast || (y == ylast && mo <= molast)) {
		rg_date d = {(int16_t)y, (uint8_t)mo, 0};
		add_slice(&out, n, d, from, to);
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
 * relation in the union; 0 when it has no date at all, or no start of its
 * own and an undated relation, which the frames may show in any period
 * (so it is faded, never hidden, where it has no part). */
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
	for (size_t i = 0; i < u->nedges; i++) {
		const rg_edge *e = &u->edges[i];
		if (e->first.year)
			continue;
		if (!rg_model_entity(m, e->a)->when.start.year)
			first[e->a] = 0;
		if (!rg_model_entity(m, e->b)->when.start.year)
			first[e->b] = 0;
	}
	return first;
}

int rg_frames_one_file(const char *format)
{
	return strcmp(format, "gif") == 0 || strcmp(format, "html") == 0;
}

/* What every frame of a series shares: the union's layout and what each
 * frame draws on it.  Owned by rg_frames_render. */
typedef struct {
	rg_render *r;
	const rg_model *m;
	const rg_transform_opts *base;
	const rg_build_opts *bo; /* the caller's */
	rg_build_opts ub;	 /* the union's, fitted to read on the page */
	rg_view *u;
	rg_pin *pins, legend_pin;
	unsigned char *state;
	long *first;
	boxf canvas; /* the union's bounding box */
	rg_drawn_edge *ue;
	size_t nu;
} series;

/* The corner the canvas pins (build.c's add_canvas) at canvas.LL. */
#define CORNER_NODE "legend: corner 1"

/* The graph of one slice: the union's nodes where the union put them,
 * this slice's edges routed between them, its caption as the title.
 * *sv gets the slice's view (the caller frees it). */
static Agraph_t *frame_graph(series *s, const rg_slice *sl, rg_view **sv)
{
	size_t nent = rg_model_nentities(s->m);
	rg_transform_opts so = *s->base;
	so.from = sl->from;
	so.to = sl->to;
	*sv = rg_transform(s->m, &so);
	unsigned char *in_slice = rg_xcalloc(nent ? nent : 1, 1);
	for (size_t i = 0; i < (*sv)->nnodes; i++)
		in_slice[(*sv)->nodes[i]] = 1;
	long end = rg_date_last_day(sl->to);
	for (size_t i = 0; i < s->u->nnodes; i++) {
		uint32_t e = s->u->nodes[i];
		s->state[e] = in_slice[e]			 ? RG_SHOW
			      : s->first[e] && s->first[e] > end ? RG_HIDE
								 : RG_FADE;
	}
	free(in_slice);
	rg_view frame = **sv;
	frame.nodes = s->u->nodes;
	frame.nnodes = s->u->nnodes;
	/* drawn as the union was (fitted to read on the page), its title
	 * the period it shows */
	rg_build_opts fb = s->ub;
	fb.engine = "nop2";
	rg_placement fp = {
		.kinds_from = s->u,
		.pins = s->pins,
		.state = s->state,
		.legend_pin = s->legend_pin,
		.canvas = {s->canvas.LL.x, s->canvas.LL.y, s->canvas.UR.x, s->canvas.UR.y}};
	char *title = s->bo->title ? rg_asprintf("%s \xE2\x80\x94 %s", s->bo->title, sl->caption)
				   : rg_xstrdup(sl->caption);
	fb.title = title;
	Agraph_t *fg = rg_build_placed(s->m, &frame, &fb, &fp);
	rg_layout_place_edges(fg, s->ue, s->nu);
	free(title);
	return fg;
}

/* Lays a frame out on the pinned places; *off gets how far Graphviz moved
 * the drawing (the canvas corner's pin minus where it ended up), so that
 * off + GD_bb is the frame's extent in the union's coordinates. */
static rg_status frame_layout(series *s, Agraph_t *fg, pointf *off, rg_diags *d)
{
	rg_status st = rg_render_layout(s->r, fg, "nop2", d);
	if (st != RG_OK)
		return st;
	Agnode_t *c = agnode(fg, (char *)CORNER_NODE, 0);
	*off = c ? (pointf){s->canvas.LL.x - ND_coord(c).x, s->canvas.LL.y - ND_coord(c).y}
		 : (pointf){0, 0};
	return RG_OK;
}

/* One size for every frame: the smallest box around every frame's
 * extent (what sticks out of the union's canvas differs from frame to
 * frame: an edge label's words, a title's).  Each frame is laid out
 * once to measure it. */
static rg_status frames_extent(series *s, const rg_slice *slices, size_t nslices, boxf *all,
			       rg_diags *d)
{
	*all = s->canvas;
	for (size_t k = 0; k < nslices; k++) {
		rg_view *sv;
		Agraph_t *fg = frame_graph(s, &slices[k], &sv);
		pointf off;
		rg_status st = frame_layout(s, fg, &off, d);
		if (st == RG_OK) {
			boxf bb = GD_bb(fg);
			all->LL.x = fmin(all->LL.x, bb.LL.x + off.x);
			all->LL.y = fmin(all->LL.y, bb.LL.y + off.y);
			all->UR.x = fmax(all->UR.x, bb.UR.x + off.x);
			all->UR.y = fmax(all->UR.y, bb.UR.y + off.y);
		}
		rg_render_free_layout(s->r);
		agclose(fg);
		rg_view_free(sv);
		if (st != RG_OK)
			return st;
	}
	return RG_OK;
}

/* Gives a laid-out frame the series' size: its bounding box becomes
 * all (in the frame's coordinates), its title moves to the top middle of
 * it, as far under the top as Graphviz put it under its own. */
static void frame_resize(Agraph_t *fg, boxf all, pointf off)
{
	boxf bb = GD_bb(fg);
	boxf nb = {{all.LL.x - off.x, all.LL.y - off.y}, {all.UR.x - off.x, all.UR.y - off.y}};
	textlabel_t *t = GD_label(fg);
	if (t) {
		double below_top = bb.UR.y - t->pos.y;
		t->pos.x = (nb.LL.x + nb.UR.x) / 2;
		t->pos.y = nb.UR.y - below_top;
	}
	GD_bb(fg) = nb;
}

/* The union, laid out once; the legend is a table node whose place the
 * layout chooses too.  Fills s's pins, canvas and edges. */
static rg_status union_layout(series *s, const char *engine, const rg_page *page, int keep_rankdir,
			      rg_diags *d)
{
	s->ub = *s->bo;
	s->ub.legend_table = 1;
	s->ub.title = NULL;
	rg_placement up = {.kinds_from = s->u};
	Agraph_t *g = rg_build_placed(s->m, s->u, &s->ub, &up);
	rg_status st;
	if ((st = rg_render_layout(s->r, g, engine, d)) != RG_OK ||
	    (st = rg_layout_fit_text(s->r, s->m, s->u, page, keep_rankdir, engine, &g, &s->ub,
				     d)) != RG_OK) {
		rg_render_free_layout(s->r);
		agclose(g);
		return st;
	}
	rg_layout_pins(g, s->m, s->u, s->pins, &s->legend_pin);
	s->canvas = GD_bb(g);
	if ((st = rg_render_positions(s->r, g, d)) == RG_OK)
		s->ue = rg_layout_record_edges(g, &s->nu);
	rg_render_free_layout(s->r);
	agclose(g);
	return st;
}

/* A format that holds the whole series, gathered frame by frame. */
typedef struct {
	const char *format; /* "gif" or "html" */
	char *path;
	rg_gif *gif;
	rg_buf svgs; /* html: the frames' SVGs */
} whole;

/* Renders one frame to every format: a file per slice for most, into
 * the series' gathering for the others. */
static rg_status frame_outputs(series *s, Agraph_t *fg, const rg_slice *sl, const rg_view *sv,
			       const char *const *formats, size_t nformats, whole *w,
			       rg_frame_path path, void *ctx, rg_diags *d)
{
	rg_output *outs = rg_xcalloc(nformats ? nformats : 1, sizeof *outs);
	char **data = rg_xcalloc(nformats ? nformats : 1, sizeof *data);
	size_t *len = rg_xcalloc(nformats ? nformats : 1, sizeof *len);
	for (size_t f = 0; f < nformats; f++) {
		if (w[f].format) {
			/* the animation's frames as bitmaps, the page's as SVG */
			outs[f].format = w[f].gif ? "png" : "svg";
			outs[f].data = &data[f];
			outs[f].len = &len[f];
		} else {
			outs[f].format = formats[f];
			outs[f].path = path(ctx, sl->label, formats[f]);
		}
	}
	/* each frame's own title and description for its document */
	rg_doc doc = rg_render_doc(s->r), fdoc = doc;
	char *doc_title = rg_asprintf("%s \xE2\x80\x94 %s",
				      s->bo->title ? s->bo->title : s->bo->name, sl->caption);
	char *desc = rg_build_describe(s->m, sv);
	fdoc.title = doc_title;
	fdoc.desc = desc;
	rg_render_set_doc(s->r, &fdoc);
	rg_status st = rg_render_stage(s->r, fg, "nop2", outs, nformats, d);
	rg_render_set_doc(s->r, &doc);
	for (size_t f = 0; f < nformats && st == RG_OK; f++) {
		if (w[f].gif && rg_gif_add_png(w[f].gif, data[f], len[f]) != 0) {
			rg_error(d, NULL, 0, 0, "%s: a frame could not be read back as a bitmap",
				 w[f].path);
			st = RG_ESYS;
		} else if (w[f].format && !w[f].gif) {
			rg_buf_add(&w[f].svgs, data[f], len[f]);
			rg_buf_putc(&w[f].svgs, '\0');
		}
	}
	for (size_t f = 0; f < nformats; f++) {
		free((char *)outs[f].path);
		free(data[f]);
	}
	free(doc_title);
	free(desc);
	free(len);
	free(data);
	free(outs);
	return st;
}

/* Writes the formats that hold the whole series (staged with the rest). */
static rg_status wholes_finish(series *s, whole *w, size_t nformats, const rg_slice *slices,
			       size_t nslices, double delay, rg_diags *d)
{
	rg_status st = RG_OK;
	for (size_t f = 0; f < nformats && st == RG_OK; f++) {
		if (!w[f].format)
			continue;
		char *bytes;
		size_t len;
		if (w[f].gif) {
			bytes = rg_gif_finish(w[f].gif, delay, &len);
		} else {
			const char **svgs = rg_xcalloc(nslices, sizeof *svgs);
			const char **caps = rg_xcalloc(nslices, sizeof *caps);
			const char *p = w[f].svgs.s;
			for (size_t k = 0; k < nslices; k++) {
				svgs[k] = p;
				p += strlen(p) + 1;
				caps[k] = slices[k].caption;
			}
			rg_doc doc = rg_render_doc(s->r);
			bytes = rg_html_frames_page(svgs, caps, nslices, doc.title, doc.desc, delay,
						    &len);
			free(svgs);
			free(caps);
		}
		if (!bytes) {
			rg_error(d, NULL, 0, 0, "%s: the animation could not be made", w[f].path);
			st = RG_ESYS;
		} else {
			st = rg_render_stage_bytes(s->r, w[f].path, bytes, len, d);
		}
		free(bytes);
	}
	return st;
}

rg_status rg_frames_render(rg_render *r, const rg_model *m, const rg_transform_opts *base,
			   const rg_build_opts *bo, const char *engine, const rg_page *page,
			   int keep_rankdir, const rg_slice *slices, size_t nslices,
			   const char *const *formats, size_t nformats, double delay,
			   rg_frame_path path, void *ctx, rg_diags *d)
{
	size_t nent = rg_model_nentities(m);
	series s = {.r = r, .m = m, .base = base, .bo = bo};
	s.u = rg_transform(m, base);
	s.pins = rg_xcalloc(nent ? nent : 1, sizeof *s.pins);
	s.state = rg_xcalloc(nent ? nent : 1, 1);
	s.first = first_seen(m, s.u);
	whole *w = rg_xcalloc(nformats ? nformats : 1, sizeof *w);
	for (size_t f = 0; f < nformats; f++)
		if (rg_frames_one_file(formats[f])) {
			w[f].format = formats[f];
			w[f].path = path(ctx, NULL, formats[f]);
			if (strcmp(formats[f], "gif") == 0)
				w[f].gif = rg_gif_new();
		}

	/* 1. The union, laid out once.  2. Every frame measured, for one
	 * size.  3. Each frame drawn at that size. */
	boxf all = {{0, 0}, {0, 0}};
	rg_status st = union_layout(&s, engine, page, keep_rankdir, d);
	if (st == RG_OK)
		st = frames_extent(&s, slices, nslices, &all, d);
	/* the corners at that size: nothing then sticks out of any frame, so
	 * Graphviz moves each by as much and every node keeps the very same
	 * coordinates (a frame without an edge that reaches past the union's
	 * box would otherwise be drawn moved by what it lacks) */
	s.canvas = all;
	for (size_t k = 0; k < nslices && st == RG_OK; k++) {
		rg_view *sv;
		Agraph_t *fg = frame_graph(&s, &slices[k], &sv);
		pointf off;
		if ((st = frame_layout(&s, fg, &off, d)) == RG_OK) {
			frame_resize(fg, all, off);
			st = frame_outputs(&s, fg, &slices[k], sv, formats, nformats, w, path, ctx,
					   d);
		}
		rg_render_free_layout(r);
		agclose(fg);
		rg_view_free(sv);
	}
	if (st == RG_OK)
		st = wholes_finish(&s, w, nformats, slices, nslices, delay, d);
	if (st == RG_OK)
		st = rg_render_commit(r, d);
	else
		rg_render_abort(r);
	for (size_t f = 0; f < nformats; f++) {
		free(w[f].path);
		rg_gif_free(w[f].gif);
		free(w[f].svgs.s);
	}
	free(w);
	rg_layout_edges_free(s.ue, s.nu);
	free(s.first);
	free(s.state);
	free(s.pins);
	rg_view_free(s.u);
	return st;
}
