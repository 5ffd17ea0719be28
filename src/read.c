/* read.c: CSV bytes to rows through libcsv (see read.h).
 *
 * libcsv reports fields but not where they are.  To give each field a line
 * and column, the input is fed to csv_parse in segments that end at every
 * delimiter, CR and LF.  libcsv only ever completes a field on such a byte,
 * so when a callback fires the field ended at the current segment's end and
 * started where the previous one ended.
 *
 * Two sides.  The parsing side (struct reader) turns bytes into batches:
 * the fields of many rows in one buffer, and the problems met between them,
 * in file order.  The delivering side (struct channel) hands a batch's rows
 * to the caller one by one, after telling it of rows a little ahead
 * (rg_read_hooks.ahead), and adds the problems to the diagnostics in the
 * same order, so what a caller sees is what one pass over the file gives.
 * A big file is parsed on a thread of its own while the caller's thread
 * works through the batches already made (both cores busy); a small one,
 * or any file on a single processor, both sides on the caller's thread.
 * Either way one parser reads the file from its first byte to its last,
 * so every line and column is what a single pass counts.
 *
 * Two parts.  When the caller allows it (rg_split_hooks), a big file is
 * also cut in two at a line break near its middle: a third side (struct
 * split) parses and delivers the second part on a thread of its own, to
 * hooks of the caller's making, while the first part is read as above.
 * The cut is a guess: it is right when the first part's parser, reaching
 * it, is between two rows (not inside a quoted field) on the line the
 * second part counted for it.  When it is wrong, or the second part met a
 * problem, its rows are dropped and the first part's reader goes on over
 * them, so what the caller hears is still what one pass gives.
 */
#include "relgraph/read.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* A batch is handed over once it holds this many rows or text bytes (or,
 * when RG_READ_PARALLEL_ENV forces the parallel path, FORCED_BATCH_ROWS
 * rows, so that small test files cross many batches). */
#define BATCH_ROWS 1024
#define BATCH_TEXT (64u << 10)
#define FORCED_BATCH_ROWS 3
/* Batches made and not yet delivered, at most: bounds the memory the
 * parsing thread may run ahead by. */
#define QUEUE_MAX 4
/* Files from this size on are parsed on a thread of their own (below it
 * the second thread would save less than a millisecond). */
#define PARALLEL_MIN_BYTES (1u << 20)
/* How far ahead (in rows) the caller hears of a row: first (stage 0),
 * then again closer (stage 1). */
#define AHEAD_FAR 16
#define AHEAD_NEAR 8
/* The bytes read from a file at a time (FORCED_CHUNK when
 * RG_READ_PARALLEL_ENV forces the parallel paths, so that a small file
 * can be cut in two). */
#define READ_CHUNK (1u << 16)
#define FORCED_CHUNK 7
/* Files from this size on are read in two parts when the caller allows
 * (the second thread costs a count of the first half's lines and the
 * caller's merge: worth it from a few megabytes). */
#define SPLIT_MIN_BYTES (4u << 20)

/* What a batch holds, in file order: rows, and problems between them. */
enum { ITEM_ROW, ITEM_ERROR, ITEM_FAIL };
typedef struct {
	int what;	/* ITEM_ERROR: msg at line, col; ITEM_FAIL: an error
			   already told (the second bad encoding) */
	long line, col; /* ITEM_ROW: the row's line */
	size_t field0, nfields, index;
	char *msg;
} item;

typedef struct batch {
	rg_buf text;  /* field bytes, each ended by a NUL */
	size_t *offs; /* of each field in text */
	rg_field *fields;
	size_t nfields, capfields;
	item *items;
	size_t nitems, capitems, rows;
	struct batch *next; /* in the queue or among the spare ones */
} batch;

/* The delivering side, and the queue between the two threads. */
typedef struct split split;

typedef struct {
	const char *file;
	const rg_read_hooks *h;
	rg_diags *d;
	split *sp;	   /* the file may be read in two parts, or NULL */
	struct reader *rd; /* the parsing side, whose header begins the split */
	int stopped;	   /* the row callback asked to stop */
	int failed;	   /* an error was delivered */
	int threaded;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch *head, *tail, *spare;
	size_t queued;
	int done;	 /* the parsing thread has finished */
	int oom;	 /* ... because memory ran out */
	atomic_int quit; /* the delivering side wants no more batches */
} channel;

enum { START_NONE, START_AFTER_FIELD, START_AFTER_RECORD };

typedef struct reader {
	struct csv_parser p;
	const char *file;
	channel *ch;
	size_t chunk;	     /* bytes read at a time: READ_CHUNK or FORCED_CHUNK */
	atomic_size_t limit; /* where a second part begins: stop there (0: none) */
	int want_thread;     /* without a second part, parse on a thread of its own */
	int go_threaded;     /* ... now: the caller said no second part */
	struct split *sp;    /* the second part, for the first part's reader */
	batch *cur;	     /* the batch being filled */
	size_t batch_rows;   /* BATCH_ROWS, or FORCED_BATCH_ROWS */

	unsigned char delim;
	unsigned char stop[256]; /* the bytes a segment ends at: CR, LF, delim */
	int started;		 /* first chunk seen: BOM, encoding and delimiter done */
	int stopped;		 /* callback asked to stop, or a fatal problem */
	int failed;		 /* at least one error reported */
	int bad_row;		 /* the current row had an error: do not deliver */
	int utf8_warned;	 /* the file's first encoding error is reported */

	long line, col; /* position of the next byte to be fed */
	int prev_cr;
	int prev_quote; /* the last byte fed was a quote, at col - 1 */
	int pending;
	long fline, fcol; /* start of the field being read */
	int fquoted;	  /* and whether it opened with a quote */

	size_t row0, nfields; /* the current row's first field in cur, and count */
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
static item *add_item(batch *b, int what)
{
	if (b->nitems == b->capitems) {
		b->capitems = b->capitems ? 2 * b->capitems : 64;
		b->items = rg_xrealloc(b->items, b->capitems * sizeof *b->items);
	}
	item *it = &b->items[b->nitems++];
	memset(it, 0, sizeof *it);
	it->what = what;
	return it;
}

/* An error, told in its place among the rows. */
static void err(reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = rg_vasprintf(fmt, ap);
	va_end(ap);
	item *it = add_item(r->cur, ITEM_ERROR);
	it->line = line;
	it->col = col;
	it->msg = msg;
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
				add_item(r->cur, ITEM_FAIL);
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
	batch *b = r->cur;
	if (r->nfields == 0) {
		r->row_line = r->fline;
		r->row0 = b->nfields;
	}
	if (check_field(r, s, n))
		r->bad_row = 1;
	if (b->nfields == b->capfields) {
		b->capfields = b->capfields ? 2 * b->capfields : 256;
		b->offs = rg_xrealloc(b->offs, b->capfields * sizeof *b->offs);
		b->fields = rg_xrealloc(b->fields, b->capfields * sizeof *b->fields);
	}
	b->offs[b->nfields] = b->text.len;
	b->fields[b->nfields].len = n;
	b->fields[b->nfields].line = r->fline;
	b->fields[b->nfields].col = r->fcol;
	b->nfields++;
	r->nfields++;
	/* the bytes as they are, line breaks inside quotes included (CRLF
	 * stays CRLF: the build stage draws any of them as a line break) */
	rg_buf_add(&b->text, n ? s : "", n);
	rg_buf_putc(&b->text, '\0');
	r->pending = START_AFTER_FIELD;
}

/* A line before the header that starts with "# ", or is one field that
 * starts with '#' ("# leaders.csv", as a file is titled where it is
 * shown), is a comment and skipped; "#,name" and "#id,name" are headers. */
static int comment_line(const reader *r)
{
	const batch *b = r->cur;
	const char *s = b->text.s + b->offs[r->row0];
	return r->nfields && s[0] == '#' && (s[1] == ' ' || (r->nfields == 1 && s[1]));
}

static void ship(reader *r);

static void on_record(int c, void *data)
{
	reader *r = data;
	int header_now = 0;
	(void)c;
	r->pending = START_AFTER_RECORD;
	if (r->stopped)
		goto reset;
	batch *b = r->cur;
	if (r->index == 0 && comment_line(r)) {
		/* not delivered: its fields go */
		b->text.len = b->offs[r->row0];
		b->nfields = r->row0;
		goto reset;
	}
	size_t index = r->index++;
	if (index == 0) {
		r->header_n = r->nfields;
		/* delivered at once: the caller decides on the split from it */
		header_now = r->sp != NULL;
	} else if (r->nfields != r->header_n) {
		size_t k = r->nfields > r->header_n ? r->header_n : r->nfields - 1;
		err(r, r->row_line, k < r->nfields ? b->fields[r->row0 + k].col : 1,
		    "row has %zu field%s but the header has %zu", r->nfields,
		    r->nfields == 1 ? "" : "s", r->header_n);
		r->bad_row = 1;
	}
	if (r->bad_row) {
		/* not delivered: its fields go */
		b->text.len = r->nfields ? b->offs[r->row0] : b->text.len;
		b->nfields = r->nfields ? r->row0 : b->nfields;
	} else {
		item *it = add_item(b, ITEM_ROW);
		it->line = r->row_line;
		it->field0 = r->row0;
		it->nfields = r->nfields;
		it->index = index;
		b->rows++;
	}
reset:
	r->nfields = 0;
	r->bad_row = 0;
	if (!r->stopped &&
	    (header_now || r->cur->rows >= r->batch_rows || r->cur->text.len >= BATCH_TEXT))
		ship(r);
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

/* ---------- batches between the two sides */

static void batch_reset(batch *b)
{
	for (size_t i = 0; i < b->nitems; i++)
		free(b->items[i].msg);
	b->nitems = b->rows = b->nfields = 0;
	rg_buf_reset(&b->text);
}

static void batch_free(batch *b)
{
	if (!b)
		return;
	batch_reset(b);
	free(b->text.s);
	free(b->offs);
	free(b->fields);
	free(b->items);
	free(b);
}

static void split_begin(channel *ch);

static rg_row row_of(const channel *ch, const batch *b, size_t i)
{
	const item *it = &b->items[i];
	rg_row row = {ch->file, it->line, it->nfields, b->fields + it->field0};
	return row;
}

static void tell_ahead(channel *ch, const batch *b, size_t i, int stage)
{
	if (i < b->nitems && b->items[i].what == ITEM_ROW) {
		rg_row row = row_of(ch, b, i);
		ch->h->ahead(ch->h->ctx, &row, stage);
	}
}

/* Hands the rows and problems of b to the caller, in order, until it asks
 * to stop. */
static void deliver(channel *ch, batch *b)
{
	for (size_t i = 0; i < b->nfields; i++)
		b->fields[i].s = b->text.s + b->offs[i];
	for (size_t i = 0; i < b->nitems && !ch->stopped; i++) {
		if (ch->h->ahead) {
			for (size_t j = i ? i + AHEAD_FAR : 0; j <= i + AHEAD_FAR; j++)
				tell_ahead(ch, b, j, 0);
			for (size_t j = i ? i + AHEAD_NEAR : 0; j <= i + AHEAD_NEAR; j++)
				tell_ahead(ch, b, j, 1);
		}
		const item *it = &b->items[i];
		if (it->what == ITEM_ERROR)
			rg_diag_add(ch->d, RG_ERROR, 0, ch->file, it->line, it->col, "%s", it->msg);
		if (it->what != ITEM_ROW) {
			ch->failed = 1;
			continue;
		}
		rg_row row = row_of(ch, b, i);
		if (ch->h->row(ch->h->ctx, &row, it->index))
			ch->stopped = 1;
		else if (it->index == 0 && ch->sp)
			split_begin(ch);
	}
}

static batch *take_spare(channel *ch)
{
	batch *b = NULL;
	if (ch->threaded) {
		pthread_mutex_lock(&ch->mu);
		b = ch->spare;
		if (b)
			ch->spare = b->next;
		pthread_mutex_unlock(&ch->mu);
	}
	return b ? b : rg_xcalloc(1, sizeof *b);
}

/* The parsing side is done with the current batch: on one thread the
 * caller takes it now; on two it joins the queue (waiting while the queue
 * is full) and a spare one is filled next. */
static void ship(reader *r)
{
	channel *ch = r->ch;
	if (!ch->threaded) {
		deliver(ch, r->cur);
		batch_reset(r->cur);
		r->stopped = ch->stopped;
		return;
	}
	batch *b = r->cur;
	r->cur = NULL; /* not ours once queued, whatever happens next */
	pthread_mutex_lock(&ch->mu);
	while (ch->queued >= QUEUE_MAX && !atomic_load(&ch->quit))
		pthread_cond_wait(&ch->cv, &ch->mu);
	b->next = NULL;
	if (ch->tail)
		ch->tail->next = b;
	else
		ch->head = b;
	ch->tail = b;
	ch->queued++;
	pthread_cond_broadcast(&ch->cv);
	pthread_mutex_unlock(&ch->mu);
	r->stopped = atomic_load(&ch->quit);
	r->cur = take_spare(ch);
}

/* Feeds n bytes (none of them NUL) to libcsv segment by segment.  Returns
 * -1 after a parse error, which ends the file. */
static int feed_text(reader *r, const char *s, size_t n)
{
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
			/* text after a closing quote: point at that quote (which
			 * may have ended the bytes fed before these) */
			if (!done && r->prev_quote)
				r->col--;
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
		r->prev_quote = j > i && s[j - 1] == '"';
		i = j;
	}
	return 0;
}

/* Feeds n bytes.  A NUL byte ends the file with one error at its place:
 * text has none, and a binary file (or /dev/zero) would otherwise be read
 * to its end, one error a field.  Returns -1 when the file ends here. */
static int feed(reader *r, const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);
	if (feed_text(r, s, nul ? (size_t)(nul - s) : n) != 0)
		return -1;
	if (!nul || r->stopped)
		return 0;
	err(r, r->line, r->col,
	    "NUL byte in field (is this a binary or UTF-16 file?); reading of this file "
	    "stops here");
	return -1;
}

static void reader_init(reader *r, channel *ch)
{
	memset(r, 0, sizeof *r);
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&r->p, no_space);
	/* libcsv grows its field buffer by this much at a time; its default of
	 * 128 bytes makes a long field cost the square of its length */
	csv_set_blk_size(&r->p, 1 << 16);
	r->file = ch->file;
	r->ch = ch;
	r->cur = rg_xcalloc(1, sizeof *r->cur);
	r->batch_rows = BATCH_ROWS;
	r->chunk = READ_CHUNK;
	atomic_init(&r->limit, 0);
	r->delim = ',';
	r->line = r->col = r->fline = r->fcol = 1;
	r->pending = START_AFTER_RECORD;
}

/* Ends the file: its last row and problems, then the last batch. */
static void reader_finish(reader *r, int ok)
{
	if (ok && !r->stopped) {
		if (csv_fini(&r->p, on_field, on_record, r) != 0)
			err(r, r->fline, r->fcol,
			    "unterminated quoted field: the quote opened here is never closed");
		else if (r->index == 0 && !r->failed)
			err(r, 1, 1, "empty file: a header row is required");
	}
	csv_free(&r->p);
	if (!r->stopped)
		ship(r);
	batch_free(r->cur);
	r->cur = NULL;
}

/* Where the bytes come from: a file, or memory. */
typedef struct {
	FILE *f;
	const char *path; /* the file's, opened again for a second part */
	const char *data;
	size_t len, pos; /* memory: its size, and the bytes taken so far */
	int ioerr;	 /* errno of a failed read, else 0 */
} source;

/* The next at most want bytes of src, at *out (read into buf for a file);
 * returns how many, 0 at the end or on a read error. */
static size_t next_bytes(source *src, char *buf, size_t want, const char **out)
{
	if (!src->f) {
		size_t n = src->len - src->pos < want ? src->len - src->pos : want;
		*out = src->data + src->pos;
		src->pos += n;
		return n;
	}
	*out = buf;
	return fread(buf, 1, want, src->f);
}

static int split_at(reader *r, int exact);

/* The parsing side's place in its source, so that the work can move to
 * another thread half way (pump_run returns when r->go_threaded is set). */
typedef struct {
	char *buf;	   /* a file's bytes read */
	const char *s;	   /* bytes read and not yet fed */
	size_t n;	   /* how many */
	size_t total;	   /* bytes of the file fed, or skipped (a BOM) */
	int ok;		   /* no problem that ends the file */
	int split_done;	   /* the cut was reached or passed */
	int rest_is_split; /* ... and the second part took the rest */
	int eof;
} pump;

static void pump_start(pump *p, const source *src)
{
	memset(p, 0, sizeof *p);
	p->buf = src->f ? rg_xmalloc(READ_CHUNK) : NULL;
	p->ok = 1;
}

/* Feeds src in pieces of r->chunk up to where a second part begins when
 * it takes the rest (r->limit), until the end, a problem that ends the
 * file, or r->go_threaded. */
static void pump_run(reader *r, source *src, pump *p)
{
	while (p->ok && !r->stopped && !p->rest_is_split && !p->eof && !r->go_threaded) {
		if (!p->n) {
			if ((p->n = next_bytes(src, p->buf, READ_CHUNK, &p->s)) == 0) {
				p->eof = 1;
				break;
			}
			if (!r->started) {
				long skip = first_chunk(r, p->s, p->n);
				if (skip < 0) {
					p->ok = 0;
					break;
				}
				p->s += skip, p->n -= (size_t)skip, p->total += (size_t)skip;
				continue;
			}
		}
		size_t piece = p->n < r->chunk ? p->n : r->chunk;
		size_t lim = p->split_done ? 0 : atomic_load(&r->limit);
		if (lim && p->total >= lim) {
			p->split_done = 1;
			p->rest_is_split = split_at(r, p->total == lim);
			continue;
		}
		if (lim && lim - p->total < piece)
			piece = lim - p->total;
		p->ok = feed(r, p->s, piece) == 0;
		p->s += piece, p->n -= piece, p->total += piece;
	}
}

/* Ends the parsing side's work on src. */
static void pump_end(reader *r, source *src, pump *p)
{
	free(p->buf);
	p->buf = NULL;
	if (src->f && ferror(src->f)) {
		src->ioerr = errno ? errno : EIO;
		p->ok = 0;
	} else if (p->total == 0 && p->ok) {
		err(r, 1, 1, "empty file: a header row is required");
		p->ok = 0;
	}
	reader_finish(r, p->ok && !p->rest_is_split);
}

/* The parsing side's whole work: every byte of src through feed. */
static void parse_all(reader *r, source *src)
{
	pump p;
	pump_start(&p, src);
	pump_run(r, src, &p);
	pump_end(r, src, &p);
}

/* ---------- two parts */

struct split {
	const rg_split_hooks *hooks;
	void *ctx;	     /* the caller's, for hooks */
	const char *display; /* the file's name in diagnostics */
	const char *path;    /* NULL: memory */
	const char *data;
	size_t size;
	size_t at;		 /* the second part's first byte */
	const rg_read_hooks *ph; /* begin's: the second part's hooks */
	rg_diags *pd;		 /* what the second part's rows said */
	channel ch;		 /* the second part's delivering side */
	reader r;		 /* and its parsing side */
	pthread_t thread;
	int running;	 /* the thread was started and not yet joined */
	atomic_int quit; /* the first part wants the second no more */
	long first_line; /* the line the second part begins on (split_point) */
	int ok;		 /* the second part was read to its end, without a problem */
	int ended;	 /* rg_split_hooks.end was called */
};

/* The line breaks among the n bytes at s as the reader counts them: CR,
 * LF, and CRLF as one (*prev_cr: the byte before s was a CR). */
static long line_breaks(const char *s, size_t n, int *prev_cr)
{
	long k = 0;
	if (!*prev_cr && !memchr(s, '\r', n)) {
		for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
			k++;
		return k;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || (s[i] == '\n' && !*prev_cr))
			k++;
		*prev_cr = s[i] == '\r';
	}
	return k;
}

/* The second part's thread: reads from the cut to the end as a file of
 * its own whose header is the first part's. */
static void split_run(split *sp, source *src)
{
	char *buf = src->f ? rg_xmalloc(READ_CHUNK) : NULL;
	const char *s;
	size_t n;
	int ok = 1;
	if (src->f)
		ok = fseek(src->f, (long)sp->at, SEEK_SET) == 0;
	else
		src->pos = sp->at;
	reader *r = &sp->r;
	r->line = sp->first_line;
	while (ok && !r->stopped && !atomic_load(&sp->quit) &&
	       (n = next_bytes(src, buf, READ_CHUNK, &s)) > 0)
		ok = feed(r, s, n) == 0;
	if (src->f && ferror(src->f))
		ok = 0;
	free(buf);
	if (atomic_load(&sp->quit))
		ok = 0, r->stopped = 1; /* nothing more to deliver */
	reader_finish(r, ok);
	sp->ok = ok && !sp->ch.failed && !sp->ch.stopped && rg_diags_count(sp->pd, RG_ERROR) == 0 &&
		 rg_diags_len(sp->pd) ==
			 rg_diags_count(sp->pd, RG_WARNING) + rg_diags_count(sp->pd, RG_NOTE);
}

static void *split_thread(void *arg)
{
	split *volatile sp = arg;
	source src = {NULL, sp->path, sp->data, sp->size, 0, 0};
	rg_oom_trap trap;
	if (setjmp(trap.env)) {
		/* what was being built is lost: the first part reads it all */
		sp->ok = 0;
	} else {
		rg_oom_enter(&trap);
		if (!sp->path || (src.f = fopen(sp->path, "rb")) != NULL)
			split_run(sp, &src);
		rg_oom_leave(&trap);
	}
	if (src.f)
		fclose(src.f);
	return NULL;
}

/* How many quotes the n bytes at s hold. */
static size_t quotes_in(const char *s, size_t n)
{
	size_t k = 0;
	for (const char *p = s, *end = s + n; (p = memchr(p, '"', (size_t)(end - p))); p++)
		k++;
	return k;
}

/* Where the second part begins: after the first line break from the
 * middle on that is outside quotes (an even number of quotes before it:
 * with quoting as RFC 4180 has it, a quoted field holds an even number);
 * sets sp->at, and sp->first_line to the line it is on as the reader
 * counts them.  sp->at is 0 when there is no such break before the end,
 * or the file cannot be read.  One pass over the first half, on the
 * caller's thread (a few milliseconds for tens of megabytes). */
static void split_point(split *sp)
{
	source src = {NULL, sp->path, sp->data, sp->size, 0, 0};
	if (sp->path && !(src.f = fopen(sp->path, "rb")))
		return;
	char *buf = src.f ? rg_xmalloc(READ_CHUNK) : NULL;
	size_t mid = sp->size / 2, total = 0, quotes = 0, n = 0;
	long lines = 0;
	int prev_cr = 0;
	const char *s = NULL;
	while (total < mid) {
		size_t want = mid - total < READ_CHUNK ? mid - total : READ_CHUNK;
		if ((n = next_bytes(&src, buf, want, &s)) == 0)
			break;
		lines += line_breaks(s, n, &prev_cr);
		quotes += quotes_in(s, n);
		total += n;
	}
	size_t at = 0, pos = total;
	while (total == mid && !at && (n = next_bytes(&src, buf, READ_CHUNK, &s)) > 0) {
		size_t i = 0;
		for (; i < n && !at; i++) {
			if (s[i] == '"')
				quotes++;
			else if (s[i] == '\n' && quotes % 2 == 0)
				at = pos + i + 1;
		}
		lines += line_breaks(s, i, &prev_cr); /* up to the cut's line break */
		pos += n;
	}
	free(buf);
	if (src.f)
		fclose(src.f);
	sp->at = at < sp->size ? at : 0;
	sp->first_line = 1 + lines;
}

/* On the caller's thread, once the header is delivered: asks the caller
 * for the second part's hooks, and starts it.  Without a second part, a
 * big file's parsing moves to a thread of its own (r->go_threaded). */
static void split_begin(channel *ch)
{
	split *sp = ch->sp;
	reader *a = ch->rd; /* its delimiter and header are set by now */
	ch->sp = NULL;	    /* once */
	split_point(sp);
	size_t at = sp->at;
	if (at) {
		sp->pd = rg_diags_new();
		sp->ph = sp->hooks->begin(sp->ctx, sp->pd);
	}
	if (!sp->ph) {
		a->go_threaded = a->want_thread;
		return;
	}
	sp->ch.file = sp->display;
	sp->ch.h = sp->ph;
	sp->ch.d = sp->pd;
	atomic_init(&sp->ch.quit, 0);
	reader_init(&sp->r, &sp->ch);
	sp->r.started = 1;
	sp->r.delim = a->delim;
	csv_set_delim(&sp->r.p, a->delim);
	memcpy(sp->r.stop, a->stop, sizeof sp->r.stop);
	sp->r.header_n = a->header_n;
	sp->r.index = 1;
	sp->r.batch_rows = a->batch_rows;
	atomic_init(&sp->quit, 0);
	if (pthread_create(&sp->thread, NULL, split_thread, sp) != 0) {
		/* no thread: the first part reads it all */
		csv_free(&sp->r.p);
		batch_free(sp->r.cur);
		a->go_threaded = a->want_thread;
		return;
	}
	sp->running = 1;
	atomic_store(&a->limit, at);
}

static void split_join(split *sp)
{
	if (sp->running)
		pthread_join(sp->thread, NULL);
	sp->running = 0;
}

/* Tells the caller whether it may take the second part (once); returns
 * 1 when it took it. */
static int split_end(split *sp, int keep)
{
	if (!sp->ph || sp->ended)
		return 0;
	sp->ended = 1;
	return sp->hooks->end(sp->ctx, keep, sp->pd);
}

/* On the first part's side (the caller's thread), at the cut (exact: the
 * last byte fed was the one before it; else it is past it): delivers the
 * first part's last rows and offers the second part to the caller.
 * Returns 1 when the caller took it, which ends the file here. */
static int split_at(reader *r, int exact)
{
	split *sp = r->sp;
	/* between two records: no field of a row begun here, and libcsv's
	 * own state ROW_NOT_BEGUN (0) with nothing in its buffer */
	int between = exact && !r->stopped && r->nfields == 0 && r->p.pstate == 0 &&
		      r->p.entry_pos == 0 && r->pending == START_AFTER_RECORD && r->col == 1;
	if (!between)
		atomic_store(&sp->quit, 1);
	else
		ship(r); /* the first part's last rows (mid-row, a batch stays whole) */
	split_join(sp);
	int keep = between && !r->stopped && sp->ok && sp->first_line == r->line;
	return split_end(sp, keep);
}

/* ---------- one thread or two */

typedef struct {
	reader r;
	source *src;
	pump p;
	int pumping; /* p is under way: the thread goes on with it */
} job;

static void *parse_thread(void *arg)
{
	job *volatile j = arg;
	channel *ch = j->r.ch;
	rg_oom_trap trap;
	if (setjmp(trap.env)) {
		/* what was being built is lost; the caller's thread reports it */
		pthread_mutex_lock(&ch->mu);
		ch->oom = 1;
	} else {
		rg_oom_enter(&trap);
		if (!j->pumping)
			pump_start(&j->p, j->src);
		j->r.go_threaded = 0; /* it is */
		pump_run(&j->r, j->src, &j->p);
		pump_end(&j->r, j->src, &j->p);
		rg_oom_leave(&trap);
		pthread_mutex_lock(&ch->mu);
	}
	ch->done = 1;
	pthread_cond_broadcast(&ch->cv);
	pthread_mutex_unlock(&ch->mu);
	return NULL;
}

/* The caller's side of two threads: delivers queued batches until the
 * parsing thread is done, then waits for it. */
static void run_threaded(channel *ch, job *j)
{
	pthread_t t;
	pthread_mutex_init(&ch->mu, NULL);
	pthread_cond_init(&ch->cv, NULL);
	ch->threaded = 1;
	if (pthread_create(&t, NULL, parse_thread, j) != 0) {
		/* no thread to be had: the one we are on does it all */
		ch->threaded = 0;
		if (!j->pumping)
			pump_start(&j->p, j->src);
		j->r.go_threaded = 0; /* it is */
		pump_run(&j->r, j->src, &j->p);
		pump_end(&j->r, j->src, &j->p);
		pthread_cond_destroy(&ch->cv);
		pthread_mutex_destroy(&ch->mu);
		return;
	}
	for (;;) {
		pthread_mutex_lock(&ch->mu);
		while (!ch->head && !ch->done)
			pthread_cond_wait(&ch->cv, &ch->mu);
		batch *b = ch->head;
		if (b) {
			ch->head = b->next;
			if (!ch->head)
				ch->tail = NULL;
			ch->queued--;
			pthread_cond_broadcast(&ch->cv);
		}
		pthread_mutex_unlock(&ch->mu);
		if (!b)
			break;
		if (!ch->stopped)
			deliver(ch, b);
		if (ch->stopped)
			atomic_store(&ch->quit, 1);
		batch_reset(b);
		pthread_mutex_lock(&ch->mu);
		b->next = ch->spare;
		ch->spare = b;
		pthread_cond_broadcast(&ch->cv);
		pthread_mutex_unlock(&ch->mu);
	}
	pthread_join(t, NULL);
	while (ch->spare) {
		batch *b = ch->spare;
		ch->spare = b->next;
		batch_free(b);
	}
	pthread_cond_destroy(&ch->cv);
	pthread_mutex_destroy(&ch->mu);
	if (ch->oom)
		rg_oom_raise();
}

/* RG_READ_PARALLEL_ENV: "always" parses every input on a thread of its
 * own, in batches of a few rows (for tests and fuzzing), "never" none. */
static int parallel_mode(void)
{
	const char *v = getenv(RG_READ_PARALLEL_ENV);
	if (v && strcmp(v, "always") == 0)
		return 1;
	if (v && strcmp(v, "never") == 0)
		return -1;
	return 0;
}

/* Whether a parallel path is taken for a file of size bytes (mode:
 * parallel_mode()): forced, or from min bytes on when there are two
 * processors or more. */
static int parallel_for(int mode, size_t size, size_t min)
{
	return mode > 0 || (mode == 0 && size >= min && sysconf(_SC_NPROCESSORS_ONLN) > 1);
}

static rg_status read_source(source *src, const char *display, size_t size, const rg_read_hooks *h,
			     rg_diags *d)
{
	channel ch;
	memset(&ch, 0, sizeof ch);
	ch.file = display;
	ch.h = h;
	ch.d = d;
	atomic_init(&ch.quit, 0);
	job *j = rg_xcalloc(1, sizeof *j);
	j->src = src;
	reader_init(&j->r, &ch);
	int mode = parallel_mode();
	if (mode > 0) {
		j->r.batch_rows = FORCED_BATCH_ROWS;
		j->r.chunk = FORCED_CHUNK;
	}
	int threads = parallel_for(mode, size, PARALLEL_MIN_BYTES);
	split *sp = NULL;
	if (h->split && size && parallel_for(mode, size, SPLIT_MIN_BYTES)) {
		sp = rg_xcalloc(1, sizeof *sp);
		sp->hooks = h->split;
		sp->ctx = h->ctx;
		sp->display = display;
		sp->path = src->path;
		sp->data = src->data;
		sp->size = size;
		ch.sp = j->r.sp = sp;
		ch.rd = &j->r;
		j->r.want_thread = threads;
	}
	if (sp) {
		/* two parts, each read on one thread; or, when the caller
		 * wants one, the parsing goes to a thread of its own after the
		 * header */
		pump_start(&j->p, src);
		j->pumping = 1;
		pump_run(&j->r, src, &j->p);
		if (j->r.go_threaded)
			run_threaded(&ch, j);
		else
			pump_end(&j->r, src, &j->p);
	} else if (threads) {
		run_threaded(&ch, j);
	} else {
		parse_all(&j->r, src);
	}
	free(j);
	if (sp) {
		/* the first part stopped before the cut */
		atomic_store(&sp->quit, 1);
		split_join(sp);
		split_end(sp, 0);
		rg_diags_free(sp->pd);
		free(sp);
	}
	return ch.failed ? RG_EDATA : RG_OK;
}

rg_status rg_read_csv_with(const char *path, const char *display, const rg_read_hooks *h,
			   rg_diags *d)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		rg_error(d, display, 0, 0, "cannot open: %s", strerror(errno));
		return RG_ESYS;
	}
	struct stat st;
	size_t size = !is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)
			      ? (size_t)st.st_size
			      : 0;
	source src = {f, is_stdin ? NULL : path, NULL, 0, 0, 0};
	rg_status s = read_source(&src, display, size, h, d);
	if (!is_stdin)
		fclose(f);
	if (src.ioerr) {
		rg_error(d, display, 0, 0, "read error: %s", strerror(src.ioerr));
		return RG_ESYS;
	}
	return s;
}

rg_status rg_read_csv_mem_with(const char *data, size_t len, const char *display,
			       const rg_read_hooks *h, rg_diags *d)
{
	source src = {NULL, NULL, data, len, 0, 0};
	return read_source(&src, display, len, h, d);
}

rg_status rg_read_csv(const char *path, const char *display, rg_row_fn fn, void *ctx, rg_diags *d)
{
	rg_read_hooks h = {fn, NULL, ctx, NULL};
	return rg_read_csv_with(path, display, &h, d);
}

rg_status rg_read_csv_mem(const char *data, size_t len, const char *display, rg_row_fn fn,
			  void *ctx, rg_diags *d)
{
	rg_read_hooks h = {fn, NULL, ctx, NULL};
	return rg_read_csv_mem_with(data, len, display, &h, d);
}
