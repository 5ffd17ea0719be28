/* stats.c: counts, degrees, pairs and components of a view (see stats.h). */
#include "relgraph/stats.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A report is a list of rows of the same columns; the table form pads
 * them, the CSV form quotes them. */
enum {
	COL_SECTION,
	COL_NAME,
	COL_OTHER,
	COL_KIND,
	COL_COUNT,
	COL_DEGREE,
	COL_FIRST,
	COL_LAST,
	NCOLS
};
static const char *const col_names[NCOLS] = {"section", "name",	  "other", "kind",
					     "count",	"degree", "first", "last"};

typedef struct {
	char *c[NCOLS];
} row;

typedef struct {
	row *v;
	size_t n, cap;
} rows;

static void add(rows *r, const char *section, const char *name, const char *other, const char *kind,
		long count, long degree, rg_date first, rg_date last)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = rg_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	row *x = &r->v[r->n++];
	char d[11];
	x->c[COL_SECTION] = rg_xstrdup(section);
	x->c[COL_NAME] = rg_xstrdup(name ? name : "");
	x->c[COL_OTHER] = rg_xstrdup(other ? other : "");
	x->c[COL_KIND] = rg_xstrdup(kind ? kind : "");
	x->c[COL_COUNT] = count >= 0 ? rg_asprintf("%ld", count) : rg_xstrdup("");
	x->c[COL_DEGREE] = degree >= 0 ? rg_asprintf("%ld", degree) : rg_xstrdup("");
	rg_date_format(first, d);
	x->c[COL_FIRST] = rg_xstrdup(d);
	rg_date_format(last, d);
	x->c[COL_LAST] = rg_xstrdup(d);
}

static const rg_date NODATE = {0, 0, 0};

static const char *name_of(const rg_model *m, uint32_t e)
{
	const rg_entity *x = rg_model_entity(m, e);
	return rg_model_str(m, x->label ? x->label : x->id);
}

typedef struct {
	uint32_t a, b;
	long count;
	rg_date first, last;
} pair;

static int by_count(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->count != q->count)
		return p->count < q->count ? 1 : -1;
	/* ties in a fixed order: the report is the same for the same input */
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

static int by_ends(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Most first; ties in order of first use. */
static int kind_by_count(const void *x, const void *y)
{
	const rg_kind_count *p = x, *q = y;
	if (p->count != q->count)
		return p->count < q->count ? 1 : -1;
	return (p->order > q->order) - (p->order < q->order);
}

static void span(rg_date *first, rg_date *last, rg_date lo, rg_date hi)
{
	if (lo.year && (!first->year || rg_date_cmp_lo(lo, *first) < 0))
		*first = lo;
	if (hi.year && (!last->year || rg_date_cmp_hi(hi, *last) > 0))
		*last = hi;
}

static uint32_t find_root(uint32_t *up, uint32_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

/* Sorts p by ends and adds up the entries of one pair; returns how many
 * pairs remain. */
static size_t merge_pairs(pair *p, size_t n)
{
	qsort(p, n, sizeof *p, by_ends);
	size_t np = 0;
	for (size_t i = 0; i < n; i++) {
		if (np && p[np - 1].a == p[i].a && p[np - 1].b == p[i].b) {
			p[np - 1].count += p[i].count;
			span(&p[np - 1].first, &p[np - 1].last, p[i].first, p[i].last);
		} else {
			p[np++] = p[i];
		}
	}
	return np;
}

/* A gathering of more attendees than this (a conference, a congress) is
 * not counted as a meeting of every two of them: they did not all meet,
 * and its pairs would be half a million or more. */
#define MAX_SHARED_MEETING 1000
/* Shared meetings are added up whenever this many pairs are waiting, so
 * that memory grows with the distinct pairs, not with the meetings. */
#define PAIRS_BEFORE_MERGE (1u << 20)

/* One attendance of a meeting drawn as a node: who, at which meeting
 * node, from which row (one row is one meeting, or count of them). */
typedef struct {
	uint32_t hub, who, file, line, count;
	rg_span when;
} attendance;

static int by_meeting(const void *x, const void *y)
{
	const attendance *p = x, *q = y;
	if (p->hub != q->hub)
		return p->hub < q->hub ? -1 : 1;
	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return (p->who > q->who) - (p->who < q->who);
}

/* Pairs count every meeting two people shared, drawn as an edge between
 * them or, for a meeting of many, as a node each attended: appends to
 * p[0..*n) a pair for every two attendees of one meeting row, both in the
 * view.  Returns the grown array.  Owner: the semantics of counts. */
static pair *shared_meetings(const rg_model *m, const rg_view *v, pair *p, size_t *n)
{
	rg_str attended = rg_model_lookup(m, "attended");
	if (!attended)
		return p;
	size_t na = 0;
	for (size_t e = 0; e < v->nedges; e++)
		if (v->edges[e].kind == attended)
			na += v->edges[e].rows;
	if (!na)
		return p;
	attendance *a = rg_xmalloc(na * sizeof *a);
	na = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		if (v->edges[e].kind != attended)
			continue;
		for (uint32_t k = 0; k < v->edges[e].rows; k++) {
			const rg_relation *r = rg_model_relation(m, v->rels[v->edges[e].rel0 + k]);
			a[na++] = (attendance){r->b,	      r->a,	r->where.file,
					       r->where.line, r->count, r->when};
		}
	}
	qsort(a, na, sizeof *a, by_meeting);
	size_t cap = *n, merge_at = PAIRS_BEFORE_MERGE;
	for (size_t i = 0, j; i < na; i = j) {
		for (j = i + 1; j < na && a[j].hub == a[i].hub && a[j].file == a[i].file &&
				a[j].line == a[i].line;
		     j++)
			;
		if (j - i > MAX_SHARED_MEETING)
			continue;
		if (*n > merge_at) {
			*n = merge_pairs(p, *n);
			merge_at = *n + PAIRS_BEFORE_MERGE;
		}
		for (size_t x = i; x < j; x++)
			for (size_t y = x + 1; y < j; y++) {
				if (a[x].who == a[y].who)
					continue;
				if (*n == cap) {
					cap = cap ? 2 * cap : 64;
					p = rg_xrealloc(p, cap * sizeof *p);
				}
				rg_span w = a[x].when;
				pair *q = &p[(*n)++];
				memset(q, 0, sizeof *q);
				q->a = a[x].who; /* sorted: a[x].who < a[y].who */
				q->b = a[y].who;
				q->count = a[x].count;
				span(&q->first, &q->last, w.start.year ? w.start : w.end,
				     w.end.year ? w.end : w.start);
			}
	}
	free(a);
	return p;
}

static void collect(const rg_model *m, const rg_view *v, size_t top, rows *out)
{
	size_t nent = rg_model_nentities(m);
	rg_kinds *kinds = rg_view_kinds(m, v);
	rg_kind_count *nk = kinds->nodes, *ek = kinds->rels;
	size_t nnk = kinds->nnodes, nek = kinds->nrels;
	if (nnk)
		qsort(nk, nnk, sizeof *nk, kind_by_count);
	for (size_t i = 0; i < nnk; i++)
		add(out, "nodes", nk[i].name, NULL, NULL, (long)nk[i].count, -1, NODATE, NODATE);
	if (nek)
		qsort(ek, nek, sizeof *ek, kind_by_count);
	for (size_t i = 0; i < nek; i++)
		add(out, "relations", ek[i].name, NULL, NULL, (long)ek[i].count, -1, ek[i].first,
		    ek[i].last);
	rg_kinds_free(kinds);

	/* degree: distinct edges drawn, and the relations they stand for */
	long *deg = rg_xcalloc(nent ? nent : 1, sizeof *deg);
	long *rels = rg_xcalloc(nent ? nent : 1, sizeof *rels);
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *e = &v->edges[i];
		deg[e->a]++;
		rels[e->a] += e->count;
		if (e->b != e->a) {
			deg[e->b]++;
			rels[e->b] += e->count;
		}
	}
	pair *byd = rg_xcalloc(v->nnodes ? v->nnodes : 1, sizeof *byd);
	for (size_t i = 0; i < v->nnodes; i++) {
		byd[i].a = v->nodes[i];
		byd[i].count = rels[v->nodes[i]];
	}
	qsort(byd, v->nnodes, sizeof *byd, by_count);
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t n = byd[i].a;
		add(out, "degree", name_of(m, n), NULL,
		    rg_model_str(m, rg_model_entity(m, n)->kind), rels[n], deg[n], NODATE, NODATE);
	}
	free(byd);

	/* pairs: every kind of relation between two entities, either way;
	 * sorting the edges by their ends brings each pair together */
	pair *p = rg_xcalloc(v->nedges ? v->nedges : 1, sizeof *p);
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *e = &v->edges[i];
		p[i].a = e->a < e->b ? e->a : e->b;
		p[i].b = e->a < e->b ? e->b : e->a;
		p[i].count = e->count;
		p[i].first = e->first;
		p[i].last = e->last;
	}
	size_t npairs = v->nedges;
	p = shared_meetings(m, v, p, &npairs);
	size_t np = merge_pairs(p, npairs);
	qsort(p, np, sizeof *p, by_count);
	for (size_t i = 0; i < np && (!top || i < top); i++)
		add(out, "pair", name_of(m, p[i].a), name_of(m, p[i].b), NULL, p[i].count, -1,
		    p[i].first, p[i].last);

	for (size_t i = 0; i < v->nnodes; i++)
		if (!deg[v->nodes[i]])
			add(out, "isolated", name_of(m, v->nodes[i]), NULL,
			    rg_model_str(m, rg_model_entity(m, v->nodes[i])->kind), -1, 0, NODATE,
			    NODATE);

	/* components, largest first, named by their best-connected member */
	uint32_t *up = rg_xmalloc((nent ? nent : 1) * sizeof *up);
	for (size_t i = 0; i < nent; i++)
		up[i] = (uint32_t)i;
	for (size_t i = 0; i < v->nedges; i++)
		up[find_root(up, v->edges[i].a)] = find_root(up, v->edges[i].b);
	long *size = rg_xcalloc(nent ? nent : 1, sizeof *size);
	uint32_t *hub = rg_xmalloc((nent ? nent : 1) * sizeof *hub);
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t n = v->nodes[i], r = find_root(up, n);
		if (!size[r]++ || deg[n] > deg[hub[r]])
			hub[r] = n;
	}
	pair *c = rg_xcalloc(v->nnodes ? v->nnodes : 1, sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		uint32_t r = find_root(up, v->nodes[i]);
		if (size[r] && r == find_root(up, hub[r]) && hub[r] == v->nodes[i]) {
			c[nc].a = hub[r];
			c[nc].count = size[r];
			nc++;
		}
	}
	qsort(c, nc, sizeof *c, by_count);
	for (size_t i = 0; i < nc; i++)
		add(out, "component", name_of(m, c[i].a), NULL, NULL, c[i].count, -1, NODATE,
		    NODATE);

	free(c);
	free(hub);
	free(size);
	free(up);
	free(p);
	free(deg);
	free(rels);
}

static void csv_field(rg_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		rg_buf_puts(b, s);
		return;
	}
	rg_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			rg_buf_putc(b, '"');
		rg_buf_putc(b, *s);
	}
	rg_buf_putc(b, '"');
}

static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* The table form: one block per section, columns padded, only the columns
 * the section uses. */
static void table(rg_buf *b, const rows *r)
{
	static const struct {
		const char *section, *title;
		int cols[6];
	} layout[] = {
		{"nodes", "Nodes per kind", {COL_NAME, COL_COUNT, -1}},
		{"relations", "Relations per kind", {COL_NAME, COL_COUNT, COL_FIRST, COL_LAST, -1}},
		{"pair",
		 "Most frequent pairs",
		 {COL_NAME, COL_OTHER, COL_COUNT, COL_FIRST, COL_LAST, -1}},
		{"degree",
		 "Degree (edges drawn; relations they stand for)",
		 {COL_NAME, COL_KIND, COL_DEGREE, COL_COUNT, -1}},
		{"isolated", "Isolated nodes", {COL_NAME, COL_KIND, -1}},
		{"component",
		 "Connected components (by their best-connected member)",
		 {COL_NAME, COL_COUNT, -1}},
	};
	static const char *const heads[NCOLS] = {"",	  "name",   "with",  "kind",
						 "count", "degree", "first", "last"};
	int first = 1;
	for (size_t s = 0; s < sizeof layout / sizeof *layout; s++) {
		size_t w[NCOLS] = {0};
		size_t n = 0;
		for (int k = 0; layout[s].cols[k] >= 0; k++)
			w[layout[s].cols[k]] = width(heads[layout[s].cols[k]]);
		for (size_t i = 0; i < r->n; i++) {
			if (strcmp(r->v[i].c[COL_SECTION], layout[s].section) != 0)
				continue;
			n++;
			for (int k = 0; layout[s].cols[k] >= 0; k++) {
				int c = layout[s].cols[k];
				if (width(r->v[i].c[c]) > w[c])
					w[c] = width(r->v[i].c[c]);
			}
		}
		if (!n)
			continue;
		rg_buf_printf(b, "%s%s\n", first ? "" : "\n", layout[s].title);
		first = 0;
		for (size_t i = (size_t)-1; i == (size_t)-1 || i < r->n; i++) {
			const char *const *cells =
				i == (size_t)-1 ? heads : (const char *const *)r->v[i].c;
			if (i != (size_t)-1 &&
			    strcmp(r->v[i].c[COL_SECTION], layout[s].section) != 0)
				continue;
			rg_buf_puts(b, " ");
			for (int k = 0; layout[s].cols[k] >= 0; k++) {
				int c = layout[s].cols[k];
				int right = c == COL_COUNT || c == COL_DEGREE;
				size_t pad = w[c] - width(cells[c]);
				rg_buf_puts(b, " ");
				if (right)
					for (size_t q = 0; q < pad; q++)
						rg_buf_putc(b, ' ');
				rg_buf_puts(b, cells[c]);
				if (!right && layout[s].cols[k + 1] >= 0)
					for (size_t q = 0; q < pad; q++)
						rg_buf_putc(b, ' ');
				rg_buf_puts(b, " ");
			}
			while (b->len && b->s[b->len - 1] == ' ')
				b->s[--b->len] = '\0';
			rg_buf_putc(b, '\n');
		}
	}
}

char *rg_stats(const rg_model *m, const rg_view *v, rg_stats_format f, size_t top)
{
	rows r = {0};
	collect(m, v, top, &r);
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	if (f == RG_STATS_CSV) {
		for (int c = 0; c < NCOLS; c++)
			rg_buf_printf(&b, "%s%s", c ? "," : "", col_names[c]);
		rg_buf_putc(&b, '\n');
		for (size_t i = 0; i < r.n; i++) {
			for (int c = 0; c < NCOLS; c++) {
				if (c)
					rg_buf_putc(&b, ',');
				csv_field(&b, r.v[i].c[c]);
			}
			rg_buf_putc(&b, '\n');
		}
	} else {
		table(&b, &r);
	}
	for (size_t i = 0; i < r.n; i++)
		for (int c = 0; c < NCOLS; c++)
			free(r.v[i].c[c]);
	free(r.v);
	return b.s;
}
