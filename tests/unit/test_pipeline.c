/* test_pipeline.c: the job, as a program using the library sees it:
 * inputs in, outputs out, every problem as a diagnostic and a status. */
#include "unit.h"

#include <stdint.h>

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
