/* test_read.c: stage 1, CSV bytes to rows with lines and columns. */
#include "unit.h"

#include <stdint.h>

#include "relgraph/read.h"

#define MAXROWS 16
#define MAXF 8

/* What the reader delivered, copied out of its reused buffers. */
typedef struct {
	size_t n;
	size_t stop_at; /* the callback returns 1 for this index */
	const char *file[MAXROWS];
	long line[MAXROWS];
	size_t index[MAXROWS];
	size_t nf[MAXROWS];
	char s[MAXROWS][MAXF][32];
	size_t len[MAXROWS][MAXF];
	long fline[MAXROWS][MAXF], fcol[MAXROWS][MAXF];
} rows;

static int collect(void *ctx, const rg_row *row, size_t index)
{
	rows *r = ctx;
	if (r->n < MAXROWS) {
		size_t i = r->n;
		r->file[i] = row->file;
		r->line[i] = row->line;
		r->index[i] = index;
		r->nf[i] = row->nfields;
		for (size_t k = 0; k < row->nfields && k < MAXF; k++) {
			const rg_field *f = &row->fields[k];
			size_t len = f->len < 31 ? f->len : 31;
			memcpy(r->s[i][k], f->s, len);
			r->s[i][k][len] = '\0';
			r->len[i][k] = f->len;
			r->fline[i][k] = f->line;
			r->fcol[i][k] = f->col;
		}
	}
	r->n++;
	return index == r->stop_at;
}

typedef struct {
	rg_diags *d;
	rows r;
	rg_status st;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->d = rg_diags_new();
	f->r.stop_at = SIZE_MAX;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	rg_diags_free(f->d);
	free(f);
	return 0;
}

/* Reads a string literal (embedded NULs included) as the file "t.csv". */
#define READ(f, lit)                                                                               \
	((f)->st = rg_read_csv_mem((lit), sizeof(lit) - 1, "t.csv", collect, &(f)->r, (f)->d))

#define assert_field(f, row, k, text, line_, col_)                                                 \
	do {                                                                                       \
		assert_string_equal((f)->r.s[row][k], (text));                                     \
		assert_int_equal((f)->r.fline[row][k], (line_));                                   \
		assert_int_equal((f)->r.fcol[row][k], (col_));                                     \
	} while (0)

/* The only diagnostic is an error at line:col saying msg. */
#define assert_only_error(f, line_, col_, msg_)                                                    \
	do {                                                                                       \
		assert_int_equal((f)->st, RG_EDATA);                                               \
		assert_int_equal(rg_diags_len((f)->d), 1);                                         \
		const rg_diag *x_ = rg_diags_at((f)->d, 0);                                        \
		assert_diag_at(x_, RG_ERROR, "t.csv", (line_), (col_));                            \
		assert_string_equal(x_->msg, (msg_));                                              \
	} while (0)

/* ---- rows and positions ---- */

static void test_rows_and_fields(void **state)
{
	fixture *f = *state;
	READ(f, "id,name\nxi,Xi Jinping\nputin,Vladimir Putin\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_diags_len(f->d), 0);
	assert_int_equal(f->r.n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(f->r.index[i], i);
		assert_int_equal(f->r.nf[i], 2);
		assert_string_equal(f->r.file[i], "t.csv");
		assert_int_equal(f->r.line[i], (long)i + 1);
	}
	assert_field(f, 0, 0, "id", 1, 1);
	assert_field(f, 0, 1, "name", 1, 4);
	assert_field(f, 1, 0, "xi", 2, 1);
	assert_field(f, 1, 1, "Xi Jinping", 2, 4);
	assert_field(f, 2, 1, "Vladimir Putin", 3, 7);
}

static void test_last_line_without_newline(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n1,2");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_field(f, 1, 1, "2", 2, 3);
}

static void test_spaces_kept_and_empty_fields(void **state)
{
	fixture *f = *state;
	READ(f, "a,b,c\n x ,,\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_field(f, 1, 0, " x ", 2, 1);
	assert_field(f, 1, 1, "", 2, 5);
	assert_field(f, 1, 2, "", 2, 6);
}

static void test_quoted_field_with_doubled_quotes(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n\"say \"\"hi\"\"\",\"x,y\"\n");
	assert_int_equal(f->st, RG_OK);
	assert_field(f, 1, 0, "say \"hi\"", 2, 1);
	assert_field(f, 1, 1, "x,y", 2, 14);
}

static void test_quoted_newline_moves_next_field_line(void **state)
{
	fixture *f = *state;
	READ(f, "a,b,c\n\"x\ny\",z,w\nlast,1,2\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 3);
	assert_int_equal(f->r.line[1], 2);
	assert_field(f, 1, 0, "x\ny", 2, 1);
	assert_field(f, 1, 1, "z", 3, 4);
	assert_field(f, 1, 2, "w", 3, 6);
	assert_int_equal(f->r.line[2], 4);
	assert_field(f, 2, 0, "last", 4, 1);
}

static void test_crlf_line_ends(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\r\n1,2\r\n3,4\r\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 3);
	assert_field(f, 0, 1, "b", 1, 3);
	assert_field(f, 1, 0, "1", 2, 1);
	assert_field(f, 2, 1, "4", 3, 3);
}

static void test_cr_only_line_ends(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\r1,2\r3,4\r");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 3);
	assert_field(f, 1, 1, "2", 2, 3);
	assert_field(f, 2, 0, "3", 3, 1);
}

static void test_blank_lines_skipped_and_counted(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n\n1,2\n\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_field(f, 1, 0, "1", 3, 1);
}

/* "# leaders.csv" before the header, as a file is titled where it is
 * shown, is a comment; "#,name" is a header, and after the header a '#'
 * line is data. */
static void test_comment_lines_before_header_skipped(void **state)
{
	fixture *f = *state;
	READ(f, "# leaders.csv\n#title\nname,country\n# x,y\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_int_equal(f->r.index[0], 0);
	assert_field(f, 0, 0, "name", 3, 1);
	assert_field(f, 1, 0, "# x", 4, 1);
	memset(&f->r, 0, sizeof f->r);
	f->r.stop_at = SIZE_MAX;
	READ(f, "#,name\n1,a\n");
	assert_int_equal(f->r.n, 2);
	assert_field(f, 0, 0, "#", 1, 1);
}

static void test_utf8_bom_skipped(void **state)
{
	fixture *f = *state;
	READ(f, "\xEF\xBB\xBFid,name\nx,y\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_field(f, 0, 0, "id", 1, 1);
	assert_int_equal(f->r.len[0][0], 2);
	assert_field(f, 0, 1, "name", 1, 4);
}

static void test_multibyte_utf8_is_one_column(void **state)
{
	fixture *f = *state;
	/* ü and é are two bytes each, 習 three: each is one column */
	READ(f, "a,b,c\n\xC3\xBC,\xC3\xA9\xE7\xBF\x92,x\n");
	assert_int_equal(f->st, RG_OK);
	assert_field(f, 1, 0, "\xC3\xBC", 2, 1);
	assert_field(f, 1, 1, "\xC3\xA9\xE7\xBF\x92", 2, 3);
	assert_field(f, 1, 2, "x", 2, 6);
}

/* ---- delimiter sniffing ---- */

static void test_sniffs_comma(void **state)
{
	fixture *f = *state;
	READ(f, "a,b;c\n1,2;3\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.nf[0], 2);
	assert_string_equal(f->r.s[1][1], "2;3");
}

static void test_sniffs_semicolon(void **state)
{
	fixture *f = *state;
	READ(f, "a;b;c\n1,5;2;3\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.nf[0], 3);
	assert_field(f, 1, 0, "1,5", 2, 1);
	assert_field(f, 1, 2, "3", 2, 7);
}

static void test_sniffs_tab(void **state)
{
	fixture *f = *state;
	READ(f, "a\tb\tc\n1,2\t3;4\t5\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.nf[1], 3);
	assert_field(f, 1, 1, "3;4", 2, 5);
}

static void test_sniff_ignores_quoted_delimiters(void **state)
{
	fixture *f = *state;
	READ(f, "\"a,b,c\";d;e\nx;y;z\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.nf[0], 3);
	assert_string_equal(f->r.s[0][0], "a,b,c");
}

/* ---- errors ---- */

static void test_unterminated_quote(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n1,\"open\n2,3\n");
	assert_only_error(f, 2, 3,
			  "unterminated quoted field: the quote opened here is never closed");
	assert_int_equal(f->r.n, 1); /* only the header */
}

static void test_stray_quote(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n1,ab\"c\n");
	assert_only_error(f, 2, 5,
			  "'\"' inside a field that is not quoted properly (quote the whole "
			  "field and double the quotes inside it: \"a \"\"b\"\" c\")");
}

static void test_too_few_fields(void **state)
{
	fixture *f = *state;
	READ(f, "a,b,c\n1,2\n4,5,6\n");
	assert_only_error(f, 2, 3, "row has 2 fields but the header has 3");
	/* the bad row is not delivered, the next one is */
	assert_int_equal(f->r.n, 2);
	assert_string_equal(f->r.s[1][0], "4");
	assert_int_equal(f->r.index[1], 2);
}

static void test_too_many_fields(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n1,2,3\n");
	assert_only_error(f, 2, 5, "row has 3 fields but the header has 2");
	assert_int_equal(f->r.n, 1);
}

static void test_one_field_row_message(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\nx\n");
	assert_only_error(f, 2, 1, "row has 1 field but the header has 2");
}

static void test_utf16_le_bom(void **state)
{
	fixture *f = *state;
	READ(f, "\xFF\xFE"
		"a\0,\0b\0\n\0");
	assert_only_error(f, 1, 1,
			  "the file is UTF-16 (little-endian) text; relgraph reads UTF-8: "
			  "convert it with iconv -f UTF-16 -t UTF-8");
	assert_int_equal(f->r.n, 0);
}

static void test_utf16_be_bom(void **state)
{
	fixture *f = *state;
	READ(f, "\xFE\xFF\0a\0,\0b\0\n");
	assert_int_equal(f->st, RG_EDATA);
	assert_non_null(unit_diag(f->d, "UTF-16 (big-endian)"));
}

static void test_utf16_without_bom(void **state)
{
	fixture *f = *state;
	READ(f, "a\0,\0b\0\n\0");
	assert_int_equal(f->st, RG_EDATA);
	assert_non_null(unit_diag(f->d, "looks like UTF-16 text without a byte order mark"));
	assert_int_equal(f->r.n, 0);
}

#define LATIN1_MSG                                                                                 \
	"byte 0xE9 is not valid UTF-8 (if the file is Latin-1 or Windows-1252, "                   \
	"convert it: iconv -f WINDOWS-1252 -t UTF-8)"

static void test_latin1_byte(void **state)
{
	fixture *f = *state;
	READ(f, "id,name\nx,Jos\xE9\n");
	assert_only_error(f, 2, 6, LATIN1_MSG);
	assert_int_equal(f->r.n, 1);
}

/* The column is the bad byte's, not the opening quote's. */
static void test_latin1_byte_in_quoted_field(void **state)
{
	fixture *f = *state;
	READ(f, "id,name\nx,\"Jos\xE9\"\n");
	assert_only_error(f, 2, 7, LATIN1_MSG);
}

/* A line break inside quotes may be a lone CR too: the bad byte after it
 * is on the next line. */
static void test_latin1_byte_after_cr_in_quoted_field(void **state)
{
	fixture *f = *state;
	READ(f, "id\r\"a\rb\xE9\"\r");
	assert_only_error(f, 3, 2, LATIN1_MSG);
}

static void test_latin1_reported_once_per_file(void **state)
{
	fixture *f = *state;
	READ(f, "id\n\xE9\n\xE8\nok\n");
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_len(f->d), 1);
	assert_int_equal(rg_diags_at(f->d, 0)->line, 2);
	assert_int_equal(f->r.n, 2); /* header and "ok" */
	assert_string_equal(f->r.s[1][0], "ok");
}

static void test_nul_byte(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\nx\0y,z\n1,2\n\0\0\n3,\0\n");
	/* one error, at the first NUL; nothing after it is read */
	assert_only_error(f, 2, 2,
			  "NUL byte in field (is this a binary or UTF-16 file?); reading of this "
			  "file stops here");
	assert_int_equal(f->r.n, 1);
}

/* Problems of every kind, between good rows, a quoted line break among
 * them: what a parallel read must give exactly as one pass does. */
static const char mixed[] = "id,label\n"
			    "a,\"two\nlines\"\n"
			    "b,\xFF\n"
			    "c,C\n"
			    "d\n"
			    "e,E,extra\n"
			    "f,\"F \"\"x\"\"\"\n"
			    "g,\xC3\n"
			    "h,H\n"
			    "i,I\n"
			    "j,\"J\"k\n"
			    "l,L\n";

static void read_mixed(fixture *f, const char *mode)
{
	setenv(RG_READ_PARALLEL_ENV, mode, 1);
	f->st = rg_read_csv_mem(mixed, sizeof mixed - 1, "t.csv", collect, &f->r, f->d);
	unsetenv(RG_READ_PARALLEL_ENV);
}

static void assert_same_reads(const fixture *a, const fixture *b)
{
	assert_int_equal(a->st, b->st);
	assert_int_equal(a->r.n, b->r.n);
	for (size_t i = 0; i < a->r.n && i < MAXROWS; i++) {
		assert_int_equal(a->r.line[i], b->r.line[i]);
		assert_int_equal(a->r.index[i], b->r.index[i]);
		assert_int_equal(a->r.nf[i], b->r.nf[i]);
		for (size_t k = 0; k < a->r.nf[i] && k < MAXF; k++) {
			assert_string_equal(a->r.s[i][k], b->r.s[i][k]);
			assert_int_equal(a->r.fline[i][k], b->r.fline[i][k]);
			assert_int_equal(a->r.fcol[i][k], b->r.fcol[i][k]);
		}
	}
	assert_int_equal(rg_diags_len(a->d), rg_diags_len(b->d));
	for (size_t i = 0; i < rg_diags_len(a->d); i++) {
		const rg_diag *x = rg_diags_at(a->d, i), *y = rg_diags_at(b->d, i);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->col, y->col);
		assert_string_equal(x->msg, y->msg);
	}
}

static void test_parallel_read_same_as_one_pass(void **state)
{
	fixture *one = *state, two;
	memset(&two, 0, sizeof two);
	two.d = rg_diags_new();
	two.r.stop_at = SIZE_MAX;
	read_mixed(one, "never");
	read_mixed(&two, "always");
	/* the mixed rows do make problems, in several batches of a few rows */
	assert_int_equal(one->st, RG_EDATA);
	assert_int_equal(rg_diags_len(one->d), 4);
	assert_int_equal(one->r.n, 6);
	assert_same_reads(one, &two);
	rg_diags_free(two.d);
}

static void test_parallel_read_stops_when_asked(void **state)
{
	fixture *one = *state, two;
	memset(&two, 0, sizeof two);
	two.d = rg_diags_new();
	one->r.stop_at = two.r.stop_at = 3;
	read_mixed(one, "never");
	read_mixed(&two, "always");
	/* records 0 to 3 (the header, a, c: b was bad) and the one problem
	 * before record 3 only */
	assert_int_equal(one->r.n, 3);
	assert_int_equal(rg_diags_len(one->d), 1);
	assert_same_reads(one, &two);
	rg_diags_free(two.d);
}

/* ---- a file read in two parts ---- */

/* What a caller of rg_split_hooks saw: rows first, so that collect takes
 * it as its rows. */
typedef struct {
	rows main, part;
	int begins, ends, offered; /* calls, and end's keep */
	int take;		   /* what end answers when offered */
	size_t part_problems;	   /* part_d's length at end */
	rg_read_hooks ph;
} two_parts;

static const rg_read_hooks *part_begin(void *ctx, rg_diags *pd)
{
	two_parts *c = ctx;
	(void)pd;
	c->begins++;
	c->ph = (rg_read_hooks){collect, NULL, &c->part, NULL};
	return &c->ph;
}

static int part_end(void *ctx, int keep, rg_diags *pd)
{
	two_parts *c = ctx;
	c->ends++;
	c->offered = keep;
	c->part_problems = rg_diags_len(pd);
	return keep && c->take;
}

static const rg_split_hooks part_hooks = {part_begin, part_end};

/* Reads text (forced: cut in two however small) into c. */
static rg_status read_two(two_parts *c, const char *text, rg_diags *d)
{
	c->main.stop_at = c->part.stop_at = SIZE_MAX;
	rg_read_hooks h = {collect, NULL, c, &part_hooks};
	setenv(RG_READ_PARALLEL_ENV, "always", 1);
	rg_status st = rg_read_csv_mem_with(text, strlen(text), "t.csv", &h, d);
	unsetenv(RG_READ_PARALLEL_ENV);
	return st;
}

static const char twelve[] = "name,n\n"
			     "r1,1\nr2,2\nr3,3\nr4,4\nr5,5\nr6,6\n"
			     "r7,7\nr8,8\nr9,9\nr10,10\nr11,11\nr12,12\n";

/* Rows r1.. of twelve, from the k-th on, in rows from its i-th on. */
static void assert_twelve_rows(const rows *r, size_t i, size_t k, size_t n)
{
	for (; i < n; i++, k++) {
		char want[8];
		snprintf(want, sizeof want, "r%zu", k);
		assert_string_equal(r->s[i][0], want);
		assert_int_equal(r->line[i], (long)k + 1);
		assert_int_equal(r->fcol[i][1], (long)strlen(want) + 2);
	}
}

static void test_two_parts_taken(void **state)
{
	fixture *f = *state;
	two_parts c = {0};
	c.take = 1;
	assert_int_equal(read_two(&c, twelve, f->d), RG_OK);
	assert_int_equal(c.begins, 1);
	assert_int_equal(c.ends, 1);
	assert_int_equal(c.offered, 1);
	/* the header and the first rows here, the rest there, in order */
	assert_true(c.main.n > 1 && c.part.n > 0);
	assert_int_equal(c.main.n + c.part.n, 13);
	assert_int_equal(c.main.index[0], 0);
	assert_twelve_rows(&c.main, 1, 1, c.main.n);
	assert_twelve_rows(&c.part, 0, c.main.n, c.part.n);
	assert_true(c.part.index[0] > 0);
}

static void test_two_parts_refused_read_again(void **state)
{
	fixture *f = *state;
	two_parts c = {0};
	c.take = 0;
	assert_int_equal(read_two(&c, twelve, f->d), RG_OK);
	assert_int_equal(c.offered, 1);
	assert_true(c.part.n > 0);
	/* every row once, to the caller's hooks */
	assert_int_equal(c.main.n, 13);
	assert_twelve_rows(&c.main, 1, 1, 13);
}

static void test_two_parts_cut_outside_quotes(void **state)
{
	fixture *f = *state;
	two_parts c = {0};
	c.take = 1;
	/* the middle falls among the quoted line breaks: the cut is made at
	 * the first line break after the quotes close */
	assert_int_equal(read_two(&c, "a,b\nx,\"l1\nl2\nl3\nl4\nl5\nl6\nl7\"\ny,z\nw,v\n", f->d),
			 RG_OK);
	assert_int_equal(c.ends, 1);
	assert_int_equal(c.offered, 1);
	assert_int_equal(c.main.n, 2);
	assert_string_equal(c.main.s[1][1], "l1\nl2\nl3\nl4\nl5\nl6\nl7");
	assert_int_equal(c.part.n, 2);
	assert_string_equal(c.part.s[0][0], "y");
	assert_int_equal(c.part.line[0], 9);
	assert_int_equal(c.part.line[1], 10);
}

static void test_two_parts_error_told_once_in_place(void **state)
{
	fixture *f = *state;
	two_parts c = {0};
	c.take = 1;
	assert_int_equal(read_two(&c,
				  "name,n\nr1,1\nr2,2\nr3,3\nr4,4\nr5,5\nr6,6\n"
				  "r7,7\nr8,8\nr9,9,9\nr10,10\n",
				  f->d),
			 RG_EDATA);
	/* the part met the error: dropped, and the rows read again here */
	assert_int_equal(c.offered, 0);
	assert_int_equal(c.part_problems, 1);
	assert_int_equal(c.main.n, 10);
	assert_int_equal(rg_diags_len(f->d), 1);
	assert_diag_at(rg_diags_at(f->d, 0), RG_ERROR, "t.csv", 10, 6);
}

static void test_stray_quote_at_piece_end_same_place(void **state)
{
	fixture *f = *state;
	/* forced, the bytes are fed seven at a time: the closing quote is
	 * the last of a piece (byte 13), the text after it the next's first */
	static const char text[] = "a,b\nxxxxx,\"yy\"z\n";
	setenv(RG_READ_PARALLEL_ENV, "always", 1);
	f->st = rg_read_csv_mem(text, sizeof text - 1, "t.csv", collect, &f->r, f->d);
	unsetenv(RG_READ_PARALLEL_ENV);
	assert_only_error(f, 2, 10,
			  "'\"' inside a field that is not quoted properly (quote the whole field "
			  "and double the quotes inside it: \"a \"\"b\"\" c\")");
}

static void test_empty_input(void **state)
{
	fixture *f = *state;
	READ(f, "");
	assert_only_error(f, 1, 1, "empty file: a header row is required");
	assert_int_equal(f->r.n, 0);
}

static void test_bom_only_is_empty(void **state)
{
	fixture *f = *state;
	READ(f, "\xEF\xBB\xBF");
	assert_only_error(f, 1, 1, "empty file: a header row is required");
}

static void test_errors_in_several_rows_all_reported(void **state)
{
	fixture *f = *state;
	READ(f, "a,b\n1\n2,3\n4,5,6\n");
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_len(f->d), 2);
	assert_int_equal(rg_diags_at(f->d, 0)->line, 2);
	assert_int_equal(rg_diags_at(f->d, 1)->line, 4);
	assert_int_equal(f->r.n, 2);
}

/* ---- the callback ---- */

static void test_callback_nonzero_stops_reading(void **state)
{
	fixture *f = *state;
	f->r.stop_at = 1;
	READ(f, "a\n1\n2\n3\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 2);
	assert_string_equal(f->r.s[1][0], "1");
}

static void test_stop_on_header_skips_bad_rows(void **state)
{
	fixture *f = *state;
	f->r.stop_at = 0;
	READ(f, "a,b\n1\n\"open\n");
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(rg_diags_len(f->d), 0);
}

static void test_read_missing_file_is_system_error(void **state)
{
	fixture *f = *state;
	f->st = rg_read_csv("/nonexistent/relgraph/x.csv", "x.csv", collect, &f->r, f->d);
	assert_int_equal(f->st, RG_ESYS);
	const rg_diag *x = unit_diag(f->d, "cannot open");
	assert_non_null(x);
	assert_string_equal(x->file, "x.csv");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_rows_and_fields),
		T(test_last_line_without_newline),
		T(test_spaces_kept_and_empty_fields),
		T(test_quoted_field_with_doubled_quotes),
		T(test_quoted_newline_moves_next_field_line),
		T(test_crlf_line_ends),
		T(test_cr_only_line_ends),
		T(test_blank_lines_skipped_and_counted),
		T(test_comment_lines_before_header_skipped),
		T(test_utf8_bom_skipped),
		T(test_multibyte_utf8_is_one_column),
		T(test_sniffs_comma),
		T(test_sniffs_semicolon),
		T(test_sniffs_tab),
		T(test_sniff_ignores_quoted_delimiters),
		T(test_unterminated_quote),
		T(test_stray_quote),
		T(test_too_few_fields),
		T(test_too_many_fields),
		T(test_one_field_row_message),
		T(test_utf16_le_bom),
		T(test_utf16_be_bom),
		T(test_utf16_without_bom),
		T(test_latin1_byte),
		T(test_latin1_byte_in_quoted_field),
		T(test_latin1_byte_after_cr_in_quoted_field),
		T(test_latin1_reported_once_per_file),
		T(test_nul_byte),
		T(test_parallel_read_same_as_one_pass),
		T(test_parallel_read_stops_when_asked),
		T(test_two_parts_taken),
		T(test_two_parts_refused_read_again),
		T(test_two_parts_cut_outside_quotes),
		T(test_two_parts_error_told_once_in_place),
		T(test_stray_quote_at_piece_end_same_place),
		T(test_empty_input),
		T(test_bom_only_is_empty),
		T(test_errors_in_several_rows_all_reported),
		T(test_callback_nonzero_stops_reading),
		T(test_stop_on_header_skips_bad_rows),
		T(test_read_missing_file_is_system_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
