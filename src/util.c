/* util.c: allocation and string helpers (see util.h). */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

/* The innermost trap of this thread; thread-local because a host may run
 * jobs on several threads (each with its own Graphviz-free stages). */
static _Thread_local rg_oom_trap *oom_trap;

void rg_oom_enter(rg_oom_trap *t)
{
	t->prev = oom_trap;
	oom_trap = t;
}

void rg_oom_leave(rg_oom_trap *t)
{
	oom_trap = t->prev;
}

static _Noreturn void oom(void)
{
	rg_oom_trap *t = oom_trap;
	if (!t)
		abort();
	oom_trap = t->prev;
	longjmp(t->env, 1);
}

void rg_oom_raise(void)
{
	oom();
}

void *rg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *rg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *rg_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *rg_xstrndup(const char *s, size_t n)
{
	char *p = rg_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *rg_xstrdup(const char *s)
{
	return rg_xstrndup(s, strlen(s));
}

char *rg_vasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	char *s = rg_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *rg_asprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = rg_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void rg_buf_add(rg_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = rg_xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void rg_buf_puts(rg_buf *b, const char *s)
{
	rg_buf_add(b, s, strlen(s));
}

void rg_buf_putc(rg_buf *b, char c)
{
	rg_buf_add(b, &c, 1);
}

void rg_buf_printf(rg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = rg_vasprintf(fmt, ap);
	va_end(ap);
	rg_buf_puts(b, s);
	free(s);
}

void rg_buf_reset(rg_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

int rg_strieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* Eight bytes at a time, each step a multiply and a shift (in the manner
 * of MurmurHash's finaliser): reading a million rows hashes every field,
 * and a byte at a time was a tenth of the reading time. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

uint64_t rg_hash_seed(const char *s, size_t n, uint64_t seed)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ seed ^ ((uint64_t)n * 0xc4ceb9fe1a85ec53ULL);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = mix(h ^ w) * 0x9E3779B97F4A7C15ULL;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	return mix(h ^ w ^ (uint64_t)n << 59);
}

void rg_hash2(const char *s, size_t n, uint64_t out[2])
{
	uint64_t a = 0x9E3779B97F4A7C15ULL ^ n, b = 0xc4ceb9fe1a85ec53ULL ^ n;
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		a = mix(a ^ w) * 0x9E3779B97F4A7C15ULL;
		b = (b ^ w) * 0xff51afd7ed558ccdULL;
		b ^= b >> 29;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	out[0] = mix(a ^ w ^ (uint64_t)n << 59);
	out[1] = mix(b ^ (w * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)n << 53);
}

uint64_t rg_hash(const char *s, size_t n)
{
	return rg_hash_seed(s, n, 0);
}

void rg_buf_xml(rg_buf *b, const char *s)
{
	rg_buf_xml_as(b, s, 0);
}

void rg_buf_xml_as(rg_buf *b, const char *s, unsigned how)
{
	int label = (how & RG_XML_HTML_LABEL) != 0;
	for (; *s; s++) {
		switch (*s) {
		case '&': rg_buf_puts(b, "&amp;"); break;
		case '<': rg_buf_puts(b, "&lt;"); break;
		case '>': rg_buf_puts(b, "&gt;"); break;
		case '"': rg_buf_puts(b, "&quot;"); break;
		case '\'':
			if (label)
				rg_buf_putc(b, *s);
			else
				rg_buf_puts(b, "&#39;");
			break;
		case '\n':
			if (label)
				rg_buf_puts(b, "<BR/>");
			else
				rg_buf_putc(b, *s);
			break;
		default: rg_buf_putc(b, *s);
		}
	}
}

const char *rg_thousands(uint64_t n, char *buf)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

/* The bytes of the first n characters of the UTF-8 text s (of len bytes). */
static size_t utf8_prefix(const char *s, size_t len, size_t n)
{
	size_t i = 0;
	for (size_t c = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == n)
			break;
	}
	return i;
}

/* rg_wrap's state: the line being filled and how many came before. */
typedef struct {
	rg_wrap_fn fn;
	void *ctx;
	size_t col, lines;
} wrap_at;

/* Ends the line; 0 when it was the last one drawn, which then ends with
 * an ellipsis. */
static int wrap_break(wrap_at *w)
{
	if (++w->lines == RG_WRAP_MAX_LINES) {
		w->fn(w->ctx, RG_WRAP_WORD, "\xE2\x80\xA6", 3);
		return 0;
	}
	w->fn(w->ctx, RG_WRAP_BREAK, NULL, 0);
	w->col = 0;
	return 1;
}

void rg_wrap(const char *s, size_t width, rg_wrap_fn fn, void *ctx)
{
	wrap_at w = {fn, ctx, 0, 0};
	size_t longest = RG_WRAP_LONG_WORD * (width ? width : 1);
	while (*s) {
		if (*s == '\n' || *s == '\r') {
			/* a line break in the data, LF, CRLF or CR */
			s += s[0] == '\r' && s[1] == '\n' ? 2 : 1;
			if (!*s)
				break;
			if (!wrap_break(&w))
				return;
			continue;
		}
		size_t sp = strspn(s, " ");
		size_t n = strcspn(s + sp, " \r\n");
		if (!n) {
			s += sp; /* spaces that end the text */
			continue;
		}
		size_t chars = 0;
		for (size_t i = sp; i < sp + n; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		if (w.col && w.col + 1 + chars > width) {
			if (!wrap_break(&w))
				return;
		} else if (w.col && sp) {
			fn(ctx, RG_WRAP_SPACE, s, sp); /* spaces as written */
			w.col += sp;
		}
		s += sp;
		/* a word too long for any line is cut into lines of width */
		while (chars > longest) {
			size_t cut = utf8_prefix(s, n, width);
			fn(ctx, RG_WRAP_WORD, s, cut);
			s += cut;
			n -= cut;
			chars -= width;
			if (!wrap_break(&w))
				return;
		}
		fn(ctx, RG_WRAP_WORD, s, n);
		w.col += chars;
		s += n;
	}
}
