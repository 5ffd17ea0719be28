/* test_transform.c: stage 3, relations to edges, merging repeats; the time
 * window, kind, weight and focus filters; finding the entity a user means. */
#include "unit.h"

#include "relgraph/transform.h"

typedef unit_fixture fixture;

/* Loads the files (which must have no errors) and transforms them. */
static void view(fixture *f, int merge, const unit_csv *files, size_t n)
{
	rg_status st;
	f->m = unit_model(f->d, &st, files, n);
	assert_int_equal(st, RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	rg_transform_opts o = {.merge = merge};
	f->v = rg_transform(f->m, &o);
	assert_non_null(f->v);
}

#define VIEW(f, merge, ...)                                                                        \
	view(f, merge, (const unit_csv[]){__VA_ARGS__},                                            \
	     sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

static const char *id_of(const fixture *f, uint32_t i)
{
	return rg_model_str(f->m, rg_model_entity(f->m, i)->id);
}

static const char *kind_of(const fixture *f, const rg_edge *e)
{
	return rg_model_str(f->m, e->kind);
}

static void assert_date(rg_date d, int y, int mo, int day)
{
	assert_int_equal(d.year, y);
	assert_int_equal(d.month, mo);
	assert_int_equal(d.day, day);
}

/* Loads the files (which must have no errors) without transforming, so
 * that a test can look up entities for its options first. */
static void load(fixture *f, const unit_csv *files, size_t n)
{
	rg_status st;
	f->m = unit_model(f->d, &st, files, n);
	assert_int_equal(st, RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
}

#define LOAD(f, ...)                                                                               \
	load(f, (const unit_csv[]){__VA_ARGS__},                                                   \
	     sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

/* Transforms the loaded model with o. */
static void cut(fixture *f, rg_transform_opts o)
{
	f->v = rg_transform(f->m, &o);
	assert_non_null(f->v);
}

static uint32_t ent(const fixture *f, const char *id)
{
	uint32_t i = rg_model_find(f->m, id);
	if (i == RG_NONE)
		fail_msg("no entity '%s' in the model", id);
	return i;
}

/* 1 if the view draws the entity with this id. */
static int has_node(const fixture *f, const char *id)
{
	for (size_t i = 0; i < f->v->nnodes; i++)
		if (strcmp(id_of(f, f->v->nodes[i]), id) == 0)
			return 1;
	return 0;
}

/* The view's edge between a and b (either way) of this kind, or NULL. */
static const rg_edge *find_edge(const fixture *f, const char *a, const char *b, const char *kind)
{
	for (size_t i = 0; i < f->v->nedges; i++) {
		const rg_edge *e = &f->v->edges[i];
		const char *x = id_of(f, e->a), *y = id_of(f, e->b);
		if (((strcmp(x, a) == 0 && strcmp(y, b) == 0) ||
		     (strcmp(x, b) == 0 && strcmp(y, a) == 0)) &&
		    strcmp(kind_of(f, e), kind) == 0)
			return e;
	}
	return NULL;
}

/* Every node of the view, "a b c" in view order, to compare in one go. */
static char *node_list(const fixture *f)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < f->v->nnodes; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, id_of(f, f->v->nodes[i]));
	}
	return buf;
}

static rg_date D(const char *s)
{
	rg_date d = {0, 0, 0};
	if (*s && rg_date_parse(s, &d) != 0)
		fail_msg("bad date '%s' in a test", s);
	return d;
}

/* A span from start to end, either "" for none. */
static rg_span S(const char *start, const char *end)
{
	rg_span w = {D(start), D(end)};
	return w;
}

/* rg_in_window for the span a..b in the window from..to, overlapping
 * (whole 0) or wholly inside (whole 1). */
static int in(const char *a, const char *b, const char *from, const char *to, int whole)
{
	return rg_in_window(S(a, b), D(from), D(to), whole);
}

/* ---- merging ---- */

static void test_undirected_a_b_and_b_a_merge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"meetings.csv", "leader_a,leader_b,date\nXi,Putin,2013\nPutin,Xi,2015\n"});
	assert_int_equal(f->v->nedges, 1);
	const rg_edge *e = &f->v->edges[0];
	assert_false(e->directed);
	assert_string_equal(kind_of(f, e), "met");
	assert_int_equal(e->rows, 2);
	assert_int_equal(e->count, 2);
	assert_date(e->first, 2013, 0, 0);
	assert_date(e->last, 2015, 0, 0);
}

static void test_directed_do_not_merge_with_reverse(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target\nA,B\nB,A\n"});
	assert_int_equal(f->v->nedges, 2);
	assert_string_equal(id_of(f, f->v->edges[0].a), "A");
	assert_string_equal(id_of(f, f->v->edges[0].b), "B");
	assert_string_equal(id_of(f, f->v->edges[1].a), "B");
	assert_string_equal(id_of(f, f->v->edges[1].b), "A");
	assert_true(f->v->edges[0].directed);
	assert_int_equal(f->v->edges[0].rows, 1);
	assert_int_equal(f->v->edges[1].rows, 1);
}

static void test_directed_same_way_merge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target\nA,B\nA,B\nA,B\n"});
	assert_int_equal(f->v->nedges, 1);
	assert_true(f->v->edges[0].directed);
	assert_int_equal(f->v->edges[0].rows, 3);
	assert_int_equal(f->v->edges[0].count, 3);
}

static void test_different_kinds_do_not_merge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target,kind\nA,B,ally\nA,B,rival\nA,B,ally\n"});
	assert_int_equal(f->v->nedges, 2);
	assert_string_equal(kind_of(f, &f->v->edges[0]), "ally");
	assert_int_equal(f->v->edges[0].rows, 2);
	assert_string_equal(kind_of(f, &f->v->edges[1]), "rival");
	assert_int_equal(f->v->edges[1].rows, 1);
}

static void test_directed_and_undirected_do_not_merge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target,directed\nA,B,yes\nA,B,no\n"});
	assert_int_equal(f->v->nedges, 2);
	assert_true(f->v->edges[0].directed);
	assert_false(f->v->edges[1].directed);
}

static void test_counts_summed_with_count_column(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"meetings.csv", "date,participants,count\n2013,Xi;Putin,39\n2023,Putin;Xi,\n"});
	assert_int_equal(f->v->nedges, 1);
	assert_int_equal(f->v->edges[0].rows, 2);
	assert_int_equal(f->v->edges[0].count, 40);
	assert_int_equal(f->v->max_count, 40);
}

static void test_weights_summed(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target,weight\nA,B,2\nA,B,3.5\nB,C,\n"});
	assert_int_equal(f->v->nedges, 2);
	assert_true(f->v->edges[0].weight == 5.5);
	assert_true(f->v->edges[1].weight == 1.0);
	assert_true(f->v->max_weight == 5.5);
	assert_true(f->v->weighted);
}

static void test_unweighted_when_all_weights_one(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target,weight\nA,B,1\nA,B,\n"});
	assert_false(f->v->weighted);
	assert_true(f->v->edges[0].weight == 2.0);
}

static void test_first_and_last_dates_of_partial_dates(void **state)
{
	fixture *f = *state;
	VIEW(f, 1,
	     {"meetings.csv", "leader_a,leader_b,date\n"
			      "Xi,Putin,2013-05\nXi,Putin,2013\nXi,Putin,2012-12-31\nXi,Putin,\n"});
	assert_int_equal(f->v->nedges, 1);
	const rg_edge *e = &f->v->edges[0];
	assert_int_equal(e->rows, 4);
	assert_date(e->first, 2012, 12, 31);
	assert_date(e->last, 2013, 0, 0);
}

static void test_dates_from_spans(void **state)
{
	fixture *f = *state;
	VIEW(f, 1,
	     {"edges.csv", "source,target,start,end\nA,B,2010,2012-06\nA,B,,2014\nA,B,2008-03,\n"});
	const rg_edge *e = &f->v->edges[0];
	assert_date(e->first, 2008, 3, 0);
	assert_date(e->last, 2014, 0, 0);
}

static void test_undated_edge_has_year_zero(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target\nA,B\n"});
	assert_int_equal(f->v->edges[0].first.year, 0);
	assert_int_equal(f->v->edges[0].last.year, 0);
}

static void test_merge_off_keeps_every_relation(void **state)
{
	fixture *f = *state;
	VIEW(f, 0,
	     {"meetings.csv", "leader_a,leader_b,date,count\nXi,Putin,2013,3\nPutin,Xi,2015,\n"});
	assert_int_equal(f->v->nedges, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(f->v->edges[i].rows, 1);
		assert_int_equal(f->v->edges[i].rel0, i);
		assert_int_equal(f->v->rels[i], i);
	}
	assert_int_equal(f->v->edges[0].count, 3);
	assert_int_equal(f->v->edges[1].count, 1);
	assert_int_equal(f->v->max_count, 3);
}

static void test_rels_grouped_by_edge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"edges.csv", "source,target\nA,B\nC,D\nA,B\nE,F\nC,D\n"});
	const rg_view *v = f->v;
	assert_int_equal(v->nedges, 3);
	/* edges in order of their first relation */
	assert_string_equal(id_of(f, v->edges[0].a), "A");
	assert_string_equal(id_of(f, v->edges[1].a), "C");
	assert_string_equal(id_of(f, v->edges[2].a), "E");
	assert_int_equal(v->edges[0].rel0, 0);
	assert_int_equal(v->edges[0].rows, 2);
	assert_int_equal(v->rels[0], 0);
	assert_int_equal(v->rels[1], 2);
	assert_int_equal(v->edges[1].rel0, 2);
	assert_int_equal(v->edges[1].rows, 2);
	assert_int_equal(v->rels[2], 1);
	assert_int_equal(v->rels[3], 4);
	assert_int_equal(v->edges[2].rel0, 4);
	assert_int_equal(v->edges[2].rows, 1);
	assert_int_equal(v->rels[4], 3);
}

static void test_every_relation_in_exactly_one_edge(void **state)
{
	fixture *f = *state;
	VIEW(f, 1,
	     {"meetings.csv", "date,participants\n2013,A;B;C\n2014,C;B\n2015,A;D\n2016,B;A\n"});
	const rg_view *v = f->v;
	size_t nrel = rg_model_nrelations(f->m);
	assert_int_equal(nrel, 6);
	int seen[6] = {0};
	size_t total = 0;
	for (size_t e = 0; e < v->nedges; e++) {
		total += v->edges[e].rows;
		for (uint32_t k = 0; k < v->edges[e].rows; k++) {
			uint32_t r = v->rels[v->edges[e].rel0 + k];
			assert_true(r < nrel);
			seen[r]++;
			/* the relation belongs to this edge's pair */
			const rg_relation *rr = rg_model_relation(f->m, r);
			assert_true((rr->a == v->edges[e].a && rr->b == v->edges[e].b) ||
				    (rr->a == v->edges[e].b && rr->b == v->edges[e].a));
		}
	}
	assert_int_equal(total, nrel);
	for (size_t i = 0; i < nrel; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(v->nedges, 4); /* A-B, A-C, B-C, A-D */
}

static void test_nodes_are_all_entities_in_order(void **state)
{
	fixture *f = *state;
	VIEW(f, 1, {"leaders.csv", "id,country\nxi,China\nputin,Russia\n"},
	     {"meetings.csv", "date,participants\n2019,xi;putin;modi\n"});
	const rg_view *v = f->v;
	assert_int_equal(v->nnodes, rg_model_nentities(f->m));
	assert_int_equal(v->nnodes, 5);
	for (size_t i = 0; i < v->nnodes; i++)
		assert_int_equal(v->nodes[i], i);
	/* leads edges come from rg_model_finish and are drawn too */
	int leads = 0;
	for (size_t i = 0; i < v->nedges; i++)
		leads += strcmp(kind_of(f, &v->edges[i]), "leads") == 0;
	assert_int_equal(leads, 2);
}

static void test_empty_model_gives_empty_view(void **state)
{
	fixture *f = *state;
	f->m = rg_model_new();
	rg_transform_opts o = {.merge = 1};
	f->v = rg_transform(f->m, &o);
	assert_non_null(f->v);
	assert_int_equal(f->v->nnodes, 0);
	assert_int_equal(f->v->nedges, 0);
	assert_false(f->v->weighted);
}

/* ---- the time window: rg_in_window ---- */

static void test_window_last_day_of_year_inside_to_year(void **state)
{
	(void)state;
	/* --to 2022 runs to 2022-12-31 */
	assert_true(in("2022-12-31", "2022-12-31", "", "2022", 0));
	assert_true(in("2022-12-31", "2022-12-31", "", "2022", 1));
	assert_false(in("2023-01-01", "2023-01-01", "", "2022", 0));
	assert_false(in("2023-01-01", "2023-01-01", "", "2022", 1));
	assert_false(in("2023", "2023", "2022", "2022", 0));
	assert_true(in("2022-12-31", "2022-12-31", "2022", "2022", 1));
	assert_false(in("2021-12-31", "2021-12-31", "2022", "2022", 0));
}

static void test_window_first_day_of_month_inside_from_month(void **state)
{
	(void)state;
	/* --from 2022-03 starts on 2022-03-01 */
	assert_true(in("2022-03-01", "2022-03-01", "2022-03", "", 0));
	assert_true(in("2022-03-01", "2022-03-01", "2022-03", "", 1));
	assert_false(in("2022-02-28", "2022-02-28", "2022-03", "", 0));
	assert_false(in("2022-02", "2022-02", "2022-03", "", 0));
	assert_true(in("2022-03", "2022-03", "2022-03", "", 1));
	/* --to 2022-03 ends on 2022-03-31 */
	assert_true(in("2022-03-31", "2022-03-31", "", "2022-03", 1));
	assert_false(in("2022-04-01", "2022-04-01", "", "2022-03", 0));
}

static void test_window_partial_date_is_its_whole_period(void **state)
{
	(void)state;
	/* a row dated 2022 overlaps June 2022, but is not wholly inside it */
	assert_true(in("2022", "2022", "2022-06", "2022-06", 0));
	assert_false(in("2022", "2022", "2022-06", "2022-06", 1));
	assert_true(in("2022-06", "2022-06", "2022-06-15", "2022-06-15", 0));
	assert_false(in("2022-06", "2022-06", "2022-06-15", "2022-06-15", 1));
	assert_true(in("2022-06-15", "2022-06-15", "2022-06", "2022-06", 1));
	assert_true(in("2022-06-15", "2022-06-15", "2022", "2022", 1));
	assert_false(in("2022-07", "2022-07", "2022-06", "2022-06", 0));
	assert_false(in("2022-05", "2022-05", "2022-06", "2022-06", 0));
}

static void test_window_spans_overlap_or_lie_wholly_inside(void **state)
{
	(void)state;
	/* 35 meetings from 2013 to Feb 2022: touch 2022, not wholly in it */
	assert_true(in("2013", "2022-02", "2022", "2022", 0));
	assert_false(in("2013", "2022-02", "2022", "2022", 1));
	assert_true(in("2022-02", "2022-09", "2022", "2022", 1));
	assert_true(in("2021", "2023", "2022", "2022", 0));
	assert_false(in("2021", "2023", "2022", "2022", 1));
	assert_false(in("2010", "2012", "2022", "2022", 0));
	assert_false(in("2023-01-01", "2024", "2022", "2022", 0));
	/* the window's own ends count as inside */
	assert_true(in("2020-01-01", "2022-12-31", "2020", "2022", 1));
	assert_false(in("2019-12-31", "2022-12-31", "2020", "2022", 1));
	assert_false(in("2020-01-01", "2023-01-01", "2020", "2022", 1));
}

static void test_window_open_ends(void **state)
{
	(void)state;
	/* no --from: everything up to --to */
	assert_true(in("1066", "1066", "", "2000", 0));
	assert_true(in("1066", "1999", "", "2000", 1));
	assert_false(in("2001", "2001", "", "2000", 0));
	assert_true(in("1999", "2001", "", "2000", 0));
	assert_false(in("1999", "2001", "", "2000", 1));
	/* no --to: everything from --from on */
	assert_true(in("2500", "2500", "2000", "", 0));
	assert_true(in("2000-01-01", "2500", "2000", "", 1));
	assert_false(in("1999-12-31", "1999-12-31", "2000", "", 0));
	assert_true(in("1999", "2000-01", "2000", "", 0));
	assert_false(in("1999", "2000-01", "2000", "", 1));
	/* neither: everything */
	assert_true(in("1066", "2500", "", "", 0));
	assert_true(in("1066", "2500", "", "", 1));
}

static void test_window_undated_is_left_to_the_caller(void **state)
{
	(void)state;
	assert_true(in("", "", "2022", "2022", 0));
	assert_true(in("", "", "2022", "2022", 1));
}

/* ---- the time window in rg_transform ---- */

static const unit_csv window_leaders = {"leaders.csv", "name\nXi\nPutin\nModi\nBiden\nLula\n"};
static const unit_csv window_meetings = {"meetings.csv", "date,participants\n"
							 "2021-06-01,Xi;Putin\n"
							 "2022-12-31,Xi;Modi\n"
							 "2023-01-01,Xi;Biden\n"
							 ",Putin;Modi\n"};

static void test_transform_window_to_year(void **state)
{
	fixture *f = *state;
	LOAD(f, window_leaders, window_meetings);
	cut(f, (rg_transform_opts){.merge = 1, .to = D("2022")});
	assert_int_equal(f->v->nedges, 3);
	assert_non_null(find_edge(f, "Xi", "Putin", "met"));
	assert_non_null(find_edge(f, "Xi", "Modi", "met"));
	/* undated, between two leaders dated meetings bring in: drawn */
	assert_non_null(find_edge(f, "Putin", "Modi", "met"));
	assert_null(find_edge(f, "Xi", "Biden", "met"));
	/* Biden's only meeting is outside: he goes; Lula, undated, has
	 * nothing in force in the window */
	assert_string_equal(node_list(f), "Xi Putin Modi");
	assert_date(f->v->to, 2022, 0, 0);
	assert_int_equal(f->v->from.year, 0);
}

static void test_transform_window_from_year(void **state)
{
	fixture *f = *state;
	LOAD(f, window_leaders, window_meetings);
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2023")});
	assert_int_equal(f->v->nedges, 1);
	assert_non_null(find_edge(f, "Xi", "Biden", "met"));
	/* undated, and nothing dated brings Putin or Modi into 2023 */
	assert_null(find_edge(f, "Putin", "Modi", "met"));
	assert_string_equal(node_list(f), "Xi Biden");
}

static void test_transform_dated_only_drops_undated_rows(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,country\nXi,China\nPutin,\nModi,\nLula,\n"},
	     {"meetings.csv", "date,participants\n2022-09,Xi;Putin\n,Xi;Modi\n"});
	cut(f,
	    (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022"), .dated_only = 1});
	assert_int_equal(f->v->nedges, 1);
	assert_non_null(find_edge(f, "Xi", "Putin", "met"));
	/* the undated meeting and leads relation go, and with them Modi and
	 * China; Lula, undated, goes too */
	assert_string_equal(node_list(f), "Xi Putin");
}

/* --dated-only must not bring back an undated node a kind filter took out. */
static void test_transform_dated_only_keeps_kind_filters(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,country\nXi,China\nModi,\n"},
	     {"agreements.csv", "name,date,parties\nPact,2022-02,China;Modi\n"});
	static const char *const hide[] = {"country"};
	cut(f, (rg_transform_opts){.merge = 1,
				   .from = D("2022"),
				   .to = D("2022"),
				   .dated_only = 1,
				   .hide = hide,
				   .nhide = 1});
	assert_false(has_node(f, "China"));
	assert_null(find_edge(f, "Pact", "China", "signed"));
	assert_string_equal(node_list(f), "Modi Pact");
	rg_view_free(f->v);
	static const char *const only[] = {"agreement", "leader"};
	cut(f, (rg_transform_opts){.merge = 1,
				   .from = D("2022"),
				   .to = D("2022"),
				   .dated_only = 1,
				   .only = only,
				   .nonly = 2});
	assert_false(has_node(f, "China"));
	assert_string_equal(node_list(f), "Modi Pact");
}

/* The time rule's table of cases (docs/FORMAT.md, "Time"), one by one. */
static void test_transform_undated_drawn_between_present_ends(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,country\nXi,China\nPutin,Russia\nModi,\nLula,\n"},
	     {"agreements.csv", "name,date,parties\nPact,2022-02,China;Modi\n"},
	     {"meetings.csv", "date,participants\n2022-09,Xi;Putin\n,Xi;Modi\n2021,Putin;Modi\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022")});
	/* both ends there by dated relations in force: the undated meeting
	 * and Xi's undated leads are drawn */
	assert_non_null(find_edge(f, "Xi", "Modi", "met"));
	assert_non_null(find_edge(f, "Xi", "China", "leads"));
	/* Russia: nothing in force joins it, so Putin's leads is not drawn */
	assert_null(find_edge(f, "Putin", "Russia", "leads"));
	assert_false(has_node(f, "Russia"));
	/* a dated relation outside the window */
	assert_null(find_edge(f, "Putin", "Modi", "met"));
	/* undated with no relation at all: not drawn in a window */
	assert_false(has_node(f, "Lula"));
	assert_int_equal(f->v->nedges, 5);
	rg_view_free(f->v);
	/* with --keep-isolated, what the window emptied stays */
	cut(f, (rg_transform_opts){
		       .merge = 1, .from = D("2022"), .to = D("2022"), .keep_isolated = 1});
	assert_true(has_node(f, "Lula"));
	assert_true(has_node(f, "Russia"));
}

/* docs/FORMAT.md's table of time cases, row by row, at --at 1960. */
static void test_transform_time_rule_table(void **state)
{
	fixture *f = *state;
	LOAD(f,
	     {"nodes.csv", "id,start,end\n"
			   "E1950,1950,\n" /* own span holds 1960, no relation */
			   "E1955,,1955\n" /* own span ended */
			   "Z,,\n"},	   /* undated, nothing joins it */
	     {"edges.csv", "source,target,kind,date,start,end,count\n"
			   "A1,B1,since,,1949,,\n"
			   "A2,B2,span,,1949,1966,\n"
			   "A3,B3,until,,,1955,\n"
			   "A4,B4,event,1949,,,\n"
			   "A5,B5,event,1960-05,,,\n"
			   "A6,B6,many,,1955,1965,35\n"
			   "A1,A2,undated,,,,\n" /* both ends in force: drawn */
			   "A1,A4,undated,,,,\n" /* A4: nothing in force */
			   "E1955,A1,since,,1949,,\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("1960"), .to = D("1960")});
	assert_non_null(find_edge(f, "A1", "B1", "since"));
	assert_non_null(find_edge(f, "A2", "B2", "span"));
	assert_null(find_edge(f, "A3", "B3", "until"));
	assert_null(find_edge(f, "A4", "B4", "event"));
	assert_non_null(find_edge(f, "A5", "B5", "event"));
	assert_null(find_edge(f, "A6", "B6", "many"));
	assert_non_null(find_edge(f, "A1", "A2", "undated"));
	assert_null(find_edge(f, "A1", "A4", "undated"));
	assert_null(find_edge(f, "E1955", "A1", "since"));
	assert_string_equal(node_list(f), "E1950 A1 B1 A2 B2 A5 B5");
}

/* A state that ceased and came back (two rows) is not there in between. */
static void test_transform_entity_periods_leave_gaps(void **state)
{
	fixture *f = *state;
	LOAD(f, {"states.csv", "statenme,styear,endyear\n"
			       "Egypt,1855,1882\n"
			       "Egypt,1937,2016\n"
			       "Peru,1839,2016\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("1914"), .to = D("1914")});
	assert_string_equal(node_list(f), "Peru");
	rg_view_free(f->v);
	cut(f, (rg_transform_opts){.merge = 1, .from = D("1950"), .to = D("1950")});
	assert_string_equal(node_list(f), "Egypt Peru");
	/* its span is the whole: 1855 to 2016 */
	const rg_entity *e = rg_model_entity(f->m, rg_model_find(f->m, "Egypt"));
	assert_int_equal(e->when.start.year, 1855);
	assert_int_equal(e->when.end.year, 2016);
	assert_string_equal(rg_model_str(f->m, e->kind), "country");
}

/* A relation given only a date is an event on that day: a membership
 * dated 1949 is not in force in 1960, and a country nothing joins then
 * is not drawn; with start it is in force. */
static void test_transform_date_alone_is_an_event(void **state)
{
	fixture *f = *state;
	LOAD(f, {"countries.csv", "name\nUS\nUK\nJapan\nNATO\n"},
	     {"edges.csv", "from,to,relation,date,start\n"
			   "US,NATO,member of,1949,\n"
			   "UK,NATO,member of,,1949\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("1960"), .to = D("1960")});
	assert_string_equal(node_list(f), "UK NATO");
	rg_view_free(f->v);
	cut(f, (rg_transform_opts){.merge = 1, .from = D("1949"), .to = D("1949")});
	assert_string_equal(node_list(f), "US UK NATO");
}

/* An entity dated in the window with no relation in force is drawn: its
 * own span holds the window. */
static void test_transform_entity_own_span_holds_window(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,start,end\nA,2000,2010\nB,2000,2010\nC,1990,1995\n"},
	     {"meetings.csv", "date,participants\n2001,A;B\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2005"), .to = D("2005")});
	assert_string_equal(node_list(f), "A B");
	assert_int_equal(f->v->nedges, 0);
}

static void test_transform_count_row_must_lie_wholly_inside(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,end,participants,count\n"
				 "2013,2022-02,Xi;Putin,35\n"
				 "2022-02,2022-09,Xi;Putin,3\n"
				 "2022-05,,Putin;Xi,\n"
				 "2021,2023,Xi;Modi,2\n"
				 "2021,2023,Putin;Modi,1\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022")});
	const rg_edge *e = find_edge(f, "Xi", "Putin", "met");
	assert_non_null(e);
	assert_int_equal(e->rows, 2);
	assert_int_equal(e->count, 4);
	assert_date(e->first, 2022, 2, 0);
	assert_date(e->last, 2022, 9, 0);
	/* two meetings from 2021 to 2023 are not all in 2022; one may be */
	assert_null(find_edge(f, "Xi", "Modi", "met"));
	assert_non_null(find_edge(f, "Putin", "Modi", "met"));
	assert_int_equal(f->v->nedges, 2);
}

static void test_transform_window_drops_entities_dated_outside(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,start,end\n"
				"Mao,1949,1976\n"
				"Merkel,2005,2021-12-08\n"
				"Scholz,2021-12-08,2025\n"
				"Xi,2013-03-14,2023\n"
				"Lula,,\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022")});
	assert_string_equal(node_list(f), "Scholz Xi"); /* Lula: undated, nothing in force */
}

/* A start with no end is "since": the leader is still there. */
static void test_transform_window_keeps_entity_with_open_end(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,start,end\nPutin,2000,\nErdogan,2003-03-14,\nLula,,\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022")});
	assert_string_equal(node_list(f), "Putin Erdogan");
}

/* The same for a relation: "treaty partners, since 2001" holds in 2022. */
static void test_transform_window_keeps_relation_with_open_end(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target,kind,start,end\n"
			      "China,Russia,treaty partners,2001,\n"
			      "China,India,border talks,,1990\n"});
	cut(f, (rg_transform_opts){.merge = 1, .from = D("2022"), .to = D("2022")});
	assert_non_null(find_edge(f, "China", "Russia", "treaty partners"));
	assert_null(find_edge(f, "China", "India", "border talks"));
	assert_string_equal(node_list(f), "China Russia");
}

/* ---- kinds and weights ---- */

static const unit_csv kinds_leaders = {"leaders.csv",
				       "name,country\n"
				       "Xi,China\nPutin,Russia\nModi,India\nLula,Brazil\n"};
static const unit_csv kinds_countries = {"countries.csv",
					 "name\nChina\nRussia\nIndia\nBrazil\nChile\n"};
static const unit_csv kinds_meetings = {"meetings.csv", "date,participants,count\n"
							"2013,Xi;Putin,3\n"
							"2014,Xi;Putin,\n"
							"2019,Xi;Modi,\n"
							"2020,Putin;Modi,\n"
							"2021,Modi;Putin,\n"};
static const unit_csv kinds_agreements = {"agreements.csv", "name,date,parties\n"
							    "Pact,2015,China;Russia\n"};

static void test_transform_only_kinds(void **state)
{
	fixture *f = *state;
	LOAD(f, kinds_leaders, kinds_countries, kinds_meetings, kinds_agreements);
	static const char *const only[] = {"leader", "agreement"};
	cut(f, (rg_transform_opts){.merge = 1, .only = only, .nonly = 2});
	/* Pact, whose parties are countries, and Lula, whose only tie was
	 * to Brazil, have nothing left to draw: they go */
	assert_string_equal(node_list(f), "Xi Putin Modi");
	assert_int_equal(f->v->nedges, 3);
	for (size_t i = 0; i < f->v->nedges; i++)
		assert_string_equal(kind_of(f, &f->v->edges[i]), "met");
	/* unless the user keeps them */
	rg_view_free(f->v);
	f->v = NULL;
	cut(f, (rg_transform_opts){.merge = 1, .only = only, .nonly = 2, .keep_isolated = 1});
	assert_string_equal(node_list(f), "Xi Putin Modi Lula Pact");
}

/* A time window leaves out what it took every relation from, even when
 * the other ends are dated outside it too (states of the 1850s in a
 * 1945-1991 view); a node with no relation at all in the data stays. */
static void test_transform_window_drops_isolated(void **state)
{
	fixture *f = *state;
	LOAD(f,
	     {"countries.csv", "name,start,end\nBavaria,1816,1871\nFrance,1816,\n"
			       "Germany,1816,\nMonaco,1816,\n"},
	     {"agreements.csv", "name,date,parties\nOld pact,1850,Bavaria;France;Hanover\n"
				"Elysee,1963,France;Germany\n"});
	rg_transform_opts o = {.merge = 1};
	rg_date_parse("1945", &o.from);
	rg_date_parse("1991", &o.to);
	cut(f, o);
	assert_string_equal(node_list(f), "France Germany Monaco Elysee");
}

static void test_transform_hide_kinds(void **state)
{
	fixture *f = *state;
	LOAD(f, kinds_leaders, kinds_countries, kinds_meetings, kinds_agreements);
	static const char *const hide[] = {"agreement"};
	cut(f, (rg_transform_opts){.merge = 1, .hide = hide, .nhide = 1});
	assert_false(has_node(f, "Pact"));
	assert_true(has_node(f, "China"));
	assert_true(has_node(f, "Chile"));
	assert_non_null(find_edge(f, "Xi", "China", "leads"));
	assert_null(find_edge(f, "Pact", "China", "signed"));
	assert_int_equal(f->v->nedges, 7);
	assert_int_equal(f->v->nnodes, 9);
}

static void test_transform_relation_kinds(void **state)
{
	fixture *f = *state;
	LOAD(f, kinds_leaders, kinds_countries, kinds_meetings, kinds_agreements);
	static const char *const rels[] = {"met", "signed"};
	cut(f, (rg_transform_opts){.merge = 1, .relations = rels, .nrelations = 2});
	assert_int_equal(f->v->nedges, 5);
	assert_null(find_edge(f, "Xi", "China", "leads"));
	/* India, Brazil and Lula lose their only relation; Chile never had one */
	assert_string_equal(node_list(f), "Xi Putin Modi China Russia Chile Pact");
}

static void test_transform_min_weight_is_weight_times_count(void **state)
{
	fixture *f = *state;
	LOAD(f, kinds_leaders, kinds_countries, kinds_meetings,
	     {"edges.csv", "source,target,kind,weight,count\n"
			   "Russia,China,trade,0.5,3\n"
			   "China,Russia,loan,2.5,\n"
			   "India,China,talks,1,\n"
			   "China,India,talks,1,\n"});
	cut(f, (rg_transform_opts){.merge = 1, .min_weight = 2});
	const rg_edge *e = find_edge(f, "Xi", "Putin", "met");
	assert_non_null(e);
	assert_true(e->weight == 4.0);
	assert_non_null(find_edge(f, "Putin", "Modi", "met")); /* 2: not lighter */
	assert_null(find_edge(f, "Xi", "Modi", "met"));
	assert_null(find_edge(f, "Russia", "China", "trade")); /* 0.5 x 3 */
	assert_non_null(find_edge(f, "China", "Russia", "loan"));
	assert_null(find_edge(f, "Xi", "China", "leads"));
	assert_int_equal(f->v->nedges, 3); /* the talks are directed both ways */
	assert_string_equal(node_list(f), "Xi Putin Modi China Russia Chile");
	/* the relations of the edges dropped are in no edge */
	size_t total = 0;
	for (size_t i = 0; i < f->v->nedges; i++)
		total += f->v->edges[i].rows;
	assert_int_equal(total, 2 + 2 + 1);
}

/* ---- focus ---- */

static const unit_csv chain = {"edges.csv",
			       "source,target,kind\nA,B,knows\nB,C,knows\nC,D,knows\n"};
static const unit_csv chain_people = {"people.csv", "id,label\nA,Ann\nB,Bob\nC,Cy\nD,Dee\nZ,Zoe\n"};

static void test_focus_depth_1(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain);
	uint32_t focus[] = {ent(f, "B")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 1});
	assert_string_equal(node_list(f), "A B C");
	assert_int_equal(f->v->nedges, 2);
	assert_non_null(find_edge(f, "A", "B", "knows"));
	assert_non_null(find_edge(f, "B", "C", "knows"));
}

static void test_focus_depth_2(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain);
	uint32_t focus[] = {ent(f, "A")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 2});
	assert_string_equal(node_list(f), "A B C");
	assert_int_equal(f->v->nedges, 2);
	assert_null(find_edge(f, "C", "D", "knows"));
	rg_view_free(f->v);
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 3});
	assert_string_equal(node_list(f), "A B C D");
	assert_int_equal(f->v->nedges, 3);
}

static void test_focus_follows_edges_against_their_direction(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain);
	uint32_t focus[] = {ent(f, "D")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 2});
	assert_string_equal(node_list(f), "B C D");
}

static void test_focus_keeps_edges_among_neighbours(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target\nB,A\nB,C\nA,C\nC,D\n"});
	uint32_t focus[] = {ent(f, "B")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 1});
	assert_string_equal(node_list(f), "B A C");
	assert_int_equal(f->v->nedges, 3);
	assert_non_null(find_edge(f, "A", "C", "related"));
}

static void test_focus_several(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain, {"edges.csv", "source,target,kind\nD,E,knows\nE,F,knows\n"});
	uint32_t focus[] = {ent(f, "A"), ent(f, "E")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 2, .depth = 1});
	assert_string_equal(node_list(f), "A B D E F");
	assert_int_equal(f->v->nedges, 3);
	assert_null(find_edge(f, "B", "C", "knows"));
}

static void test_focus_over_what_other_filters_left(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target,kind,date\n"
			      "B,A,knows,2020\n"
			      "B,C,knows,2010\n"
			      "B,E,rival,2020\n"
			      "E,F,knows,2020\n"
			      "A,G,knows,2020\n"});
	static const char *const rels[] = {"knows"};
	uint32_t focus[] = {ent(f, "B")};
	cut(f, (rg_transform_opts){.merge = 1,
				   .relations = rels,
				   .nrelations = 1,
				   .from = D("2015"),
				   .focus = focus,
				   .nfocus = 1,
				   .depth = 2});
	/* C is out of the window, E's tie is a rival one: neither is reached */
	assert_string_equal(node_list(f), "B A G");
	assert_int_equal(f->v->nedges, 2);
}

static void test_focus_with_min_weight(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants,count\n2013,A;B,5\n2014,B;C,\n2015,A;D,2\n"});
	uint32_t focus[] = {ent(f, "A")};
	cut(f, (rg_transform_opts){
		       .merge = 1, .min_weight = 2, .focus = focus, .nfocus = 1, .depth = 2});
	assert_string_equal(node_list(f), "A B D");
	assert_null(find_edge(f, "B", "C", "met"));
}

static void test_focus_leaves_out_unrelated_lone_nodes(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain);
	uint32_t focus[] = {ent(f, "C")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 5});
	assert_false(has_node(f, "Z"));
	assert_string_equal(node_list(f), "A B C D");
}

static void test_focus_on_lone_node_is_that_node(void **state)
{
	fixture *f = *state;
	LOAD(f, chain_people, chain);
	uint32_t focus[] = {ent(f, "Z")};
	cut(f, (rg_transform_opts){.merge = 1, .focus = focus, .nfocus = 1, .depth = 2});
	assert_string_equal(node_list(f), "Z");
	assert_int_equal(f->v->nedges, 0);
}

/* ---- finding what the user means ---- */

static void test_find_entity_by_id_or_unique_label(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "id,label\nxi,Xi Jinping\nputin,Vladimir Putin\n"
			       "a1,Twin\na2,Twin\nb,xi\n"});
	assert_int_equal(rg_find_entity(f->m, "putin"), ent(f, "putin"));
	assert_int_equal(rg_find_entity(f->m, "Xi Jinping"), ent(f, "xi"));
	assert_int_equal(rg_find_entity(f->m, "Vladimir Putin"), ent(f, "putin"));
	/* an id wins over another node's label */
	assert_int_equal(rg_find_entity(f->m, "xi"), ent(f, "xi"));
	/* a label two nodes share names neither */
	assert_int_equal(rg_find_entity(f->m, "Twin"), RG_NONE);
	assert_int_equal(rg_find_entity(f->m, "a2"), ent(f, "a2"));
	assert_int_equal(rg_find_entity(f->m, "nobody"), RG_NONE);
	assert_int_equal(rg_find_entity(f->m, ""), RG_NONE);
	/* then the one id or label the same but for case and spaces */
	assert_int_equal(rg_find_entity(f->m, "xi jinping"), ent(f, "xi"));
	assert_int_equal(rg_find_entity(f->m, "VLADIMIR\xC2\xA0PUTIN"), ent(f, "putin"));
	/* which names nothing when two share it */
	assert_int_equal(rg_find_entity(f->m, "twin"), RG_NONE);
}

static void test_suggest_closest_first(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "id,label\nputin,Vladimir Putin\nputen,\npotato,\nxi,Xi Jinping\n"});
	const char *out[3];
	size_t n = rg_suggest(f->m, "putn", out, 3);
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "putin");
	assert_string_equal(out[1], "puten");
	/* a label close enough suggests its node's id, case aside */
	n = rg_suggest(f->m, "vladimir puttin", out, 3);
	assert_int_equal(n, 1);
	assert_string_equal(out[0], "putin");
	n = rg_suggest(f->m, "Xi Jinpin", out, 3);
	assert_int_equal(n, 1);
	assert_string_equal(out[0], "xi");
}

static void test_suggest_at_most_n(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "id\nabcd\nabce\nabcf\naef\nbcdefgh\n"});
	const char *out[2];
	size_t n = rg_suggest(f->m, "abcx", out, 2);
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "abcd");
	assert_string_equal(out[1], "abce");
	n = rg_suggest(f->m, "aef", out, 1);
	assert_int_equal(n, 1);
	assert_string_equal(out[0], "aef");
}

static void test_suggest_nothing_close(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "id,label\nputin,Vladimir Putin\nxi,Xi Jinping\n"});
	const char *out[3] = {NULL, NULL, NULL};
	assert_int_equal(rg_suggest(f->m, "Angela Merkel", out, 3), 0);
	assert_null(out[0]);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_undirected_a_b_and_b_a_merge),
		T(test_directed_do_not_merge_with_reverse),
		T(test_directed_same_way_merge),
		T(test_different_kinds_do_not_merge),
		T(test_directed_and_undirected_do_not_merge),
		T(test_counts_summed_with_count_column),
		T(test_weights_summed),
		T(test_unweighted_when_all_weights_one),
		T(test_first_and_last_dates_of_partial_dates),
		T(test_dates_from_spans),
		T(test_undated_edge_has_year_zero),
		T(test_merge_off_keeps_every_relation),
		T(test_rels_grouped_by_edge),
		T(test_every_relation_in_exactly_one_edge),
		T(test_nodes_are_all_entities_in_order),
		T(test_empty_model_gives_empty_view),
		T(test_window_last_day_of_year_inside_to_year),
		T(test_window_first_day_of_month_inside_from_month),
		T(test_window_partial_date_is_its_whole_period),
		T(test_window_spans_overlap_or_lie_wholly_inside),
		T(test_window_open_ends),
		T(test_window_undated_is_left_to_the_caller),
		T(test_transform_window_to_year),
		T(test_transform_window_from_year),
		T(test_transform_dated_only_drops_undated_rows),
		T(test_transform_dated_only_keeps_kind_filters),
		T(test_transform_undated_drawn_between_present_ends),
		T(test_transform_date_alone_is_an_event),
		T(test_transform_time_rule_table),
		T(test_transform_entity_periods_leave_gaps),
		T(test_transform_entity_own_span_holds_window),
		T(test_transform_count_row_must_lie_wholly_inside),
		T(test_transform_window_drops_entities_dated_outside),
		T(test_transform_window_keeps_entity_with_open_end),
		T(test_transform_window_keeps_relation_with_open_end),
		T(test_transform_only_kinds),
		T(test_transform_window_drops_isolated),
		T(test_transform_hide_kinds),
		T(test_transform_relation_kinds),
		T(test_transform_min_weight_is_weight_times_count),
		T(test_focus_depth_1),
		T(test_focus_depth_2),
		T(test_focus_follows_edges_against_their_direction),
		T(test_focus_keeps_edges_among_neighbours),
		T(test_focus_several),
		T(test_focus_over_what_other_filters_left),
		T(test_focus_with_min_weight),
		T(test_focus_leaves_out_unrelated_lone_nodes),
		T(test_focus_on_lone_node_is_that_node),
		T(test_find_entity_by_id_or_unique_label),
		T(test_suggest_closest_first),
		T(test_suggest_at_most_n),
		T(test_suggest_nothing_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
