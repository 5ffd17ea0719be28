/* label.c: the text of the build stage: node and edge labels and how
 * they wrap, tooltips, dates and spans, and the one-sentence description
 * of a drawing (see build.h and build_impl.h). */
#include "build_impl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Node labels wrap at this many characters (-K auto guesses node sizes
 * from it). */

/* Appends s as a Graphviz escString (a label) that shows it as written: a
 * backslash would start an escape such as \N or \l, so it is doubled. */
void rg_label_escstring(rg_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\')
			rg_buf_add(b, "\\\\", 2);
		else
			rg_buf_putc(b, s[i]);
	}
}

/* Appends s as a label, broken at spaces into lines of about width
 * characters (a Graphviz "\n" between lines).  Newlines in s stay line
 * breaks. */
/* rg_wrap's pieces as label text. */
typedef struct {
	rg_buf *b;
	const char *indent;
} wrapping;

static void wrapped_piece(void *ctx, int what, const char *text, size_t n)
{
	wrapping *w = ctx;
	if (what == RG_WRAP_BREAK) {
		rg_buf_add(w->b, "\\n", 2);
		if (w->indent)
			rg_buf_puts(w->b, w->indent);
	} else if (what == RG_WRAP_SPACE) {
		rg_buf_add(w->b, text, n);
	} else {
		rg_label_escstring(w->b, text, n);
	}
}

void rg_label_wrapped(rg_buf *b, const char *s, size_t width, const char *indent)
{
	wrapping w = {b, indent};
	if (indent)
		rg_buf_puts(b, indent);
	rg_wrap(s, width, wrapped_piece, &w);
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
			rg_buf_printf(&b, "%s%llu %s", k ? ", " : "", counts[k],
				      rg_model_str(m, fmts[k]));
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
	} else if (e->count > 1 || e->first.year != e->last.year ||
		   e->first.month != e->last.month || e->first.day != e->last.day) {
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

void rg_label_node(const builder *bd, rg_buf *b, const rg_entity *en)
{
	rg_label_wrapped(b, S(bd, en->label ? en->label : en->id),
			 bd->o->narrow ? RG_LABEL_WRAP_NARROW : RG_LABEL_WRAP, NULL);
	if ((strcmp(S(bd, en->kind), "agreement") == 0 || strcmp(S(bd, en->kind), "event") == 0) &&
	    en->when.start.year) {
		/* the span when it ends on another date: in years across
		 * years ("1914–1918", the days are in the tooltip), else in
		 * full ("2022-02-04–2022-02-20") */
		char d[11], e[11];
		rg_span w = en->when;
		rg_date_format(w.start, d);
		rg_date_format(w.end, e);
		if (*e && w.end.year != w.start.year)
			rg_buf_printf(b, "\\n%d\xE2\x80\x93%d", w.start.year, w.end.year);
		else if (*e && strcmp(d, e) != 0)
			rg_buf_printf(b, "\\n%s\xE2\x80\x93%s", d, e);
		else
			rg_buf_printf(b, "\\n%s", d);
	}
}

void rg_label_node_tooltip(const builder *bd, rg_buf *t, const rg_entity *en)
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

/* The rows behind an edge, one line each with their dates and other
 * columns (place, source, ...), for the tooltip. */
#define TOOLTIP_ROWS 12

static void relation_lines(const builder *bd, rg_buf *t, const rg_edge *x)
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
			rg_buf_printf(t, "%s%lu times", t->len > mark ? ", " : "",
				      (unsigned long)r->count);
		if (r->weight != 1)
			rg_buf_printf(t, "%sweight %g", t->len > mark ? ", " : "", r->weight);
		for (uint32_t k = r->attr0; k < r->attr0 + r->nattr; k++) {
			rg_buf_puts(t, t->len > mark ? "; " : "");
			rg_buf_printf(t, "%s: ", S(bd, at[k].key));
			put_escstring_twice(t, S(bd, at[k].value));
		}
	}
}

void rg_label_edge_tooltip(const builder *bd, rg_buf *b, const rg_edge *x, const char *label)
{
	const rg_entity *ea = rg_model_entity(bd->m, x->a), *eb = rg_model_entity(bd->m, x->b);
	put_escstring_twice(b, S(bd, ea->label ? ea->label : ea->id));
	rg_buf_puts(b, x->directed ? " \xE2\x86\x92 " : " \xE2\x80\x93 ");
	put_escstring_twice(b, S(bd, eb->label ? eb->label : eb->id));
	rg_buf_puts(b, ": ");
	put_escstring_twice(b, label);
	relation_lines(bd, b, x);
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
void rg_label_combine_pairs(const rg_view *v, char **shown)
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
		if (e->first.year &&
		    (!first.year || rg_date_first_day(e->first) < rg_date_first_day(first)))
			first = e->first;
		if (e->last.year &&
		    (!last.year || rg_date_last_day(e->last) > rg_date_last_day(last)))
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
