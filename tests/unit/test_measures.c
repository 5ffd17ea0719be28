/* test_measures.c: importance, communities and components of a view, by
 * igraph: what a reader of the numbers checks first, that they are the
 * same every time, and that igraph is left as the host had it. */
#include "unit.h"

#include <math.h>
#include <stdio.h>

#include <igraph.h>

#include "relgraph/measures.h"
#include "relgraph/transform.h"

typedef struct {
	unit_fixture u;
	rg_measures *ms;
	uint32_t *rank;
	char *csv[2]; /* generated input */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	f->u.d = rg_diags_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	free(f->rank);
	rg_measures_free(f->ms);
	rg_view_free(f->u.v);
	rg_model_free(f->u.m);
	rg_diags_free(f->u.d);
	free(f->csv[0]);
	free(f->csv[1]);
	free(f);
	return 0;
}

/* Loads the files (which must have no errors), merges them into a view and
 * measures it. */
static void measure(fixture *f, const unit_csv *files, size_t n)
{
	rg_status st;
	f->u.m = unit_model(f->u.d, &st, files, n);
	assert_int_equal(st, RG_OK);
	assert_int_equal(rg_diags_count(f->u.d, RG_ERROR), 0);
	f->u.v = rg_transform(f->u.m, &(rg_transform_opts){.merge = 1});
	assert_non_null(f->u.v);
	size_t warnings = rg_diags_count(f->u.d, RG_WARNING);
	f->ms = rg_measures_compute(f->u.v, f->u.d);
	assert_non_null(f->ms);
	assert_int_equal(rg_diags_count(f->u.d, RG_WARNING), warnings);
	assert_int_equal(f->ms->n, f->u.v->nnodes);
	f->rank = rg_measures_rank(f->ms);
	assert_non_null(f->rank);
}

#define MEASURE(f, ...)                                                                            \
	measure(f, (const unit_csv[]){__VA_ARGS__},                                                \
		sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

/* Position in the view of the entity with this id. */
static uint32_t pos(const fixture *f, const char *id)
{
	uint32_t e = rg_model_find(f->u.m, id);
	assert_int_not_equal(e, RG_NONE);
	for (size_t i = 0; i < f->u.v->nnodes; i++)
		if (f->u.v->nodes[i] == e)
			return (uint32_t)i;
	fail_msg("%s is not in the view", id);
	return 0;
}

#define COMM(f, id) ((f)->ms->community[pos(f, id)])
#define COMP(f, id) ((f)->ms->component[pos(f, id)])

/* What holds for every result: the sums, the ranges, the numbering. */
static void assert_sane(const rg_measures *ms, const uint32_t *rank)
{
	double sum = 0, max = 0;
	for (size_t i = 0; i < ms->n; i++) {
		sum += ms->pagerank[i];
		assert_true(ms->importance[i] >= 0 && ms->importance[i] <= 1);
		max = fmax(max, ms->importance[i]);
		assert_true(ms->community[i] < ms->ncommunities);
		assert_true(ms->component[i] < ms->ncomponents);
	}
	if (ms->n) {
		assert_true(fabs(sum - 1) < 1e-9);
		assert_true(max == 1);
	}
	/* ids by decreasing size, ties by the first node in them */
	const uint32_t *ids[2] = {ms->community, ms->component};
	size_t k[2] = {ms->ncommunities, ms->ncomponents};
	for (int t = 0; t < 2; t++) {
		size_t *size = calloc(k[t] + 1, sizeof *size),
		       *first = calloc(k[t] + 1, sizeof *first);
		for (size_t i = ms->n; i-- > 0;) {
			size[ids[t][i]]++;
			first[ids[t][i]] = i;
		}
		for (size_t c = 0; c < k[t]; c++) {
			assert_true(size[c] > 0);
			if (c)
				assert_true(size[c] < size[c - 1] ||
					    (size[c] == size[c - 1] && first[c] > first[c - 1]));
		}
		free(size);
		free(first);
	}
	/* rank: every position once, in the documented order */
	char *seen = calloc(ms->n + 1, 1);
	for (size_t i = 0; i < ms->n; i++) {
		assert_true(rank[i] < ms->n);
		assert_false(seen[rank[i]]);
		seen[rank[i]] = 1;
		if (i) {
			uint32_t p = rank[i - 1], q = rank[i];
			assert_true(ms->importance[p] > ms->importance[q] ||
				    (ms->importance[p] == ms->importance[q] &&
				     (ms->degree[p] > ms->degree[q] ||
				      (ms->degree[p] == ms->degree[q] && p < q))));
		}
	}
	free(seen);
}

static void test_star_hub_ranks_first(void **state)
{
	fixture *f = *state;
	MEASURE(f, {"nodes.csv", "id\nL1\nL2\nL3\nHub\nL4\nL5\n"},
		{"edges.csv", "source,target\nHub,L1\nHub,L2\nL3,Hub\nHub,L4\nL5,Hub\n"});
	assert_sane(f->ms, f->rank);
	uint32_t hub = pos(f, "Hub");
	assert_int_equal(f->rank[0], hub);
	assert_true(f->ms->importance[hub] == 1);
	assert_int_equal(f->ms->degree[hub], 5);
	assert_true(f->ms->strength[hub] == 5);
	/* the leaves cannot be told apart: they tie, and follow in view order */
	for (size_t i = 1; i < 6; i++) {
		assert_true(f->ms->importance[f->rank[i]] == f->ms->importance[pos(f, "L1")]);
		assert_true(f->ms->importance[f->rank[i]] < 1);
		assert_int_equal(f->ms->degree[f->rank[i]], 1);
	}
	assert_int_equal(f->rank[1], pos(f, "L1"));
	assert_int_equal(f->rank[5], pos(f, "L5"));
	assert_int_equal(f->ms->ncomponents, 1);
	assert_string_equal(f->ms->method, "Leiden (modularity)");
}

/* Two groups of five, everyone knowing everyone in their group, and one
 * acquaintance between the groups. */
static const unit_csv two_cliques = {"edges.csv", "source,target\n"
						  "A1,A2\nA1,A3\nA1,A4\nA1,A5\nA2,A3\n"
						  "A2,A4\nA2,A5\nA3,A4\nA3,A5\nA4,A5\n"
						  "B1,B2\nB1,B3\nB1,B4\nB1,B5\nB2,B3\n"
						  "B2,B4\nB2,B5\nB3,B4\nB3,B5\nB4,B5\n"
						  "A5,B1\n"};

static void test_two_cliques_two_communities(void **state)
{
	fixture *f = *state;
	MEASURE(f, two_cliques);
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->ncommunities, 2);
	assert_int_equal(f->ms->ncomponents, 1);
	const char *a[] = {"A1", "A2", "A3", "A4", "A5"}, *b[] = {"B1", "B2", "B3", "B4", "B5"};
	for (int i = 0; i < 5; i++) {
		/* the same size: the group holding the first node is 0 */
		assert_int_equal(COMM(f, a[i]), 0);
		assert_int_equal(COMM(f, b[i]), 1);
	}
	/* (2 x 10 edges inside - what chance gives) over 21 edges */
	assert_true(f->ms->modularity > 0.4 && f->ms->modularity < 0.5);
	/* the two ends of the bridge matter most */
	assert_int_equal(f->rank[0], pos(f, "A5"));
	assert_int_equal(f->rank[1], pos(f, "B1"));
}

static void test_larger_community_numbered_first(void **state)
{
	fixture *f = *state;
	MEASURE(f, {"edges.csv", "source,target\n"
				 "S1,S2\nS2,S3\nS1,S3\n"
				 "S3,T1\n"
				 "T1,T2\nT1,T3\nT1,T4\nT2,T3\nT2,T4\nT3,T4\n"});
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->ncommunities, 2);
	assert_int_equal(COMM(f, "T4"), 0);
	assert_int_equal(COMM(f, "S1"), 1);
}

/* The same input twice, through two models, gives the same numbers. */
static void test_deterministic(void **state)
{
	fixture *f = *state;
	MEASURE(f, two_cliques);
	rg_model *m = UNIT_MODEL(f->u.d, NULL, two_cliques);
	rg_view *v = rg_transform(m, &(rg_transform_opts){.merge = 1});
	for (int run = 0; run < 3; run++) {
		rg_measures *again = rg_measures_compute(v, f->u.d);
		assert_non_null(again);
		assert_int_equal(again->ncommunities, f->ms->ncommunities);
		assert_memory_equal(again->community, f->ms->community,
				    f->ms->n * sizeof *f->ms->community);
		assert_memory_equal(again->pagerank, f->ms->pagerank,
				    f->ms->n * sizeof *f->ms->pagerank);
		assert_true(again->modularity == f->ms->modularity);
		rg_measures_free(again);
	}
	rg_view_free(v);
	rg_model_free(m);
}

static void test_weights_change_strength(void **state)
{
	fixture *f = *state;
	/* A-B twice under two kinds (one edge each, both counted), B-C once */
	MEASURE(f, {"edges.csv", "source,target,kind,weight\n"
				 "A,B,ally,2\nA,B,rival,3.5\nB,C,ally,\nB,C,ally,4\n"});
	assert_sane(f->ms, f->rank);
	assert_true(f->ms->strength[pos(f, "A")] == 5.5);
	assert_true(f->ms->strength[pos(f, "B")] == 10.5);
	assert_true(f->ms->strength[pos(f, "C")] == 5);
	/* distinct neighbours, whatever the number of edges */
	assert_int_equal(f->ms->degree[pos(f, "A")], 1);
	assert_int_equal(f->ms->degree[pos(f, "B")], 2);
	/* the heavier end of B counts more */
	assert_true(f->ms->pagerank[pos(f, "A")] > f->ms->pagerank[pos(f, "C")]);
	assert_int_equal(f->rank[0], pos(f, "B"));
	assert_int_equal(f->rank[1], pos(f, "A"));
}

static void test_isolated_and_self_loop_stand_alone(void **state)
{
	fixture *f = *state;
	/* Lone is declared with no relation; Self relates only to itself */
	MEASURE(f, {"nodes.csv", "id\nLone\nA\nB\nC\nSelf\n"},
		{"edges.csv", "source,target\nA,B\nB,C\nC,A\nSelf,Self\n"});
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->n, 5);
	assert_int_equal(f->ms->ncommunities, 3);
	assert_int_equal(f->ms->ncomponents, 3);
	/* the triangle is the largest; of the two alone, Lone comes first */
	assert_int_equal(COMM(f, "A"), 0);
	assert_int_equal(COMM(f, "C"), 0);
	assert_int_equal(COMM(f, "Lone"), 1);
	assert_int_equal(COMM(f, "Self"), 2);
	assert_int_equal(COMP(f, "B"), 0);
	assert_int_equal(COMP(f, "Lone"), 1);
	assert_int_equal(COMP(f, "Self"), 2);
	assert_int_equal(f->ms->degree[pos(f, "Self")], 0);
	assert_true(f->ms->strength[pos(f, "Self")] == 0);
	assert_true(f->ms->importance[pos(f, "Lone")] < f->ms->importance[pos(f, "A")]);
	assert_int_equal(f->rank[3], pos(f, "Lone"));
	assert_int_equal(f->rank[4], pos(f, "Self"));
}

static void test_no_edges(void **state)
{
	fixture *f = *state;
	MEASURE(f, {"nodes.csv", "id\nA\nB\nC\n"});
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->ncommunities, 3);
	assert_int_equal(f->ms->ncomponents, 3);
	assert_true(f->ms->modularity == 0);
	for (uint32_t i = 0; i < 3; i++) {
		assert_true(f->ms->importance[i] == 1);
		assert_int_equal(f->ms->community[i], i);
		assert_int_equal(f->rank[i], i);
	}
}

static void test_weightless_edges(void **state)
{
	fixture *f = *state;
	MEASURE(f, {"edges.csv", "source,target,weight\nA,B,0\nB,C,0\n"});
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->ncomponents, 1);
	assert_int_equal(f->ms->ncommunities, 3);
	assert_true(f->ms->modularity == 0);
	assert_int_equal(f->ms->degree[pos(f, "B")], 2);
	assert_true(f->ms->strength[pos(f, "B")] == 0);
}

static void test_empty_view(void **state)
{
	fixture *f = *state;
	f->u.m = rg_model_new();
	f->u.v = rg_transform(f->u.m, &(rg_transform_opts){.merge = 1});
	f->ms = rg_measures_compute(f->u.v, f->u.d);
	assert_non_null(f->ms);
	assert_int_equal(f->ms->n, 0);
	assert_int_equal(f->ms->ncommunities, 0);
	assert_int_equal(f->ms->ncomponents, 0);
	assert_true(f->ms->modularity == 0);
	f->rank = rg_measures_rank(f->ms);
	assert_non_null(f->rank);
	assert_int_equal(rg_diags_len(f->u.d), 0);
}

/* A made-up graph with a known answer: groups of sizes 40, 35, ... 15,
 * dense inside and sparse between, from a fixed generator. */
static char *planted(size_t *ngroups, uint32_t *group, size_t *n)
{
	static const size_t sizes[] = {40, 35, 30, 30, 25, 20, 15};
	size_t k = sizeof sizes / sizeof *sizes, nn = 0;
	for (size_t g = 0; g < k; g++)
		for (size_t i = 0; i < sizes[g]; i++)
			group[nn++] = (uint32_t)g;
	uint64_t x = 88172645463325252u;
	size_t cap = 1 << 20, len = 0;
	char *s = malloc(cap);
	len += (size_t)snprintf(s + len, cap - len, "source,target,weight\n");
	for (size_t i = 0; i < nn; i++)
		for (size_t j = i + 1; j < nn; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			double p = (double)(x >> 11) / 9007199254740992.0;
			if (p < (group[i] == group[j] ? 0.5 : 0.004))
				len += (size_t)snprintf(s + len, cap - len, "n%zu,n%zu,%d\n", i, j,
							1 + (int)(x % 5));
		}
	*ngroups = k;
	*n = nn;
	return s;
}

static void test_generated_graph(void **state)
{
	fixture *f = *state;
	uint32_t group[256];
	size_t k, n;
	f->csv[1] = planted(&k, group, &n);
	size_t cap = 8 * n + 8, len = 0;
	f->csv[0] = malloc(cap);
	len += (size_t)snprintf(f->csv[0], cap, "id\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(f->csv[0] + len, cap - len, "n%zu\n", i);
	MEASURE(f, {"nodes.csv", f->csv[0]}, {"edges.csv", f->csv[1]});
	assert_sane(f->ms, f->rank);
	assert_int_equal(f->ms->n, n);
	assert_int_equal(f->ms->ncomponents, 1);
	/* the planted groups, found and numbered by size: group g is community g */
	assert_int_equal(f->ms->ncommunities, k);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(f->ms->community[i], group[i]);
	assert_true(f->ms->modularity > 0.7);
	/* and again, the same */
	rg_measures *again = rg_measures_compute(f->u.v, f->u.d);
	assert_memory_equal(again->community, f->ms->community, n * sizeof *again->community);
	assert_memory_equal(again->importance, f->ms->importance, n * sizeof *again->importance);
	rg_measures_free(again);
}

/* A host that uses igraph too keeps its error handler and its random
 * numbers. */
static void test_igraph_left_as_found(void **state)
{
	fixture *f = *state;
	igraph_error_handler_t *mine = igraph_set_error_handler(igraph_error_handler_printignore);
	igraph_rng_seed(igraph_rng_default(), 7);
	igraph_integer_t expect[4], got[4];
	for (int i = 0; i < 4; i++)
		expect[i] = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
	igraph_rng_seed(igraph_rng_default(), 7);
	MEASURE(f, two_cliques);
	for (int i = 0; i < 4; i++)
		got[i] = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
	assert_memory_equal(got, expect, sizeof got);
	assert_ptr_equal(igraph_set_error_handler(mine), igraph_error_handler_printignore);
}

/* A view igraph refuses (a weight that is not a number, which the loader
 * never makes) is an error in d, not an abort. */
static void test_igraph_error_reported(void **state)
{
	fixture *f = *state;
	uint32_t nodes[] = {0, 1, 2};
	rg_edge edges[] = {{.a = 0, .b = 1, .weight = NAN}, {.a = 1, .b = 2, .weight = 1}};
	rg_view v = {.nodes = nodes, .nnodes = 3, .edges = edges, .nedges = 2};
	assert_null(rg_measures_compute(&v, f->u.d));
	assert_int_equal(rg_diags_count(f->u.d, RG_ERROR), 1);
	assert_non_null(unit_diag(f->u.d, "measuring the graph failed"));
	assert_non_null(unit_diag(f->u.d, "NaN"));

	/* an edge to a node the view does not hold */
	rg_diags_clear(f->u.d);
	edges[0].weight = 1;
	edges[1].b = 7;
	assert_null(rg_measures_compute(&v, f->u.d));
	assert_non_null(unit_diag(f->u.d, "edge 1 joins an entity the view does not draw"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_star_hub_ranks_first),
		T(test_two_cliques_two_communities),
		T(test_larger_community_numbered_first),
		T(test_deterministic),
		T(test_weights_change_strength),
		T(test_isolated_and_self_loop_stand_alone),
		T(test_no_edges),
		T(test_weightless_edges),
		T(test_empty_view),
		T(test_generated_graph),
		T(test_igraph_left_as_found),
		T(test_igraph_error_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
