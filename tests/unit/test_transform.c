/* test_transform.c: stage 3, relations to edges, merging repeats. */
#include "unit.h"

#include "relgraph/transform.h"

typedef struct {
	rg_diags *d;
	rg_model *m;
	rg_view *v;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->d = rg_diags_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	rg_view_free(f->v);
	rg_model_free(f->m);
	rg_diags_free(f->d);
	free(f);
	return 0;
}

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

#define VIEW(f, merge, ...)                                                  \
	view(f, merge, (const unit_csv[]){__VA_ARGS__},                      \
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
	VIEW(f, 1, {"meetings.csv", "leader_a,leader_b,date\n"
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
	VIEW(f, 1, {"edges.csv", "source,target,start,end\nA,B,2010,2012-06\nA,B,,2014\nA,B,2008-03,\n"});
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
	VIEW(f, 0, {"meetings.csv", "leader_a,leader_b,date,count\nXi,Putin,2013,3\nPutin,Xi,2015,\n"});
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
	VIEW(f, 1, {"meetings.csv", "date,participants\n2013,A;B;C\n2014,C;B\n2015,A;D\n2016,B;A\n"});
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

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
