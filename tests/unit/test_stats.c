/* test_stats.c: `relgraph stats`, a view summed up as a table or CSV. */
#include "unit.h"

#include "relgraph/stats.h"
#include "relgraph/transform.h"

typedef unit_fixture fixture;

/* Loads the files (which must have no errors), transforms them with o and
 * keeps the report in f->out. */
static void stats(fixture *f, rg_transform_opts o, rg_stats_format fmt, size_t top,
		  const unit_csv *files, size_t n)
{
	rg_status st;
	f->m = unit_model(f->d, &st, files, n);
	assert_int_equal(st, RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	f->v = rg_transform(f->m, &o);
	assert_non_null(f->v);
	f->out = rg_stats(f->m, f->v, fmt, top);
	assert_non_null(f->out);
}

#define STATS(f, o, fmt, top, ...)                                                                 \
	stats(f, o, fmt, top, (const unit_csv[]){__VA_ARGS__},                                     \
	      sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

static const unit_csv leaders = {"leaders.csv", "name,country\n"
						"Xi Jinping,China\n"
						"Vladimir Putin,Russia\n"
						"Narendra Modi,India\n"};
static const unit_csv countries = {"countries.csv", "name\nChina\nRussia\nIndia\nChile\n"};
static const unit_csv meetings = {"meetings.csv", "date,end,participants,count\n"
						  "2019-06,,Xi Jinping;Narendra Modi,\n"
						  "2013-03-22,,Xi Jinping;Vladimir Putin,\n"
						  "2013,2022-02,Xi Jinping;Vladimir Putin,35\n"
						  "2023-03-21,,Vladimir Putin;Xi Jinping,\n"
						  "2020,,Vladimir Putin;Narendra Modi,\n"};

static void test_table(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_TABLE, 0, leaders, countries,
	      meetings);
	assert_string_equal(f->out, "Nodes per kind\n"
				    "  name     count\n"
				    "  country      4\n"
				    "  leader       3\n"
				    "\n"
				    "Relations per kind\n"
				    "  name   count  first  last\n"
				    "  met       39  2013   2023-03-21\n"
				    "  leads      3\n"
				    "\n"
				    "Most frequent pairs\n"
				    "  name            with            count  first    last\n"
				    "  Xi Jinping      Vladimir Putin     37  2013     2023-03-21\n"
				    "  Xi Jinping      Narendra Modi       1  2019-06  2019-06\n"
				    "  Xi Jinping      China               1\n"
				    "  Vladimir Putin  Narendra Modi       1  2020     2020\n"
				    "  Vladimir Putin  Russia              1\n"
				    "  Narendra Modi   India               1\n"
				    "\n"
				    "Degree (edges drawn; relations they stand for)\n"
				    "  name            kind     degree  count\n"
				    "  Xi Jinping      leader        3     39\n"
				    "  Vladimir Putin  leader        3     39\n"
				    "  Narendra Modi   leader        3      3\n"
				    "  China           country       1      1\n"
				    "  Russia          country       1      1\n"
				    "  India           country       1      1\n"
				    "  Chile           country       0      0\n"
				    "\n"
				    "Isolated nodes\n"
				    "  name   kind\n"
				    "  Chile  country\n"
				    "\n"
				    "Connected components (by their best-connected member)\n"
				    "  name        count\n"
				    "  Xi Jinping      6\n"
				    "  Chile           1\n");
}

static void test_csv(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 0, leaders, countries, meetings);
	assert_string_equal(f->out, "section,name,other,kind,count,degree,first,last\n"
				    "nodes,country,,,4,,,\n"
				    "nodes,leader,,,3,,,\n"
				    "relations,met,,,39,,2013,2023-03-21\n"
				    "relations,leads,,,3,,,\n"
				    "degree,Xi Jinping,,leader,39,3,,\n"
				    "degree,Vladimir Putin,,leader,39,3,,\n"
				    "degree,Narendra Modi,,leader,3,3,,\n"
				    "degree,China,,country,1,1,,\n"
				    "degree,Russia,,country,1,1,,\n"
				    "degree,India,,country,1,1,,\n"
				    "degree,Chile,,country,0,0,,\n"
				    "pair,Xi Jinping,Vladimir Putin,,37,,2013,2023-03-21\n"
				    "pair,Xi Jinping,Narendra Modi,,1,,2019-06,2019-06\n"
				    "pair,Xi Jinping,China,,1,,,\n"
				    "pair,Vladimir Putin,Narendra Modi,,1,,2020,2020\n"
				    "pair,Vladimir Putin,Russia,,1,,,\n"
				    "pair,Narendra Modi,India,,1,,,\n"
				    "isolated,Chile,,country,,0,,\n"
				    "component,Xi Jinping,,,6,,,\n"
				    "component,Chile,,,1,,,\n");
}

/* The lines of the report that start with prefix, counted. */
static size_t lines_starting(const char *s, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	for (const char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		n += strncmp(p, prefix, len) == 0;
	return n;
}

static void test_top_limits_pairs_only(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 2, leaders, countries, meetings);
	assert_int_equal(lines_starting(f->out, "pair,"), 2);
	assert_non_null(strstr(f->out, "pair,Xi Jinping,Vladimir Putin,,37,,2013,2023-03-21\n"
				       "pair,Xi Jinping,Narendra Modi,,1,,2019-06,2019-06\n"
				       "isolated,"));
	assert_int_equal(lines_starting(f->out, "degree,"), 7);
}

static void test_filters_apply(void **state)
{
	fixture *f = *state;
	/* from 2020: the 35 meetings from 2013 are not all inside */
	STATS(f, ((rg_transform_opts){.merge = 1, .from = {2020, 0, 0}}), RG_STATS_CSV, 0, leaders,
	      countries, meetings);
	assert_non_null(strstr(f->out, "relations,met,,,2,,2020,2023-03-21\n"));
	assert_non_null(
		strstr(f->out, "pair,Xi Jinping,Vladimir Putin,,1,,2023-03-21,2023-03-21\n"));
	assert_null(strstr(f->out, "pair,Xi Jinping,Narendra Modi,"));
	/* the undated leads go: nothing dated in the window joins a country */
	assert_non_null(strstr(f->out, "degree,Vladimir Putin,,leader,2,2,,\n"));
	assert_non_null(strstr(f->out, "degree,Xi Jinping,,leader,1,1,,\n"));
	assert_null(strstr(f->out, "leads"));
}

/* A meeting of many is drawn as a node each attends; its attendees still
 * shared it: their pair counts it with the meetings drawn as edges. */
static void test_pairs_count_meetings_drawn_as_nodes(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 1,
	      {"meetings.csv", "date,occasion,participants\n"
			       "2001,E1,Ann;Bea\n"
			       "2002,E2,Ann;Bea;Cy;Di;Ed;Flo;Gus\n"
			       "2003,E3,Ann;Bea;Cy;Di;Ed;Flo;Gus;Hal\n"});
	assert_non_null(strstr(f->out, "pair,Ann,Bea,,3,,2001,2003\n"));
}

static void test_pair_sums_kinds_and_directions(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 0,
	      {"edges.csv", "source,target,kind,date,count\n"
			    "A,B,ally,2001,\n"
			    "B,A,ally,2003-05,\n"
			    "B,A,rival,1999-12,2\n"
			    "A,C,ally,2010,\n"});
	assert_non_null(strstr(f->out, "pair,A,B,,4,,1999-12,2003-05\n"
				       "pair,A,C,,1,,2010,2010\n"));
	/* A-B are three edges drawn (ally both ways, rival), four relations */
	assert_non_null(strstr(f->out, "degree,A,,other,5,4,,\n"));
	assert_non_null(strstr(f->out, "degree,B,,other,4,3,,\n"));
	assert_non_null(strstr(f->out, "relations,ally,,,3,,2001,2010\n"
				       "relations,rival,,,2,,1999-12,1999-12\n"));
}

static void test_csv_quotes_what_needs_it(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 0,
	      {"people.csv", "id,kind\n\"Smith, Jr\",person\n\"The \"\"Boss\"\"\",\"boss, big\"\n"},
	      {"edges.csv", "source,target\n\"Smith, Jr\",\"The \"\"Boss\"\"\"\n"});
	assert_non_null(strstr(f->out, "\nnodes,person,,,1,,,\n"));
	assert_non_null(strstr(f->out, "\nnodes,\"boss, big\",,,1,,,\n"));
	assert_non_null(strstr(f->out, "\npair,\"Smith, Jr\",\"The \"\"Boss\"\"\",,1,,,\n"));
	assert_non_null(strstr(f->out, "\ndegree,\"The \"\"Boss\"\"\",,\"boss, big\",1,1,,\n"));
}

static void test_components_largest_first_named_by_hub(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_CSV, 0,
	      {"people.csv", "id\nlone\na\nb\nhub\nc\nd\nx\ny\n"},
	      {"edges.csv", "source,target\na,hub\nb,hub\nc,hub\nd,c\nx,y\n"});
	assert_non_null(strstr(f->out, "component,hub,,,5,,,\n"
				       "component,x,,,2,,,\n"
				       "component,lone,,,1,,,\n"));
	assert_int_equal(lines_starting(f->out, "component,"), 3);
	assert_non_null(strstr(f->out, "\nisolated,lone,,person,,0,,\n"));
	assert_int_equal(lines_starting(f->out, "isolated,"), 1);
}

static void test_table_pads_by_characters_not_bytes(void **state)
{
	fixture *f = *state;
	STATS(f, ((rg_transform_opts){.merge = 1}), RG_STATS_TABLE, 0,
	      {"leaders.csv", "name\n\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD\nLula da Silva\n"},
	      {"meetings.csv",
	       "date,participants\n2023,\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD;Lula da Silva\n"});
	/* "Путин" is 5 characters in 10 bytes: padded to 13 like the other */
	assert_non_null(
		strstr(f->out,
		       "  name           kind    degree  count\n"
		       "  \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD          leader       1      1\n"
		       "  Lula da Silva  leader       1      1\n"));
}

static void test_empty_view(void **state)
{
	fixture *f = *state;
	f->m = rg_model_new();
	rg_transform_opts o = {.merge = 1};
	f->v = rg_transform(f->m, &o);
	f->out = rg_stats(f->m, f->v, RG_STATS_CSV, 0);
	assert_string_equal(f->out, "section,name,other,kind,count,degree,first,last\n");
	free(f->out);
	f->out = rg_stats(f->m, f->v, RG_STATS_TABLE, 0);
	assert_non_null(f->out);
	assert_string_equal(f->out, "");
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_table),
		T(test_csv),
		T(test_top_limits_pairs_only),
		T(test_filters_apply),
		T(test_pair_sums_kinds_and_directions),
		T(test_pairs_count_meetings_drawn_as_nodes),
		T(test_csv_quotes_what_needs_it),
		T(test_components_largest_first_named_by_hub),
		T(test_table_pads_by_characters_not_bytes),
		T(test_empty_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
