/* test_diag.c: the one line that counts the warnings only check lists
 * (rg_diags_summary), by topic, singular and plural. */
#include "unit.h"

static void summary_by_topic(void **state)
{
	(void)state;
	rg_diags *d = rg_diags_new();
	assert_null(rg_diags_summary(d));
	rg_lint_about(d, "repeated row|repeated rows", "a.csv", 3, 1, "this row repeats line 2");
	rg_lint_about(d, "name declared in no node table|names declared in no node table", "a.csv",
		      4, 1, "'x' is used here");
	rg_lint_about(d, "name declared in no node table|names declared in no node table", "a.csv",
		      5, 1, "'y' is used here");
	/* printed anyway, or routine: not counted */
	rg_warn(d, "a.csv", 1, 1, "a warning every drawing prints");
	rg_lint(d, NULL, 0, 0, "no node table: a routine note");
	char *s = rg_diags_summary(d);
	assert_string_equal(s, "3 warnings: 1 repeated row, 2 names declared in no node table");
	free(s);
	assert_string_equal(rg_diags_at(d, 0)->topic, "repeated row|repeated rows");
	/* --strict: they are errors now, printed in full */
	rg_diags_strict(d);
	assert_null(rg_diags_summary(d));
	rg_diags_free(d);
}

static void summary_counts_past_the_stored(void **state)
{
	(void)state;
	rg_diags *d = rg_diags_new();
	for (int i = 0; i < RG_DIAGS_MAX + 50; i++)
		rg_lint_about(d, "repeated row|repeated rows", "a.csv", i + 2, 1, "repeats");
	char *s = rg_diags_summary(d);
	assert_string_equal(s, "250 warnings: 250 repeated rows");
	free(s);
	rg_diags_clear(d);
	assert_null(rg_diags_summary(d));
	rg_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summary_by_topic),
		cmocka_unit_test(summary_counts_past_the_stored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
