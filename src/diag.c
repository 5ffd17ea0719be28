/* diag.c: the diagnostics list (see diag.h). */
#include "relgraph/diag.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Lint warnings counted by topic, for rg_diags_summary; past this many
 * topics the rest count as other warnings. */
#define MAX_TOPICS 16
#define OTHER_TOPIC "other warning|other warnings"

struct rg_diags {
	rg_diag *v;
	size_t len, cap;
	size_t count[3];
	size_t lint_unstored; /* lint warnings past RG_DIAGS_MAX */
	struct {
		const char *topic;
		size_t n;
	} topics[MAX_TOPICS];
	size_t ntopics;
};

rg_diags *rg_diags_new(void)
{
	return rg_xcalloc(1, sizeof(rg_diags));
}

void rg_diags_clear(rg_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	d->len = 0;
	d->lint_unstored = 0;
	d->ntopics = 0;
	memset(d->count, 0, sizeof d->count);
}

void rg_diags_free(rg_diags *d)
{
	if (!d)
		return;
	rg_diags_clear(d);
	free(d->v);
	free(d);
}

/* A message is one line: control characters that data brings into it (a
 * header cell with a tab or a line break, a CR) are shown escaped. */
static char *printable(char *msg)
{
	size_t extra = 0;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			extra += 3;
	if (!extra)
		return msg;
	char *out = rg_xmalloc(strlen(msg) + extra + 1), *q = out;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r') {
			*q++ = '\\';
			*q++ = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r';
		} else if (*p < 0x20 || *p == 0x7F) {
			q += sprintf(q, "\\x%02X", *p);
		} else {
			*q++ = (char)*p;
		}
	}
	*q = '\0';
	free(msg);
	return out;
}

/* Counts one lint warning under its topic. */
static void count_topic(rg_diags *d, const char *topic)
{
	size_t i = 0;
	while (i < d->ntopics && strcmp(d->topics[i].topic, topic) != 0)
		i++;
	if (i == d->ntopics) {
		if (d->ntopics == MAX_TOPICS) {
			/* full: the last one takes in every other topic */
			i = MAX_TOPICS - 1;
			d->topics[i].topic = OTHER_TOPIC;
		} else {
			d->topics[d->ntopics].topic = topic;
			d->topics[d->ntopics++].n = 0;
		}
	}
	d->topics[i].n++;
}

static void vadd(rg_diags *d, rg_severity sev, unsigned flags, const char *topic, const char *file,
		 long line, long col, const char *fmt, va_list ap)
{
	d->count[sev]++;
	if ((flags & RG_DIAG_LINT) && sev == RG_WARNING && topic)
		count_topic(d, topic);
	if (d->len == RG_DIAGS_MAX) {
		d->lint_unstored += (flags & RG_DIAG_LINT) != 0;
		return;
	}
	if (d->len == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->v = rg_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	rg_diag *x = &d->v[d->len++];
	x->severity = sev;
	x->flags = flags;
	x->topic = topic;
	x->file = file ? rg_xstrdup(file) : NULL;
	x->line = line;
	x->col = col;
	x->msg = printable(rg_vasprintf(fmt, ap));
}

void rg_diag_vadd(rg_diags *d, rg_severity sev, unsigned flags, const char *file, long line,
		  long col, const char *fmt, va_list ap)
{
	vadd(d, sev, flags, NULL, file, line, col, fmt, ap);
}

void rg_lint_about(rg_diags *d, const char *topic, const char *file, long line, long col,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd(d, RG_WARNING, RG_DIAG_LINT, topic, file, line, col, fmt, ap);
	va_end(ap);
}

void rg_diag_add(rg_diags *d, rg_severity sev, unsigned flags, const char *file, long line,
		 long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vadd(d, sev, flags, file, line, col, fmt, ap);
	va_end(ap);
}

void rg_diags_strict(rg_diags *d)
{
	for (size_t i = 0; i < d->len; i++)
		if (d->v[i].severity == RG_WARNING) {
			d->v[i].severity = RG_ERROR;
			d->v[i].flags &= ~RG_DIAG_LINT;
		}
	d->count[RG_ERROR] += d->count[RG_WARNING];
	d->count[RG_WARNING] = 0;
	d->lint_unstored = 0;
	d->ntopics = 0;
}

size_t rg_diags_count(const rg_diags *d, rg_severity sev)
{
	return d->count[sev];
}

size_t rg_diags_len(const rg_diags *d)
{
	return d->len;
}

const rg_diag *rg_diags_at(const rg_diags *d, size_t i)
{
	return i < d->len ? &d->v[i] : NULL;
}

static const char *sevname[] = {"note", "warning", "error"};

/* Printing order: by file (in the order files first appear), then line
 * and column; diagnostics without a place keep their turn at the end. */
typedef struct {
	const rg_diag *x;
	size_t file, seq;
} sorted;

static int by_place(const void *a, const void *b)
{
	const sorted *p = a, *q = b;
	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->x->line != q->x->line)
		return p->x->line < q->x->line ? -1 : 1;
	if (p->x->col != q->x->col)
		return p->x->col < q->x->col ? -1 : 1;
	return (p->seq > q->seq) - (p->seq < q->seq);
}

size_t rg_diags_print(const rg_diags *d, FILE *f, int with_lint, size_t limit)
{
	sorted *v = rg_xcalloc(d->len ? d->len : 1, sizeof *v);
	for (size_t i = 0; i < d->len; i++) {
		v[i].x = &d->v[i];
		v[i].seq = i;
		v[i].file = (size_t)-1;
		if (!d->v[i].file)
			continue;
		for (size_t j = 0; j <= i; j++)
			if (d->v[j].file && strcmp(d->v[j].file, d->v[i].file) == 0) {
				v[i].file = j;
				break;
			}
	}
	qsort(v, d->len, sizeof *v, by_place);
	size_t shown = 0, hidden = 0;
	for (size_t i = 0; i < d->len; i++) {
		const rg_diag *x = v[i].x;
		if ((x->flags & RG_DIAG_LINT) && !with_lint)
			continue;
		if (shown == limit) {
			hidden++;
			continue;
		}
		fputs("relgraph: ", f);
		if (x->file) {
			fputs(x->file, f);
			if (x->line)
				fprintf(f, ":%ld", x->line);
			if (x->col)
				fprintf(f, ":%ld", x->col);
			fputs(": ", f);
		}
		fprintf(f, "%s: %s\n", sevname[x->severity], x->msg);
		shown++;
	}
	free(v);
	size_t total = d->count[0] + d->count[1] + d->count[2];
	hidden += total - d->len - (with_lint ? 0 : d->lint_unstored);
	if (hidden)
		fprintf(f, "relgraph: %zu more problem%s not shown\n", hidden,
			hidden == 1 ? "" : "s");
	return shown;
}

char *rg_diags_summary(const rg_diags *d)
{
	size_t total = 0;
	for (size_t i = 0; i < d->ntopics; i++)
		total += d->topics[i].n;
	if (!total)
		return NULL;
	rg_buf b = {0};
	rg_buf_printf(&b, "%zu %s: ", total, total == 1 ? "warning" : "warnings");
	for (size_t i = 0; i < d->ntopics; i++) {
		const char *t = d->topics[i].topic, *bar = strchr(t, '|');
		size_t n = d->topics[i].n;
		const char *word = n == 1 || !bar ? t : bar + 1;
		int len = (int)(n == 1 && bar ? (size_t)(bar - t) : strlen(word));
		rg_buf_printf(&b, "%s%zu %.*s", i ? ", " : "", n, len, word);
	}
	return b.s;
}

const char *rg_strerror(rg_status s)
{
	switch (s) {
	case RG_OK: return "success";
	case RG_EDATA: return "bad input data";
	case RG_EUSAGE: return "bad usage";
	case RG_ESYS: return "system or rendering failure";
	case RG_ENOMEM: return "out of memory";
	}
	return "unknown status";
}
