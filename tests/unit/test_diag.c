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

/* Adds the i-th of a run of diagnostics, of several kinds and topics. */
static void add_nth(rg_diags *d, int i)
{
	if (i % 3 == 0)
		rg_lint_about(d, "repeated row|repeated rows", "a.csv", i, 1, "row %d repeats", i);
	else if (i % 3 == 1)
		rg_lint_about(d, "name declared in no node table|names declared in no node table",
			      "b.csv", i, 2, "name %d\tundeclared", i);
	else
		rg_error(d, i % 2 ? NULL : "c.csv", i, 0, "error %d", i);
}

/* What one list records and then another, appended (as the job replays
 * what kept files said), is what one list recording both makes: the
 * stored ones in order, counts and topics past the room included. */
static void append_is_recording_again(void **state)
{
	(void)state;
	for (int split = 0; split <= 450; split += 150) {
		rg_diags *one = rg_diags_new(), *a = rg_diags_new(), *b = rg_diags_new();
		for (int i = 0; i < 450; i++) {
			add_nth(one, i);
			add_nth(i < split ? a : b, i);
		}
		rg_diags *copy = rg_diags_copy(b);
		rg_diags_append(a, copy);
		rg_diags_free(copy);
		for (int sev = RG_NOTE; sev <= RG_ERROR; sev++)
			assert_int_equal(rg_diags_count(a, sev), rg_diags_count(one, sev));
		assert_int_equal(rg_diags_len(a), rg_diags_len(one));
		for (size_t i = 0; i < rg_diags_len(one); i++) {
			const rg_diag *x = rg_diags_at(a, i), *y = rg_diags_at(one, i);
			assert_string_equal(x->msg, y->msg);
			assert_int_equal(x->line, y->line);
			assert_true(x->file == y->file || strcmp(x->file, y->file) == 0);
		}
		char *sa = rg_diags_summary(a), *so = rg_diags_summary(one);
		assert_string_equal(sa, so);
		free(sa);
		free(so);
		rg_diags_free(one);
		rg_diags_free(a);
		rg_diags_free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summary_by_topic),
		cmocka_unit_test(summary_counts_past_the_stored),
		cmocka_unit_test(append_is_recording_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
