/* test_suggest.c: "did you mean": folding names and ranking the near ones
 * (relgraph/suggest.h), with the slips users make. */
#include "unit.h"

#include "relgraph/suggest.h"

static void folds(const char *in, const char *want)
{
	char *f = rg_fold(in);
	assert_string_equal(f, want);
	free(f);
}

static void fold_case_accents_spaces(void **state)
{
	(void)state;
	folds("Xi Jinping", "xi jinping");
	folds("Recep Tayyip Erdo\xC4\x9F"
	      "an",
	      "recep tayyip erdogan");
	folds("Fran\xC3\xA7ois Mitterrand", "francois mitterrand");
	folds("Stra\xC3\x9F"
	      "e",
	      "strasse");
	folds("\xC5\x81\xC3\xB3"
	      "d\xC5\xBA",
	      "lodz");
	folds("Xi\xC2\xA0Jinping", "xi jinping");	    /* U+00A0 */
	folds("  Xi \t Jinping\xE2\x80\xAF", "xi jinping"); /* U+202F at the end */
	folds("Xi\xE2\x80\x8BJinping", "xijinping");	    /* zero-width space */
	folds("\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD",
	      "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD");
	folds("", "");
}

static void odd_spaces_shown(void **state)
{
	(void)state;
	assert_false(rg_odd_spaces("Xi Jinping"));
	assert_true(rg_odd_spaces("Xi\xC2\xA0Jinping"));
	assert_false(rg_odd_spaces("Xi  Jinping"));
	assert_false(rg_odd_spaces("two\nlines"));
	assert_true(rg_odd_spaces("Xi\xE2\x80\x8BJinping"));
	char *s = rg_show_spaces("Xi\xC2\xA0Jinping\t");
	assert_string_equal(s, "Xi\\u00A0Jinping\\u0009");
	free(s);
	s = rg_plain_spaces(" Xi\xC2\xA0 \xC2\xA0J\xC3\xAD\xE2\x80\x8B  x ");
	assert_string_equal(s, " Xi J\xC3\xAD x ");
	free(s);
}

/* The one suggestion for want among cands, or NULL. */
static const char *best(const char *want, const char *const *cands, size_t n)
{
	size_t out[3];
	size_t k = rg_nearest(want, cands, n, out, 3);
	return k ? cands[out[0]] : NULL;
}

static void names_of_people(void **state)
{
	(void)state;
	static const char *const leaders[] = {
		"Sweden",
		"India",
		"Joe Biden",
		"Fumio Kishida",
		"Xi Jinping",
		"Narendra Modi",
		"Recep Tayyip Erdo\xC4\x9F"
		"an",
		"Vladimir Putin",
		"Emmanuel Macron",
	};
	size_t n = sizeof leaders / sizeof *leaders;
	assert_string_equal(best("Biden", leaders, n), "Joe Biden");
	assert_string_equal(best("Kishida", leaders, n), "Fumio Kishida");
	assert_string_equal(best("xi jinping", leaders, n), "Xi Jinping");
	assert_string_equal(best("Erdogan", leaders, n), "Recep Tayyip Erdo\xC4\x9F"
							 "an");
	assert_string_equal(best("Narendra Modhi", leaders, n), "Narendra Modi");
	assert_string_equal(best("Makron", leaders, n), "Emmanuel Macron");
	assert_string_equal(best("Vladimir  Putin", leaders, n), "Vladimir Putin");
	assert_int_equal(rg_match("xi jinping", "Xi\xC2\xA0Jinping"), RG_MATCH_EXACT);
	/* far away is no suggestion: not Sweden for Biden, nothing for Obama */
	assert_null(best("Obama", leaders, n));
	assert_int_equal(rg_match("Biden", "Sweden"), 0);
	assert_int_equal(rg_match("Kishida", "India"), 0);
}

static void words_of_the_command(void **state)
{
	(void)state;
	static const char *const kinds[] = {"leader", "country", "meeting", "agreement"};
	assert_string_equal(best("leaders", kinds, 4), "leader");
	assert_string_equal(best("meet", kinds, 4), "meeting");
	assert_string_equal(best("contry", kinds, 4), "country");
	static const char *const cols[] = {"date", "start", "end", "participants", "country"};
	assert_string_equal(best("dat", cols, 5), "date");
	assert_string_equal(best("particpants", cols, 5), "participants");
	static const char *const opts[] = {"focus", "format", "from", "frames", "help"};
	assert_string_equal(best("foucs", opts, 5), "focus");
	static const char *const cmds[] = {"check", "stats", "watch", "help"};
	assert_string_equal(best("stat", cmds, 4), "stats");
	assert_string_equal(best("wacth", cmds, 4), "watch");
	assert_null(best("x", cmds, 4));
}

static void ranked_and_listed(void **state)
{
	(void)state;
	/* both Bidens match by a whole word: both are named */
	static const char *const two[] = {"Joe Biden", "Jill Biden", "Jo", NULL};
	size_t out[3];
	assert_int_equal(rg_nearest("Biden", two, 4, out, 3), 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
	/* the same ranking on names folded beforehand */
	static const char *const folded[] = {"sweden", "joe biden", "jill biden"};
	assert_int_equal(rg_nearest_folded("biden", folded, 3, out, 3), 2);
	assert_int_equal(out[0], 1);
	assert_int_equal(rg_match_folded("dat", "date"), rg_match("Dat", "DATE"));
	/* a word match hides the names only a typo away */
	static const char *const tiers[] = {"Bidet", "Joe Biden", "Jill Bidden"};
	assert_int_equal(rg_nearest("Biden", tiers, 3, out, 3), 1);
	assert_int_equal(out[0], 1);
	const char *names[] = {"leader", "country"};
	char *s = rg_did_you_mean(names, 2, NULL);
	assert_string_equal(s, "; did you mean 'leader' or 'country'?");
	free(s);
	s = rg_did_you_mean(names, 1, "--");
	assert_string_equal(s, "; did you mean '--leader'?");
	free(s);
	s = rg_did_you_mean(names, 0, NULL);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_case_accents_spaces), cmocka_unit_test(odd_spaces_shown),
		cmocka_unit_test(names_of_people),	    cmocka_unit_test(words_of_the_command),
		cmocka_unit_test(ranked_and_listed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
