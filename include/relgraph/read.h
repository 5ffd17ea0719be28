/* read.h: stage 1 of the pipeline, CSV bytes to rows.
 *
 * Every byte goes through libcsv, fed in chunks, so input of any size
 * streams.  The reader adds what libcsv lacks: line and column of each
 * field, a sniffed delimiter, BOM and encoding checks, and a field count
 * check against the header.  Rows that are malformed are reported in the
 * diagnostics and not delivered.
 */
#ifndef RELGRAPH_READ_H
#define RELGRAPH_READ_H

#include <stddef.h>

#include "relgraph/diag.h"

typedef struct {
	const char *s; /* NUL-terminated, valid only during the callback */
	size_t len;
	long line, col; /* where the field starts, both from 1 */
} rg_field;

typedef struct {
	const char *file; /* the name diagnostics use */
	long line;	  /* line of the row's first field */
	size_t nfields;
	const rg_field *fields;
} rg_row;

/* Called for each record in order; index 0 is the header (comment lines
 * before it, "# leaders.csv", are skipped).  The row and its
 * fields belong to the reader and are reused after the call returns: copy
 * what you keep.  A row's fields lie one after the other in memory, each
 * ended by a NUL, so the whole row is the bytes from fields[0].s to the
 * end of the last field.  Return non-zero to stop reading the file. */
typedef int (*rg_row_fn)(void *ctx, const rg_row *row, size_t index);

/* Optional: called for a row some rows before it is delivered, twice
 * (stage 0 about 16 rows ahead, stage 1 about 8), so that the caller can
 * start fetching from memory what the row will need.  It must change
 * nothing; the row and its fields are valid until the row is delivered. */
typedef void (*rg_ahead_fn)(void *ctx, const rg_row *row, int stage);

typedef struct rg_split_hooks rg_split_hooks;

typedef struct {
	rg_row_fn row;
	rg_ahead_fn ahead; /* may be NULL */
	void *ctx;
	const rg_split_hooks *split; /* may be NULL: the file is read in one part */
} rg_read_hooks;

/* A big file may be read in two parts at once: the caller's thread from
 * the start, a second thread from a row boundary near the middle.  The
 * caller says, once it has seen the header, whether its rows can be taken
 * so; the rows of each part come in order, with exact lines and columns.
 * Both functions are called on the caller's thread, with the hooks' ctx. */
struct rg_split_hooks {
	/* Called once the header (row 0) is delivered.  Returns the hooks
	 * for the second part's rows, called on the other thread (their
	 * index is above 0 but not the row's number in the file), which
	 * must touch nothing the caller's hooks touch, their problems going
	 * to part_d; or NULL to read the file in one part. */
	const rg_read_hooks *(*begin)(void *ctx, rg_diags *part_d);
	/* Called once, when begin returned hooks: when the first part is
	 * read (its last row delivered), or when reading stopped before.
	 * keep 1: the part's hooks got every row after the cut, as one pass
	 * would have read them, and part_d holds what they said, no error
	 * among it: return 1 to take them (after the caller's own rows, as
	 * if delivered there), or 0 to have those rows delivered again to
	 * the caller's hooks.  keep 0: the cut fell inside a quoted field, or
	 * the part met an error (which one pass reports in its place), or
	 * reading stopped: drop the part and return 0; the rows after the cut
	 * come to the caller's hooks, unless reading stopped. */
	int (*end)(void *ctx, int keep, rg_diags *part_d);
};

/* A big file is parsed on a second thread while rows are delivered on the
 * caller's: the same rows, problems and positions, in the same order; and
 * read in two parts when the hooks allow it (rg_split_hooks).  This
 * environment variable set to "always" does both for any input (in
 * batches of a few rows and bytes: for tests), "never" for none. */
#define RG_READ_PARALLEL_ENV "RELGRAPH_PARALLEL_READ"

/* Reads the CSV file at path ("-" for standard input), naming it display in
 * diagnostics.  Returns RG_OK, RG_EDATA when the file has problems (each
 * in d), or RG_ESYS when it cannot be opened or read. */
rg_status rg_read_csv(const char *path, const char *display, rg_row_fn fn, void *ctx, rg_diags *d);

/* The same for a buffer in memory (tests and fuzzing). */
rg_status rg_read_csv_mem(const char *data, size_t len, const char *display, rg_row_fn fn,
			  void *ctx, rg_diags *d);

/* rg_read_csv and rg_read_csv_mem with hooks. */
rg_status rg_read_csv_with(const char *path, const char *display, const rg_read_hooks *h,
			   rg_diags *d);
rg_status rg_read_csv_mem_with(const char *data, size_t len, const char *display,
			       const rg_read_hooks *h, rg_diags *d);

#endif
