/* model.h: stage 2 of the pipeline, rows to entities and relations.
 *
 * The model is what the data says, independent of how it is drawn:
 * entities (leaders, countries, agreements, ...) and relations between them,
 * each with a kind, dates and attributes, and the place in the input it came
 * from.  Strings are interned: an rg_str is a small integer naming one
 * distinct string, 0 being the empty string.  Entities and relations live in
 * flat arrays and refer to each other by index.
 *
 * Loading understands the header conventions of the tools users export
 * from (Gephi, Kumu, Onodo, Flourish, LittleSis) and relgraph's own
 * meetings and agreements tables; docs/FORMAT.md is the full description.
 */
#ifndef RELGRAPH_MODEL_H
#define RELGRAPH_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "relgraph/diag.h"

typedef uint32_t rg_str;

/* A date of day, month or year precision: month and day are 0 when not
 * given.  year 0 means no date. */
typedef struct {
	int16_t year;
	uint8_t month, day;
} rg_date;

/* An interval of dates; either end may be absent. */
typedef struct {
	rg_date start, end;
} rg_span;

typedef struct {
	uint32_t file; /* index into rg_model_file() */
	uint32_t line, col;
} rg_loc;

typedef struct {
	rg_str key, value;
} rg_attr;

typedef struct {
	rg_str id, label, kind;
	rg_str group, country, url, description;
	rg_span when;
	rg_loc where;
	uint32_t attr0, nattr; /* range in rg_model_attrs() */
	unsigned declared : 1; /* found in a node table, not only in a relation */
} rg_entity;

#define RG_NONE UINT32_MAX

typedef struct {
	uint32_t a, b; /* entity indices; RG_NONE until rg_model_finish */
	rg_str aname, bname;
	rg_str kind, label;
	rg_span when;
	double weight;	/* 1 unless a weight column says otherwise */
	uint32_t count; /* how many real-world relations this row stands for */
	rg_loc where;	/* the row, at its first end's column */
	uint32_t bcol;	/* the second end's column, on the same row */
	uint32_t attr0, nattr;
	rg_str aguess, bguess; /* kind for an endpoint no node table declares */
	unsigned directed : 1;
} rg_relation;

typedef struct rg_model rg_model;

/* Returns a new, empty model; free it with rg_model_free. */
rg_model *rg_model_new(void);
/* Called now and then while rows are read (every RG_PROGRESS_ROWS rows),
 * with the file being read and the rows read so far from all files, for
 * a progress line. */
#define RG_PROGRESS_ROWS 65536
typedef void (*rg_progress_fn)(void *ctx, const char *file, uint64_t rows);
void rg_model_on_progress(rg_model *m, rg_progress_fn fn, void *ctx);
void rg_model_free(rg_model *m);

/* Interning.  rg_model_intern copies s; the model owns the copy, valid
 * until rg_model_free.  rg_model_str never returns NULL. */
rg_str rg_model_intern(rg_model *m, const char *s, size_t len);
rg_str rg_model_intern_z(rg_model *m, const char *s);
const char *rg_model_str(const rg_model *m, rg_str s);
/* Returns the rg_str of s if interned already, else 0 (the empty string). */
rg_str rg_model_lookup(const rg_model *m, const char *s);

/* A meeting of more than n participants is drawn as a node of its own (of
 * kind meeting) joined to each of them by `attended`, not as a `met` edge
 * between every two of them; RG_EVENT_NODES unless set, before loading
 * (n is at least 1: every meeting a node). */
#define RG_EVENT_NODES 6
void rg_model_set_event_nodes(rg_model *m, unsigned n);
unsigned rg_model_event_nodes(const rg_model *m);

/* Loads one input: a folder (every *.csv in it, by name), a CSV file, or
 * "-" for standard input.  Problems go to d; returns the worst status.  Call
 * rg_model_finish once every input is loaded. */
rg_status rg_model_load(rg_model *m, const char *path, rg_diags *d);
/* Loads CSV text from memory as if read from a file called name. */
rg_status rg_model_load_mem(rg_model *m, const char *name, const char *data, size_t len,
			    rg_diags *d);
/* 1 if rg_model_load reads a file of this name from a folder: *.csv, not
 * hidden (so editors' .x.csv.swp, x.csv~ and .#x.csv are not read). */
int rg_model_reads_file(const char *name);

/* Column mappings (docs/FORMAT.md, "Column mappings"), given before
 * loading.  A file's mapping says what its columns are when relgraph
 * cannot tell by their names: rg_model_map_columns reads a CSV on the Web
 * metadata file (--columns; RG_EUSAGE when it cannot be opened, RG_EDATA
 * when it has mistakes), rg_model_map adds "[FILE:]header=role,..."
 * (--map; RG_EUSAGE when malformed).  Loading also follows the metadata
 * file found beside a CSV file (X.csv-metadata.json, else
 * csv-metadata.json in its folder).  rg_model_map_check, once every input
 * is loaded, reports a --map header no input has (RG_EUSAGE) and a
 * --columns table no input is named for (a warning). */
rg_status rg_model_map_columns(rg_model *m, const char *path, rg_diags *d);
rg_status rg_model_map(rg_model *m, const char *spec, rg_diags *d);
rg_status rg_model_map_check(rg_model *m, rg_diags *d);
/* The files rg_model_load reads for path, in the order it reads them: a
 * folder's *.csv files by name ("path/name"), else path itself.  Problems
 * (no such path, a folder without .csv files) go to d, as rg_model_load
 * says them.  Sets *files to a new array of new strings (free both) and *n
 * to their number; returns the worst status. */
rg_status rg_model_list(const char *path, char ***files, size_t *n, rg_diags *d);
/* Loads one of the files rg_model_list gives (a file, or "-"), as
 * rg_model_load does. */
rg_status rg_model_load_file(rg_model *m, const char *path, rg_diags *d);
/* A deep copy of m, which rg_model_finish has not yet finished: loading
 * more into the copy and finishing it gives what loading the same into m
 * would have (the host keeps a model as loaded so far, rg_job).  NULL
 * when m holds a column mapping (given, or found beside a file loaded),
 * which is not copied. */
rg_model *rg_model_copy(const rg_model *m);

/* Marks: what a host that loads the same big files again and again (rg_job
 * keeping loads, for watch) uses instead of copies.  rg_model_mark_new
 * remembers m as loaded so far, before rg_model_finish (NULL, as for
 * rg_model_copy, when m holds a column mapping); rg_model_rollback takes m,
 * finished or not, back to how it was then (the marks made after k are
 * then void: free them), so that loading more and finishing gives what
 * the same loads from nothing would.  rg_model_finish_kept finishes a
 * model loaded on after mark k: the first time it remembers in k what
 * finishing made of the relations before k (their ends, the entities and
 * warnings for their names, a list of relations by entity), and later
 * reuses it when nothing loaded after k changes it (the same declared
 * entities and files, no new kinds for k's names): the same result and
 * warnings as rg_model_finish, without the work over k's relations.  A
 * mark belongs to the model it was made of; free it before the model, or
 * after rolling back past it. */
typedef struct rg_model_mark rg_model_mark;
rg_model_mark *rg_model_mark_new(const rg_model *m);
void rg_model_rollback(rg_model *m, rg_model_mark *k);
void rg_model_mark_free(rg_model_mark *k);
rg_status rg_model_finish_kept(rg_model *m, rg_model_mark *k, rg_diags *d);
/* 1 if the last rg_model_finish_kept of k reused what k remembered. */
int rg_model_mark_reused(const rg_model_mark *k);
/* The relations with entity e at an end, in index order, from the list a
 * finish after a mark keeps: at most two runs, run[0] before the mark
 * and run[1] after it.  Returns 0 (and no runs) when m has no such list
 * (finished without a mark). */
typedef struct {
	const uint32_t *rel;
	size_t n;
} rg_rel_run;
int rg_model_incident(const rg_model *m, uint32_t e, rg_rel_run run[2]);

/* Resolves relation endpoints (by id, then by unique label), creates the
 * entities that relations use but no table declares (a lint warning each),
 * and adds each leader's `leads` relation to their country. */
rg_status rg_model_finish(rg_model *m, rg_diags *d);

/* How many tables were read in two parts at once, on two threads (read.h,
 * rg_split_hooks): for -v, and tests. */
size_t rg_model_split_tables(const rg_model *m);
size_t rg_model_nentities(const rg_model *m);
size_t rg_model_nrelations(const rg_model *m);
const rg_entity *rg_model_entity(const rg_model *m, size_t i);
const rg_relation *rg_model_relation(const rg_model *m, size_t i);
const rg_attr *rg_model_attrs(const rg_model *m);
/* Index of the entity with this id, or RG_NONE. */
uint32_t rg_model_find(const rg_model *m, const char *id);
/* The name the loader gave input file number i (in diagnostics and locs),
 * and how many files were loaded. */
const char *rg_model_file(const rg_model *m, uint32_t i);
size_t rg_model_nfiles(const rg_model *m);
/* The periods of entity i when several rows gave it times apart (a state
 * that ceased and came back, a leader's two terms): sets *out to them and
 * returns how many; 0 when its span (rg_entity.when) says all.  They
 * belong to m and are valid once rg_model_finish has run. */
size_t rg_model_periods(const rg_model *m, size_t i, const rg_span **out);
/* The value of attribute key on an entity or relation's range, or 0. */
rg_str rg_model_attr(const rg_model *m, uint32_t attr0, uint32_t nattr, const char *key);
/* The value of entity e's field name (any case): its kind, country or
 * group, else the attribute of that column; 0 for none. */
rg_str rg_model_field(const rg_model *m, const rg_entity *e, const char *name);

/* Dates.  rg_date_parse accepts YYYY, YYYY-MM and YYYY-MM-DD (and a time
 * part after 'T', ignored); returns 0 on success, -1 on a malformed or
 * impossible date such as 2023-02-30. */
int rg_date_parse(const char *s, rg_date *out);
/* Writes the date as it was given (YYYY, YYYY-MM or YYYY-MM-DD); buf needs
 * 11 bytes. */
void rg_date_format(rg_date d, char *buf);
/* The first and last day a date stands for, as the number YYYYMMDD:
 * 2022 runs from 20220101 to 20221231. */
long rg_date_first_day(rg_date d);
long rg_date_last_day(rg_date d);
/* Compares the first (lo) or last (hi) day a date stands for. */
int rg_date_cmp_lo(rg_date a, rg_date b);
int rg_date_cmp_hi(rg_date a, rg_date b);

#endif
