/* memory.c: the layout memory's file and its lookups (see memory.h).  The
 * layout policy that uses it is layout_memory.c's. */
#include "relgraph/memory.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relgraph/render.h"
#include "util.h"

#define MAGIC "relgraph-layout 1"

typedef struct {
	char *id;
	double x, y;
	size_t seq; /* order of put: the last put of an id wins */
} mem_node;

struct rg_memory {
	mem_node *nodes;
	size_t n, cap, seq;
	int sorted; /* nodes sorted by id, one each */
	int has_canvas, has_legend, has_style, narrow;
	double canvas[4], lx, ly, text_scale;
	char *fit; /* the text fitting's note (layout.c's), NULL for none */
};

rg_memory *rg_memory_new(void)
{
	rg_memory *mem = rg_xcalloc(1, sizeof *mem);
	mem->sorted = 1;
	return mem;
}

void rg_memory_free(rg_memory *mem)
{
	if (!mem)
		return;
	for (size_t i = 0; i < mem->n; i++)
		free(mem->nodes[i].id);
	free(mem->nodes);
	free(mem->fit);
	free(mem);
}

double rg_memory_round(double x)
{
	const double scale = 100; /* 10^RG_MEMORY_DIGITS */
	double r = round(x * scale) / scale;
	return r == 0 ? 0 : r; /* no "-0.00" */
}

static int by_id(const void *a, const void *b)
{
	const mem_node *p = a, *q = b;
	int c = strcmp(p->id, q->id);
	return c ? c : (p->seq > q->seq) - (p->seq < q->seq);
}

/* Sorts the nodes by id, keeping the last put of each.  The order is
 * the memory's inside: a const memory is sorted too. */
static void settle(const rg_memory *cmem)
{
	rg_memory *mem = (rg_memory *)cmem;
	if (mem->sorted)
		return;
	qsort(mem->nodes, mem->n, sizeof *mem->nodes, by_id);
	size_t k = 0;
	for (size_t i = 0; i < mem->n; i++) {
		if (i + 1 < mem->n && strcmp(mem->nodes[i].id, mem->nodes[i + 1].id) == 0) {
			free(mem->nodes[i].id);
			continue;
		}
		mem->nodes[k++] = mem->nodes[i];
	}
	mem->n = k;
	mem->sorted = 1;
}

void rg_memory_put(rg_memory *mem, const char *id, double x, double y)
{
	if (mem->n == mem->cap) {
		mem->cap = mem->cap ? 2 * mem->cap : 64;
		mem->nodes = rg_xrealloc(mem->nodes, mem->cap * sizeof *mem->nodes);
	}
	mem->nodes[mem->n++] =
		(mem_node){rg_xstrdup(id), rg_memory_round(x), rg_memory_round(y), mem->seq++};
	mem->sorted = 0;
}

int rg_memory_get(const rg_memory *mem, const char *id, double *x, double *y)
{
	settle(mem);
	mem_node want = {(char *)id, 0, 0, 0};
	size_t lo = 0, hi = mem->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(mem->nodes[mid].id, want.id);
		if (c == 0) {
			*x = mem->nodes[mid].x;
			*y = mem->nodes[mid].y;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

size_t rg_memory_count(const rg_memory *mem)
{
	settle(mem);
	return mem->n;
}

void rg_memory_set_canvas(rg_memory *mem, const double box[4])
{
	for (int i = 0; i < 4; i++)
		mem->canvas[i] = rg_memory_round(box[i]);
	mem->has_canvas = 1;
}

int rg_memory_canvas(const rg_memory *mem, double box[4])
{
	if (mem->has_canvas)
		memcpy(box, mem->canvas, sizeof mem->canvas);
	return mem->has_canvas;
}

void rg_memory_set_legend(rg_memory *mem, double x, double y)
{
	mem->lx = rg_memory_round(x);
	mem->ly = rg_memory_round(y);
	mem->has_legend = 1;
}

int rg_memory_legend(const rg_memory *mem, double *x, double *y)
{
	*x = mem->lx;
	*y = mem->ly;
	return mem->has_legend;
}

double rg_memory_round_scale(double text_scale)
{
	return text_scale > 0 ? round(text_scale * 1e4) / 1e4 : 1;
}

void rg_memory_set_style(rg_memory *mem, int narrow, double text_scale)
{
	mem->narrow = narrow != 0;
	mem->text_scale = rg_memory_round_scale(text_scale);
	mem->has_style = 1;
}

int rg_memory_style(const rg_memory *mem, int *narrow, double *text_scale)
{
	if (mem->has_style) {
		*narrow = mem->narrow;
		*text_scale = mem->text_scale;
	}
	return mem->has_style;
}

/* A note fits on its line: printable ASCII, not too long. */
static int fit_note_ok(const char *note)
{
	size_t n = strlen(note);
	if (!n || n > RG_MEMORY_FIT_MAX)
		return 0;
	for (const char *p = note; *p; p++)
		if (*p < ' ' || *p > '~')
			return 0;
	return 1;
}

void rg_memory_set_fit(rg_memory *mem, const char *note)
{
	free(mem->fit);
	mem->fit = note && fit_note_ok(note) ? rg_xstrdup(note) : NULL;
}

const char *rg_memory_fit(const rg_memory *mem)
{
	return mem->fit;
}

void rg_memory_copy(rg_memory *dst, const rg_memory *src)
{
	for (size_t i = 0; i < dst->n; i++)
		free(dst->nodes[i].id);
	dst->n = 0;
	settle(src);
	for (size_t i = 0; i < src->n; i++)
		rg_memory_put(dst, src->nodes[i].id, src->nodes[i].x, src->nodes[i].y);
	dst->has_canvas = src->has_canvas;
	memcpy(dst->canvas, src->canvas, sizeof dst->canvas);
	dst->has_legend = src->has_legend;
	dst->lx = src->lx;
	dst->ly = src->ly;
	dst->has_style = src->has_style;
	dst->narrow = src->narrow;
	dst->text_scale = src->text_scale;
	rg_memory_set_fit(dst, src->fit);
}

char *rg_memory_format(const rg_memory *mem, size_t *len)
{
	settle(mem);
	rg_buf b = {0};
	rg_buf_puts(&b, MAGIC "\n# where relgraph drew each node (points): the next drawing "
			      "starts from here; relgraph --fresh forgets it\n");
	if (mem->has_canvas)
		rg_buf_printf(&b, "canvas %.2f %.2f %.2f %.2f\n", mem->canvas[0], mem->canvas[1],
			      mem->canvas[2], mem->canvas[3]);
	if (mem->has_legend)
		rg_buf_printf(&b, "legend %.2f %.2f\n", mem->lx, mem->ly);
	if (mem->has_style)
		rg_buf_printf(&b, "style %d %.4f\n", mem->narrow, mem->text_scale);
	if (mem->fit)
		rg_buf_printf(&b, "fit %s\n", mem->fit);
	for (size_t i = 0; i < mem->n; i++) {
		rg_buf_printf(&b, "node %.2f %.2f ", mem->nodes[i].x, mem->nodes[i].y);
		for (const char *s = mem->nodes[i].id; *s; s++) {
			if (*s == '\\')
				rg_buf_puts(&b, "\\\\");
			else if (*s == '\n')
				rg_buf_puts(&b, "\\n");
			else if (*s == '\r')
				rg_buf_puts(&b, "\\r");
			else
				rg_buf_putc(&b, *s);
		}
		rg_buf_putc(&b, '\n');
	}
	*len = b.len;
	return b.s;
}

rg_status rg_memory_save(const rg_memory *mem, const char *path, rg_diags *d)
{
	size_t len;
	char *text = rg_memory_format(mem, &len);
	rg_status st = rg_write_file(path, text, len, d);
	free(text);
	return st;
}

/* Reads n numbers, each followed by a space (or the end for the last);
 * returns where it stopped, NULL when they are not all finite numbers. */
static const char *numbers(const char *s, double *out, int n, int last_ends)
{
	for (int i = 0; i < n; i++) {
		char *end;
		errno = 0;
		out[i] = strtod(s, &end);
		if (end == s || errno || !isfinite(out[i]))
			return NULL;
		s = end;
		if (i + 1 < n || !last_ends) {
			if (*s != ' ')
				return NULL;
			s++;
		}
	}
	return s;
}

/* One line (NUL-ended, without its newline) into mem; 0 if it is not
 * one of a memory's lines. */
static int parse_line(rg_memory *mem, const char *s)
{
	double v[4];
	if (!*s || *s == '#')
		return 1;
	if (strncmp(s, "canvas ", 7) == 0) {
		const char *e = numbers(s + 7, v, 4, 1);
		if (!e || *e)
			return 0;
		rg_memory_set_canvas(mem, v);
		return 1;
	}
	if (strncmp(s, "legend ", 7) == 0) {
		const char *e = numbers(s + 7, v, 2, 1);
		if (!e || *e)
			return 0;
		rg_memory_set_legend(mem, v[0], v[1]);
		return 1;
	}
	if (strncmp(s, "style ", 6) == 0) {
		const char *e = numbers(s + 6, v, 2, 1);
		if (!e || *e || (v[0] != 0 && v[0] != 1) || !(v[1] > 0))
			return 0;
		rg_memory_set_style(mem, (int)v[0], v[1]);
		return 1;
	}
	if (strncmp(s, "fit ", 4) == 0) {
		if (!fit_note_ok(s + 4))
			return 0;
		rg_memory_set_fit(mem, s + 4);
		return 1;
	}
	if (strncmp(s, "node ", 5) != 0)
		return 0;
	const char *e = numbers(s + 5, v, 2, 0);
	if (!e || !*e)
		return 0;
	rg_buf id = {0};
	for (; *e; e++) {
		if (*e != '\\') {
			rg_buf_putc(&id, *e);
			continue;
		}
		e++;
		char c = *e == 'n' ? '\n' : *e == 'r' ? '\r' : *e == '\\' ? '\\' : 0;
		if (!c) {
			free(id.s);
			return 0;
		}
		rg_buf_putc(&id, c);
	}
	rg_memory_put(mem, id.s, v[0], v[1]);
	free(id.s);
	return 1;
}

rg_memory *rg_memory_parse(const char *name, const char *data, size_t len, rg_diags *d)
{
	rg_memory *mem = rg_memory_new();
	size_t line = 0;
	for (size_t at = 0; at < len;) {
		size_t end = at;
		while (end < len && data[end] != '\n')
			end++;
		char *s = rg_xstrndup(data + at, end - at);
		line++;
		int ok = memchr(data + at, '\0', end - at) == NULL &&
			 (line == 1 ? strcmp(s, MAGIC) == 0 : parse_line(mem, s));
		free(s);
		if (!ok) {
			rg_warn(d, name, line, 1, "%s; laid out afresh (this file is rewritten)",
				line == 1 ? "not a relgraph layout memory"
					  : "damaged layout memory");
			rg_memory_free(mem);
			return NULL;
		}
		at = end + 1;
	}
	if (!line) {
		rg_warn(d, name, 0, 0, "empty layout memory; laid out afresh");
		rg_memory_free(mem);
		return NULL;
	}
	return mem;
}

rg_memory *rg_memory_load(const char *path, rg_diags *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno != ENOENT)
			rg_warn(d, path, 0, 0, "cannot read the layout memory: %s; laid out afresh",
				strerror(errno));
		return NULL;
	}
	rg_buf b = {0};
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		rg_buf_add(&b, chunk, got);
	int bad = ferror(f);
	fclose(f);
	rg_memory *mem = NULL;
	if (bad)
		rg_warn(d, path, 0, 0, "cannot read the layout memory; laid out afresh");
	else
		mem = rg_memory_parse(path, b.s ? b.s : "", b.len, d);
	free(b.s);
	return mem;
}
