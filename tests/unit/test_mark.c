/* test_mark.c: a model rolled back to a mark and finished again (what
 * watch does between saves) says and draws what a model loaded from
 * nothing does, whether finishing reused what it kept of the relations
 * before the mark or had to do it all again. */
#include "unit.h"

#include <stdio.h>

#include "util.h"

/* A meetings table over RG_DIAGS_MAX names no node table declares, one a
 * slip of a declared name (a near name), one meeting dated before a
 * declared leader's time (a date warning), and Xi Jinping's meetings. */
static char *big_table(void)
{
	rg_buf b = {0};
	rg_buf_printf(&b, "date,participants,occasion\n");
	rg_buf_printf(&b, "2013-03-22,Xi Jinping;Vladimir Putin,state visit\n");
	rg_buf_printf(&b, "1990-01-01,Xi Jinping;Person 3,too early\n");
	rg_buf_printf(&b, "2014-01-01,Xi Jinpin;Person 4,a slip\n");
	for (int i = 0; i < 400; i++)
		rg_buf_printf(&b, "2015-01-%02d,Person %d;Person %d,meeting\n", i % 28 + 1, i,
			      (i * 7 + 3) % 320);
	return b.s;
}

static const char *leaders = "name,country,role,start,end\n"
			     "Xi Jinping,China,President,2013,\n"
			     "Vladimir Putin,Russia,President,2000,\n";

/* Everything a finished model holds that finishing makes, and what it
 * said, as text. */
static char *dump(const rg_model *m, const rg_diags *d)
{
	rg_buf b = {0};
	for (size_t i = 0; i < rg_model_nentities(m); i++) {
		const rg_entity *e = rg_model_entity(m, i);
		rg_buf_printf(&b, "E %s %s %u %u:%u:%u\n", rg_model_str(m, e->id),
			      rg_model_str(m, e->kind), e->declared, e->where.file, e->where.line,
			      e->where.col);
	}
	for (size_t i = 0; i < rg_model_nrelations(m); i++) {
		const rg_relation *r = rg_model_relation(m, i);
		rg_buf_printf(&b, "R %u %u %s\n", r->a, r->b, rg_model_str(m, r->kind));
	}
	char *text = unit_diags_text(d);
	rg_buf_printf(&b, "%s %zu %zu\n", text, rg_diags_count(d, RG_WARNING),
		      rg_diags_count(d, RG_ERROR));
	free(text);
	return b.s;
}

/* A view, as text. */
static void dump_view(rg_buf *b, const rg_view *v)
{
	for (size_t i = 0; i < v->nnodes; i++)
		rg_buf_printf(b, "N %u\n", v->nodes[i]);
	for (size_t i = 0; i < v->nedges; i++) {
		const rg_edge *e = &v->edges[i];
		rg_buf_printf(b, "E %u %u %u %u %llu %u %g %d %d %u:", e->a, e->b, e->kind,
			      e->directed, (unsigned long long)e->count, e->rows, e->weight,
			      e->first.year, e->last.year, e->rel0);
		for (uint32_t k = 0; k < e->rows; k++)
			rg_buf_printf(b, " %u", v->rels[e->rel0 + k]);
		rg_buf_printf(b, "\n");
	}
	rg_buf_printf(b, "%g %llu %d\n", v->max_weight, (unsigned long long)v->max_count,
		      v->weighted);
}

/* The focus views the tests draw: the neighbourhood of Xi Jinping at
 * depths 0 to 2, with a kind left out, without merging, keeping
 * isolated nodes. */
static char *views(const rg_model *m)
{
	rg_buf b = {0};
	uint32_t focus[2] = {rg_model_find(m, "Xi Jinping"), rg_model_find(m, "Person 7")};
	const char *hide[] = {"country"}, *only[] = {"met"};
	for (int v = 0; v < 6; v++) {
		rg_transform_opts o = {.merge = v != 3,
				       .focus = focus,
				       .nfocus = 1 + (v == 4),
				       .depth = v < 3 ? v : 1,
				       .keep_isolated = v == 5};
		if (v == 4) {
			o.hide = hide;
			o.nhide = 1;
			o.relations = only;
			o.nrelations = 1;
		}
		rg_view *view = rg_transform(m, &o);
		rg_buf_printf(&b, "view %d\n", v);
		dump_view(&b, view);
		rg_view_free(view);
	}
	return b.s;
}

/* Loads the files of the part after the mark. */
static void load_rest(rg_model *m, const unit_csv *rest, size_t n, rg_diags *d)
{
	for (size_t i = 0; i < n; i++)
		rg_model_load_mem(m, rest[i].name, rest[i].text, strlen(rest[i].text), d);
}

/* Finishes m (rolled back to k, then given rest) and checks it against a
 * model loaded from nothing, and whether finishing reused k. */
static void check(rg_model *m, rg_model_mark *k, const char *big, const unit_csv *rest, size_t n,
		  int reused)
{
	rg_diags *d = rg_diags_new(), *cd = rg_diags_new();
	rg_model_rollback(m, k);
	load_rest(m, rest, n, d);
	rg_model_finish_kept(m, k, d);
	assert_int_equal(rg_model_mark_reused(k), reused);
	rg_model *cold = rg_model_new();
	rg_model_load_mem(cold, "big.csv", big, strlen(big), cd);
	load_rest(cold, rest, n, cd);
	rg_model_finish(cold, cd);
	char *warm_text = dump(m, d), *cold_text = dump(cold, cd);
	assert_string_equal(warm_text, cold_text);
	char *warm_views = views(m), *cold_views = views(cold);
	assert_string_equal(warm_views, cold_views);
	rg_rel_run run[2];
	/* reused: the list kept in k drew the focus views */
	assert_int_equal(rg_model_incident(m, 0, run) || !reused, 1);
	assert_int_equal(rg_model_incident(cold, 0, run), 0);
	free(warm_text);
	free(cold_text);
	free(warm_views);
	free(cold_views);
	rg_model_free(cold);
	rg_diags_free(d);
	rg_diags_free(cd);
}

#define CHECK(reused, ...)                                                                         \
	check(m, k, big, (const unit_csv[]){__VA_ARGS__},                                          \
	      sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv), reused)

static void test_finish_again_after_mark(void **state)
{
	(void)state;
	char *big = big_table();
	rg_diags *d = rg_diags_new();
	rg_model *m = rg_model_new();
	rg_model_load_mem(m, "big.csv", big, strlen(big), d);
	rg_model_mark *k = rg_model_mark_new(m);
	assert_non_null(k);
	/* the first finish after the mark makes what the next reuse */
	CHECK(0, {"leaders.csv", leaders},
	      {"meetings.csv", "date,participants\n2020,Xi Jinping;Vladimir Putin\n"});
	const char *more = "date,participants\n2020,Xi Jinping;Vladimir Putin\n"
			   "2021,Xi Jinping;Person 7\n2021,Person 7;New Person\n";
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more});
	/* a name of the big table given another kind after it: done again */
	const char *edges = "source,target,source_type\nZed,Zod,country\n";
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more}, {"edges.csv", edges});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more},
	      {"edges.csv", "source,target,source_type\nZed,Zid,country\n"});
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more},
	      {"edges.csv", "source,target,source_type\nPerson 5,Person 6,country\n"});
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more},
	      {"edges.csv", "source,target,target_type\nPerson 5,Person 6,leader\n"});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more},
	      {"edges.csv", "source,target,target_type\nPerson 5,Person 6,leader\n"});
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more},
	      {"treaties.csv", "name,date,parties\nPact,2020,Person 5;Person 6\n"});
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more});
	/* a name of the big table declared after it, or a declaration moved:
	 * done again, then reused */
	const char *more_leaders = "name,country,role,start,end\n"
				   "Xi Jinping,China,President,2013,\n"
				   "Person 9,Atlantis,King,,\n"
				   "Vladimir Putin,Russia,President,2000,\n";
	CHECK(0, {"leaders.csv", more_leaders}, {"meetings.csv", more});
	CHECK(1, {"leaders.csv", more_leaders}, {"meetings.csv", more});
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more});
	/* a file renamed: the places in the warnings name it */
	CHECK(0, {"leader.csv", leaders}, {"meetings.csv", more});
	/* so many new names after the mark that the strings' table grows:
	 * rolled back all the same, then again without growing */
	rg_buf many = {0};
	rg_buf_printf(&many, "date,participants\n");
	for (int i = 0; i < 300; i++)
		rg_buf_printf(&many, "2021,Xi Jinping;Newcomer %d\n", i);
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", many.s});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", many.s});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more});
	free(many.s);
	/* a relation of Xi Jinping to himself, and a directed one, in the
	 * focus views */
	const char *self = "source,target,kind,directed\nXi Jinping,Xi Jinping,talked,no\n"
			   "Person 7,Xi Jinping,wrote to,yes\nXi Jinping,Person 7,wrote to,yes\n";
	CHECK(0, {"leaders.csv", leaders}, {"meetings.csv", more}, {"self.csv", self});
	CHECK(1, {"leaders.csv", leaders}, {"meetings.csv", more}, {"self.csv", self});
	/* no node table at all */
	CHECK(0, {"meetings.csv", more});
	CHECK(1, {"meetings.csv", more});
	/* the same strings numbered otherwise before the declarations */
	CHECK(0, {"a_meetings.csv", "date,participants\n2021,Zed One;Zed Two\n"},
	      {"leaders.csv", leaders});
	CHECK(1, {"a_meetings.csv", "date,participants\n2021,Zed Three;Zed Four;Zed Five\n"},
	      {"leaders.csv", leaders});
	rg_model_mark_free(k);
	rg_model_free(m);
	rg_diags_free(d);
	free(big);
}

/* Marks one after another: rolling back to the first voids the second,
 * and a model given away keeps drawing without its list of relations. */
static void test_nested_marks(void **state)
{
	(void)state;
	char *big = big_table();
	rg_diags *d = rg_diags_new();
	rg_model *m = rg_model_new();
	rg_model_load_mem(m, "big.csv", big, strlen(big), d);
	rg_model_mark *k = rg_model_mark_new(m);
	rg_model_load_mem(m, "leaders.csv", leaders, strlen(leaders), d);
	rg_model_mark *k2 = rg_model_mark_new(m);
	rg_model_finish_kept(m, k2, d);
	rg_rel_run run[2];
	assert_int_equal(rg_model_incident(m, 0, run), 1);
	rg_model_mark_free(k2);
	assert_int_equal(rg_model_incident(m, 0, run), 0);
	CHECK(0, {"leaders.csv", leaders});
	CHECK(1, {"leaders.csv", leaders});
	rg_model_mark_free(k);
	rg_model_free(m);
	rg_diags_free(d);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finish_again_after_mark),
		cmocka_unit_test(test_nested_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
