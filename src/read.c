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
/* The bytes read from a file at a time. */
#define READ_CHUNK (1u << 16)

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
typedef struct {
	const char *file;
	const rg_read_hooks *h;
	rg_diags *d;
	int stopped; /* the row callback asked to stop */
	int failed;  /* an error was delivered */
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

typedef struct {
	struct csv_parser p;
	const char *file;
	channel *ch;
	batch *cur;	   /* the batch being filled */
	size_t batch_rows; /* BATCH_ROWS, or FORCED_BATCH_ROWS */

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
	if (index == 0)
		r->header_n = r->nfields;
	else if (r->nfields != r->header_n) {
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
	if (!r->stopped && (r->cur->rows >= r->batch_rows || r->cur->text.len >= BATCH_TEXT))
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

/* Feeds n bytes.  A NUL byte ends the file with one error at its place:
 * text has none, and a binary file (or /dev/zero) would otherwise be read
 * to its end, one error a field.  Returns -1 when the file ends here. */
static int feed(reader *r, const char *s, size_t n)
{
	if (!r->started) {
		long skip = first_chunk(r, s, n);
		if (skip < 0)
			return -1;
		s += skip;
		n -= (size_t)skip;
	}
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
	const char *data;
	size_t len;
	int ioerr; /* errno of a failed read, else 0 */
} source;

/* The parsing side's whole work: every byte of src through feed. */
static void parse_all(reader *r, source *src)
{
	if (!src->f) {
		int ok = 1;
		if (src->len == 0)
			err(r, 1, 1, "empty file: a header row is required"), ok = 0;
		else
			ok = feed(r, src->data, src->len) == 0;
		reader_finish(r, ok);
		return;
	}
	char *buf = rg_xmalloc(READ_CHUNK);
	size_t n, total = 0;
	int ok = 1;
	while (ok && !r->stopped && (n = fread(buf, 1, READ_CHUNK, src->f)) > 0) {
		total += n;
		ok = feed(r, buf, n) == 0;
	}
	free(buf);
	if (ferror(src->f)) {
		src->ioerr = errno ? errno : EIO;
		ok = 0;
	} else if (total == 0 && ok) {
		err(r, 1, 1, "empty file: a header row is required");
		ok = 0;
	}
	reader_finish(r, ok);
}

/* ---------- one thread or two */

typedef struct {
	reader r;
	source *src;
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
		parse_all(&j->r, j->src);
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
		parse_all(&j->r, j->src);
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
	if (mode > 0)
		j->r.batch_rows = FORCED_BATCH_ROWS;
	if (mode > 0 ||
	    (mode == 0 && size >= PARALLEL_MIN_BYTES && sysconf(_SC_NPROCESSORS_ONLN) > 1))
		run_threaded(&ch, j);
	else
		parse_all(&j->r, src);
	free(j);
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
	source src = {f, NULL, 0, 0};
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
	source src = {NULL, data, len, 0};
	return read_source(&src, display, len, h, d);
}

rg_status rg_read_csv(const char *path, const char *display, rg_row_fn fn, void *ctx, rg_diags *d)
{
	rg_read_hooks h = {fn, NULL, ctx};
	return rg_read_csv_with(path, display, &h, d);
}

rg_status rg_read_csv_mem(const char *data, size_t len, const char *display, rg_row_fn fn,
			  void *ctx, rg_diags *d)
{
	rg_read_hooks h = {fn, NULL, ctx};
	return rg_read_csv_mem_with(data, len, display, &h, d);
}
