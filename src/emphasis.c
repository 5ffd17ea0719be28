/* emphasis.c: what a drawing stresses (see emphasis.h). */
#include "relgraph/emphasis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A node's width in points, from the least to the most important: the
 * area grows with importance, so a hub twice as important looks it. */
#define NODE_MIN 6.0
#define NODE_MAX 42.0
/* Labels grow with importance up to this many times the smallest. */
#define LABEL_GROWTH 0.8
/* Margin on the smallest text: the text measures here are estimates. */
#define TEXT_MARGIN 1.08

static const rg_page pages[] = {
	{"column", 16 / 2.54 * 72, 22 / 2.54 * 72, 120},
	{"page", 18 / 2.54 * 72, 25 / 2.54 * 72, 180},
	{"slide", 25.4 / 2.54 * 72, 14.2875 / 2.54 * 72, 90},
	{"square", 16 / 2.54 * 72, 16 / 2.54 * 72, 100},
	{"none", 0, 0, (size_t)-1},
};

const rg_page *rg_page_named(const char *name)
{
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		if (rg_strieq(name, pages[i].name))
			return &pages[i];
	return NULL;
}

const char *rg_page_names(void)
{
	return "column, page, slide, square, none";
}

int rg_view_has_kinds(const rg_model *m, const rg_view *v)
{
	rg_str first = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		rg_str k = rg_model_entity(m, v->nodes[i])->kind;
		if (i == 0)
			first = k;
		else if (k != first)
			return 1;
	}
	return v->nnodes && strcmp(rg_model_str(m, first), "other") != 0;
}

/* The value of a field for an entity, "" for none. */
static const char *field_value(const rg_model *m, const rg_entity *e, const char *field)
{
	rg_str s = rg_model_field(m, e, field);
	return s ? rg_model_str(m, s) : "";
}

typedef struct {
	const char *value;
	size_t count, first;
} value_count;

static int by_count(const void *x, const void *y)
{
	const value_count *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

/* Groups by a column's values, the commonest first; entities without a
 * value share the last group. */
static void group_by_field(rg_emphasis *e, const rg_model *m, const rg_view *v, const char *field)
{
	value_count *vc = rg_xcalloc(v->nnodes + 1, sizeof *vc);
	size_t n = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		const char *val = field_value(m, rg_model_entity(m, v->nodes[i]), field);
		size_t k = 0;
		while (k < n && strcmp(vc[k].value, val) != 0)
			k++;
		if (k == n)
			vc[n++] = (value_count){val, 0, i};
		vc[k].count++;
	}
	qsort(vc, n, sizeof *vc, by_count);
	e->ngroups = n;
	e->group_names = rg_xcalloc(n + 1, sizeof *e->group_names);
	for (size_t k = 0; k < n; k++)
		e->group_names[k] = rg_xstrdup(*vc[k].value ? vc[k].value : "(none)");
	for (size_t i = 0; i < v->nnodes; i++) {
		const char *val = field_value(m, rg_model_entity(m, v->nodes[i]), field);
		for (size_t k = 0; k < n; k++)
			if (strcmp(vc[k].value, val) == 0) {
				e->group[v->nodes[i]] = (uint32_t)k;
				break;
			}
	}
	free(vc);
}

/* Groups by community; each named after its most important member. */
static void group_by_community(rg_emphasis *e, const rg_model *m, const rg_measures *ms,
			       const uint32_t *ms_nodes)
{
	e->ngroups = ms->ncommunities;
	e->group_names = rg_xcalloc(ms->ncommunities + 1, sizeof *e->group_names);
	uint32_t *rank = rg_measures_rank(ms);
	for (size_t r = 0; r < ms->n; r++) {
		uint32_t k = rank[r], c = ms->community[k];
		e->group[ms_nodes[k]] = c;
		if (!e->group_names[c]) {
			const rg_entity *en = rg_model_entity(m, ms_nodes[k]);
			e->group_names[c] = rg_asprintf(
				"around %s", rg_model_str(m, en->label ? en->label : en->id));
		}
	}
	free(rank);
}

/* Numbers the groups by how many of v's nodes they hold, the most first
 * (ties by their number before), so that the colours go to the groups
 * the drawing shows most of; groups it does not show go. */
static void renumber_groups(rg_emphasis *e, const rg_view *v)
{
	value_count *c = rg_xcalloc(e->ngroups + 1, sizeof *c);
	for (size_t k = 0; k < e->ngroups; k++)
		c[k] = (value_count){e->group_names[k], 0, k};
	for (size_t i = 0; i < v->nnodes; i++)
		c[e->group[v->nodes[i]]].count++;
	qsort(c, e->ngroups, sizeof *c, by_count);
	uint32_t *to = rg_xmalloc((e->ngroups + 1) * sizeof *to);
	char **names = rg_xcalloc(e->ngroups + 1, sizeof *names);
	size_t n = 0;
	for (size_t k = 0; k < e->ngroups; k++) {
		to[c[k].first] = (uint32_t)k;
		if (c[k].count)
			n = k + 1;
		names[k] = (char *)c[k].value;
	}
	for (size_t k = n; k < e->ngroups; k++)
		free(names[k]);
	for (size_t i = 0; i < v->nnodes; i++)
		e->group[v->nodes[i]] = to[e->group[v->nodes[i]]];
	free(e->group_names);
	e->group_names = names;
	e->ngroups = n;
	free(to);
	free(c);
}

rg_emphasis *rg_emphasis_new(const rg_model *m, const rg_view *v, const rg_measures *ms,
			     const uint32_t *ms_nodes, rg_color_by by, const char *field, int sized)
{
	size_t nent = rg_model_nentities(m);
	rg_emphasis *e = rg_xcalloc(1, sizeof *e);
	if (sized) {
		e->size = rg_xcalloc(nent ? nent : 1, sizeof *e->size);
		for (size_t k = 0; k < ms->n; k++)
			e->size[ms_nodes[k]] =
				NODE_MIN + (NODE_MAX - NODE_MIN) * sqrt(ms->importance[k]);
	}
	if (by == RG_COLOR_AUTO)
		by = rg_view_has_kinds(m, v) ? RG_COLOR_KIND : RG_COLOR_COMMUNITY;
	rg_buf key = {0};
	if (sized)
		rg_buf_puts(&key, "size: PageRank");
	if (by != RG_COLOR_KIND) {
		e->group = rg_xcalloc(nent ? nent : 1, sizeof *e->group);
		if (by == RG_COLOR_COMMUNITY)
			group_by_community(e, m, ms, ms_nodes);
		else
			group_by_field(e, m, v, field);
		renumber_groups(e, v);
		rg_buf_printf(&key, "%scolour: ", key.len ? "; " : "");
		if (by == RG_COLOR_COMMUNITY)
			/* "Leiden (modularity)": the legend names the method */
			rg_buf_printf(&key, "community (%.*s)", (int)strcspn(ms->method, " "),
				      ms->method);
		else
			rg_buf_puts(&key, field);
	}
	e->key = key.s;
	return e;
}

void rg_emphasis_free(rg_emphasis *e)
{
	if (!e)
		return;
	for (size_t k = 0; e->group_names && k < e->ngroups; k++)
		free(e->group_names[k]);
	free(e->group_names);
	free(e->size);
	free(e->font);
	free(e->group);
	free(e->key);
	free(e->caption);
	free(e);
}

void rg_emphasis_caption(rg_emphasis *e, const char *caption)
{
	free(e->caption);
	e->caption = caption ? rg_xstrdup(caption) : NULL;
}

/* --- labels where they can be read */

/* Widths of Helvetica's (and Arial's, Liberation Sans's) printable ASCII
 * characters in thousandths of an em, from space to '~': the font
 * relgraph draws in, so that a label's box is known before Graphviz draws
 * it.  Other characters count as wide as an 'M' minus a little. */
static const unsigned short glyph[95] = {
	278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};

/* Width in ems of n bytes of UTF-8 text. */
static double text_ems(const char *s, size_t n)
{
	double w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 32 && c < 127)
			w += glyph[c - 32] / 1000.0;
		else if ((c & 0xC0) != 0x80)
			w += 0.75; /* the first byte of a character beyond ASCII */
	}
	return w;
}

/* A label's box as build wraps it (rg_wrap): width in ems, lines. */
typedef struct {
	double ems, line;
	int lines;
} label_size;

static void measure_piece(void *ctx, int what, const char *text, size_t n)
{
	label_size *z = ctx;
	if (what == RG_WRAP_BREAK) {
		z->ems = fmax(z->ems, z->line);
		z->lines++;
		z->line = 0;
	} else {
		z->line += text_ems(text, n);
	}
}

static void label_box(const char *s, double *ems, int *lines)
{
	label_size z = {0, 0, 1};
	rg_wrap(s, RG_LABEL_WRAP, measure_piece, &z);
	*ems = fmax(z.ems, z.line);
	*lines = z.lines;
}

typedef struct {
	double x0, y0, x1, y1;
} box;

static int overlap(box a, box b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* A node in label order: by decreasing size (importance), then entity. */
typedef struct {
	double size;
	uint32_t e;
} sized;

static int by_size(const void *x, const void *y)
{
	const sized *a = x, *b = y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

size_t rg_emphasis_labels(rg_emphasis *e, const rg_model *m, const rg_view *v, const double *x,
			  const double *y, double bb[4], double scale)
{
	size_t nent = rg_model_nentities(m);
	free(e->font);
	e->font = rg_xcalloc(nent ? nent : 1, sizeof *e->font);
	double smallest = RG_MIN_TEXT_PT * TEXT_MARGIN / scale;
	e->text_pt = smallest;
	sized *order = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *order);
	for (size_t i = 0; i < v->nnodes; i++)
		order[i] = (sized){e->size[v->nodes[i]], v->nodes[i]};
	qsort(order, v->nnodes, sizeof *order, by_size);
	box *placed = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *placed);
	box *shape = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *shape);
	size_t n = 0;
	double gap = 1.5 / scale; /* between two labels, on the page */
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t k = order[i].e;
		const rg_entity *en = rg_model_entity(m, k);
		double imp = (e->size[k] - NODE_MIN) / (NODE_MAX - NODE_MIN);
		double f = smallest * (1 + LABEL_GROWTH * fmax(0, imp));
		double ems;
		int lines;
		label_box(rg_model_str(m, en->label ? en->label : en->id), &ems, &lines);
		double w = ems * f + 2 * gap, h = lines * f * 1.2 + 2 * gap;
		box b = {x[k] - w / 2, y[k] - h / 2, x[k] + w / 2, y[k] + h / 2};
		/* a label may reach past the nodes' box by a little: the
		 * drawing grows to take it in, the page shrinks it */
		double slack = 0.1 * fmax(bb[2] - bb[0], bb[3] - bb[1]);
		if (b.x0 < bb[0] - slack || b.y0 < bb[1] - slack || b.x1 > bb[2] + slack ||
		    b.y1 > bb[3] + slack)
			continue;
		/* clear of the labels placed, and of their nodes, which are
		 * drawn after (on top of) the less important ones */
		size_t j = 0;
		while (j < n && !overlap(b, placed[j]) && (j == n || !overlap(b, shape[j])))
			j++;
		if (j < n)
			continue;
		double r = e->size[k] / 2;
		shape[n] = (box){x[k] - r, y[k] - r, x[k] + r, y[k] + r};
		placed[n++] = b;
		e->font[k] = f;
	}
	for (size_t j = 0; j < n; j++) {
		bb[0] = fmin(bb[0], placed[j].x0);
		bb[1] = fmin(bb[1], placed[j].y0);
		bb[2] = fmax(bb[2], placed[j].x1);
		bb[3] = fmax(bb[3], placed[j].y1);
	}
	free(placed);
	free(shape);
	free(order);
	return n;
}

rg_view *rg_view_top(const rg_model *m, const rg_view *v, const uint32_t *rank, size_t n)
{
	size_t nent = rg_model_nentities(m);
	/* neighbours of each entity, as a compressed list */
	uint32_t *start = rg_xcalloc(nent + 1, sizeof *start);
	for (size_t e = 0; e < v->nedges; e++) {
		start[v->edges[e].a + 1]++;
		start[v->edges[e].b + 1]++;
	}
	for (size_t i = 0; i < nent; i++)
		start[i + 1] += start[i];
	uint32_t *adj = rg_xmalloc((2 * v->nedges + 1) * sizeof *adj);
	uint32_t *fill = rg_xcalloc(nent ? nent : 1, sizeof *fill);
	for (size_t e = 0; e < v->nedges; e++) {
		uint32_t a = v->edges[e].a, b = v->edges[e].b;
		adj[start[a] + fill[a]++] = b;
		adj[start[b] + fill[b]++] = a;
	}
	/* The most important first, then down the ranks, each node joined to
	 * one kept already: a summary is one network, not a scatter of the
	 * important and their absent neighbours.  Ranks passed over are tried
	 * again once more is kept. */
	unsigned char *keep = rg_xcalloc(nent ? nent : 1, 1);
	size_t kept = 0;
	while (kept < n && kept < v->nnodes) {
		int progress = 0;
		for (size_t r = 0; r < v->nnodes && kept < n; r++) {
			uint32_t x = v->nodes[rank[r]];
			int joined = 0;
			for (uint32_t k = start[x]; k < start[x + 1] && !joined && !keep[x]; k++)
				joined = keep[adj[k]];
			if (keep[x] || !joined)
				continue;
			keep[x] = 1;
			kept++;
			progress = 1;
		}
		if (progress)
			continue;
		/* nothing more joins what is kept: the most important node
		 * left starts another part (many small networks, or loners) */
		for (size_t r = 0; r < v->nnodes; r++)
			if (!keep[v->nodes[rank[r]]]) {
				keep[v->nodes[rank[r]]] = 1;
				kept++;
				break;
			}
	}
	rg_view *top = rg_view_only(v, keep);
	free(keep);
	free(fill);
	free(adj);
	free(start);
	return top;
}

/* Edges by strength: weight, then count, then view order. */
typedef struct {
	const rg_edge *e;
	size_t i;
} edge_at;

static int stronger(const void *x, const void *y)
{
	const edge_at *a = x, *b = y;
	if (a->e->weight != b->e->weight)
		return a->e->weight > b->e->weight ? -1 : 1;
	if (a->e->count != b->e->count)
		return a->e->count > b->e->count ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

rg_view *rg_view_strongest(const rg_model *m, const rg_view *v, size_t n)
{
	if (v->nedges <= n)
		return NULL;
	size_t nent = rg_model_nentities(m);
	edge_at *by = rg_xmalloc(v->nedges * sizeof *by);
	for (size_t i = 0; i < v->nedges; i++)
		by[i] = (edge_at){&v->edges[i], i};
	qsort(by, v->nedges, sizeof *by, stronger);
	unsigned char *keep_edge = rg_xcalloc(v->nedges, 1), *has = rg_xcalloc(nent ? nent : 1, 1);
	unsigned char *all = rg_xcalloc(nent ? nent : 1, 1);
	size_t kept = 0;
	/* every node's strongest tie first, so that none is left alone;
	 * then the strongest of the rest */
	for (size_t k = 0; k < v->nedges; k++) {
		const rg_edge *e = by[k].e;
		if (has[e->a] && has[e->b])
			continue;
		keep_edge[by[k].i] = 1;
		has[e->a] = has[e->b] = 1;
		kept++;
	}
	for (size_t k = 0; k < v->nedges && kept < n; k++)
		if (!keep_edge[by[k].i]) {
			keep_edge[by[k].i] = 1;
			kept++;
		}
	for (size_t i = 0; i < v->nnodes; i++)
		all[v->nodes[i]] = 1;
	rg_view *w = rg_view_only_edges(v, all, keep_edge);
	free(by);
	free(keep_edge);
	free(has);
	free(all);
	return w;
}
