/* test_build.c: stage 4, the view to a styled cgraph graph. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "relgraph/build.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

/* cgraph takes char * for names it does not change. */
#define C(s) ((char *)(s))

typedef struct {
	rg_diags *d;
	rg_model *m;
	rg_view *v;
	Agraph_t *g;
	rg_build_opts o;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->d = rg_diags_new();
	f->o.name = "t";
	f->o.engine = "dot";
	f->o.legend = 1;
	f->o.edge_labels = RG_LABELS_AUTO;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	if (f->g)
		agclose(f->g);
	rg_view_free(f->v);
	rg_model_free(f->m);
	rg_diags_free(f->d);
	free(f);
	return 0;
}

/* Loads the files (which must have no errors), merges, and builds with
 * f->o. */
static void build(fixture *f, const unit_csv *files, size_t n)
{
	rg_status st;
	f->m = unit_model(f->d, &st, files, n);
	assert_int_equal(st, RG_OK);
	rg_transform_opts to = {.merge = 1};
	f->v = rg_transform(f->m, &to);
	f->g = rg_build(f->m, f->v, &f->o);
	assert_non_null(f->g);
}

#define BUILD(f, ...)                                                                              \
	build(f, (const unit_csv[]){__VA_ARGS__},                                                  \
	      sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

static Agnode_t *node(const fixture *f, const char *name)
{
	Agnode_t *n = agnode(f->g, C(name), 0);
	if (!n)
		fail_msg("no node '%s' in the graph", name);
	return n;
}

/* The attribute's value, "" when it is not declared at all. */
static const char *get(void *obj, const char *name)
{
	const char *v = agget(obj, C(name));
	return v ? v : "";
}

static Agedge_t *edge(const fixture *f, const char *a, const char *b)
{
	Agedge_t *e = agedge(f->g, node(f, a), node(f, b), NULL, 0);
	if (!e)
		fail_msg("no edge %s -> %s in the graph", a, b);
	return e;
}

static size_t count_class(const fixture *f, const char *cls)
{
	size_t k = 0;
	for (Agnode_t *n = agfstnode(f->g); n; n = agnxtnode(f->g, n))
		k += strcmp(get(n, "class"), cls) == 0;
	return k;
}

/* The label rg_edge_label gives the view's only edge; the caller frees it. */
static char *only_edge_label(const fixture *f)
{
	assert_int_equal(f->v->nedges, 1);
	char *s = rg_edge_label(f->m, f->v, &f->v->edges[0]);
	assert_non_null(s);
	return s;
}

static const unit_csv leaders = {"leaders.csv", "id,name,country\n"
						"xi,Xi Jinping,CN\n"
						"putin,Vladimir Putin,RU\n"};
static const unit_csv countries = {"countries.csv", "id,name\nCN,China\nRU,Russia\n"};
static const unit_csv meetings = {"meetings.csv", "date,participants\n"
						  "2013-03-22,Xi Jinping;Vladimir Putin\n"
						  "2019-06-05,putin;xi\n"};

/* ---- nodes ---- */

/* Found by fuzzing (UBSan): a graph with no kinds at all sorted a NULL
 * array.  An edge table with only its header is such a graph. */
static void test_empty_graph_builds(void **state)
{
	fixture *f = *state;
	BUILD(f, {"edges.csv", "source,target\n"});
	assert_int_equal(agnnodes(f->g), 0);
	assert_null(agsubg(f->g, C("cluster_legend"), 0));
}

/* Names starting with '%' are cgraph's own prefix for internal names:
 * they must still come out as the user wrote them (found by fuzzing). */
static void test_percent_names_kept(void **state)
{
	fixture *f = *state;
	BUILD(f, {"edges.csv", "source,target\n%a,%b\n"});
	assert_string_equal(agnameof(node(f, "%a")), "%a");
	assert_non_null(node(f, "%b"));
}

static void test_node_class_is_kind(void **state)
{
	fixture *f = *state;
	BUILD(f, leaders, countries);
	assert_string_equal(get(node(f, "xi"), "class"), "leader");
	assert_string_equal(get(node(f, "CN"), "class"), "country");
	assert_string_equal(get(node(f, "xi"), "fillcolor"), "#E69F00");
	assert_string_equal(get(node(f, "CN"), "shape"), "box");
}

static void test_node_class_of_kind_with_spaces_is_one_word(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id,kind\nx,Head of State\n"});
	assert_string_equal(get(node(f, "x"), "class"), "head-of-state");
}

static void test_node_label_is_name_else_id(void **state)
{
	fixture *f = *state;
	BUILD(f, {"leaders.csv", "id,name\nxi,Xi Jinping\nputin,\n"});
	assert_string_equal(get(node(f, "xi"), "label"), "Xi Jinping");
	assert_string_equal(get(node(f, "putin"), "label"), "putin");
}

static void test_node_ids_are_slugs(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id\nXi Jinping\n\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD (RU)\n"});
	assert_string_equal(get(node(f, "Xi Jinping"), "id"), "Xi-Jinping");
	assert_string_equal(get(node(f, "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD (RU)"), "id"),
			    "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD-RU");
}

static void test_node_ids_unique_when_slugs_collide(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id\na b\na-b\na/b\n"});
	assert_string_equal(get(node(f, "a b"), "id"), "a-b");
	assert_string_equal(get(node(f, "a-b"), "id"), "a-b-2");
	assert_string_equal(get(node(f, "a/b"), "id"), "a-b-3");
}

static void test_all_element_ids_unique(void **state)
{
	fixture *f = *state;
	BUILD(f,
	      {"nodes.csv",
	       "id,kind\na-b-2,x\na b,x\na-b,leader\nlegend node leader,x\n!!,x\nx,x\n"},
	      {"edges.csv", "source,target\na b,a-b\na b,a-b\n"});
	char *ids[64];
	size_t n = 0;
	for (Agnode_t *v = agfstnode(f->g); v; v = agnxtnode(f->g, v)) {
		assert_true(n < 64);
		ids[n++] = agget(v, C("id"));
		for (Agedge_t *e = agfstout(f->g, v); e; e = agnxtout(f->g, e))
			if (*get(e, "id")) {
				assert_true(n < 64);
				ids[n++] = agget(e, C("id"));
			}
	}
	for (size_t i = 0; i < n; i++) {
		assert_true(*ids[i] != '\0');
		for (size_t j = 0; j < i; j++)
			if (*ids[i] && strcmp(ids[i], ids[j]) == 0)
				fail_msg("element id '%s' is used twice", ids[i]);
	}
}

static void test_backslash_in_name_escaped_in_label(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id\na\\b\nC:\\new\n"});
	assert_string_equal(get(node(f, "a\\b"), "label"), "a\\\\b");
	assert_string_equal(get(node(f, "C:\\new"), "label"), "C:\\\\new");
}

static void test_html_like_name_is_plain_label(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id\n<b>\n\"\"\"]; x [\"\n"});
	Agnode_t *b = node(f, "<b>");
	assert_string_equal(get(b, "label"), "<b>");
	assert_false(aghtmlstr(agget(b, C("label"))));
	Agnode_t *q = node(f, "\"]; x [");
	assert_string_equal(get(q, "label"), "\"]; x [");
	assert_false(aghtmlstr(agget(q, C("label"))));
	assert_null(agnode(f->g, C("x"), 0));
}

/* The graph written as DOT and read back has the same names and labels:
 * nothing in a name escapes into the DOT syntax. */
static void test_html_like_name_survives_dot_round_trip(void **state)
{
	fixture *f = *state;
	BUILD(f, {"nodes.csv", "id\n<b>\n\"\"\"]; x [\"\na\\b\n"});
	char *buf = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&buf, &len);
	assert_non_null(mf);
	assert_int_equal(agwrite(f->g, mf), 0);
	assert_int_equal(fclose(mf), 0);
	Agraph_t *g2 = agmemread(buf);
	free(buf);
	assert_non_null(g2);
	assert_int_equal(agnnodes(g2), agnnodes(f->g));
	const char *names[] = {"<b>", "\"]; x [", "a\\b"};
	for (size_t i = 0; i < 3; i++) {
		Agnode_t *n = agnode(g2, C(names[i]), 0);
		assert_non_null(n);
		assert_string_equal(agget(n, C("label")), get(node(f, names[i]), "label"));
		assert_false(aghtmlstr(agget(n, C("label"))));
	}
	assert_null(agnode(g2, C("x"), 0));
	agclose(g2);
}

/* ---- edges ---- */

static void test_edge_class_id_and_direction(void **state)
{
	fixture *f = *state;
	BUILD(f, leaders, countries, meetings);
	Agedge_t *met = agedge(f->g, node(f, "xi"), node(f, "putin"), NULL, 0);
	if (!met)
		met = edge(f, "putin", "xi");
	assert_string_equal(get(met, "class"), "met");
	assert_string_equal(get(met, "dir"), "none");
	Agedge_t *leads = edge(f, "xi", "CN");
	assert_string_equal(get(leads, "class"), "leads");
	assert_string_equal(get(leads, "id"), "xi--CN");
	assert_string_not_equal(get(leads, "dir"), "none");
}

static void test_merged_edge_in_graph_has_count_label(void **state)
{
	fixture *f = *state;
	BUILD(f, leaders, countries, meetings);
	Agedge_t *met = agedge(f->g, node(f, "xi"), node(f, "putin"), NULL, 0);
	if (!met)
		met = edge(f, "putin", "xi");
	assert_non_null(strstr(get(met, "label"), "2 meetings, 2013\xE2\x80\x93"
						  "2019"));
}

/* ---- rg_edge_label ---- */

static void test_edge_label_merged_meetings(void **state)
{
	fixture *f = *state;
	BUILD(f,
	      {"meetings.csv", "leader_a,leader_b,date,count\n"
			       "Xi,Putin,2013-03-22,\nXi,Putin,2015,38\nPutin,Xi,2023-03-21,\n"});
	char *s = only_edge_label(f);
	assert_string_equal(s, "40 meetings, 2013\xE2\x80\x93"
			       "2023");
	free(s);
}

static void test_edge_label_phone_counted_apart(void **state)
{
	fixture *f = *state;
	BUILD(f, {"meetings.csv", "leader_a,leader_b,date,count,format\n"
				  "Xi,Putin,2013,39,in-person\n"
				  "Xi,Putin,2023,,\n"
				  "Xi,Putin,2020,,phone\n"});
	char *s = only_edge_label(f);
	assert_string_equal(s, "40 meetings, 2013\xE2\x80\x93"
			       "2023\n+ 1 phone");
	free(s);
}

static void test_edge_label_single_meeting_has_date(void **state)
{
	fixture *f = *state;
	BUILD(f, {"meetings.csv", "leader_a,leader_b,date\nXi,Putin,2019-06-05\n"});
	char *s = only_edge_label(f);
	assert_non_null(strstr(s, "2019-06-05"));
	free(s);
}

static void test_edge_label_relation_label_and_date(void **state)
{
	fixture *f = *state;
	BUILD(f, {"edges.csv", "source,target,label,date\nA,B,advises,2019-05\n"});
	char *s = only_edge_label(f);
	assert_string_equal(s, "advises, 2019-05");
	free(s);
}

static void test_edge_label_other_kind_counts_times(void **state)
{
	fixture *f = *state;
	BUILD(f, {"edges.csv", "source,target,kind\nA,B,ally\nA,B,ally\n"});
	char *s = only_edge_label(f);
	assert_string_equal(s, "ally \xC3\x97"
			       "2");
	free(s);
}

/* ---- graph attributes, legend, settings ---- */

static void test_graph_name_from_options(void **state)
{
	fixture *f = *state;
	f->o.name = "xi-putin";
	BUILD(f, leaders);
	assert_string_equal(agnameof(f->g), "xi-putin");
}

static void test_title_sets_graph_label(void **state)
{
	fixture *f = *state;
	f->o.title = "Xi and Putin \\ 2013";
	BUILD(f, leaders);
	assert_string_equal(get(f->g, "label"), "Xi and Putin \\\\ 2013");
	assert_string_equal(get(f->g, "labelloc"), "t");
}

static void test_no_title_no_graph_label(void **state)
{
	fixture *f = *state;
	BUILD(f, leaders);
	assert_string_equal(get(f->g, "label"), "");
}

/* The legend's table (one node, an HTML label), or NULL. */
static const char *legend_table(fixture *f)
{
	Agnode_t *n = agnode(f->g, C(RG_LEGEND_TABLE), 0);
	return n ? agget(n, C("label")) : NULL;
}

static void test_legend_has_only_kinds_present(void **state)
{
	fixture *f = *state;
	BUILD(f, leaders, countries, meetings);
	const char *t = legend_table(f);
	assert_non_null(t);
	assert_non_null(strstr(t, ">Legend<"));
	/* leader, country; leads.  Every met edge carries its label ("2
	 * meetings ..."), which names it: not listed */
	assert_non_null(strstr(t, ">leader<"));
	assert_non_null(strstr(t, ">country<"));
	assert_null(strstr(t, ">agreement<"));
	assert_null(strstr(t, ">person<"));
	assert_null(strstr(t, ">met<"));
	assert_non_null(strstr(t, ">leads<"));
	assert_null(strstr(t, ">signed<"));
	/* the one legend node, in no cluster */
	assert_int_equal(count_class(f, "legend"), 1);
	assert_null(agsubg(f->g, C("cluster_legend"), 0));
}

static void test_legend_sample_takes_kind_style(void **state)
{
	fixture *f = *state;
	BUILD(f, countries);
	const char *t = legend_table(f);
	assert_non_null(t);
	char swatch[64];
	snprintf(swatch, sizeof swatch, "BGCOLOR=\"%s\"", get(node(f, "CN"), "fillcolor"));
	assert_non_null(strstr(t, swatch));
	assert_non_null(strstr(t, ">country<"));
	/* kinds by name, never by Graphviz's shape */
	assert_null(strstr(t, get(node(f, "CN"), "shape")));
}

static void test_no_legend_when_off(void **state)
{
	fixture *f = *state;
	f->o.legend = 0;
	BUILD(f, leaders, countries, meetings);
	assert_null(agsubg(f->g, C("cluster_legend"), 0));
	assert_int_equal(count_class(f, "legend"), 0);
	assert_int_equal(agnnodes(f->g), 4);
}

static void test_legend_node_names_never_take_a_data_node(void **state)
{
	fixture *f = *state;
	BUILD(f, {"leaders.csv", "id\nlegend: node leader\n"});
	Agnode_t *data = node(f, "legend: node leader");
	assert_string_equal(get(data, "class"), "leader");
	assert_string_equal(get(data, "label"), "legend: node leader");
	assert_int_equal(count_class(f, "legend"), 1);
}

static void test_settings_override_theme(void **state)
{
	fixture *f = *state;
	const rg_setting gs[] = {{"fontsize", "20"}, {"bgcolor", "black"}};
	const rg_setting ns[] = {{"shape", "box"}};
	const rg_setting es[] = {{"color", "red"}};
	f->o.gset = gs;
	f->o.ngset = 2;
	f->o.nset = ns;
	f->o.nnset = 1;
	f->o.eset = es;
	f->o.neset = 1;
	BUILD(f, leaders, countries, meetings);
	assert_string_equal(get(f->g, "fontsize"), "20");
	assert_string_equal(get(f->g, "bgcolor"), "black");
	assert_string_equal(get(node(f, "xi"), "shape"), "box");
	assert_string_equal(get(node(f, "CN"), "shape"), "box");
	assert_string_equal(get(edge(f, "xi", "CN"), "color"), "red");
}

static void test_settings_override_title_size(void **state)
{
	fixture *f = *state;
	const rg_setting gs[] = {{"fontsize", "30"}};
	f->o.title = "T";
	f->o.gset = gs;
	f->o.ngset = 1;
	BUILD(f, leaders);
	assert_string_equal(get(f->g, "fontsize"), "30");
}

static void test_other_engine_legend_is_one_table_node(void **state)
{
	fixture *f = *state;
	f->o.engine = "neato";
	BUILD(f, leaders, countries, meetings);
	assert_null(agsubg(f->g, C("cluster_legend"), 0));
	assert_int_equal(count_class(f, "legend"), 1);
	for (Agnode_t *n = agfstnode(f->g); n; n = agnxtnode(f->g, n))
		if (strcmp(get(n, "class"), "legend") == 0)
			assert_true(aghtmlstr(agget(n, C("label"))));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty_graph_builds),
		T(test_percent_names_kept),
		T(test_node_class_is_kind),
		T(test_node_class_of_kind_with_spaces_is_one_word),
		T(test_node_label_is_name_else_id),
		T(test_node_ids_are_slugs),
		T(test_node_ids_unique_when_slugs_collide),
		T(test_all_element_ids_unique),
		T(test_backslash_in_name_escaped_in_label),
		T(test_html_like_name_is_plain_label),
		T(test_html_like_name_survives_dot_round_trip),
		T(test_edge_class_id_and_direction),
		T(test_merged_edge_in_graph_has_count_label),
		T(test_edge_label_merged_meetings),
		T(test_edge_label_phone_counted_apart),
		T(test_edge_label_single_meeting_has_date),
		T(test_edge_label_relation_label_and_date),
		T(test_edge_label_other_kind_counts_times),
		T(test_graph_name_from_options),
		T(test_title_sets_graph_label),
		T(test_no_title_no_graph_label),
		T(test_legend_has_only_kinds_present),
		T(test_legend_sample_takes_kind_style),
		T(test_no_legend_when_off),
		T(test_legend_node_names_never_take_a_data_node),
		T(test_settings_override_theme),
		T(test_settings_override_title_size),
		T(test_other_engine_legend_is_one_table_node),
	};
	return cmocka_run_group_tests(tests, unit_gv_setup, unit_gv_teardown);
}
