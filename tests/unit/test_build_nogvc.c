/* test_build_nogvc.c: the build stage in a program that never creates a
 * Graphviz context.  gvContext() declares the default node label \N on
 * cgraph's prototype graph; rg_build must not depend on it, so these tests
 * are a program of their own (test_build.c makes a context first). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "relgraph/build.h"
#include "relgraph/transform.h"

/* cgraph takes char * for names it does not change. */
#define C(s) ((char *)(s))

typedef unit_fixture fixture;

static const unit_csv leaders = {"leaders.csv", "id,name,country\n"
						"xi,Xi Jinping,CN\n"
						"putin,Vladimir Putin,RU\n"};
static const unit_csv meetings = {"meetings.csv", "date,participants\n"
						  "2013-03-22,Xi Jinping;Vladimir Putin\n"};

/* Builds the two leaders and their meeting, with a legend. */
static void build(fixture *f)
{
	rg_status st;
	f->m = UNIT_MODEL(f->d, &st, leaders, meetings);
	assert_int_equal(st, RG_OK);
	rg_transform_opts to = {.merge = 1};
	f->v = rg_transform(f->m, &to);
	rg_build_opts o = {
		.name = "t", .engine = "dot", .legend = 1, .edge_labels = RG_LABELS_AUTO};
	f->g = rg_build(f->m, f->v, &o);
	assert_non_null(f->g);
}

/* The graph as agwrite writes it; the caller frees it. */
static char *dot_of(Agraph_t *g)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&buf, &len);
	assert_non_null(mf);
	assert_int_equal(agwrite(g, mf), 0);
	assert_int_equal(fclose(mf), 0);
	return buf;
}

/* The prototype graph knows no node label: nothing in this program made
 * a context, so whatever label default the graph has, rg_build set. */
static void assert_no_context_default(void)
{
	assert_null(agattr(NULL, AGNODE, C("label"), NULL));
}

static void test_dot_declares_node_name_label(void **state)
{
	fixture *f = *state;
	assert_no_context_default();
	build(f);
	char *dot = dot_of(f->g);
	const char *defaults = strstr(dot, "\tnode [");
	assert_non_null(defaults);
	const char *end = strstr(defaults, "];");
	assert_non_null(end);
	const char *label = strstr(defaults, "label=\"\\N\"");
	assert_non_null(label);
	assert_true(label < end);
	free(dot);
}

static void test_data_nodes_show_their_names(void **state)
{
	fixture *f = *state;
	assert_no_context_default();
	build(f);
	assert_string_equal(agget(agnode(f->g, C("xi"), 0), C("label")), "Xi Jinping");
	assert_string_equal(agget(agnode(f->g, C("putin"), 0), C("label")), "Vladimir Putin");
}

/* A node the caller adds, with no label of its own, is drawn with its
 * name (\N), in the graph and in its DOT read back. */
static void test_node_added_later_shows_its_name(void **state)
{
	fixture *f = *state;
	assert_no_context_default();
	build(f);
	Agnode_t *n = agnode(f->g, C("added"), 1);
	assert_string_equal(agget(n, C("label")), "\\N");
	char *dot = dot_of(f->g);
	assert_non_null(strstr(dot, "\tadded;\n"));
	Agraph_t *g2 = agmemread(dot);
	free(dot);
	assert_non_null(g2);
	Agnode_t *n2 = agnode(g2, C("added"), 0);
	assert_non_null(n2);
	assert_string_equal(agget(n2, C("label")), "\\N");
	agclose(g2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dot_declares_node_name_label),
		T(test_data_nodes_show_their_names),
		T(test_node_added_later_shows_its_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
