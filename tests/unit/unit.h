/* unit.h: what every cmocka unit test of relgraph shares.
 *
 * Tests build their input from CSV text in memory, named as the file it
 * stands for, since the name helps decide what a table holds.
 */
#ifndef RELGRAPH_UNIT_H
#define RELGRAPH_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relgraph.h"
#include "relgraph/diag.h"
#include "relgraph/model.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

/* One input file: its name (leaders.csv, meetings.csv ...) and its text. */
typedef struct {
	const char *name, *text;
} unit_csv;

/* Loads every file into a new model in order, as a job does (the job
 * reads them; the test takes the model).  *status gets the job's status.
 * The caller frees the model. */
static inline rg_model *unit_model(rg_diags *d, rg_status *status, const unit_csv *files, size_t n)
{
	rg_job *j = rg_job_new(d);
	for (size_t i = 0; i < n; i++)
		rg_job_add_input_mem(j, files[i].name, files[i].text, strlen(files[i].text));
	rg_status st = rg_job_load(j);
	if (status)
		*status = st;
	rg_model *m = rg_job_take_model(j);
	rg_job_free(j);
	return m;
}

/* UNIT_MODEL(d, &status, {"leaders.csv", "id\nxi\n"}, {...}) */
#define UNIT_MODEL(d, status, ...)                                                                 \
	unit_model(d, status, (const unit_csv[]){__VA_ARGS__},                                     \
		   sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

/* Every diagnostic of d as relgraph prints them, lint warnings too, then
 * the summary line of the warnings (or nothing): one text to compare two
 * runs by (the caller frees it). */
static inline char *unit_diags_text(const rg_diags *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	rg_diags_print(d, f, 1, 1000);
	char *summary = rg_diags_summary(d);
	fprintf(f, "%s", summary ? summary : "");
	free(summary);
	fclose(f);
	return text;
}

/* The first diagnostic whose message contains text, or NULL. */
static inline const rg_diag *unit_diag(const rg_diags *d, const char *text)
{
	for (size_t i = 0; i < rg_diags_len(d); i++)
		if (strstr(rg_diags_at(d, i)->msg, text))
			return rg_diags_at(d, i);
	return NULL;
}

/* How many stored diagnostics carry every bit of flags. */
static inline size_t unit_ndiags_flagged(const rg_diags *d, unsigned flags)
{
	size_t n = 0;
	for (size_t i = 0; i < rg_diags_len(d); i++)
		if ((rg_diags_at(d, i)->flags & flags) == flags)
			n++;
	return n;
}

/* The fixture of the model, transform, stats and build tests: what a
 * test makes, freed after it by unit_teardown. */
typedef struct {
	rg_diags *d;
	rg_model *m;
	rg_view *v;
	Agraph_t *g; /* a graph built from v, if any */
	rg_status st;
	char *out;
} unit_fixture;

static inline int unit_setup(void **state)
{
	unit_fixture *f = calloc(1, sizeof *f);
	f->d = rg_diags_new();
	*state = f;
	return f ? 0 : -1;
}

static inline int unit_teardown(void **state)
{
	unit_fixture *f = *state;
	free(f->out);
	if (f->g)
		agclose(f->g);
	rg_view_free(f->v);
	rg_model_free(f->m);
	rg_diags_free(f->d);
	free(f);
	return 0;
}

/* One Graphviz context for a whole test program that lays out or
 * renders (building needs none: test_build_nogvc.c): pass these to
 * cmocka_run_group_tests. */
static rg_diags *unit_gv_diags;
static rg_render *unit_gv;

static inline int unit_gv_setup(void **state)
{
	(void)state;
	unit_gv_diags = rg_diags_new();
	unit_gv = rg_render_new(unit_gv_diags);
	return unit_gv ? 0 : -1;
}

static inline int unit_gv_teardown(void **state)
{
	(void)state;
	rg_render_free(unit_gv);
	rg_diags_free(unit_gv_diags);
	return 0;
}

/* Asserts that diagnostic x is an error at line:col of file. */
#define assert_diag_at(x, sev, file_, line_, col_)                                                 \
	do {                                                                                       \
		assert_non_null(x);                                                                \
		assert_int_equal((x)->severity, (sev));                                            \
		assert_non_null((x)->file);                                                        \
		assert_string_equal((x)->file, (file_));                                           \
		assert_int_equal((x)->line, (line_));                                              \
		assert_int_equal((x)->col, (col_));                                                \
	} while (0)

#endif
