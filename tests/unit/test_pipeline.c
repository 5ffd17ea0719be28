/* test_pipeline.c: the job, as a program using the library sees it:
 * inputs in, outputs out, every problem as a diagnostic and a status. */
#include "unit.h"

#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relgraph/stats.h"

#include "util.h"

static const char edges[] = "source,target,kind,date\n"
			    "Xi Jinping,Vladimir Putin,met,2013-03\n"
			    "Xi Jinping,Vladimir Putin,met,2019-06\n"
			    "Vladimir Putin,Russia,leads,\n";

static rg_job *job_of(rg_diags *d, const char *csv)
{
	rg_job *j = rg_job_new(d);
	rg_job_add_input_mem(j, "edges.csv", csv, strlen(csv));
	return j;
}

static char *draw_dot(rg_job *j, rg_status *st)
{
	char *dot = NULL;
	size_t len = 0;
	rg_output out = {.format = "dot", .data = &dot, .len = &len};
	*st = rg_job_draw(j, &out, 1);
	return dot;
}

static void test_draws_to_memory(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	rg_status st;
	char *dot = draw_dot(j, &st);
	assert_int_equal(st, RG_OK);
	assert_non_null(strstr(dot, "\"Xi Jinping\""));
	/* merged: two meetings, one edge that says so */
	assert_non_null(strstr(dot, "2 meetings, 2013"));
	assert_int_equal(rg_job_view(j)->nedges, 2);
	assert_string_equal(rg_job_name(j), "edges");
	assert_non_null(strstr(rg_job_desc(j), "3 nodes"));
	free(dot);
	rg_job_free(j);
}

static void test_filters_and_look(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	rg_filters fl = RG_FILTERS_INIT;
	rg_date_parse("2019", &fl.from);
	const char *rel[] = {"met"};
	fl.relations = rel;
	fl.nrelations = 1;
	rg_job_set_filters(j, &fl);
	rg_look l = {.name = "pair", .title = "Since 2019", .no_legend = 1};
	rg_job_set_look(j, &l);
	rg_status st;
	char *dot = draw_dot(j, &st);
	assert_int_equal(st, RG_OK);
	assert_null(strstr(dot, "Russia"));
	assert_null(strstr(dot, "2013"));
	assert_null(strstr(dot, "legend"));
	assert_non_null(strstr(dot, "Since 2019"));
	assert_string_equal(rg_job_name(j), "pair");
	free(dot);
	rg_job_free(j);
}

static void test_focus_suggests(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	rg_filters fl = RG_FILTERS_INIT;
	const char *focus[] = {"Vladimir Puttin"};
	fl.focus = focus;
	fl.nfocus = 1;
	rg_job_set_filters(j, &fl);
	rg_status st;
	char *dot = draw_dot(j, &st);
	assert_int_equal(st, RG_EUSAGE);
	assert_null(dot);
	assert_non_null(unit_diag(f->d, "did you mean 'Vladimir Putin'"));
	/* asking again gives the same answer without reading again */
	assert_int_equal(rg_job_select(j), RG_EUSAGE);
	rg_job_free(j);
}

static void test_bad_data_is_a_status(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, "source,target,date\na,b,2021-13-01\n");
	rg_status st;
	char *dot = draw_dot(j, &st);
	assert_int_equal(st, RG_EDATA);
	assert_null(dot);
	const rg_diag *x = unit_diag(f->d, "2021-13-01");
	assert_diag_at(x, RG_ERROR, "edges.csv", 2, 5);
	rg_job_free(j);
}

static void test_strict(void **state)
{
	unit_fixture *f = *state;
	/* a row that repeats another is a warning; strict makes it an error */
	rg_job *j = job_of(f->d, "source,target\na,b\na,b\n");
	rg_job_set_strict(j, 1);
	assert_int_equal(rg_job_load(j), RG_EDATA);
	assert_int_equal(rg_diags_count(f->d, RG_WARNING), 0);
	assert_true(rg_diags_count(f->d, RG_ERROR) > 0);
	rg_job_free(j);
}

/* The stages' ends, in order, as -v prints them. */
static void on_event(void *ctx, const rg_event *ev)
{
	rg_buf *b = ctx;
	if (ev->kind == RG_EVENT_DONE)
		rg_buf_printf(b, "%d:%s;", (int)ev->stage, ev->text);
}

static void test_events(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	rg_look l = {.no_legend = 1};
	rg_job_set_look(j, &l);
	rg_buf b = {0};
	rg_job_on_event(j, on_event, &b);
	rg_status st;
	char *dot = draw_dot(j, &st);
	assert_int_equal(st, RG_OK);
	assert_string_equal(b.s, "0:3 entities, 3 relations;1:3 nodes, 2 edges;"
				 "2:cgraph graph of 3 nodes, 2 edges;4:1 output;");
	free(b.s);
	free(dot);
	rg_job_free(j);
}

static void test_reset_reads_again(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	assert_int_equal(rg_job_select(j), RG_OK);
	assert_int_equal(rg_job_view(j)->nnodes, 3);
	rg_job_reset(j);
	assert_null(rg_job_model(j));
	rg_job_clear_inputs(j);
	rg_job_add_input_mem(j, "people.csv", "id\nAnna\nBoris\n", strlen("id\nAnna\nBoris\n"));
	assert_int_equal(rg_job_select(j), RG_OK);
	assert_int_equal(rg_model_nentities(rg_job_model(j)), 2);
	assert_string_equal(rg_job_name(j), "people");
	rg_job_free(j);
}

/* Graphviz allows one context at a time: a second job cannot draw until
 * the first is gone, and says so. */
static void test_one_graphviz_at_a_time(void **state)
{
	unit_fixture *f = *state;
	rg_diags *db = rg_diags_new();
	rg_job *a = job_of(f->d, edges), *b = job_of(db, edges);
	rg_status st;
	char *dot = draw_dot(a, &st);
	assert_int_equal(st, RG_OK);
	free(dot);
	assert_null(draw_dot(b, &st));
	assert_int_equal(st, RG_ESYS);
	assert_non_null(unit_diag(db, "Graphviz is in use"));
	rg_job_free(a);
	rg_diags_clear(db);
	dot = draw_dot(b, &st);
	assert_int_equal(st, RG_OK);
	free(dot);
	rg_job_free(b);
	rg_diags_free(db);
}

/* Under AddressSanitizer (make check-asan), a malloc too big returns
 * NULL as libc's does, instead of ending the test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Out of memory jumps to the innermost trap: the library returns it as
 * a status instead of exiting. */
static void test_out_of_memory_is_caught(void **state)
{
	(void)state;
	volatile int caught = 0;
	rg_oom_trap t;
	if (setjmp(t.env)) {
		caught = 1;
	} else {
		rg_oom_enter(&t);
		rg_xmalloc(SIZE_MAX);
		rg_oom_leave(&t);
	}
	assert_int_equal(caught, 1);
}

static char *draw_svg(rg_job *j, rg_status *st)
{
	char *svg = NULL;
	size_t len = 0;
	rg_output out = {.format = "svg", .data = &svg, .len = &len};
	*st = rg_job_draw(j, &out, 1);
	return svg;
}

/* The layout memory through the job: a drawing kept asks for its places,
 * and a drawing from them is the same drawing; after an edit the
 * remembered node stays where it was. */
static void test_layout_memory(void **state)
{
	unit_fixture *f = *state;
	rg_job *j = job_of(f->d, edges);
	rg_status st;
	char *svg = draw_svg(j, &st);
	assert_int_equal(st, RG_OK);
	assert_null(rg_job_memory(j)); /* not asked for */
	free(svg);
	rg_job_set_memory(j, NULL, 1);
	char *first = draw_svg(j, &st);
	assert_int_equal(st, RG_OK);
	assert_non_null(rg_job_memory(j));
	assert_int_equal(rg_memory_count(rg_job_memory(j)), 3);
	rg_memory *mem = rg_memory_new();
	rg_memory_copy(mem, rg_job_memory(j));
	rg_job_set_memory(j, mem, 1);
	char *second = draw_svg(j, &st);
	assert_int_equal(st, RG_OK);
	assert_string_equal(first, second);
	double x0, y0, x1, y1;
	assert_true(rg_memory_get(mem, "Russia", &x0, &y0));

	/* an edit: a new node; Russia stays */
	static const char more[] = "source,target,kind,date\n"
				   "Xi Jinping,Vladimir Putin,met,2013-03\n"
				   "Xi Jinping,Vladimir Putin,met,2019-06\n"
				   "Vladimir Putin,Russia,leads,\n"
				   "Narendra Modi,Vladimir Putin,met,2023-03\n";
	rg_job_clear_inputs(j);
	rg_job_reset(j);
	rg_job_add_input_mem(j, "edges.csv", more, strlen(more));
	char *third = draw_svg(j, &st);
	assert_int_equal(st, RG_OK);
	assert_true(rg_memory_get(rg_job_memory(j), "Russia", &x1, &y1));
	assert_true(x0 == x1 && y0 == y1);
	assert_true(rg_memory_get(rg_job_memory(j), "Narendra Modi", &x1, &y1));
	free(first);
	free(second);
	free(third);
	rg_job_free(j);
	rg_memory_free(mem);
}

/* --- what a keeping job keeps between loads (watch) */

/* Everything a load makes, as text: the model's strings, entities,
 * relations, attributes and files, the view's statistics, and every
 * diagnostic. */
static char *dump_load(rg_job *j, rg_diags *d)
{
	rg_buf b = {0};
	rg_status st = rg_job_select(j);
	const rg_model *m = rg_job_model(j);
	rg_buf_printf(&b, "status %d\n", (int)st);
	for (size_t i = 0; i < rg_model_nfiles(m); i++)
		rg_buf_printf(&b, "file %s\n", rg_model_file(m, (uint32_t)i));
	for (size_t i = 0; i < rg_model_nentities(m); i++) {
		const rg_entity *e = rg_model_entity(m, i);
		const rg_span *p;
		size_t np = rg_model_periods(m, i, &p);
		rg_buf_printf(&b, "E %u:%s %u:%s %u:%s %u %u %u %u:%u:%u %u+%u %u %zu\n", e->id,
			      rg_model_str(m, e->id), e->label, rg_model_str(m, e->label), e->kind,
			      rg_model_str(m, e->kind), e->group, e->country, e->url, e->where.file,
			      e->where.line, e->where.col, e->attr0, e->nattr, e->declared, np);
	}
	for (size_t i = 0; i < rg_model_nrelations(m); i++) {
		const rg_relation *r = rg_model_relation(m, i);
		rg_buf_printf(&b, "R %u %u %s %s %s %g %u %u:%u:%u %u %u+%u %u %u %u\n", r->a, r->b,
			      rg_model_str(m, r->aname), rg_model_str(m, r->bname),
			      rg_model_str(m, r->kind), r->weight, r->count, r->where.file,
			      r->where.line, r->where.col, r->bcol, r->attr0, r->nattr, r->aguess,
			      r->bguess, r->directed);
	}
	if (st == RG_OK) {
		char *stats = rg_stats(m, rg_job_view(j), RG_STATS_CSV, 0);
		rg_buf_printf(&b, "%s", stats);
		free(stats);
	}
	char *text = unit_diags_text(d);
	rg_buf_printf(&b, "%s %zu %zu %zu\n", text, rg_diags_count(d, RG_NOTE),
		      rg_diags_count(d, RG_WARNING), rg_diags_count(d, RG_ERROR));
	free(text);
	return b.s;
}

/* What a job reading dir from nothing makes. */
static char *dump_cold(const char *dir)
{
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	rg_job_add_input(j, dir);
	char *s = dump_load(j, d);
	assert_int_equal(rg_job_files_read(j), 0 + rg_model_nfiles(rg_job_model(j)));
	rg_job_free(j);
	rg_diags_free(d);
	return s;
}

static void write_file(const char *dir, const char *name, const char *text, long mtime)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	/* each save a time of its own, as an editor's would be */
	struct timespec t[2] = {{mtime, 0}, {mtime, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* A table over RG_KEEP_BYTES: few names, long descriptions, a repeated row
 * and names no node table declares (warnings to keep and say again). */
static char *big_table(int variant)
{
	rg_buf b = {0};
	rg_buf_printf(&b, "source,target,kind,description\n");
	char desc[4001];
	for (int i = 0; i < 300; i++) {
		memset(desc, 'a' + (i + variant) % 26, sizeof desc - 1);
		desc[sizeof desc - 1] = '\0';
		rg_buf_printf(&b, "P%d,%s%d,met,%s\n", i % 12, i % 50 == 0 ? "U" : "P",
			      (i * 7 + variant) % 12, desc);
	}
	rg_buf_printf(&b, "P1,P2,met,%s\n", desc);
	rg_buf_printf(&b, "P1,P2,met,%s\n", desc);
	return b.s;
}

/* Loads dir again after a change and checks it is what a cold load makes,
 * having read `read` files. */
static void check_again(rg_job *j, rg_diags *d, const char *dir, size_t read)
{
	rg_job_reset(j);
	rg_diags_clear(d);
	char *warm = dump_load(j, d);
	char *cold = dump_cold(dir);
	assert_string_equal(warm, cold);
	assert_int_equal(rg_job_files_read(j), read);
	free(warm);
	free(cold);
}

static void test_keeps_what_did_not_change(void **state)
{
	(void)state;
	char dir[] = "/tmp/rg-keep-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *big = big_table(0);
	write_file(dir, "a_people.csv", "id,label\nP1,Person One\nP2,Person Two\nP11,Pers Eleven\n",
		   1000);
	write_file(dir, "b_big.csv", big, 1000);
	write_file(dir, "c_small.csv", "source,target,kind\nP1,P3,allied\n", 1000);
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	rg_job_keep_loaded(j, 1);
	rg_job_add_input(j, dir);
	char *first = dump_load(j, d), *cold = dump_cold(dir);
	assert_string_equal(first, cold);
	assert_int_equal(rg_job_files_read(j), 3);
	assert_non_null(strstr(first, "declared in no node table"));
	free(first);
	free(cold);
	/* a small table after the big one: only it is read */
	write_file(dir, "c_small.csv", "source,target,kind\nP1,P4,allied\nP5,Q9,allied\n", 1001);
	check_again(j, d, dir, 1);
	/* the same bytes saved again: a new time, read again */
	write_file(dir, "c_small.csv", "source,target,kind\nP1,P4,allied\nP5,Q9,allied\n", 1002);
	check_again(j, d, dir, 1);
	/* a table before the big one: everything from it on */
	write_file(dir, "a_people.csv", "id,label\nP1,Person One\nP3,Person Three\n", 1003);
	check_again(j, d, dir, 3);
	/* the big table itself: read again from the start (nothing kept
	 * before it) */
	free(big);
	big = big_table(1);
	write_file(dir, "b_big.csv", big, 1004);
	check_again(j, d, dir, 3);
	/* a small table removed, then one added after the big one */
	char path[512];
	snprintf(path, sizeof path, "%s/c_small.csv", dir);
	assert_int_equal(unlink(path), 0);
	check_again(j, d, dir, 0);
	write_file(dir, "d_new.csv", "source,target,kind\nP7,P8,allied\n", 1005);
	check_again(j, d, dir, 1);
	/* a column mapping beside the small table after the big one: read
	 * again with it; one for the whole folder: everything, and nothing
	 * kept (a model with mappings is not copied) */
	write_file(dir, "d_new.csv", "a,b,kind\nP7,P8,allied\n", 1006);
	write_file(dir, "d_new.csv-metadata.json",
		   "{\"url\": \"d_new.csv\", \"tableSchema\": {\"columns\": ["
		   "{\"titles\": \"a\", \"name\": \"source\"},"
		   "{\"titles\": \"b\", \"name\": \"target\"}]}}\n",
		   1007);
	check_again(j, d, dir, 1);
	assert_int_equal(rg_model_nrelations(rg_job_model(j)) > 0, 1);
	/* the mapping beside it gone: read again without it (an error: no
	 * source column), then with it back */
	snprintf(path, sizeof path, "%s/d_new.csv-metadata.json", dir);
	unlink(path);
	check_again(j, d, dir, 1);
	write_file(dir, "d_new.csv-metadata.json",
		   "{\"url\": \"d_new.csv\", \"tableSchema\": {\"columns\": ["
		   "{\"titles\": \"a\", \"name\": \"source\"},"
		   "{\"titles\": \"b\", \"name\": \"target\"}]}}\n",
		   1009);
	check_again(j, d, dir, 1);
	write_file(dir, "csv-metadata.json", "{\"url\": \"none.csv\", \"tableSchema\": {}}\n",
		   1008);
	check_again(j, d, dir, 3);
	check_again(j, d, dir, 3);
	snprintf(path, sizeof path, "%s/csv-metadata.json", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/d_new.csv-metadata.json", dir);
	unlink(path);
	/* without keeping, every file is read */
	rg_job_keep_loaded(j, 0);
	check_again(j, d, dir, 3);
	rg_job_free(j);
	rg_diags_free(d);
	free(big);
	const char *names[] = {"a_people.csv", "b_big.csv", "d_new.csv"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Inputs given as bytes are kept too, until the inputs change. */
static void test_keeps_memory_inputs(void **state)
{
	(void)state;
	char *big = big_table(0);
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	rg_job_keep_loaded(j, 1);
	rg_job_add_input_mem(j, "big.csv", big, strlen(big));
	rg_job_add_input_mem(j, "small.csv", "id\nP1\n", 6);
	rg_status st = rg_job_load(j);
	assert_int_equal(st, RG_OK);
	assert_int_equal(rg_job_files_read(j), 2);
	size_t nent = rg_model_nentities(rg_job_model(j));
	/* the small table after the big one is read again, not the big one */
	rg_job_reset(j);
	rg_diags_clear(d);
	assert_int_equal(rg_job_load(j), RG_OK);
	assert_int_equal(rg_job_files_read(j), 1);
	assert_int_equal(rg_model_nentities(rg_job_model(j)), nent);
	rg_job_reset(j);
	rg_job_add_input_mem(j, "more.csv", "id\nP99\n", 7);
	assert_int_equal(rg_job_load(j), RG_OK);
	assert_int_equal(rg_job_files_read(j), 3);
	assert_int_equal(rg_model_nentities(rg_job_model(j)), nent + 1);
	rg_job_free(j);
	rg_diags_free(d);
	free(big);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_draws_to_memory),
		T(test_filters_and_look),
		T(test_focus_suggests),
		T(test_bad_data_is_a_status),
		T(test_strict),
		T(test_events),
		T(test_reset_reads_again),
		T(test_one_graphviz_at_a_time),
		T(test_out_of_memory_is_caught),
		T(test_layout_memory),
		T(test_keeps_what_did_not_change),
		T(test_keeps_memory_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
