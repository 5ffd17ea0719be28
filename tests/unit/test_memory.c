/* test_memory.c: the layout memory's file (memory.h). */
#include "unit.h"

#include <stdio.h>

#include "relgraph/memory.h"

/* A memory written and read back holds the same places, ids with spaces,
 * backslashes and line breaks included, and gives the same text again. */
static void test_round_trip(void **state)
{
	(void)state;
	rg_memory *a = rg_memory_new();
	rg_memory_put(a, "Xi Jinping", 10.004, -3.996);
	rg_memory_put(a, "a\\b\nc\rd", 1, 2);
	rg_memory_put(a, "Xi Jinping", 11.5, 12.25); /* the last put wins */
	double box[4] = {-1.234, 0, 500.005, 600};
	rg_memory_set_canvas(a, box);
	rg_memory_set_legend(a, 7, 8);
	rg_memory_set_style(a, 1, 1.23456);
	rg_memory_set_fit(a, "1 00ff - 1 3 1.0925925925925926");
	size_t len;
	char *text = rg_memory_format(a, &len);
	assert_non_null(strstr(text, "node 11.50 12.25 Xi Jinping\n"));
	assert_non_null(strstr(text, "node 1.00 2.00 a\\\\b\\nc\\rd\n"));
	rg_diags *d = rg_diags_new();
	rg_memory *b = rg_memory_parse("x.layout", text, len, d);
	assert_non_null(b);
	assert_int_equal(rg_diags_len(d), 0);
	assert_int_equal(rg_memory_count(b), 2);
	double x, y;
	assert_true(rg_memory_get(b, "a\\b\nc\rd", &x, &y));
	assert_true(x == 1 && y == 2);
	assert_true(rg_memory_get(b, "Xi Jinping", &x, &y));
	assert_true(x == 11.5 && y == 12.25);
	assert_false(rg_memory_get(b, "Xi", &x, &y));
	double kept[4];
	assert_true(rg_memory_canvas(b, kept));
	assert_true(kept[0] == rg_memory_round(-1.234) && kept[2] == rg_memory_round(500.005));
	int narrow;
	double scale;
	assert_true(rg_memory_style(b, &narrow, &scale));
	assert_true(narrow == 1 && scale == rg_memory_round_scale(1.23456));
	assert_string_equal(rg_memory_fit(b), "1 00ff - 1 3 1.0925925925925926");
	rg_memory *c = rg_memory_new();
	rg_memory_copy(c, b);
	assert_string_equal(rg_memory_fit(c), "1 00ff - 1 3 1.0925925925925926");
	rg_memory_free(c);
	size_t len2;
	char *again = rg_memory_format(b, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(text, again, len);
	free(again);
	free(text);
	rg_memory_free(a);
	rg_memory_free(b);
	rg_diags_free(d);
}

/* Positions are rounded to the memory's precision, and a rounded
 * position written and read back is the same number. */
static void test_rounding_is_exact(void **state)
{
	(void)state;
	for (int i = -2000; i <= 2000; i++) {
		double v = rg_memory_round(i * 0.7311 + 0.0049);
		char buf[64];
		snprintf(buf, sizeof buf, "%.2f", v);
		assert_true(strtod(buf, NULL) == v);
		assert_true(rg_memory_round(v) == v);
	}
	assert_true(rg_memory_round(-0.001) == 0);
}

/* Anything but a memory is a warning with its place, and no memory. */
static void test_damaged(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"<svg>\n",
		"relgraph-layout 2\n",
		"relgraph-layout 1\nnode 1 2\n",
		"relgraph-layout 1\nnode x 2 a\n",
		"relgraph-layout 1\nnode 1 inf a\n",
		"relgraph-layout 1\nnode 1 2 a\\q\n",
		"relgraph-layout 1\ncanvas 1 2 3\n",
		"relgraph-layout 1\nstyle 2 1\n",
		"relgraph-layout 1\nwhat 1 2\n",
		"relgraph-layout 1\nfit \n",
		"relgraph-layout 1\nfit a\tb\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		rg_diags *d = rg_diags_new();
		assert_null(rg_memory_parse("m.layout", bad[i], strlen(bad[i]), d));
		assert_int_equal(rg_diags_count(d, RG_WARNING), 1);
		assert_int_equal(rg_diags_count(d, RG_ERROR), 0);
		assert_string_equal(rg_diags_at(d, 0)->file, "m.layout");
		rg_diags_free(d);
	}
	/* NUL in the middle */
	rg_diags *d = rg_diags_new();
	static const char nul[] = "relgraph-layout 1\nnode 1 2 a\0b\n";
	assert_null(rg_memory_parse("m.layout", nul, sizeof nul - 1, d));
	rg_diags_free(d);
	/* comments and blank lines are fine; no file is no memory, silently */
	d = rg_diags_new();
	const char *ok = "relgraph-layout 1\n# note\n\nnode 1 2 a b\n";
	rg_memory *m = rg_memory_parse("m.layout", ok, strlen(ok), d);
	assert_non_null(m);
	assert_int_equal(rg_memory_count(m), 1);
	assert_null(rg_memory_fit(m));
	/* a note that does not fit its line is not kept */
	rg_memory_set_fit(m, "a\nb");
	assert_null(rg_memory_fit(m));
	rg_memory_free(m);
	assert_null(rg_memory_load("/nonexistent/relgraph-test.layout", d));
	assert_int_equal(rg_diags_len(d), 0);
	rg_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_rounding_is_exact),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
