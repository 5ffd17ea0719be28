/* build.c: the view to a styled cgraph graph with a legend (see build.h). */
#include "relgraph/build.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "placement.h"
#include "theme.h"
#include "util.h"

/* At most this many relation or node kinds get styles of their own; past
 * that, unknown kinds share one style and their edges carry labels. */
#define MAX_SPARE 8
#define AUTO_LABEL_EDGES 150
#define WRAP 22

typedef struct {
	rg_str kind;
	unsigned rank;  /* theme order, or past the theme for unknown kinds */
	unsigned spare; /* ordinal among unknown kinds */
	size_t count;
	const void *style;
} kind_use;

typedef struct {
	const rg_model *m;
	const rg_view *v;
	const rg_build_opts *o;
	const rg_placement *p; /* never NULL: nothing placed is all zero */
	Agraph_t *g;
	kind_use *nk, *ek;
	size_t nnk, nek;
	unsigned spare_nodes, spare_edges;
	int shared_edge_style; /* too many unknown relation kinds */
	int shared_node_style;
	struct taken {
		char *id;      /* an element id given out */
		unsigned next; /* the suffix to try next for id-2, id-3, ... */
	} *ids;                /* open addressing */
	size_t nids, capids;
	int labels;
	Agsym_t *n_id, *n_class, *n_label, *n_shape, *n_fill, *n_font, *n_style,
		*n_tooltip, *n_url, *n_width, *n_height, *n_fsize;
	int dot; /* laid out by dot, which places edge labels itself */
	int across; /* dot's ranks run left to right (rankdir LR or RL) */
	Agsym_t *e_xlabel;
	Agsym_t *e_id, *e_class, *e_label, *e_pen, *e_color, *e_fcolor, *e_style,
		*e_dir, *e_tooltip, *e_arrow, *e_weight, *e_minlen;
} builder;

/* ---- text ---- */

/* Appends s as a Graphviz escString (a label) that shows it as written: a
 * backslash would start an escape such as \N or \l, so it is doubled. */
static void put_escstring(rg_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\')
			rg_buf_add(b, "\\\\", 2);
		else
			rg_buf_putc(b, s[i]);
	}
}

static size_t u8len(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Appends s as a label, broken at spaces into lines of about width
 * characters (a Graphviz "\n" between lines).  Newlines in s stay line
 * breaks. */
static void put_wrapped(rg_buf *b, const char *s, size_t width, const char *indent)
{
	size_t col = 0;
	if (indent)
		rg_buf_puts(b, indent);
	while (*s) {
		if (*s == '\n' || *s == '\r') {
			/* a line break in the data, LF, CRLF or CR */
			rg_buf_add(b, "\\n", 2);
			if (indent)
				rg_buf_puts(b, indent);
			col = 0;
			s += s[0] == '\r' && s[1] == '\n' ? 2 : 1;
			continue;
		}
		size_t sp = 0;
		while (s[sp] == ' ')
			sp++;
		size_t w = sp;
		while (s[w] && s[w] != ' ' && s[w] != '\n' && s[w] != '\r')
			w++;
		size_t wl = u8len(s + sp, w - sp);
		if (col && col + 1 + wl > width) {
			rg_buf_add(b, "\\n", 2);
			if (indent)
				rg_buf_puts(b, indent);
			col = 0;
		} else if (col && sp) {
			rg_buf_add(b, s, sp); /* spaces as written */
			col += sp;
		}
		put_escstring(b, s + sp, w - sp);
		col += wl;
		s += w;
	}
}

/* Graphviz reads a tooltip twice: once for \n-style escapes, where "\\"
 * becomes "\", then for \N-style ones, where "\\" becomes "\" again.  A
 * backslash meant literally is therefore written four times. */
static void put_escstring_twice(rg_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			rg_buf_add(b, "\\\\\\\\", 4);
		else if (*s == '\r') {
			rg_buf_putc(b, '\n'); /* CRLF or CR: a line break */
			if (s[1] == '\n')
				s++;
		} else
			rg_buf_putc(b, *s);
	}
}

static const char *S(const builder *bd, rg_str s)
{
	return rg_model_str(bd->m, s);
}

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
static const char *unique_id(builder *bd, const char *prefix, const char *a, const char *b)
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

/* ---- labels ---- */

/* Appends ", 2013", ", 2013–2016", ", since 2013" or ", until 2016". */
static void put_span(rg_buf *t, rg_span w)
{
	char a[11], b[11];
	rg_date_format(w.start, a);
	rg_date_format(w.end, b);
	if (!*a && !*b)
		return;
	if (!*b)
		rg_buf_printf(t, ", since %s", a);
	else if (!*a)
		rg_buf_printf(t, ", until %s", b);
	else if (strcmp(a, b) == 0)
		rg_buf_printf(t, ", %s", a);
	else
		rg_buf_printf(t, ", %s\xE2\x80\x93%s", a, b);
}

/* Meetings held by phone or video are counted apart from those in
 * person, as sources count them ("met 40 times, and spoke by phone"). */
static int remote_format(const char *f)
{
	return rg_strieq(f, "phone") || rg_strieq(f, "virtual") || rg_strieq(f, "video") ||
	       rg_strieq(f, "call") || rg_strieq(f, "phone call") || rg_strieq(f, "online");
}

#define MAXFMT 8

char *rg_edge_label(const rg_model *m, const rg_view *v, const rg_edge *e)
{
	rg_buf b = {0};
	const char *kind = rg_model_str(m, e->kind);
	const rg_relation *r0 = rg_model_relation(m, v->rels[e->rel0]);
	char d[11];
	rg_str f0 = rg_model_attr(m, r0->attr0, r0->nattr, "format");
	if (e->rows == 1 && e->count == 1 &&
	    (r0->label || !f0 || !remote_format(rg_model_str(m, f0)))) {
		/* the label says what the kind does not: "invited: to dialogue" */
		if (r0->label && strcmp(kind, "related") != 0)
			rg_buf_printf(&b, "%s: ", kind);
		rg_buf_puts(&b, rg_model_str(m, r0->label ? r0->label : e->kind));
		put_span(&b, r0->when);
		if (r0->weight != 1)
			rg_buf_printf(&b, ", weight %g", r0->weight);
		return b.s;
	}
	/* Split the count into in-person and remote formats. */
	rg_str fmts[MAXFMT];
	unsigned long long counts[MAXFMT], main_count = 0;
	size_t nf = 0;
	for (uint32_t i = 0; i < e->rows; i++) {
		const rg_relation *r = rg_model_relation(m, v->rels[e->rel0 + i]);
		rg_str f = rg_model_attr(m, r->attr0, r->nattr, "format");
		if (!f || !remote_format(rg_model_str(m, f))) {
			main_count += r->count;
			continue;
		}
		size_t k = 0;
		while (k < nf && fmts[k] != f)
			k++;
		if (k == nf && nf == MAXFMT) {
			main_count += r->count;
			continue;
		}
		if (k == nf) {
			fmts[nf] = f;
			counts[nf++] = 0;
		}
		counts[k] += r->count;
	}
	const rg_edge_style *st = rg_theme_edge(kind, 0);
	unsigned th;
	int noun = rg_theme_edge_rank(kind, &th) && st->noun;
	if (main_count > 1 && noun)
		rg_buf_printf(&b, "%llu %s", main_count, st->noun);
	else if (main_count == 1 && noun && nf)
		rg_buf_printf(&b, "1 %.*s", (int)strlen(st->noun) - 1, st->noun);
	else if (main_count > 1)
		rg_buf_printf(&b, "%s \xC3\x97%llu", kind, main_count);
	else if (main_count == 1)
		rg_buf_puts(&b, kind);
	if (!main_count)
		for (size_t k = 0; k < nf; k++)
			rg_buf_printf(&b, "%s%llu %s", k ? ", " : "", counts[k], rg_model_str(m, fmts[k]));
	if (e->count > 1 && (v->from.year || v->to.year)) {
		/* a time window: the count is of the relations inside it */
		char f[11], t[11];
		rg_date_format(v->from, f);
		rg_date_format(v->to, t);
		if (!v->to.year)
			rg_buf_printf(&b, " since %s", f);
		else if (!v->from.year)
			rg_buf_printf(&b, " until %s", t);
		else if (strcmp(f, t) == 0)
			rg_buf_printf(&b, " in %s", f);
		else
			rg_buf_printf(&b, " in %s\xE2\x80\x93%s", f, t);
	} else if (e->count > 1 || e->first.year != e->last.year || e->first.month != e->last.month ||
		   e->first.day != e->last.day) {
		if (e->first.year && e->first.year != e->last.year)
			rg_buf_printf(&b, ", %d\xE2\x80\x93%d", e->first.year, e->last.year);
		else if (e->first.year)
			rg_buf_printf(&b, ", %d", e->first.year);
	} else if (e->first.year) {
		rg_date_format(e->first, d);
		rg_buf_printf(&b, ", %s", d);
	}
	if (v->weighted && e->rows > 1)
		rg_buf_printf(&b, ", weight %g", e->weight);
	if (main_count)
		for (size_t k = 0; k < nf; k++)
			rg_buf_printf(&b, "%s%llu %s", k ? ", " : "\n+ ", counts[k],
				      rg_model_str(m, fmts[k]));
	return b.s;
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

static Agiddisc_t ordered_ids = {id_open, id_map, id_alloc, id_free,
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

/* Sets a subgraph's own attribute (agsafeset takes char *, not const). */
static void sset(Agraph_t *sub, const char *name, const char *value)
{
	agsafeset(sub, (char *)name, (char *)value, (char *)"");
}

/* Sets an attribute; a value never made (an empty rg_buf, such as the
 * slug of a kind that is all punctuation) is the empty string, never a
 * NULL that cgraph's writer would read (found by fuzzing). */
static void set(void *obj, Agsym_t *sym, const char *value)
{
	agxset(obj, sym, (char *)(value ? value : ""));
}

static void declare(builder *bd)
{
	Agraph_t *g = bd->g;
	int dot = strcmp(bd->o->engine, "dot") == 0;
	gset(g, "fontname", RG_FONT);
	gset(g, "fontsize", "11");
	gset(g, "pad", "0.2");
	gset(g, "margin", "0"); /* PDF and PS: the page is the drawing */
	gset(g, "nodesep", "0.35");
	gset(g, "ranksep", "0.55");
	gset(g, "newrank", "true");
	gset(g, "outputorder", "edgesfirst");
	if (dot) {
		gset(g, "rankdir", bd->o->rankdir ? bd->o->rankdir : "TB");
		gset(g, "splines", "true");
	} else {
		/* edges curved around nodes: the force engines' spline routing
		 * grows so fast (a minute and more for 300 nodes round a hub)
		 * that past a few hundred nodes and edges they are straight */
		int curved = !bd->o->large && bd->v->nnodes + bd->v->nedges <= 300;
		gset(g, "overlap", bd->o->large ? "prism" : "false");
		gset(g, "splines", curved ? "true" : "false");
		gset(g, "sep", "+6");
		gset(g, "start", "1");
		gset(g, "forcelabels", "true");
	}
	if (bd->o->title && *bd->o->title) {
		rg_buf t = {0};
		put_wrapped(&t, bd->o->title, 80, NULL);
		gset(g, "label", t.s);
		gset(g, "labelloc", "t");
		gset(g, "labeljust", "c");
		gset(g, "fontsize", "16");
		free(t.s);
	}
	bd->n_id = nsym(g, "id", "");
	bd->n_class = nsym(g, "class", "");
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
	nsym(g, "fontname", RG_FONT);
	nsym(g, "margin", "0.1,0.05");
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

static void style_node(builder *bd, Agnode_t *n, const rg_node_style *st)
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

static void style_edge(builder *bd, Agedge_t *e, const rg_edge_style *st)
{
	set(e, bd->e_color, st->color);
	set(e, bd->e_fcolor, st->color);
	set(e, bd->e_style, st->style);
}

static void entity_tooltip(builder *bd, rg_buf *t, const rg_entity *en)
{
	const rg_model *m = bd->m;
	put_escstring_twice(t, S(bd, en->label ? en->label : en->id));
	rg_buf_printf(t, "\n%s", S(bd, en->kind));
	put_span(t, en->when);
	if (en->country) {
		rg_buf_puts(t, "\ncountry: ");
		put_escstring_twice(t, S(bd, en->country));
	}
	if (en->description) {
		rg_buf_putc(t, '\n');
		put_escstring_twice(t, S(bd, en->description));
	}
	const rg_attr *at = rg_model_attrs(m);
	for (uint32_t i = en->attr0; i < en->attr0 + en->nattr; i++) {
		rg_buf_printf(t, "\n%s: ", S(bd, at[i].key));
		put_escstring_twice(t, S(bd, at[i].value));
	}
}

/* A name for a legend node that no data node has. */
static Agnode_t *legend_node(builder *bd, Agraph_t *sub, const char *what, const char *kind)
{
	rg_buf name = {0};
	rg_buf_printf(&name, "legend: %s %s", what, kind);
	while (agnode(bd->g, name.s, 0))
		rg_buf_putc(&name, '\'');
	Agnode_t *n = agnode(sub, name.s, 1);
	set(n, bd->n_id, unique_id(bd, "legend-", what, kind));
	set(n, bd->n_class, "legend");
	free(name.s);
	return n;
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
	agsafeset(n, (char *)"fixedsize", (char *)"true", (char *)"");
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
		Agnode_t *n = legend_node(bd, bd->g, "corner", k ? "2" : "1");
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
	rg_str v = 0;
	if (rg_strieq(f, "country")) {
		if (en->country) {
			uint32_t c = rg_find_entity(m, S(bd, en->country));
			if (c == RG_NONE)
				return S(bd, en->country);
			en = rg_model_entity(m, c);
			return S(bd, en->label ? en->label : en->id);
		}
	} else if (rg_strieq(f, "group")) {
		v = en->group;
	} else if (rg_strieq(f, "kind")) {
		v = en->kind;
	} else {
		v = rg_model_attr(m, en->attr0, en->nattr, f);
	}
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
		put_wrapped(&lb, value, 40, NULL);
		sset(c, "label", lb.s);
		sset(c, "style", "rounded,filled");
		sset(c, "fillcolor", "#F4F4F4");
		sset(c, "color", "#BBBBBB");
		sset(c, "fontcolor", "#444444");
		sset(c, "id", unique_id(bd, "cluster-", value, NULL));
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
	for (size_t i = 0; i < bd->v->nnodes; i++) {
		const rg_entity *en = rg_model_entity(m, bd->v->nodes[i]);
		Agnode_t *n = agnode(bd->g, (char *)S(bd, en->id), 1);
		map[bd->v->nodes[i]] = n;
		if (bd->o->cluster_by && *cluster_value(bd, en))
			agsubnode(cluster_of(bd, cluster_value(bd, en)), n, 1);
		kind_use *k = kind_of(bd->nk, bd->nnk, en->kind);
		set(n, bd->n_id, unique_id(bd, "", S(bd, en->id), NULL));
		rg_buf_reset(&lb);
		put_slug(&lb, S(bd, en->kind));
		set(n, bd->n_class, lb.s);
		style_node(bd, n, k->style);

		rg_buf_reset(&lb);
		put_wrapped(&lb, S(bd, en->label ? en->label : en->id), WRAP, NULL);
		if ((strcmp(S(bd, en->kind), "agreement") == 0 || strcmp(S(bd, en->kind), "event") == 0) &&
		    en->when.start.year) {
			char d[11];
			rg_date_format(en->when.start, d);
			rg_buf_printf(&lb, "\\n%s", d);
		}
		set(n, bd->n_label, lb.s);
		rg_buf_reset(&tt);
		entity_tooltip(bd, &tt, en);
		set(n, bd->n_tooltip, tt.s);
		if (en->url) /* only safe links reach the model */
			set(n, bd->n_url, S(bd, en->url));
		if (bd->p->pins)
			pin_node(bd, n, &bd->p->pins[bd->v->nodes[i]],
				 bd->p->state ? bd->p->state[bd->v->nodes[i]] : RG_SHOW);
	}
	free(lb.s);
	free(tt.s);
	return map;
}

/* The rows behind an edge, one line each with their dates and other
 * columns (place, source, ...), for the tooltip. */
#define TOOLTIP_ROWS 12

static void relation_lines(builder *bd, rg_buf *t, const rg_edge *x)
{
	const rg_attr *at = rg_model_attrs(bd->m);
	for (uint32_t i = 0; i < x->rows; i++) {
		if (i == TOOLTIP_ROWS) {
			rg_buf_printf(t, "\n... and %u more", x->rows - TOOLTIP_ROWS);
			break;
		}
		const rg_relation *r = rg_model_relation(bd->m, bd->v->rels[x->rel0 + i]);
		/* a lone relation's date and weight are in the label already */
		if (!r->nattr && (x->rows == 1 || (!r->when.start.year && !r->when.end.year &&
						   r->count == 1 && r->weight == 1)))
			continue;
		rg_buf_puts(t, "\n\xE2\x80\xA2 ");
		size_t mark = t->len;
		put_span(t, r->when);
		if (t->len > mark) {
			/* put_span starts with ", " */
			memmove(t->s + mark, t->s + mark + 2, t->len - mark - 2);
			t->len -= 2;
			t->s[t->len] = '\0';
		}
		if (r->count > 1)
			rg_buf_printf(t, "%s%lu times", t->len > mark ? ", " : "", (unsigned long)r->count);
		if (r->weight != 1)
			rg_buf_printf(t, "%sweight %g", t->len > mark ? ", " : "", r->weight);
		for (uint32_t k = r->attr0; k < r->attr0 + r->nattr; k++) {
			rg_buf_puts(t, t->len > mark ? "; " : "");
			rg_buf_printf(t, "%s: ", S(bd, at[k].key));
			put_escstring_twice(t, S(bd, at[k].value));
		}
	}
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
static const char *rankdir(const builder *bd)
{
	const char *dir = bd->o->rankdir ? bd->o->rankdir : "TB";
	for (size_t i = 0; i < bd->o->ngset; i++)
		if (strcmp(bd->o->gset[i].name, "rankdir") == 0)
			dir = bd->o->gset[i].value;
	return dir;
}

typedef struct {
	uint32_t lo, hi;
	size_t i;
} end_pair;

static int by_pair(const void *x, const void *y)
{
	const end_pair *p = x, *q = y;
	if (p->lo != q->lo)
		return p->lo < q->lo ? -1 : 1;
	if (p->hi != q->hi)
		return p->hi < q->hi ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

/* Engines other than dot draw the edges between two nodes side by side
 * with their labels on top of each other: the first edge of such a pair
 * carries all their labels, one per line. */
static void combine_pair_labels(const rg_view *v, char **shown)
{
	end_pair *p = rg_xmalloc((v->nedges ? v->nedges : 1) * sizeof *p);
	for (size_t i = 0; i < v->nedges; i++) {
		uint32_t a = v->edges[i].a, b = v->edges[i].b;
		p[i] = (end_pair){a < b ? a : b, a < b ? b : a, i};
	}
	qsort(p, v->nedges, sizeof *p, by_pair);
	for (size_t i = 0; i < v->nedges;) {
		size_t j = i;
		while (j < v->nedges && p[j].lo == p[i].lo && p[j].hi == p[i].hi)
			j++;
		size_t lead = SIZE_MAX;
		rg_buf all = {0};
		for (size_t k = i; k < j; k++) {
			char **s = &shown[p[k].i];
			if (!*s)
				continue;
			if (lead == SIZE_MAX)
				lead = p[k].i;
			rg_buf_printf(&all, "%s%s", all.len ? "\\n" : "", *s);
			free(*s);
			*s = NULL;
		}
		if (lead != SIZE_MAX)
			shown[lead] = all.s;
		i = j;
	}
	free(p);
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
		Agedge_t *e = agedge(bd->g, map[x->a], map[x->b], NULL, 1);
		made[i] = e;
		kind_use *k = kind_of(bd->ek, bd->nek, x->kind);
		set(e, bd->e_id, unique_id(bd, "", S(bd, ea->id), S(bd, eb->id)));
		rg_buf_reset(&lb);
		put_slug(&lb, S(bd, x->kind));
		set(e, bd->e_class, lb.s);
		style_edge(bd, e, k->style);
		if (!x->directed)
			set(e, bd->e_dir, "none");
		char num[32];
		snprintf(num, sizeof num, "%.2f", pen_width(v, x));
		set(e, bd->e_pen, num);
		if (x->count > 1) {
			snprintf(num, sizeof num, "%u", (unsigned)(x->count > 100 ? 100 : x->count));
			set(e, bd->e_weight, num);
		}
		char *label = rg_edge_label(m, v, x);
		const rg_relation *r0 = rg_model_relation(m, v->rels[x->rel0]);
		const char *kn = S(bd, x->kind);
		/* a single leads, signed or plain related edge says nothing the
		 * legend does not */
		int quiet = x->count == 1 && !r0->label &&
			    (strcmp(kn, "leads") == 0 || strcmp(kn, "signed") == 0 ||
			     (strcmp(kn, "related") == 0 && !x->first.year));
		int show = bd->o->edge_labels == RG_LABELS_ALL ||
			   (bd->o->edge_labels == RG_LABELS_AUTO && !quiet &&
			    (bd->labels || (x->count > 1 && v->nedges <= 4 * AUTO_LABEL_EDGES)));
		if (show) {
			rg_buf_reset(&lb);
			/* dot puts a label beside its edge's centre line: keep a
			 * thick line off the text (to its left when ranks run top
			 * to bottom, below it when they run across) */
			int thick = pen_width(v, x) > 2.5;
			put_wrapped(&lb, label, 40,
				    !bd->dot || bd->across ? NULL : thick ? "    " : "  ");
			if (bd->dot && bd->across && thick)
				rg_buf_puts(&lb, "\\n ");
			shown[i] = rg_xstrdup(lb.s);
		}
		rg_buf_reset(&tt);
		put_escstring_twice(&tt, S(bd, ea->label ? ea->label : ea->id));
		rg_buf_puts(&tt, x->directed ? " \xE2\x86\x92 " : " \xE2\x80\x93 ");
		put_escstring_twice(&tt, S(bd, eb->label ? eb->label : eb->id));
		rg_buf_puts(&tt, ": ");
		put_escstring_twice(&tt, label);
		relation_lines(bd, &tt, x);
		set(e, bd->e_tooltip, tt.s);
		free(label);
	}
	if (!bd->dot && !bd->p->pins) /* pinned frames reuse dot's label places */
		combine_pair_labels(v, shown);
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

/* The legend is a cluster of rows (ranks) of at most LEGEND_ROW samples,
 * as even as they can be (4 kinds are two rows of two, not 3 and 1): a
 * node of each kind present, then a short line for each relation kind
 * with its name above it.  Invisible edges keep the rows and the samples
 * in order; rows share their rank with the diagram, so few rows keep the
 * legend compact. */
#define LEGEND_ROW 3

typedef struct {
	builder *bd;
	Agraph_t *L, *row;
	Agnode_t *row_first, *last;
	int in_row, rows, per_row;
} legend;

static int even_rows(size_t entries)
{
	size_t rows = (entries + LEGEND_ROW - 1) / LEGEND_ROW;
	return rows ? (int)((entries + rows - 1) / rows) : LEGEND_ROW;
}

/* How many samples a section draws: kinds sharing one style are one. */
static size_t entries(const kind_use *k, size_t n, int shared_style)
{
	size_t e = 0;
	for (size_t i = 0; i < n; i++)
		e += !(shared_style && k[i].rank >= 1000 && i && k[i - 1].rank >= 1000);
	return e;
}

static Agraph_t *legend_slot(legend *lg, int newrow)
{
	if (!lg->row || lg->in_row == lg->per_row || newrow) {
		char name[32];
		snprintf(name, sizeof name, "legend row %d", ++lg->rows);
		lg->row = agsubg(lg->L, name, 1);
		sset(lg->row, "rank", "same");
		lg->in_row = 0;
	}
	lg->in_row++;
	return lg->row;
}

/* Links n after the previous sample: in its row, or below the row before. */
static void legend_link(legend *lg, Agnode_t *first, Agnode_t *last)
{
	builder *bd = lg->bd;
	if (lg->in_row == 1) {
		if (lg->row_first)
			set(agedge(lg->L, lg->row_first, first, NULL, 1), bd->e_style, "invis");
		lg->row_first = first;
	} else if (lg->last) {
		set(agedge(lg->row, lg->last, first, NULL, 1), bd->e_style, "invis");
	}
	lg->last = last;
}

/* The legend's line for the relation kinds that share one style: their
 * edges say their kind when they carry labels. */
static const char *shared_text(const builder *bd)
{
	if (bd->o->edge_labels == RG_LABELS_ALL || (bd->o->edge_labels == RG_LABELS_AUTO && bd->labels))
		return "other relations\\n(named on the edge)";
	return "other relations\\n(named in the tooltips)";
}

static void add_legend_cluster(builder *bd)
{
	legend lg = {bd, NULL, NULL, NULL, NULL, 0, 0, 0};
	lg.per_row = even_rows(entries(bd->nk, bd->nnk, bd->shared_node_style));
	lg.L = agsubg(bd->g, (char *)"cluster_legend", 1);
	sset(lg.L, "label", "Legend");
	sset(lg.L, "style", "rounded");
	sset(lg.L, "color", "#999999");
	sset(lg.L, "fontsize", "12");
	sset(lg.L, "margin", "10");
	char buf[64];
	for (size_t i = 0; i < bd->nnk; i++) {
		const char *k = S(bd, bd->nk[i].kind);
		int shared = bd->nk[i].rank >= 1000 && bd->shared_node_style;
		if (shared && i && bd->nk[i - 1].rank >= 1000)
			continue;
		Agraph_t *row = legend_slot(&lg, 0);
		Agnode_t *n = legend_node(bd, row, "node", shared ? "other kinds" : k);
		style_node(bd, n, bd->nk[i].style);
		rg_buf lb = {0};
		if (shared)
			rg_buf_puts(&lb, "other kinds");
		else
			put_escstring(&lb, k, strlen(k));
		set(n, bd->n_label, lb.s);
		free(lb.s);
		snprintf(buf, sizeof buf, "%zu in the diagram", bd->nk[i].count);
		set(n, bd->n_tooltip, buf);
		set(n, bd->n_fsize, "10");
		legend_link(&lg, n, n);
	}
	int shared_done = 0;
	size_t edge_entries = entries(bd->ek, bd->nek, bd->shared_edge_style);
	for (size_t i = 0; i < bd->nek; i++) {
		const char *k = S(bd, bd->ek[i].kind);
		int shared = bd->ek[i].rank >= 1000 && bd->shared_edge_style;
		if (shared && shared_done++)
			continue;
		if (i == 0)
			lg.per_row = even_rows(edge_entries);
		Agraph_t *row = legend_slot(&lg, i == 0);
		Agnode_t *a = legend_node(bd, row, "edge", shared ? "other" : k);
		Agnode_t *b = legend_node(bd, row, "edge-end", shared ? "other" : k);
		for (Agnode_t *n = a; n; n = n == a ? b : NULL) {
			set(n, bd->n_shape, "point");
			set(n, bd->n_width, "0.02");
			set(n, bd->n_height, "0.02");
			set(n, bd->n_style, "invis");
		}
		rg_buf lb = {0};
		if (shared)
			rg_buf_puts(&lb, shared_text(bd));
		else
			put_escstring(&lb, k, strlen(k));
		Agedge_t *e = agedge(row, a, b, NULL, 1);
		style_edge(bd, e, bd->ek[i].style);
		set(e, bd->e_label, lb.s);
		set(e, bd->e_fcolor, "#000000");
		set(e, bd->e_pen, "1.6");
		set(e, bd->e_dir, "none");
		set(e, bd->e_class, "legend");
		set(e, bd->e_minlen, "1");
		free(lb.s);
		legend_link(&lg, a, b);
	}
}

/* Engines other than dot ignore clusters, so there the legend is one node
 * holding a table: a swatch of each node kind's colour, a line drawn in
 * each relation kind's colour and style. */
static void add_legend_table(builder *bd)
{
	rg_buf b = {0};
	rg_buf_puts(&b, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" "
			"STYLE=\"ROUNDED\" COLOR=\"#999999\" BGCOLOR=\"#FFFFFF\">"
			"<TR><TD COLSPAN=\"2\">Legend</TD></TR>");
	for (size_t i = 0; i < bd->nnk; i++) {
		const rg_node_style *st = bd->nk[i].style;
		int shared = bd->nk[i].rank >= 1000 && bd->shared_node_style;
		if (shared && i && bd->nk[i - 1].rank >= 1000)
			continue;
		rg_buf_printf(&b, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"28\" HEIGHT=\"14\"> </TD>"
				  "<TD ALIGN=\"LEFT\">", st->fill);
		if (shared)
			rg_buf_puts(&b, "other kinds");
		else
			rg_buf_xml_as(&b, S(bd, bd->nk[i].kind), RG_XML_HTML_LABEL);
		rg_buf_printf(&b, " (%s)</TD></TR>", st->shape);
	}
	int shared_done = 0;
	for (size_t i = 0; i < bd->nek; i++) {
		const rg_edge_style *st = bd->ek[i].style;
		int shared = bd->ek[i].rank >= 1000 && bd->shared_edge_style;
		if (shared && shared_done++)
			continue;
		const char *line = strcmp(st->style, "dashed") == 0   ? "- - - -"
				   : strcmp(st->style, "dotted") == 0 ? "&#183; &#183; &#183; &#183;"
								      : "&#8212;&#8212;&#8212;";
		rg_buf_printf(&b, "<TR><TD><FONT COLOR=\"%s\"><B>%s</B></FONT></TD><TD ALIGN=\"LEFT\">",
			      st->color, line);
		if (shared) {
			char *t = rg_xstrdup(shared_text(bd));
			for (char *p = strstr(t, "\\n"); p; p = strstr(p, "\\n"))
				memmove(p, p + 1, strlen(p)), *p = ' ';
			rg_buf_xml_as(&b, t, RG_XML_HTML_LABEL);
			free(t);
		}
		else
			rg_buf_xml_as(&b, S(bd, bd->ek[i].kind), RG_XML_HTML_LABEL);
		rg_buf_puts(&b, "</TD></TR>");
	}
	rg_buf_puts(&b, "</TABLE>");
	Agnode_t *n = legend_node(bd, bd->g, "table", "");
	if (bd->p->legend_pin.set) {
		rg_pin p = bd->p->legend_pin;
		char buf[64];
		snprintf(buf, sizeof buf, "%.2f,%.2f", p.x, p.y);
		agsafeset(n, (char *)"pos", buf, (char *)"");
	}
	set(n, bd->n_shape, "plaintext");
	set(n, bd->n_style, "solid");
	set(n, bd->n_fsize, "10");
	char *h = agstrdup_html(bd->g, b.s);
	set(n, bd->n_label, h);
	agstrfree(bd->g, h);
	free(b.s);
}

/* A legend of one grey "other" node and one plain "related" line (an
 * edge list with no kinds at all) would explain nothing. */
static int says_something(const builder *bd)
{
	for (size_t i = 0; i < bd->nnk; i++)
		if (strcmp(S(bd, bd->nk[i].kind), "other") != 0)
			return 1;
	for (size_t i = 0; i < bd->nek; i++)
		if (strcmp(S(bd, bd->ek[i].kind), "related") != 0)
			return 1;
	return 0;
}

static void add_legend(builder *bd)
{
	if (!says_something(bd))
		return;
	/* the cluster's rows of samples read well top to bottom only */
	if (bd->dot && !bd->o->legend_table && rg_strieq(rankdir(bd), "TB"))
		add_legend_cluster(bd);
	else
		add_legend_table(bd);
}

/* -N and -E settings change the legend's samples too, so that they still
 * look like the drawing, but never its text or identity. */
static int legend_own(const char *attr)
{
	static const char *const own[] = {"label", "xlabel", "id", "class", "tooltip", "URL",
					  "href", "style", NULL};
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
	bd.across = !rg_strieq(rankdir(&bd), "TB") && !rg_strieq(rankdir(&bd), "BT");
	collect_kinds(&bd);
	declare(&bd);
	Agnode_t **map = add_nodes(&bd);
	add_edges(&bd, map);
	if (o->legend)
		add_legend(&bd);
	if (bd.p->pins && bd.p->canvas[2] > bd.p->canvas[0])
		add_canvas(&bd);
	apply_settings(&bd);
	free(map);
	for (size_t i = 0; i < bd.capids; i++)
		free(bd.ids[i].id);
	free(bd.ids);
	free(bd.nk);
	free(bd.ek);
	return bd.g;
}

/* Most first, then by name: a stable order for stable bytes. */
static int most_first(const void *a, const void *b)
{
	const rg_kind_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Appends "(a 3, b 2)": the n kinds of k, most first, at most six named;
 * k is sorted in place. */
static void describe_kinds(rg_buf *b, rg_kind_count *k, size_t n)
{
	if (!n)
		return;
	qsort(k, n, sizeof *k, most_first);
	rg_buf_puts(b, " (");
	for (size_t i = 0; i < n && i < 6; i++)
		rg_buf_printf(b, "%s%s %llu", i ? ", " : "", k[i].name,
			      (unsigned long long)k[i].count);
	if (n > 6)
		rg_buf_printf(b, ", %zu more kinds", n - 6);
	rg_buf_puts(b, ")");
}

char *rg_build_describe(const rg_model *m, const rg_view *v)
{
	rg_buf b = {0};
	rg_kinds *kinds = rg_view_kinds(m, v);
	rg_date first = {0}, last = {0};
	rg_buf_printf(&b, "%zu %s", v->nnodes, v->nnodes == 1 ? "node" : "nodes");
	describe_kinds(&b, kinds->nodes, kinds->nnodes);
	/* edges by what they stand for: the 40 meetings of one merged edge
	 * count 40 */
	uint64_t rels = 0;
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *e = &v->edges[i];
		rels += e->count;
		if (e->first.year && (!first.year || rg_date_first_day(e->first) < rg_date_first_day(first)))
			first = e->first;
		if (e->last.year && (!last.year || rg_date_last_day(e->last) > rg_date_last_day(last)))
			last = e->last;
	}
	rg_buf_printf(&b, " and %zu %s", v->nedges, v->nedges == 1 ? "edge" : "edges");
	if (rels != v->nedges)
		rg_buf_printf(&b, " for %llu relations", (unsigned long long)rels);
	describe_kinds(&b, kinds->rels, kinds->nrels);
	rg_kinds_free(kinds);
	if (first.year) {
		if (first.year == last.year)
			rg_buf_printf(&b, ", dated %d", first.year);
		else
			rg_buf_printf(&b, ", dated %d\xe2\x80\x93%d", first.year, last.year);
	}
	rg_buf_puts(&b, ".");
	return b.s;
}
