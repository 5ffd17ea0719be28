/* diag.h: diagnostics shared by every stage of the pipeline.
 *
 * Library code never prints or exits: it records what went wrong here, with
 * the file, line and column it concerns, and returns an rg_status.  The
 * host (relgraph's command, or a program using the library) alone decides
 * what to print and which exit code that means.
 */
#ifndef RELGRAPH_DIAG_H
#define RELGRAPH_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* What a library call did, worst last: where several problems meet, the
 * greater status wins.  These are not exit codes; the relgraph command
 * maps them to its own (src/cli/main.c). */
typedef enum {
	RG_OK = 0,
	RG_EDATA,  /* the input data is wrong */
	RG_EUSAGE, /* the caller asked for something that cannot be: an
		      unknown option value, a filter naming nothing */
	RG_ESYS,   /* the system or Graphviz failed */
	RG_ENOMEM  /* out of memory; the job can only be freed */
} rg_status;

typedef enum { RG_NOTE, RG_WARNING, RG_ERROR } rg_severity;

/* A lint diagnostic is a warning only `relgraph check` shows (e.g. a node
 * used but declared nowhere, routine for edge-only exports). */
#define RG_DIAG_LINT 1u

typedef struct {
	rg_severity severity;
	unsigned flags;
	const char *topic; /* what a lint warning is about, or NULL (rg_lint_about) */
	char *file;	   /* NULL when the problem has no place in a file */
	long line;	   /* 0 when unknown */
	long col;	   /* 0 when unknown */
	char *msg;
} rg_diag;

typedef struct rg_diags rg_diags;

/* Returns a new, empty list; the caller frees it with rg_diags_free. */
rg_diags *rg_diags_new(void);
void rg_diags_free(rg_diags *d);

/* Records one diagnostic.  file is copied; it may be NULL. */
void rg_diag_add(rg_diags *d, rg_severity sev, unsigned flags, const char *file, long line,
		 long col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void rg_diag_vadd(rg_diags *d, rg_severity sev, unsigned flags, const char *file, long line,
		  long col, const char *fmt, va_list ap);

#define rg_error(d, f, l, c, ...) rg_diag_add(d, RG_ERROR, 0, f, l, c, __VA_ARGS__)
#define rg_warn(d, f, l, c, ...) rg_diag_add(d, RG_WARNING, 0, f, l, c, __VA_ARGS__)
#define rg_lint(d, f, l, c, ...) rg_diag_add(d, RG_WARNING, RG_DIAG_LINT, f, l, c, __VA_ARGS__)

/* Records a lint warning about topic: a static string, its singular and
 * plural split by '|' ("repeated row|repeated rows"), which
 * rg_diags_summary counts by. */
void rg_lint_about(rg_diags *d, const char *topic, const char *file, long line, long col,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The lint warnings rg_diags_print leaves out without with_lint that
 * have a topic (those without are routine notes, such as an edge list
 * with no node table), counted by topic in the order topics first came: "3 warnings: 2 names
 * declared in no node table, 1 repeated row"; NULL when there are none.  The caller frees it. */
char *rg_diags_summary(const rg_diags *d);

/* Number of diagnostics of severity sev recorded (stored or not). */
size_t rg_diags_count(const rg_diags *d, rg_severity sev);
/* Stored diagnostics, in the order they were added; the list keeps
 * ownership.  At most RG_DIAGS_MAX are stored; the rest are only counted. */
size_t rg_diags_len(const rg_diags *d);
const rg_diag *rg_diags_at(const rg_diags *d, size_t i);
#define RG_DIAGS_MAX 200

/* Prints "relgraph: FILE:LINE:COL: error: message" lines to f, at most
 * limit of them, skipping lint warnings unless with_lint; then a line saying
 * how many were not shown.  Returns the number printed. */
size_t rg_diags_print(const rg_diags *d, FILE *f, int with_lint, size_t limit);

/* Makes every warning an error (--strict); lint warnings too. */
void rg_diags_strict(rg_diags *d);

/* Empties the list, to use it again. */
void rg_diags_clear(rg_diags *d);

const char *rg_strerror(rg_status s);

#endif
