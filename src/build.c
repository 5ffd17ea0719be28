/* build.c: the view to a cgraph graph: attributes declared, nodes,
 * edges, element ids and classes, clusters, pinned places, and the -G, -N
 * and -E settings last (see build.h).  The text is label.c's, the legend
 * legend.c's. */
#include "build_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many relation or node kinds get styles of their own; past
 * that, unknown kinds share one style and their edges carry labels. */
#define MAX_SPARE 8
#define AUTO_LABEL_EDGES 150

/* ---- element ids ---- */

/* The slot of id in the table of ids given out: its entry, or the empty
 * slot where it would go. */
static struct taken *taken_slot(const builder *bd, const char *id)
{
	size_t h = rg_hash(id, strlen(id)) & (bd->capids - 1);
	while (bd->ids[h].id && strcmp(bd->ids[h].id, id) != 0)
		h = (h + 1) & (bd->capids - 1);
	return &bd->ids[h];
}

/* Records id as given out (the builder takes it over). */
static void take_id(builder *bd, char *id)
{
	if (2 * (bd->nids + 1) > bd->capids) {
		struct taken *old = bd->ids;
		size_t oldcap = bd->capids;
		bd->capids = oldcap ? 2 * oldcap : 256;
		bd->ids = rg_xcalloc(bd->capids, sizeof *bd->ids);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].id)
				*taken_slot(bd, old[i].id) = old[i];
		free(old);
	}
	struct taken *t = taken_slot(bd, id);
	t->id = id;
	t->next = 2;
	bd->nids++;
}

/* Appends an id-safe form of s: letters, digits and non-ASCII kept, every
 * other run of characters one '-'. */
static void put_slug(rg_buf *b, const char *s)
{
	int dash = 0;
	size_t start = b->len;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_' || c >= 0x80) {
			if (dash && b->len > start)
				rg_buf_putc(b, '-');
			rg_buf_putc(b, (char)c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

/* Returns a unique element id "prefix" + slug(s) + "-N" if needed; the
 * builder owns it. */
const char *rg_build_unique_id(builder *bd, const char *prefix, const char *a, const char *b)
{
	rg_buf x = {0};
	rg_buf_puts(&x, prefix);
	put_slug(&x, a);
	if (b) {
		rg_buf_puts(&x, "--");
		put_slug(&x, b);
	}
	if (!x.len || x.s[x.len - 1] == '-')
		rg_buf_puts(&x, "x");
	if (!bd->capids || !taken_slot(bd, x.s)->id) {
		take_id(bd, x.s);
		return x.s;
	}
	/* taken: try base-2, base-3, ... from where the last try for this
	 * base stopped, so that a thousand equal names cost no more than one */
	size_t base = x.len;
	char *basename = rg_xstrdup(x.s);
	unsigned n = taken_slot(bd, basename)->next;
	do {
		x.len = base;
		rg_buf_printf(&x, "-%u", n++);
	} while (taken_slot(bd, x.s)->id);
	taken_slot(bd, basename)->next = n;
	free(basename);
	take_id(bd, x.s);
	return x.s;
}

/* ---- kinds ---- */

static kind_use *uses_of(const rg_kind_count *k, size_t n)
{
	kind_use *u = rg_xcalloc(n ? n : 1, sizeof *u);
	for (size_t i = 0; i < n; i++) {
		u[i].kind = k[i].kind;
		u[i].count = k[i].count;
	}
	return u;
}

static int by_rank(const void *x, const void *y)
{
	const kind_use *a = x, *b = y;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

static void collect_kinds(builder *bd)
{
	rg_kinds *kinds = rg_view_kinds(bd->m, bd->p->kinds_from ? bd->p->kinds_from : bd->v);
	bd->nnk = kinds->nnodes;
	bd->nek = kinds->nrels;
	bd->nk = uses_of(kinds->nodes, bd->nnk);
	bd->ek = uses_of(kinds->rels, bd->nek);
	rg_kinds_free(kinds);
	/* unknown kinds take spare styles in order of first use */
	unsigned spare = 0;
	for (size_t i = 0; i < bd->nnk; i++)
		if (!rg_theme_node_rank(S(bd, bd->nk[i].kind), &bd->nk[i].rank)) {
			bd->nk[i].spare = spare++;
			bd->nk[i].rank = 1000 + bd->nk[i].spare;
		}
	bd->shared_node_style = spare > MAX_SPARE;
	spare = 0;
	for (size_t i = 0; i < bd->nek; i++)
		if (!rg_theme_edge_rank(S(bd, bd->ek[i].kind), &bd->ek[i].rank)) {
			bd->ek[i].spare = spare++;
			bd->ek[i].rank = 1000 + bd->ek[i].spare;
		}
	bd->shared_edge_style = spare > MAX_SPARE;
	for (size_t i = 0; i < bd->nnk; i++) {
		const char *k = S(bd, bd->nk[i].kind);
		bd->nk[i].style = bd->nk[i].rank >= 1000 && bd->shared_node_style
					  ? rg_theme_node("other", 0)
					  : rg_theme_node(k, bd->nk[i].spare);
	}
	for (size_t i = 0; i < bd->nek; i++) {
		const char *k = S(bd, bd->ek[i].kind);
		bd->ek[i].style = bd->ek[i].rank >= 1000 && bd->shared_edge_style
					  ? rg_theme_edge("related", 0)
					  : rg_theme_edge(k, bd->ek[i].spare);
	}
	if (bd->nnk)
		qsort(bd->nk, bd->nnk, sizeof *bd->nk, by_rank);
	if (bd->nek)
		qsort(bd->ek, bd->nek, sizeof *bd->ek, by_rank);
}

static kind_use *kind_of(kind_use *v, size_t n, rg_str kind)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == kind)
			return &v[i];
	return NULL;
}

/* ---- object ids ----
 *
 * cgraph's own id discipline uses the address of each interned name as its
 * id, and keeps subgraphs in id order: the order of clusters in the DOT
 * and the drawing would follow malloc.  This one numbers names in the
 * order they are first used (even ids; odd ones for anonymous objects, as
 * cgraph's does), so the same input gives the same output on any machine. */
typedef struct {
	Agraph_t *g;
	char **names; /* cgraph's own reference-counted strings: agnameof and
			 agwrite look at the header cgraph keeps before them */
	size_t n, cap;
	uint32_t *tab; /* open addressing: name index + 1 */
	size_t tcap;
	IDTYPE anon;
} idstate;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	idstate *st = rg_xcalloc(1, sizeof *st);
	st->g = g;
	st->anon = 1;
	return st;
}

static size_t id_slot(const idstate *st, const char *str)
{
	size_t h = rg_hash(str, strlen(str)) & (st->tcap - 1);
	while (st->tab[h] && strcmp(st->names[st->tab[h] - 1], str) != 0)
		h = (h + 1) & (st->tcap - 1);
	return h;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	idstate *st = state;
	(void)objtype;
	if (!str) {
		*id = st->anon;
		st->anon += 2;
		return 1;
	}
	if (st->tcap) {
		size_t h = id_slot(st, str);
		if (st->tab[h]) {
			*id = (IDTYPE)st->tab[h] * 2;
			return 1;
		}
	}
	if (!createflag)
		return 0;
	if (2 * (st->n + 1) > st->tcap) {
		size_t cap = st->tcap ? 2 * st->tcap : 256;
		free(st->tab);
		st->tab = rg_xcalloc(cap, sizeof *st->tab);
		st->tcap = cap;
		for (size_t i = 0; i < st->n; i++)
			st->tab[id_slot(st, st->names[i])] = (uint32_t)i + 1;
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 256;
		st->names = rg_xrealloc(st->names, st->cap * sizeof *st->names);
	}
	st->names[st->n++] = agstrdup(st->g, str);
	st->tab[id_slot(st, str)] = (uint32_t)st->n;
	*id = (IDTYPE)st->n * 2;
	return 1;
}

static long id_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 1;
}

static void id_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
	idstate *st = state;
	(void)objtype;
	if (id % 2 || id == 0 || id / 2 > st->n)
		return NULL;
	return st->names[id / 2 - 1];
}

static void id_close(void *state)
{
	idstate *st = state;
	/* the names go with the graph's string pool */
	free(st->names);
	free(st->tab);
	free(st);
}

static void id_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t ordered_ids = {id_open,  id_map,   id_alloc,	 id_free,
				 id_print, id_close, id_register};
static Agdisc_t disc = {&AgMemDisc, &ordered_ids, &AgIoDisc};

/* ---- graph ---- */

static void gset(Agraph_t *g, const char *name, const char *value)
{
	agattr(g, AGRAPH, (char *)name, (char *)value);
}

static Agsym_t *nsym(Agraph_t *g, const char *name, const char *def)
{
	return agattr(g, AGNODE, (char *)name, (char *)def);
}

static Agsym_t *esym(Agraph_t *g, const char *name, const char *def)
{
	return agattr(g, AGEDGE, (char *)name, (char *)def);
}

static void declare(builder *bd)
{
	Agraph_t *g = bd->g;
	int dot = strcmp(bd->o->engine, "dot") == 0;
	gset(g, "fontname", RG_FONT);
	gset(g, "fontsize", "11");
	gset(g, "pad", "0.2");
	gset(g, "margin", "0"); /* PDF and PS: the page is the drawing */
	gset(g, "nodesep", bd->o->narrow ? "0.15" : "0.35");
	gset(g, "ranksep", bd->o->narrow ? "0.35" : "0.55");
	gset(g, "newrank", "true");
	gset(g, "outputorder", "edgesfirst");

	if (dot) {
		gset(g, "rankdir",
		     bd->o->two_sided ? bd->rankdir
		     : bd->o->rankdir ? bd->o->rankdir
				      : "TB");
		gset(g, "splines", "true");
	} else {
		/* edges curved around nodes: the force engines' spline routing
		 * grows so fast (a minute and more for 300 nodes round a hub)
		 * that past a few hundred nodes and edges they are straight */
		int curved = !bd->o->large && bd->v->nnodes + bd->v->nedges <= 300;
		/* an emphasised drawing's edges are bent round nodes by the
		 * layout stage, at a fraction of Graphviz's routing's cost */
		if (bd->o->emphasis && bd->o->emphasis->size)
			curved = 0;
		gset(g, "overlap", bd->o->large ? "prism" : "false");
		gset(g, "splines", curved ? "true" : "false");
		gset(g, "sep", "+6");
		gset(g, "start", "1");
		gset(g, "forcelabels", "true");
		if (bd->o->emphasis && bd->o->emphasis->size)
			gset(g, "pack", "true"); /* components side by side */
	}
	const rg_emphasis *em = bd->o->emphasis;
	const char *caption = em && em->caption ? em->caption : NULL;
	const char *view = bd->o->view_caption;
	if ((bd->o->title && *bd->o->title) || caption || view) {
		/* the title above, or a caption under a drawing without one */
		rg_buf t = {0};
		if (bd->o->title && *bd->o->title)
			rg_label_wrapped(&t, bd->o->title, 80, NULL);
		const char *lines[] = {view, caption};
		for (size_t i = 0; i < 2; i++) {
			const char *c = lines[i];
			if (!c)
				continue;
			if (t.len)
				rg_buf_puts(&t, "\\n");
			rg_label_wrapped(&t, c, 100, NULL);
		}
		double pt = bd->o->title && *bd->o->title ? 16 : 11;
		if (em && em->text_pt > 0)
			pt = em->text_pt * (bd->o->title && *bd->o->title ? 1.4 : 1.1);
		char num[32];
		snprintf(num, sizeof num, "%.1f", pt);
		gset(g, "label", t.s);
		gset(g, "labelloc", bd->o->title && *bd->o->title ? "t" : "b");
		gset(g, "labeljust", "c");
		gset(g, "fontsize", num);
		free(t.s);
	}
	bd->n_id = nsym(g, "id", "");
	bd->n_class = nsym(g, "class", "");
	/* a node's name unless it says otherwise: gvContext() gives cgraph's
	 * prototype graph this default too, but a graph built with no
	 * context alive must not lose it */
	bd->n_label = nsym(g, "label", "\\N");
	bd->n_shape = nsym(g, "shape", "ellipse");
	bd->n_fill = nsym(g, "fillcolor", "#DDDDDD");
	bd->n_font = nsym(g, "fontcolor", "#000000");
	bd->n_style = nsym(g, "style", "filled");
	bd->n_tooltip = nsym(g, "tooltip", "");
	bd->n_url = nsym(g, "URL", "");
	bd->n_width = nsym(g, "width", "0.75");
	bd->n_height = nsym(g, "height", "0.5");
	bd->n_fsize = nsym(g, "fontsize", "11");
	if (em && em->size)
		bd->n_fixed = nsym(g, "fixedsize", "false");
	nsym(g, "fontname", RG_FONT);
	nsym(g, "margin", bd->o->narrow ? "0.06,0.03" : "0.1,0.05");
	nsym(g, "penwidth", "1");
	nsym(g, "color", "#333333");
	bd->e_id = esym(g, "id", "");
	bd->e_class = esym(g, "class", "");
	bd->e_label = esym(g, "label", "");
	/* other engines let edge labels overlap; external labels are placed
	 * clear of nodes and of each other */
	if (!dot) {
		bd->e_xlabel = esym(g, "xlabel", "");
		esym(g, "len", "1.6"); /* room for the labels (neato, fdp) */
	}
	bd->e_pen = esym(g, "penwidth", "1.2");
	bd->e_color = esym(g, "color", "#666666");
	bd->e_fcolor = esym(g, "fontcolor", "#333333");
	bd->e_style = esym(g, "style", "solid");
	bd->e_dir = esym(g, "dir", "forward");
	bd->e_tooltip = esym(g, "tooltip", "");
	bd->e_arrow = esym(g, "arrowsize", "0.7");
	bd->e_weight = esym(g, "weight", "1");
	bd->e_minlen = esym(g, "minlen", "1");
	esym(g, "fontname", RG_FONT);
	esym(g, "fontsize", "9");
}

void rg_build_style_node(builder *bd, Agnode_t *n, const rg_node_style *st)
{
	set(n, bd->n_shape, st->shape);
	set(n, bd->n_fill, st->fill);
	set(n, bd->n_font, st->font);
	if (*st->style) {
		char *s = rg_asprintf("filled,%s", st->style);
		set(n, bd->n_style, s);
		free(s);
	}
}

void rg_build_style_edge(builder *bd, Agedge_t *e, const rg_edge_style *st)
{
	set(e, bd->e_color, st->color);
	set(e, bd->e_fcolor, st->color);
	set(e, bd->e_style, st->style);
}

static void put_pos(builder *bd, Agnode_t *n, const rg_pin *p)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%.2f,%.2f", p->x, p->y);
	agsafeset(n, (char *)"pos", buf, (char *)"");
	if (p->w <= 0)
		return;
	snprintf(buf, sizeof buf, "%.4f", p->w);
	set(n, bd->n_width, buf);
	snprintf(buf, sizeof buf, "%.4f", p->h);
	set(n, bd->n_height, buf);
	/* an emphasised node's label may be wider than its shape */
	int across = bd->o->emphasis && bd->o->emphasis->size;
	agsafeset(n, (char *)"fixedsize", (char *)(across ? "shape" : "true"), (char *)"");
}

/* Colours for groups: Okabe-Ito's palette without black, in the order
 * that keeps the two first far apart; the rest are grey. */
static const char *const group_fill[RG_GROUP_COLORS] = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
							"#CC79A7", "#D55E00", "#0072B2"};
#define GROUP_REST "#D9D9D9"

const char *rg_build_group_fill(size_t group)
{
	return group < RG_GROUP_COLORS ? group_fill[group] : GROUP_REST;
}

/* Multiplies a font size attribute's value by k. */
static void scale_value(void *obj, Agsym_t *sym, double k)
{
	const char *v = agxget(obj, sym);
	double pt = v && *v ? atof(v) : 0;
	if (pt <= 0)
		return;
	char num[32];
	snprintf(num, sizeof num, "%.2f", pt * k);
	agxset(obj, sym, num);
}

static void scale_subgraphs(Agraph_t *g, Agsym_t *gs, double k)
{
	for (Agraph_t *sub = agfstsubg(g); sub; sub = agnxtsubg(sub)) {
		scale_value(sub, gs, k);
		scale_subgraphs(sub, gs, k);
	}
}

/* Every text of g k times its size: the graph's and its subgraphs'
 * labels, nodes', edges'. */
static void scale_text(Agraph_t *g, double k)
{
	Agsym_t *gs = agattr(g, AGRAPH, (char *)"fontsize", NULL);
	Agsym_t *ns = agattr(g, AGNODE, (char *)"fontsize", NULL);
	Agsym_t *es = agattr(g, AGEDGE, (char *)"fontsize", NULL);
	if (gs) {
		scale_value(g, gs, k);
		scale_subgraphs(g, gs, k);
	}
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		if (ns)
			scale_value(n, ns, k);
		for (Agedge_t *e = agfstout(g, n); e && es; e = agnxtout(g, e))
			scale_value(e, es, k);
	}
}

/* The order nodes are drawn in, as positions in the view: the view's;
 * in an emphasised drawing with labels, those without a label first and
 * then the labelled ones, least important first, so that no node is
 * painted over a more important one's label. */
static uint32_t *drawing_order(const builder *bd)
{
	const rg_view *v = bd->v;
	const double *font = bd->o->emphasis ? bd->o->emphasis->font : NULL;
	uint32_t *order = rg_xmalloc((v->nnodes ? v->nnodes : 1) * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < v->nnodes; i++)
		if (!font || font[v->nodes[i]] <= 0)
			order[n++] = (uint32_t)i;
	size_t first = n;
	for (size_t i = 0; font && i < v->nnodes; i++)
		if (font[v->nodes[i]] > 0) {
			/* insertion by font size, the smallest first */
			size_t j = n++;
			while (j > first && font[v->nodes[order[j - 1]]] > font[v->nodes[i]])
				order[j] = order[j - 1], j--;
			order[j] = (uint32_t)i;
		}
	return order;
}

/* A node of an emphasised drawing: its size says its importance, its
 * colour its group, and its label (across it, centred) is drawn only
 * where the page can show it.  The label's text goes to lb. */
static void emphasise_node(builder *bd, Agnode_t *n, const rg_entity *en, uint32_t ent, rg_buf *lb)
{
	const rg_emphasis *em = bd->o->emphasis;
	char num[32];
	if (em->size && em->size[ent] > 0) {
		snprintf(num, sizeof num, "%.3f", em->size[ent] / 72);
		set(n, bd->n_width, num);
		set(n, bd->n_height, num);
		set(n, bd->n_fixed, "shape"); /* the label may be wider */
	}
	if (em->group) {
		set(n, bd->n_fill, rg_build_group_fill(em->group[ent]));
		set(n, bd->n_font, "#000000");
	}
	if (!em->font)
		rg_label_node(bd, lb, en);
	else if (em->font[ent] > 0) {
		rg_label_wrapped(lb, S(bd, en->label ? en->label : en->id), RG_LABEL_WRAP, NULL);
		snprintf(num, sizeof num, "%.2f", em->font[ent]);
		set(n, bd->n_fsize, num);
		/* across a small node, on the drawing: dark on light */
		set(n, bd->n_font, "#000000");
	}
}

/* A frame's node: where the shared layout put it, drawn as this frame
 * needs it (faded when it is not part of this slice, hidden before it
 * first appears). */
static void pin_node(builder *bd, Agnode_t *n, const rg_pin *p, unsigned state)
{
	if (!p->set)
		return;
	put_pos(bd, n, p);
	if (state == RG_HIDE) {
		set(n, bd->n_style, "invis");
	} else if (state == RG_FADE) {
		set(n, bd->n_fill, "#F2F2F2");
		set(n, bd->n_font, "#999999");
		agsafeset(n, (char *)"color", (char *)"#CCCCCC", (char *)"");
		agsafeset(n, (char *)"class", (char *)"faded", (char *)"");
	}
}

/* Two invisible points at the corners, and the bounding box given, make
 * every frame the same size. */
static void add_canvas(builder *bd)
{
	char bb[128];
	snprintf(bb, sizeof bb, "%.2f,%.2f,%.2f,%.2f", bd->p->canvas[0], bd->p->canvas[1],
		 bd->p->canvas[2], bd->p->canvas[3]);
	agattr(bd->g, AGRAPH, (char *)"bb", bb);
	for (int k = 0; k < 2; k++) {
		Agnode_t *n = rg_legend_node(bd, bd->g, "corner", k ? "2" : "1");
		rg_pin p = {bd->p->canvas[2 * k], bd->p->canvas[2 * k + 1], 0.01, 0.01, 1};
		set(n, bd->n_shape, "point");
		set(n, bd->n_style, "invis");
		put_pos(bd, n, &p);
	}
}

/* The value of the --cluster-by field for an entity, or "".  A country is
 * in the box of its own name, so leaders sit beside their country. */
static const char *cluster_value(builder *bd, const rg_entity *en)
{
	const rg_model *m = bd->m;
	const char *f = bd->o->cluster_by;
	if (rg_strieq(f, "country") && en->country) {
		/* by the country's own name, as its node is labelled */
		uint32_t c = rg_find_entity(m, S(bd, en->country));
		if (c == RG_NONE)
			return S(bd, en->country);
		en = rg_model_entity(m, c);
		return S(bd, en->label ? en->label : en->id);
	}
	rg_str v = rg_model_field(m, en, f);
	if (!v && rg_strieq(S(bd, en->kind), f))
		v = en->label ? en->label : en->id;
	return S(bd, v);
}

static Agraph_t *cluster_of(builder *bd, const char *value)
{
	rg_buf name = {0};
	rg_buf_printf(&name, "cluster %s", value);
	Agraph_t *c = agsubg(bd->g, name.s, 0);
	if (!c) {
		c = agsubg(bd->g, name.s, 1);
		rg_buf lb = {0};
		rg_label_wrapped(&lb, value, 40, NULL);
		sset(c, "label", lb.s);
		sset(c, "style", "rounded,filled");
		sset(c, "fillcolor", "#F4F4F4");
		sset(c, "color", "#BBBBBB");
		sset(c, "fontcolor", "#444444");
		sset(c, "id", rg_build_unique_id(bd, "cluster-", value, NULL));
		sset(c, "class", "cluster-by");
		free(lb.s);
	}
	free(name.s);
	return c;
}

static Agnode_t **add_nodes(builder *bd)
{
	const rg_model *m = bd->m;
	Agnode_t **map = rg_xcalloc(rg_model_nentities(m) ? rg_model_nentities(m) : 1, sizeof *map);
	rg_buf lb = {0}, tt = {0};
	uint32_t *order = drawing_order(bd);
	for (size_t o = 0; o < bd->v->nnodes; o++) {
		size_t i = order[o];
		const rg_entity *en = rg_model_entity(m, bd->v->nodes[i]);
		Agnode_t *n = agnode(bd->g, (char *)S(bd, en->id), 1);
		map[bd->v->nodes[i]] = n;
		if (bd->o->cluster_by && *cluster_value(bd, en))
			agsubnode(cluster_of(bd, cluster_value(bd, en)), n, 1);
		kind_use *k = kind_of(bd->nk, bd->nnk, en->kind);
		set(n, bd->n_id, rg_build_unique_id(bd, "", S(bd, en->id), NULL));
		rg_buf_reset(&lb);
		put_slug(&lb, S(bd, en->kind));
		set(n, bd->n_class, lb.s);
		rg_build_style_node(bd, n, k->style);

		rg_buf_reset(&lb);
		if (bd->o->emphasis)
			emphasise_node(bd, n, en, bd->v->nodes[i], &lb);
		else
			rg_label_node(bd, &lb, en);
		set(n, bd->n_label, lb.s);
		rg_buf_reset(&tt);
		rg_label_node_tooltip(bd, &tt, en);
		set(n, bd->n_tooltip, tt.s);
		if (en->url) /* only safe links reach the model */
			set(n, bd->n_url, S(bd, en->url));
		if (bd->p->pins)
			pin_node(bd, n, &bd->p->pins[bd->v->nodes[i]],
				 bd->p->state ? bd->p->state[bd->v->nodes[i]] : RG_SHOW);
	}
	free(order);
	free(lb.s);
	free(tt.s);
	return map;
}

static double pen_width(const rg_view *v, const rg_edge *e)
{
	if (v->weighted && v->max_weight > 0)
		return 0.8 + 4.0 * sqrt(e->weight / v->max_weight);
	if (v->max_count > 1 && e->count > 1) {
		double w = 1.2 + 1.4 * log2((double)e->count);
		return w > 7 ? 7 : w;
	}
	return 1.2;
}

/* The direction dot will draw in: relgraph's choice, unless -Grankdir. */
static const char *drawn_rankdir(const builder *bd)
{
	const char *dir = bd->o->rankdir ? bd->o->rankdir : "TB";
	if (bd->o->two_sided && bd->dot)
		dir = "LR"; /* the sides are columns */
	for (size_t i = 0; i < bd->o->ngset; i++)
		if (strcmp(bd->o->gset[i].name, "rankdir") == 0)
			dir = bd->o->gset[i].value;
	return dir;
}

/* On two sides, an edge that joins two people (within a side, or across
 * the events' column): it takes no part in the ranks, and carries no
 * label (dot cannot route a label along a rank; the tooltip keeps it). */
static int beside(const builder *bd, const rg_edge *x)
{
	const unsigned char *side = bd->side;
	return side && side[x->a] && side[x->b] && side[x->a] != RG_SIDE_EVENTS &&
	       side[x->b] != RG_SIDE_EVENTS;
}

/* An edge of the view in the graph.  On two sides, dot's ranks follow
 * the edges: a left person's edge runs to the event, the event's to a
 * right person (the line looks the same: attended has no arrow), and
 * other edges leave the columns as they are. */
static Agedge_t *sided_edge(builder *bd, Agnode_t **map, const rg_edge *x)
{
	const unsigned char *side = bd->side;
	if (!side || !side[x->a] || !side[x->b])
		return agedge(bd->g, map[x->a], map[x->b], NULL, 1);
	uint32_t t = x->a, h = x->b;
	if ((side[h] == RG_SIDE_LEFT && side[t] != RG_SIDE_LEFT) ||
	    (side[t] == RG_SIDE_RIGHT && side[h] != RG_SIDE_RIGHT)) {
		t = x->b;
		h = x->a;
	}
	Agedge_t *e = agedge(bd->g, map[t], map[h], NULL, 1);
	if (side[t] == side[h] || beside(bd, x))
		agsafeset(e, (char *)"constraint", (char *)"false", (char *)"");
	return e;
}

/* The three columns of a two-sided drawing: one rank each. */
static void add_sides(builder *bd, Agnode_t **map)
{
	static const char *const names[] = {NULL, "sides: events", "sides: left", "sides: right"};
	Agraph_t *col[4] = {NULL};
	for (size_t i = 0; i < bd->v->nnodes; i++) {
		uint32_t e = bd->v->nodes[i];
		unsigned s = bd->side[e];
		if (!s || !map[e])
			continue;
		if (!col[s]) {
			col[s] = agsubg(bd->g, (char *)names[s], 1);
			sset(col[s], "rank", "same");
		}
		agsubnode(col[s], map[e], 1);
	}
}

static void add_edges(builder *bd, Agnode_t **map)
{
	const rg_model *m = bd->m;
	const rg_view *v = bd->v;
	rg_buf tt = {0}, lb = {0};
	Agedge_t **made = rg_xcalloc(v->nedges ? v->nedges : 1, sizeof *made);
	char **shown = rg_xcalloc(v->nedges ? v->nedges : 1, sizeof *shown);
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *x = &v->edges[i];
		const rg_entity *ea = rg_model_entity(m, x->a), *eb = rg_model_entity(m, x->b);
		Agedge_t *e = sided_edge(bd, map, x);
		made[i] = e;
		kind_use *k = kind_of(bd->ek, bd->nek, x->kind);
		set(e, bd->e_id, rg_build_unique_id(bd, "", S(bd, ea->id), S(bd, eb->id)));
		rg_buf_reset(&lb);
		put_slug(&lb, S(bd, x->kind));
		set(e, bd->e_class, lb.s);
		rg_build_style_edge(bd, e, k->style);
		if (!x->directed)
			set(e, bd->e_dir, "none");
		char num[32];
		snprintf(num, sizeof num, "%.2f", pen_width(v, x));
		set(e, bd->e_pen, num);
		if (bd->o->emphasis) {
			/* behind the nodes, half seen: the nodes carry the
			 * drawing, and thin lines where many cross */
			const rg_edge_style *st = k->style;
			char c[16];
			snprintf(c, sizeof c, "%.7s80", st->color);
			set(e, bd->e_color, c);
			snprintf(num, sizeof num, "%.2f", 0.4 + 0.6 * (pen_width(v, x) - 0.8));
			set(e, bd->e_pen, num);
		}
		if (x->count > 1) {
			snprintf(num, sizeof num, "%u",
				 (unsigned)(x->count > 100 ? 100 : x->count));
			set(e, bd->e_weight, num);
		}
		char *label = rg_edge_label(m, v, x);
		const rg_relation *r0 = rg_model_relation(m, v->rels[x->rel0]);
		const char *kn = S(bd, x->kind);
		/* a single leads, signed or attended edge (the meeting node
		 * carries its date) or a plain related one says nothing the
		 * legend does not */
		int quiet = x->count == 1 && !r0->label &&
			    (strcmp(kn, "leads") == 0 || strcmp(kn, "signed") == 0 ||
			     strcmp(kn, "attended") == 0 ||
			     (strcmp(kn, "related") == 0 && !x->first.year));
		/* nor does a label that only repeats its kind ("marriage"),
		 * when the legend gives the kind a line of its own: no count,
		 * date or note to add */
		if (bd->o->legend && strcmp(label, kn) == 0 &&
		    !(k->rank >= 1000 && bd->shared_edge_style))
			quiet = 1;
		/* an emphasised drawing's labels are its nodes': the edges'
		 * counts and dates stay in their tooltips */
		if (bd->o->emphasis && bd->o->emphasis->size)
			quiet = 1;
		if (bd->o->edge_labels == RG_LABELS_MERGED && x->count < 2)
			quiet = 1;
		int show = bd->o->edge_labels == RG_LABELS_ALL ||
			   ((bd->o->edge_labels == RG_LABELS_AUTO ||
			     bd->o->edge_labels == RG_LABELS_MERGED) &&
			    !quiet &&
			    (bd->labels || (x->count > 1 && v->nedges <= 4 * AUTO_LABEL_EDGES)));
		if (beside(bd, x))
			show = 0;
		if (show) {
			rg_buf_reset(&lb);
			/* dot puts a label beside its edge's centre line: keep a
			 * thick line off the text (to its left when ranks run top
			 * to bottom, below it when they run across) */
			int thick = pen_width(v, x) > 2.5;
			rg_label_wrapped(&lb, label,
					 bd->o->narrow ? RG_EDGE_WRAP_NARROW : RG_EDGE_WRAP,
					 !bd->dot || bd->across ? NULL
					 : thick		? "    "
								: "  ");
			if (bd->dot && bd->across && thick)
				rg_buf_puts(&lb, "\\n ");
			shown[i] = rg_xstrdup(lb.s);
		} else {
			k->unnamed++;
		}
		rg_buf_reset(&tt);
		rg_label_edge_tooltip(bd, &tt, x, label);
		set(e, bd->e_tooltip, tt.s);
		free(label);
	}
	if (!bd->dot && !bd->p->pins) /* pinned frames reuse dot's label places */
		rg_label_combine_pairs(v, shown);
	for (size_t i = 0; i < v->nedges; i++) {
		if (shown[i])
			set(made[i], bd->dot ? bd->e_label : bd->e_xlabel, shown[i]);
		free(shown[i]);
	}
	free(shown);
	free(made);
	free(tt.s);
	free(lb.s);
}

/* -N and -E settings change the legend's samples too, so that they still
 * look like the drawing, but never its text or identity. */
static int legend_own(const char *attr)
{
	static const char *const own[] = {"label", "xlabel", "id",    "class", "tooltip",
					  "URL",   "href",   "style", NULL};
	for (size_t i = 0; own[i]; i++)
		if (strcmp(attr, own[i]) == 0)
			return 1;
	return 0;
}

static int is_legend(void *obj, Agsym_t *cls)
{
	const char *c = agxget(obj, cls);
	return c && strcmp(c, "legend") == 0;
}

static void apply_settings(builder *bd)
{
	const rg_build_opts *o = bd->o;
	for (size_t i = 0; i < o->ngset; i++)
		agattr(bd->g, AGRAPH, (char *)o->gset[i].name, (char *)o->gset[i].value);
	for (size_t i = 0; i < o->nnset; i++) {
		Agsym_t *s = nsym(bd->g, o->nset[i].name, o->nset[i].value);
		int own = legend_own(o->nset[i].name);
		for (Agnode_t *n = agfstnode(bd->g); n; n = agnxtnode(bd->g, n))
			if (!own || !is_legend(n, bd->n_class))
				agxset(n, s, (char *)o->nset[i].value);
	}
	for (size_t i = 0; i < o->neset; i++) {
		Agsym_t *s = esym(bd->g, o->eset[i].name, o->eset[i].value);
		int own = legend_own(o->eset[i].name);
		for (Agnode_t *n = agfstnode(bd->g); n; n = agnxtnode(bd->g, n))
			for (Agedge_t *e = agfstout(bd->g, n); e; e = agnxtout(bd->g, e))
				if (strcmp(agxget(e, bd->e_style), "invis") != 0 &&
				    (!own || !is_legend(e, bd->e_class)))
					agxset(e, s, (char *)o->eset[i].value);
	}
}

/* The outline and label weight of a --focus entity: it stands out at a
 * glance whatever its kind's colour. */
#define FOCUS_PEN "3"
#define FOCUS_OUTLINE "#000000"
#define FOCUS_FONT "Helvetica-Bold"

static void mark_focus(builder *bd, Agnode_t **map)
{
	for (size_t i = 0; i < bd->o->nfocus; i++) {
		Agnode_t *n = map[bd->o->focus[i]];
		if (!n)
			continue; /* a filter took it away */
		agsafeset(n, (char *)"penwidth", (char *)FOCUS_PEN, (char *)"");
		agsafeset(n, (char *)"color", (char *)FOCUS_OUTLINE, (char *)"");
		agsafeset(n, (char *)"fontname", (char *)FOCUS_FONT, (char *)"");
		char *c = agget(n, (char *)"class");
		char *cls = rg_asprintf("%s focus", c ? c : "");
		agsafeset(n, (char *)"class", cls, (char *)"");
		free(cls);
	}
}

Agraph_t *rg_build(const rg_model *m, const rg_view *v, const rg_build_opts *o)
{
	return rg_build_placed(m, v, o, NULL);
}

Agraph_t *rg_build_placed(const rg_model *m, const rg_view *v, const rg_build_opts *o,
			  const rg_placement *p)
{
	static const rg_placement unplaced;
	builder bd;
	memset(&bd, 0, sizeof bd);
	bd.m = m;
	bd.v = v;
	bd.o = o;
	bd.p = p ? p : &unplaced;
	bd.labels = o->edge_labels == RG_LABELS_ALL ||
		    (o->edge_labels == RG_LABELS_AUTO && v->nedges <= AUTO_LABEL_EDGES);
	bd.g = agopen((char *)(o->name && *o->name ? o->name : "relgraph"), Agdirected, &disc);
	bd.dot = strcmp(o->engine, "dot") == 0;
	bd.rankdir = drawn_rankdir(&bd);
	bd.across = !rg_strieq(bd.rankdir, "TB") && !rg_strieq(bd.rankdir, "BT");
	collect_kinds(&bd);
	declare(&bd);
	if (o->two_sided && bd.dot && !o->cluster_by && !bd.p->pins)
		bd.side = rg_sides_of(m, v);
	Agnode_t **map = add_nodes(&bd);
	if (bd.side)
		add_sides(&bd, map);
	add_edges(&bd, map);
	mark_focus(&bd, map);
	if (o->legend)
		rg_legend_add(&bd);
	if (bd.p->pins && bd.p->canvas[2] > bd.p->canvas[0])
		add_canvas(&bd);
	if (o->text_scale > 0 && o->text_scale != 1)
		scale_text(bd.g, o->text_scale);
	apply_settings(&bd);
	free(map);
	free(bd.side);
	for (size_t i = 0; i < bd.capids; i++)
		free(bd.ids[i].id);
	free(bd.ids);
	free(bd.nk);
	free(bd.ek);
	return bd.g;
}
