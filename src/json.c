/* json.c: a small strict JSON reader (see json.h).  Strict: no comments,
 * no trailing commas, no single quotes, names unique in an object, text
 * in UTF-8; nesting at most RG_JSON_DEPTH deep. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define RG_JSON_DEPTH 64

typedef struct {
	const char *p, *end, *file;
	long line;
	const char *bol; /* the start of the current line */
	rg_diags *d;
	int failed;
} parser;

static long col_of(const parser *ps, const char *at)
{
	return (long)(at - ps->bol) + 1;
}

static void fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(parser *ps, const char *fmt, ...)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vadd(ps->d, RG_ERROR, 0, ps->file, ps->line, col_of(ps, ps->p), fmt, ap);
	va_end(ap);
}

static void skip_space(parser *ps)
{
	while (ps->p < ps->end) {
		char c = *ps->p;
		if (c == '\n') {
			ps->line++;
			ps->bol = ps->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r')
			return;
		ps->p++;
	}
}

/* What the user sees at p: a character, or "the end of the file". */
static const char *seen(const parser *ps, char *buf)
{
	if (ps->p >= ps->end)
		return "the end of the file";
	unsigned char c = (unsigned char)*ps->p;
	if (c < 0x20 || c >= 0x7f)
		snprintf(buf, 16, "byte 0x%02x", c);
	else
		snprintf(buf, 16, "'%c'", c);
	return buf;
}

static void put_utf8(rg_buf *b, unsigned long u)
{
	char o[4];
	size_t n;
	if (u < 0x80) {
		o[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		o[0] = (char)(0xc0 | u >> 6);
		o[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		o[0] = (char)(0xe0 | u >> 12);
		o[1] = (char)(0x80 | (u >> 6 & 0x3f));
		o[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		o[0] = (char)(0xf0 | u >> 18);
		o[1] = (char)(0x80 | (u >> 12 & 0x3f));
		o[2] = (char)(0x80 | (u >> 6 & 0x3f));
		o[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	rg_buf_add(b, o, n);
}

static long hex4(parser *ps)
{
	long v = 0;
	for (int i = 0; i < 4; i++, ps->p++) {
		char c = ps->p < ps->end ? *ps->p : 0;
		int x = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (x < 0) {
			fail(ps, "\\u takes four hexadecimal digits");
			return -1;
		}
		v = v * 16 + x;
	}
	return v;
}

/* An escape after the backslash at ps->p. */
static void escape(parser *ps, rg_buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char c = ps->p < ps->end ? *ps->p : 0;
	const char *k = c ? strchr(from, c) : NULL;
	if (k) {
		rg_buf_add(b, &to[k - from], 1);
		ps->p++;
		return;
	}
	if (c != 'u') {
		fail(ps, "unknown escape '\\%c' in a string", c ? c : ' ');
		return;
	}
	ps->p++;
	long u = hex4(ps);
	if (u >= 0xd800 && u < 0xdc00 && ps->end - ps->p >= 2 && ps->p[0] == '\\' &&
	    ps->p[1] == 'u') {
		ps->p += 2;
		long lo = hex4(ps);
		if (lo >= 0xdc00 && lo < 0xe000)
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		else
			u = -2;
	}
	if (u >= 0xd800 && u < 0xe000)
		fail(ps, "\\u%04lx is half of a UTF-16 pair", (unsigned long)u);
	else if (u >= 0)
		put_utf8(b, (unsigned long)u);
}

static char *string(parser *ps)
{
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	ps->p++; /* the opening quote */
	while (!ps->failed) {
		if (ps->p >= ps->end || *ps->p == '\n') {
			fail(ps, "a string is not closed before the end of the line");
			break;
		}
		unsigned char c = (unsigned char)*ps->p;
		if (c == '"') {
			ps->p++;
			return b.s;
		}
		if (c < 0x20) {
			fail(ps, "control character 0x%02x in a string: write it as an escape", c);
			break;
		}
		if (c == '\\') {
			ps->p++;
			escape(ps, &b);
			continue;
		}
		rg_buf_add(&b, (const char *)&c, 1);
		ps->p++;
	}
	free(b.s);
	return NULL;
}

static int is_digit(const parser *ps)
{
	return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

static void number(parser *ps, rg_json *v)
{
	const char *start = ps->p;
	if (*ps->p == '-')
		ps->p++;
	if (!is_digit(ps))
		return fail(ps, "a number needs a digit here");
	if (*ps->p == '0')
		ps->p++;
	else
		while (is_digit(ps))
			ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!is_digit(ps))
			return fail(ps, "a digit must follow the decimal point");
		while (is_digit(ps))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!is_digit(ps))
			return fail(ps, "an exponent needs a digit");
		while (is_digit(ps))
			ps->p++;
	}
	v->s = rg_xstrndup(start, (size_t)(ps->p - start));
}

static rg_json *value(parser *ps, int depth);

static void push(rg_json *v, rg_json *item)
{
	v->items = rg_xrealloc(v->items, (v->n + 1) * sizeof *v->items);
	v->items[v->n++] = item;
}

/* An array or object after its opening bracket: values (with names in an
 * object) separated by commas up to close. */
static void members(parser *ps, rg_json *v, char close, int depth)
{
	char buf[16];
	int object = close == '}';
	ps->p++;
	skip_space(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return;
	}
	for (;;) {
		char *key = NULL;
		long kline = ps->line, kcol = col_of(ps, ps->p);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "expected a name in double quotes, found %s",
					    seen(ps, buf));
			if (!(key = string(ps)))
				return;
			for (size_t i = 0; i < v->n; i++)
				if (strcmp(v->items[i]->key, key) == 0) {
					rg_error(ps->d, ps->file, kline, kcol,
						 "'%s' is given twice in this object (also line "
						 "%ld)",
						 key, v->items[i]->kline);
					ps->failed = 1;
					free(key);
					return;
				}
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				return fail(ps, "expected ':' after a name, found %s",
					    seen(ps, buf));
			}
			ps->p++;
		}
		rg_json *item = value(ps, depth + 1);
		if (!item) {
			free(key);
			return;
		}
		item->key = key;
		item->kline = kline;
		item->kcol = kcol;
		push(v, item);
		skip_space(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_space(ps);
			if (ps->p < ps->end && *ps->p == close)
				return fail(ps, "a comma before '%c': remove it", close);
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return;
		}
		return fail(ps, "expected ',' or '%c', found %s", close, seen(ps, buf));
	}
}

static rg_json *value(parser *ps, int depth)
{
	char buf[16];
	skip_space(ps);
	if (depth > RG_JSON_DEPTH) {
		fail(ps, "nested more than %d deep", RG_JSON_DEPTH);
		return NULL;
	}
	rg_json *v = rg_xcalloc(1, sizeof *v);
	v->line = ps->line;
	v->col = col_of(ps, ps->p);
	char c = ps->p < ps->end ? *ps->p : 0;
	static const struct {
		const char *word;
		rg_json_type type;
		int b;
	} words[] = {
		{"true", RG_JSON_BOOL, 1}, {"false", RG_JSON_BOOL, 0}, {"null", RG_JSON_NULL, 0}};
	if (c == '{' || c == '[') {
		v->type = c == '{' ? RG_JSON_OBJECT : RG_JSON_ARRAY;
		members(ps, v, c == '{' ? '}' : ']', depth);
	} else if (c == '"') {
		v->type = RG_JSON_STRING;
		v->s = string(ps);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		v->type = RG_JSON_NUMBER;
		number(ps, v);
	} else {
		size_t k = 0;
		for (; k < sizeof words / sizeof *words; k++) {
			size_t wl = strlen(words[k].word);
			if ((size_t)(ps->end - ps->p) >= wl &&
			    memcmp(ps->p, words[k].word, wl) == 0) {
				v->type = words[k].type;
				v->b = words[k].b;
				ps->p += wl;
				break;
			}
		}
		if (k == sizeof words / sizeof *words)
			fail(ps,
			     "expected a value (a string, number, object, array, true, false "
			     "or null), found %s",
			     seen(ps, buf));
	}
	if (ps->failed) {
		rg_json_free(v);
		return NULL;
	}
	return v;
}

rg_json *rg_json_parse(const char *text, size_t len, const char *file, rg_diags *d)
{
	parser ps = {text, text + len, file, 1, text, d, 0};
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		ps.p = ps.bol = text + 3;
	if (memchr(text, '\0', len)) {
		ps.p = memchr(text, '\0', len);
		for (const char *q = text; q < ps.p; q++)
			if (*q == '\n')
				ps.line++, ps.bol = q + 1;
		fail(&ps, "a NUL byte: this is not a JSON text file");
		return NULL;
	}
	rg_json *v = value(&ps, 0);
	if (v) {
		skip_space(&ps);
		char buf[16];
		if (ps.p < ps.end) {
			fail(&ps, "%s after the end of the JSON value", seen(&ps, buf));
			rg_json_free(v);
			v = NULL;
		}
	}
	return v;
}

void rg_json_free(rg_json *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++)
		rg_json_free(v->items[i]);
	free(v->items);
	free(v->s);
	free(v->key);
	free(v);
}

const rg_json *rg_json_get(const rg_json *obj, const char *key)
{
	if (!obj || obj->type != RG_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->items[i]->key, key) == 0)
			return obj->items[i];
	return NULL;
}
