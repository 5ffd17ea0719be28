/* test_json.c: the strict JSON reader of the mapping files (json.h), and
 * a --map mapping through the job. */
#include "unit.h"

#include "json.h"
#include "relgraph/pipeline.h"

static rg_json *parse(rg_diags *d, const char *text)
{
	return rg_json_parse(text, strlen(text), "m.json", d);
}

static void test_values_and_places(void **state)
{
	(void)state;
	rg_diags *d = rg_diags_new();
	rg_json *v = parse(
		d,
		"{\n  \"a\": [1, -2.5e3, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\"\n}\n");
	assert_non_null(v);
	assert_int_equal(rg_diags_len(d), 0);
	const rg_json *a = rg_json_get(v, "a"), *b = rg_json_get(v, "b");
	assert_int_equal(a->type, RG_JSON_ARRAY);
	assert_int_equal(a->n, 4);
	assert_string_equal(a->items[1]->s, "-2.5e3");
	assert_int_equal(a->items[2]->b, 1);
	assert_int_equal(a->items[3]->type, RG_JSON_NULL);
	assert_int_equal(a->line, 2);
	assert_int_equal(a->col, 8);
	assert_int_equal(b->kline, 3);
	assert_int_equal(b->kcol, 3);
	assert_string_equal(b->s, "x\xc3\xa9\xf0\x9f\x98\x80");
	assert_null(rg_json_get(v, "c"));
	rg_json_free(v);
	rg_diags_free(d);
}

/* Each mistake: the message and where it is. */
static void test_mistakes_have_places(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
		long line, col;
	} cases[] = {
		{"[1,\n 2,]", "a comma before ']'", 2, 4},
		{"{\"a\" 1}", "expected ':'", 1, 6},
		{"{\"a\": 1, \"a\": 2}", "'a' is given twice", 1, 10},
		{"{'a': 1}", "expected a name in double quotes", 1, 2},
		{"[01]", "expected ',' or ']'", 1, 3},
		{"[\"a\nb\"]", "not closed", 1, 4},
		{"{\"a\": tru}", "expected a value", 1, 7},
		{"[1] x", "after the end", 1, 5},
		{"[\"\\x\"]", "unknown escape", 1, 4},
		{"[\"\\ud800\"]", "half of a UTF-16 pair", 1, 9},
		{"", "expected a value", 1, 1},
		{"[// no comments\n]", "expected a value", 1, 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		rg_diags *d = rg_diags_new();
		rg_json *v = parse(d, cases[i].text);
		assert_null(v);
		assert_int_equal(rg_diags_len(d), 1);
		const rg_diag *x = rg_diags_at(d, 0);
		if (!strstr(x->msg, cases[i].msg) || x->line != cases[i].line ||
		    x->col != cases[i].col)
			fail_msg("%s: got %ld:%ld %s", cases[i].text, x->line, x->col, x->msg);
		rg_diags_free(d);
	}
}

static void test_deep_nesting_refused(void **state)
{
	(void)state;
	char text[400];
	memset(text, '[', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	rg_diags *d = rg_diags_new();
	assert_null(parse(d, text));
	assert_non_null(unit_diag(d, "nested more than"));
	rg_diags_free(d);
}

/* --map through the job: headers read as the columns named. */
static void test_map_spec_through_job(void **state)
{
	(void)state;
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	const char *csv = "who,whom,how\nAnn,Bob,advises\n";
	rg_job_add_input_mem(j, "t.csv", csv, strlen(csv));
	rg_job_add_map(j, "who=source,whom=target,how=kind");
	assert_int_equal(rg_job_load(j), RG_OK);
	const rg_model *m = rg_job_model(j);
	assert_int_equal(rg_model_nrelations(m), 1);
	assert_string_equal(rg_model_str(m, rg_model_relation(m, 0)->kind), "advises");
	rg_job_free(j);
	rg_diags_free(d);

	d = rg_diags_new();
	j = rg_job_new(d);
	rg_job_add_input_mem(j, "t.csv", csv, strlen(csv));
	rg_job_add_map(j, "who=sorce,nothere=target");
	assert_int_equal(rg_job_load(j), RG_EUSAGE);
	assert_non_null(unit_diag(d, "'sorce' is not a column relgraph knows"));
	rg_job_free(j);
	rg_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_places),
		cmocka_unit_test(test_mistakes_have_places),
		cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_map_spec_through_job),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
