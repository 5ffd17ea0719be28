/* test_layout.c: -K auto's choice of engine, and nodes with no edge
 * set out in rows under the rest. */
#include "unit.h"

#include <graphviz/gvc.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relgraph/layout.h"
#include "relgraph/build.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

/* An edge list of a chain of `linked` nodes, and a node table that adds
 * `alone` nodes with no edge. */
static void make(unit_fixture *f, size_t linked, size_t alone)
{
	size_t cap = 64 + 32 * (linked + alone);
	char *n = malloc(cap), *e = malloc(cap);
	size_t nl = (size_t)sprintf(n, "id,type\n"), el = (size_t)sprintf(e, "source,target\n");
	for (size_t i = 0; i < linked; i++)
		nl += (size_t)sprintf(n + nl, "c%zu,person\n", i);
	for (size_t i = 0; i < alone; i++)
		nl += (size_t)sprintf(n + nl, "alone %zu,organization\n", i);
	for (size_t i = 1; i < linked; i++)
		el += (size_t)sprintf(e + el, "c%zu,c%zu\n", i / 2, i);
	unit_csv files[] = {{"nodes.csv", n}, {"edges.csv", e}};
	f->m = unit_model(f->d, &f->st, files, 2);
	assert_int_equal(f->st, RG_OK);
	rg_transform_opts to = {.merge = 1};
	f->v = rg_transform(f->m, &to);
	free(n);
	free(e);
}

static void test_small_graph_is_dot(void **state)
{
	unit_fixture *f = *state;
	make(f, 30, 5);
	rg_auto c = rg_auto_choose(f->v);
	assert_string_equal(c.engine, "dot");
	assert_int_equal(c.large, 0);
	assert_int_equal(c.apart, 0);
}

static void test_big_graph_is_sfdp_for_size(void **state)
{
	unit_fixture *f = *state;
	make(f, 800, 0);
	rg_auto c = rg_auto_choose(f->v);
	assert_string_equal(c.engine, "sfdp");
	assert_int_equal(c.large, 1);
	assert_int_equal(c.apart, 0);
}

static void test_many_alone_set_apart_small_rest_stays_dot(void **state)
{
	unit_fixture *f = *state;
	make(f, 40, 700);
	rg_auto c = rg_auto_choose(f->v);
	/* the 40 linked nodes alone decide the engine */
	assert_string_equal(c.engine, "dot");
	assert_int_equal(c.apart, 700);
}

static void test_alone_nodes_are_in_rows_under_the_rest(void **state)
{
	unit_fixture *f = *state;
	make(f, 40, 700);
	rg_auto c = rg_auto_choose(f->v);
	rg_build_opts bo = {.name = "t", .engine = c.engine, .legend = 1};
	Agraph_t *g = rg_auto_layout(unit_gv, f->m, f->v, c, &bo, f->d);
	assert_non_null(g);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	/* every node drawn; the lowest linked node above every one set apart */
	double lowest_linked = 1e18, highest_alone = -1e18;
	size_t alone = 0, linked = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		const char *name = agnameof(n);
		double top = ND_coord(n).y + ND_height(n) * 36,
		       bottom = ND_coord(n).y - ND_height(n) * 36;
		if (strncmp(name, "alone ", 6) == 0) {
			alone++;
			if (top > highest_alone)
				highest_alone = top;
		} else if (name[0] == 'c') {
			linked++;
			if (bottom < lowest_linked)
				lowest_linked = bottom;
		}
	}
	assert_int_equal(alone, 700);
	assert_int_equal(linked, 40);
	assert_true(highest_alone < lowest_linked);
	/* no two nodes set apart overlap: rows are spaced by the labels */
	Agnode_t **a = calloc(alone, sizeof *a);
	size_t k = 0;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
		if (strncmp(agnameof(n), "alone ", 6) == 0)
			a[k++] = n;
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++) {
			double dx = fabs(ND_coord(a[i]).x - ND_coord(a[j]).x);
			double dy = fabs(ND_coord(a[i]).y - ND_coord(a[j]).y);
			int apart = dx >= (ND_width(a[i]) + ND_width(a[j])) * 36 ||
				    dy >= (ND_height(a[i]) + ND_height(a[j])) * 36;
			assert_true(apart);
		}
	free(a);
	/* and it renders from those places */
	char *svg = NULL;
	size_t len = 0;
	rg_output out = {.format = "svg", .data = &svg, .len = &len};
	assert_int_equal(rg_render_outputs(unit_gv, g, "nop1", &out, 1, f->d), RG_OK);
	assert_non_null(strstr(svg, "alone 699"));
	free(svg);
	agclose(g);
}

/* Pairs joined only to each other are set apart too (Graphviz packs
 * thousands of them slowly), each pair side by side on one row. */
static void test_pairs_are_set_apart_side_by_side(void **state)
{
	unit_fixture *f = *state;
	size_t pairs = 300, chain = 40, cap = 64 + 40 * (pairs + chain);
	char *e = malloc(cap);
	size_t el = (size_t)sprintf(e, "source,target\n");
	for (size_t i = 1; i < chain; i++)
		el += (size_t)sprintf(e + el, "c%zu,c%zu\n", i / 2, i);
	for (size_t i = 0; i < pairs; i++)
		el += (size_t)sprintf(e + el, "p%zu,q%zu\n", i, i);
	unit_csv files[] = {{"edges.csv", e}};
	f->m = unit_model(f->d, &f->st, files, 1);
	free(e);
	assert_int_equal(f->st, RG_OK);
	rg_transform_opts to = {.merge = 1};
	f->v = rg_transform(f->m, &to);
	rg_auto c = rg_auto_choose(f->v);
	assert_string_equal(c.engine, "dot");
	assert_int_equal(c.apart, 2 * pairs);
	rg_build_opts bo = {.name = "t", .engine = c.engine, .legend = 1};
	Agraph_t *g = rg_auto_layout(unit_gv, f->m, f->v, c, &bo, f->d);
	assert_non_null(g);
	for (size_t i = 0; i < pairs; i++) {
		char pn[16], qn[16];
		snprintf(pn, sizeof pn, "p%zu", i);
		snprintf(qn, sizeof qn, "q%zu", i);
		Agnode_t *p = agnode(g, pn, 0), *q = agnode(g, qn, 0);
		assert_non_null(p);
		assert_non_null(q);
		assert_true(fabs(ND_coord(p).y - ND_coord(q).y) < 1);
		assert_true(ND_coord(q).x > ND_coord(p).x);
		/* next to each other: nothing between them on the row */
		assert_true(ND_coord(q).x - ND_coord(p).x < (ND_width(p) + ND_width(q)) * 36 + 100);
	}
	rg_render_free_layout(unit_gv);
	agclose(g);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_small_graph_is_dot),
		T(test_big_graph_is_sfdp_for_size),
		T(test_many_alone_set_apart_small_rest_stays_dot),
		T(test_alone_nodes_are_in_rows_under_the_rest),
		T(test_pairs_are_set_apart_side_by_side),
	};
	return cmocka_run_group_tests(tests, unit_gv_setup, unit_gv_teardown);
}
