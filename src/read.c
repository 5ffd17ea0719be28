/* read.c: CSV bytes to rows through libcsv (see read.h).
 *
 * libcsv reports fields but not where they are.  To give each field a line
 * and column, the input is fed to csv_parse in segments that end at every
 * delimiter, CR and LF.  libcsv only ever completes a field on such a byte,
 * so when a callback fires the field ended at the current segment's end and
 * started where the previous one ended.
 */
#include "relgraph/read.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { START_NONE, START_AFTER_FIELD, START_AFTER_RECORD };

typedef struct {
	struct csv_parser p;
	const char *file;
	rg_diags *d;
	rg_row_fn fn;
	void *ctx;

	unsigned char delim;
	unsigned char stop[256]; /* the bytes a segment ends at: CR, LF, delim */
	int started;		 /* first chunk seen: BOM, encoding and delimiter done */
	int stopped;		 /* callback asked to stop, or a fatal problem */
	int failed;		 /* at least one error reported */
	int bad_row;		 /* the current row had an error: do not deliver */
	int utf8_warned;	 /* the file's first encoding error is reported */

	long line, col; /* position of the next byte to be fed */
	int prev_cr;
	int pending;
	long fline, fcol; /* start of the field being read */
	int fquoted;	  /* and whether it opened with a quote */

	rg_buf text; /* field bytes of the current row, NUL-separated */
	size_t *offs;
	rg_field *fields;
	size_t nfields, cap;
	long row_line;
	size_t index; /* records delivered or rejected so far */
	size_t header_n;
} reader;

/* libcsv trims spaces and tabs by default; RFC 4180 keeps them. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void err(reader *r, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void err(reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vadd(r->d, RG_ERROR, 0, r->file, line, col, fmt, ap);
	va_end(ap);
	r->failed = 1;
}

/* Returns the byte length of the UTF-8 sequence at s (at most n bytes), or 0
 * if it is not valid UTF-8 (overlong forms and surrogates included). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned min;
	unsigned cp;
	if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Checks one field's bytes; reports the first problem at its line and
 * column in the file, counting back what quoting added: the opening quote,
 * and a doubled quote for each quote inside. */
static int check_field(reader *r, const unsigned char *s, size_t n)
{
	long line = r->fline, col = r->fcol + (r->fquoted ? 1 : 0);
	for (size_t i = 0; i < n;) {
		/* printable ASCII, most of any file, in one step */
		if (s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"') {
			col++;
			i++;
			continue;
		}
		if (s[i] == '\0') {
			err(r, line, col, "NUL byte in field (is this a binary or UTF-16 file?)");
			return -1;
		}
		size_t k = utf8_len(s + i, n - i);
		if (!k) {
			if (!r->utf8_warned)
				err(r, line, col,
				    "byte 0x%02X is not valid UTF-8 (if the file is Latin-1 or "
				    "Windows-1252, convert it: iconv -f WINDOWS-1252 -t UTF-8)",
				    s[i]);
			else
				r->failed = 1;
			r->utf8_warned = 1;
			return -1;
		}
		if (s[i] == '\n' && i && s[i - 1] == '\r') {
			/* CRLF: the CR counted the line */
		} else if (s[i] == '\n' || s[i] == '\r') {
			line++;
			col = 1;
		} else {
			col += s[i] == '"' && r->fquoted ? 2 : 1;
		}
		i += k;
	}
	return 0;
}

static void on_field(void *s, size_t n, void *data)
{
	reader *r = data;
	if (r->stopped)
		return;
	if (r->nfields == 0)
		r->row_line = r->fline;
	if (check_field(r, s, n))
		r->bad_row = 1;
	if (r->nfields == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->offs = rg_xrealloc(r->offs, r->cap * sizeof *r->offs);
		r->fields = rg_xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->offs[r->nfields] = r->text.len;
	r->fields[r->nfields].len = n;
	r->fields[r->nfields].line = r->fline;
	r->fields[r->nfields].col = r->fcol;
	r->nfields++;
	/* the bytes as they are, line breaks inside quotes included (CRLF
	 * stays CRLF: the build stage draws any of them as a line break) */
	rg_buf_add(&r->text, n ? s : "", n);
	rg_buf_putc(&r->text, '\0');
	r->pending = START_AFTER_FIELD;
}

/* A line before the header that starts with "# ", or is one field that
 * starts with '#' ("# leaders.csv", as a file is titled where it is
 * shown), is a comment and skipped; "#,name" and "#id,name" are headers. */
static int comment_line(const reader *r)
{
	const char *s = r->text.s + r->offs[0];
	return r->nfields && s[0] == '#' && (s[1] == ' ' || (r->nfields == 1 && s[1]));
}

static void on_record(int c, void *data)
{
	reader *r = data;
	(void)c;
	r->pending = START_AFTER_RECORD;
	if (r->stopped)
		goto reset;
	if (r->index == 0 && comment_line(r))
		goto reset;
	size_t index = r->index++;
	if (index == 0)
		r->header_n = r->nfields;
	else if (r->nfields != r->header_n) {
		size_t k = r->nfields > r->header_n ? r->header_n : r->nfields - 1;
		err(r, r->row_line, k < r->nfields ? r->fields[k].col : 1,
		    "row has %zu field%s but the header has %zu", r->nfields,
		    r->nfields == 1 ? "" : "s", r->header_n);
		r->bad_row = 1;
	}
	if (!r->bad_row) {
		for (size_t i = 0; i < r->nfields; i++)
			r->fields[i].s = r->text.s + r->offs[i];
		rg_row row = {r->file, r->row_line, r->nfields, r->fields};
		if (r->fn(r->ctx, &row, index))
			r->stopped = 1;
	}
reset:
	r->nfields = 0;
	r->bad_row = 0;
	rg_buf_reset(&r->text);
}

/* Moves the position over n bytes of s. */
static void advance(reader *r, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			if (!r->prev_cr)
				r->line++;
			r->col = 1;
		} else if (c == '\r') {
			r->line++;
			r->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			r->col++;
		}
		r->prev_cr = c == '\r';
	}
}

static unsigned char sniff_delim(const char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semi++;
		else if (c == '\t')
			tab++;
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

/* Looks at the start of the input once.  Returns the number of bytes to
 * skip (a UTF-8 BOM), or -1 when the input cannot be CSV in UTF-8. */
static long first_chunk(reader *r, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	long skip = 0;
	r->started = 1;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		err(r, 1, 1,
		    "the file is UTF-16 (%s-endian) text; relgraph reads UTF-8: "
		    "convert it with iconv -f UTF-16 -t UTF-8",
		    u[0] == 0xFF ? "little" : "big");
		return -1;
	}
	if (n >= 4 && ((u[0] && !u[1] && u[2] && !u[3]) || (!u[0] && u[1] && !u[2] && u[3]))) {
		err(r, 1, 1,
		    "the file looks like UTF-16 text without a byte order mark; "
		    "relgraph reads UTF-8: convert it with iconv -f UTF-16 -t UTF-8");
		return -1;
	}
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		skip = 3;
	r->delim = sniff_delim(s + skip, n - (size_t)skip);
	csv_set_delim(&r->p, r->delim);
	r->stop['\n'] = r->stop['\r'] = r->stop[r->delim] = 1;
	return skip;
}

/* Feeds n bytes to libcsv segment by segment.  Returns -1 after a parse
 * error, which ends the file. */
static int feed(reader *r, const char *s, size_t n)
{
	if (!r->started) {
		long skip = first_chunk(r, s, n);
		if (skip < 0)
			return -1;
		s += skip;
		n -= (size_t)skip;
	}
	size_t i = 0;
	while (i < n && !r->stopped) {
		/* up to the next stop byte, counting the characters on the way
		 * (no line break among them: those are stops) */
		size_t j = i;
		long chars = 0;
		while (j < n && !r->stop[(unsigned char)s[j]]) {
			chars += ((unsigned char)s[j] & 0xC0) != 0x80;
			j++;
		}
		size_t plain = j - i;
		if (j < n)
			j++;
		if (r->pending == START_AFTER_FIELD ||
		    (r->pending == START_AFTER_RECORD &&
		     !(j - i == 1 && (s[i] == '\n' || s[i] == '\r')))) {
			r->fline = r->line;
			r->fcol = r->col;
			r->fquoted = i < n && s[i] == '"';
			r->pending = START_NONE;
		}
		size_t done = csv_parse(&r->p, s + i, j - i, on_field, on_record, r);
		if (done < j - i) {
			/* text after a closing quote: point at that quote */
			advance(r, s + i, done && s[i + done - 1] == '"' ? done - 1 : done);
			err(r, r->line, r->col,
			    "'\"' inside a field that is not quoted properly (quote the whole "
			    "field and double the quotes inside it: \"a \"\"b\"\" c\")");
			return -1;
		}
		if (plain) {
			r->col += chars;
			r->prev_cr = 0;
		}
		advance(r, s + i + plain, j - i - plain);
		i = j;
	}
	return 0;
}

static void reader_init(reader *r, const char *display, rg_row_fn fn, void *ctx, rg_diags *d)
{
	memset(r, 0, sizeof *r);
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&r->p, no_space);
	/* libcsv grows its field buffer by this much at a time; its default of
	 * 128 bytes makes a long field cost the square of its length */
	csv_set_blk_size(&r->p, 1 << 16);
	r->file = display;
	r->fn = fn;
	r->ctx = ctx;
	r->d = d;
	r->delim = ',';
	r->line = r->col = r->fline = r->fcol = 1;
	r->pending = START_AFTER_RECORD;
}

static rg_status reader_finish(reader *r, int ok)
{
	if (ok && !r->stopped) {
		if (csv_fini(&r->p, on_field, on_record, r) != 0)
			err(r, r->fline, r->fcol,
			    "unterminated quoted field: the quote opened here is never closed");
		else if (r->index == 0 && !r->failed)
			err(r, 1, 1, "empty file: a header row is required");
	}
	csv_free(&r->p);
	free(r->text.s);
	free(r->offs);
	free(r->fields);
	return r->failed ? RG_EDATA : RG_OK;
}

rg_status rg_read_csv_mem(const char *data, size_t len, const char *display, rg_row_fn fn,
			  void *ctx, rg_diags *d)
{
	reader r;
	reader_init(&r, display, fn, ctx, d);
	if (len == 0) {
		err(&r, 1, 1, "empty file: a header row is required");
		return reader_finish(&r, 0);
	}
	int ok = feed(&r, data, len) == 0;
	return reader_finish(&r, ok);
}

rg_status rg_read_csv(const char *path, const char *display, rg_row_fn fn, void *ctx, rg_diags *d)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		rg_error(d, display, 0, 0, "cannot open: %s", strerror(errno));
		return RG_ESYS;
	}
	reader r;
	reader_init(&r, display, fn, ctx, d);
	static char buf[1 << 16];
	size_t n, total = 0;
	int ok = 1;
	while (ok && !r.stopped && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		total += n;
		ok = feed(&r, buf, n) == 0;
	}
	int ioerr = ferror(f);
	int saved = errno;
	if (!is_stdin)
		fclose(f);
	if (ioerr) {
		reader_finish(&r, 0);
		rg_error(d, display, 0, 0, "read error: %s", strerror(saved));
		return RG_ESYS;
	}
	if (total == 0 && ok) {
		err(&r, 1, 1, "empty file: a header row is required");
		ok = 0;
	}
	return reader_finish(&r, ok);
}
