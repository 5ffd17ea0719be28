/* test_model.c: stage 2, rows to entities and relations. */
#include "unit.h"

#include <stdio.h>

typedef unit_fixture fixture;

#define LOAD(f, ...) ((f)->m = UNIT_MODEL((f)->d, &(f)->st, __VA_ARGS__))

static const char *S(const fixture *f, rg_str s)
{
	return rg_model_str(f->m, s);
}

/* The entity with this id; fails the test if there is none. */
static const rg_entity *ent(const fixture *f, const char *id)
{
	uint32_t i = rg_model_find(f->m, id);
	assert_int_not_equal(i, RG_NONE);
	return rg_model_entity(f->m, i);
}

static const char *id_of(const fixture *f, uint32_t i)
{
	assert_int_not_equal(i, RG_NONE);
	return S(f, rg_model_entity(f->m, i)->id);
}

/* The first relation from entity a to entity b (ids) of this kind, or NULL. */
static const rg_relation *rel(const fixture *f, const char *a, const char *b, const char *kind)
{
	for (size_t i = 0; i < rg_model_nrelations(f->m); i++) {
		const rg_relation *r = rg_model_relation(f->m, i);
		if (strcmp(id_of(f, r->a), a) == 0 && strcmp(id_of(f, r->b), b) == 0 &&
		    strcmp(S(f, r->kind), kind) == 0)
			return r;
	}
	return NULL;
}

static void assert_date(rg_date d, int y, int mo, int day)
{
	assert_int_equal(d.year, y);
	assert_int_equal(d.month, mo);
	assert_int_equal(d.day, day);
}

static void assert_clean(const fixture *f)
{
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_diags_len(f->d), 0);
}

/* ---- dates ---- */

static void test_date_year(void **state)
{
	(void)state;
	rg_date d;
	assert_int_equal(rg_date_parse("2013", &d), 0);
	assert_date(d, 2013, 0, 0);
}

static void test_date_year_month(void **state)
{
	(void)state;
	rg_date d;
	assert_int_equal(rg_date_parse("2013-03", &d), 0);
	assert_date(d, 2013, 3, 0);
}

static void test_date_full(void **state)
{
	(void)state;
	rg_date d;
	assert_int_equal(rg_date_parse("2013-03-22", &d), 0);
	assert_date(d, 2013, 3, 22);
}

static void test_date_time_part_ignored(void **state)
{
	(void)state;
	rg_date d;
	assert_int_equal(rg_date_parse("2013-03-22T10:30:00Z", &d), 0);
	assert_date(d, 2013, 3, 22);
}

static void test_date_leap_days(void **state)
{
	(void)state;
	rg_date d;
	assert_int_equal(rg_date_parse("2024-02-29", &d), 0);
	assert_date(d, 2024, 2, 29);
	assert_int_equal(rg_date_parse("2000-02-29", &d), 0);
	assert_int_equal(rg_date_parse("2023-02-29", &d), -1);
	assert_int_equal(rg_date_parse("1900-02-29", &d), -1);
}

static void test_date_impossible_or_malformed_rejected(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2023-02-30", "2013-13",    "13",	   "2013-1", "2013-00",	  "2013-04-31",
		"2013-03-32", "2013-03-00", "0000",	   "",	     "abcd",	  "2013/03",
		"2013-3-22",  "20130322",   "2013-03-22x", " 2013",  "2013-03-2",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		rg_date d = {0, 0, 0};
		if (rg_date_parse(bad[i], &d) != -1)
			fail_msg("'%s' was accepted as a date", bad[i]);
	}
}

static rg_date D(const char *s)
{
	rg_date d;
	if (rg_date_parse(s, &d) != 0)
		fail_msg("'%s' is not a date", s);
	return d;
}

static void test_date_cmp_lo_uses_first_day(void **state)
{
	(void)state;
	assert_int_equal(rg_date_cmp_lo(D("2013"), D("2013-01-01")), 0);
	assert_int_equal(rg_date_cmp_lo(D("2013-03"), D("2013-03-01")), 0);
	assert_true(rg_date_cmp_lo(D("2013"), D("2013-03")) < 0);
	assert_true(rg_date_cmp_lo(D("2013-03"), D("2013-02-28")) > 0);
	assert_true(rg_date_cmp_lo(D("2012-12-31"), D("2013")) < 0);
}

static void test_date_cmp_hi_uses_last_day(void **state)
{
	(void)state;
	assert_int_equal(rg_date_cmp_hi(D("2013"), D("2013-12-31")), 0);
	assert_int_equal(rg_date_cmp_hi(D("2013-02"), D("2013-02-28")), 0);
	assert_int_equal(rg_date_cmp_hi(D("2024-02"), D("2024-02-29")), 0);
	assert_int_equal(rg_date_cmp_hi(D("2013-04"), D("2013-04-30")), 0);
	assert_true(rg_date_cmp_hi(D("2013"), D("2013-06")) > 0);
	assert_true(rg_date_cmp_hi(D("2013-03"), D("2013-04-01")) < 0);
}

static void test_date_format_keeps_precision(void **state)
{
	(void)state;
	char buf[11];
	rg_date_format(D("2013"), buf);
	assert_string_equal(buf, "2013");
	rg_date_format(D("2013-03"), buf);
	assert_string_equal(buf, "2013-03");
	rg_date_format(D("2013-03-22"), buf);
	assert_string_equal(buf, "2013-03-22");
	rg_date_format(D("0800-01"), buf);
	assert_string_equal(buf, "0800-01");
	rg_date_format((rg_date){0, 0, 0}, buf);
	assert_string_equal(buf, "");
}

/* ---- interning ---- */

static void test_intern_same_string_same_id(void **state)
{
	fixture *f = *state;
	f->m = rg_model_new();
	rg_str a = rg_model_intern_z(f->m, "Xi Jinping");
	rg_str b = rg_model_intern(f->m, "Xi Jinping and more", 10);
	rg_str c = rg_model_intern_z(f->m, "Xi");
	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_int_not_equal(a, c);
	assert_string_equal(rg_model_str(f->m, a), "Xi Jinping");
	assert_string_equal(rg_model_str(f->m, c), "Xi");
	assert_int_equal(rg_model_lookup(f->m, "Xi Jinping"), a);
	assert_int_equal(rg_model_lookup(f->m, "Putin"), 0);
}

static void test_intern_empty_is_zero(void **state)
{
	fixture *f = *state;
	f->m = rg_model_new();
	assert_int_equal(rg_model_intern_z(f->m, ""), 0);
	assert_int_equal(rg_model_intern(f->m, "abc", 0), 0);
	assert_string_equal(rg_model_str(f->m, 0), "");
	assert_int_equal(rg_model_lookup(f->m, ""), 0);
}

static void test_intern_many_and_long_strings_stay_valid(void **state)
{
	fixture *f = *state;
	f->m = rg_model_new();
	enum { N = 20000, BIG = 70000 };
	rg_str first = rg_model_intern_z(f->m, "first");
	const char *p = rg_model_str(f->m, first);
	char *big = malloc(BIG + 1);
	memset(big, 'x', BIG);
	big[BIG] = '\0';
	rg_str bigid = rg_model_intern_z(f->m, big);
	char buf[32];
	rg_str ids[N];
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof buf, "name %d", i);
		ids[i] = rg_model_intern_z(f->m, buf);
	}
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof buf, "name %d", i);
		assert_int_equal(rg_model_intern_z(f->m, buf), ids[i]);
		assert_string_equal(rg_model_str(f->m, ids[i]), buf);
	}
	assert_ptr_equal(rg_model_str(f->m, first), p);
	assert_string_equal(p, "first");
	assert_string_equal(rg_model_str(f->m, bigid), big);
	assert_int_equal(rg_model_intern_z(f->m, big), bigid);
	free(big);
}

/* ---- node tables ---- */

static void test_leaders_file_gives_leader_kind(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name\nxi,Xi Jinping\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nentities(f->m), 1);
	const rg_entity *e = ent(f, "xi");
	assert_string_equal(S(f, e->kind), "leader");
	assert_string_equal(S(f, e->label), "Xi Jinping");
	assert_true(e->declared);
	assert_string_equal(rg_model_file(f->m, e->where.file), "leaders.csv");
	assert_int_equal(e->where.line, 2);
	assert_int_equal(e->where.col, 1);
}

static void test_countries_file_gives_country_kind(void **state)
{
	fixture *f = *state;
	LOAD(f, {"countries.csv", "id,name\nCN,China\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "CN")->kind), "country");
	assert_string_equal(S(f, ent(f, "CN")->label), "China");
}

static void test_unknown_file_name_gives_other_kind(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "Id,Label\n1,Ann\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "1")->kind), "other");
}

static void test_kind_column_wins_and_is_lower_cased(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "id,kind\nx,Organization\ny,\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "x")->kind), "organization");
	assert_string_equal(S(f, ent(f, "y")->kind), "person");
}

static void test_name_column_is_trimmed_id_when_no_id_column(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,party\n  Xi Jinping  ,CPC\n"});
	assert_clean(f);
	const rg_entity *e = ent(f, "Xi Jinping");
	assert_int_equal(e->label, 0);
	assert_string_equal(S(f, rg_model_attr(f->m, e->attr0, e->nattr, "party")), "CPC");
}

static void test_other_columns_are_attributes(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,Source,party\nxi, https://example.org/xi ,\n"});
	assert_clean(f);
	const rg_entity *e = ent(f, "xi");
	assert_int_equal(e->nattr, 1);
	assert_string_equal(S(f, rg_model_attr(f->m, e->attr0, e->nattr, "source")),
			    "https://example.org/xi");
	assert_int_equal(rg_model_attr(f->m, e->attr0, e->nattr, "party"), 0);
}

static void test_node_span_from_start_end(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,start,end\nxi,2013-03-14,\nputin,2000,2008-05\n"});
	assert_clean(f);
	assert_date(ent(f, "xi")->when.start, 2013, 3, 14);
	assert_int_equal(ent(f, "xi")->when.end.year, 0);
	assert_date(ent(f, "putin")->when.start, 2000, 0, 0);
	assert_date(ent(f, "putin")->when.end, 2008, 5, 0);
}

static void test_from_to_are_dates_in_a_node_file(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,from,to\nxi,2013,2023\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nrelations(f->m), 0);
	assert_date(ent(f, "xi")->when.start, 2013, 0, 0);
	assert_date(ent(f, "xi")->when.end, 2023, 0, 0);
}

static void test_same_id_same_kind_is_one_entity_filled_in(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name\nxi,\n"}, {"leaders2.csv", "id,name\nxi,Xi Jinping\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nentities(f->m), 1);
	assert_string_equal(S(f, ent(f, "xi")->label), "Xi Jinping");
}

static void test_url_kept(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,url\nxi,https://example.org/xi\nli,people/li.html\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "xi")->url), "https://example.org/xi");
	assert_string_equal(S(f, ent(f, "li")->url), "people/li.html");
}

static void test_unsafe_url_left_out_with_warning(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,url\nxi,javascript:alert(1)\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(ent(f, "xi")->url, 0);
	assert_int_equal(rg_diags_len(f->d), 1);
	const rg_diag *x = rg_diags_at(f->d, 0);
	assert_diag_at(x, RG_WARNING, "leaders.csv", 2, 4);
	assert_false(x->flags & RG_DIAG_LINT);
	assert_string_equal(x->msg, "link 'javascript:alert(1)' left out: only http, https, "
				    "mailto and relative links are kept");
}

/* ---- edge tables ---- */

static void test_gephi_edges(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "Id,Label\n1,Ann\n2,Bob\n"},
	     {"edges.csv", "Source,Target,Type,Id,Label,Weight\n"
			   "1,2,Undirected,e0,knows,3\n"
			   "2,1,Directed,e1,,1.5\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nentities(f->m), 2);
	assert_int_equal(rg_model_nrelations(f->m), 2);
	const rg_relation *r = rel(f, "1", "2", "related");
	assert_non_null(r);
	assert_false(r->directed);
	assert_true(r->weight == 3.0);
	assert_string_equal(S(f, r->label), "knows");
	r = rel(f, "2", "1", "related");
	assert_non_null(r);
	assert_true(r->directed);
	assert_true(r->weight == 1.5);
	assert_string_equal(rg_model_file(f->m, r->where.file), "edges.csv");
	assert_int_equal(r->where.line, 3);
}

static void test_kumu_several_targets(void **state)
{
	fixture *f = *state;
	LOAD(f, {"elements.csv", "Label,Type\nAnn,Person\nBob,Person\nCy,Person\n"},
	     {"connections.csv", "From,To,Type,direction,Strength\n"
				 "Ann,Bob|Cy,Friend,undirected,2\n"
				 "Cy,Ann,Boss,directed,\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "Ann")->kind), "person");
	assert_int_equal(rg_model_nrelations(f->m), 3);
	const rg_relation *ab = rel(f, "Ann", "Bob", "friend");
	const rg_relation *ac = rel(f, "Ann", "Cy", "friend");
	assert_non_null(ab);
	assert_non_null(ac);
	assert_false(ab->directed);
	assert_false(ac->directed);
	assert_true(ab->weight == 2.0);
	assert_true(ac->weight == 2.0);
	const rg_relation *ca = rel(f, "Cy", "Ann", "boss");
	assert_non_null(ca);
	assert_true(ca->directed);
	assert_true(ca->weight == 1.0);
}

static void test_onodo_edges(void **state)
{
	fixture *f = *state;
	LOAD(f,
	     {"nodes.csv",
	      "Name,Type,Description,Visible\nAnn,Person,a spy,true\nBob,Person,,true\n"},
	     {"relations.csv", "Source,Target,Type,Directed,Date,From,To\n"
			       "Ann,Bob,Ally,true,2019-05,,\n"
			       "Bob,Ann,Rival,false,,2010,2012\n"});
	assert_clean(f);
	const rg_entity *ann = ent(f, "Ann");
	assert_string_equal(S(f, ann->kind), "person");
	assert_string_equal(S(f, ann->description), "a spy");
	assert_string_equal(S(f, rg_model_attr(f->m, ann->attr0, ann->nattr, "visible")), "true");
	const rg_relation *r = rel(f, "Ann", "Bob", "ally");
	assert_non_null(r);
	assert_true(r->directed);
	assert_date(r->when.start, 2019, 5, 0);
	assert_date(r->when.end, 2019, 5, 0);
	r = rel(f, "Bob", "Ann", "rival");
	assert_non_null(r);
	assert_false(r->directed);
	assert_date(r->when.start, 2010, 0, 0);
	assert_date(r->when.end, 2012, 0, 0);
}

static void test_flourish_links(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "id,group\nA,g1\nB,g2\n"},
	     {"links.csv", "source,target,value\nA,B,5\n"});
	assert_clean(f);
	assert_string_equal(S(f, ent(f, "A")->group), "g1");
	const rg_relation *r = rel(f, "A", "B", "related");
	assert_non_null(r);
	assert_true(r->weight == 5.0);
	assert_true(r->directed);
	assert_int_equal(r->count, 1);
}

static void test_trumpworld_edges_give_endpoint_kinds(void **state)
{
	fixture *f = *state;
	LOAD(f, {"trumpworld.csv",
		 "Entity A Type,Entity A,Entity B Type,Entity B,Connection,Source(s)\n"
		 "Organization,ACME LLC,Person,DONALD J. TRUMP,Ownership,http://x\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nentities(f->m), 2);
	assert_string_equal(S(f, ent(f, "ACME LLC")->kind), "organization");
	assert_string_equal(S(f, ent(f, "DONALD J. TRUMP")->kind), "person");
	assert_false(ent(f, "ACME LLC")->declared);
	const rg_relation *r = rel(f, "ACME LLC", "DONALD J. TRUMP", "ownership");
	assert_non_null(r);
	assert_true(r->directed);
	assert_string_equal(S(f, rg_model_attr(f->m, r->attr0, r->nattr, "source(s)")), "http://x");
	/* an edge list alone is normal: one lint warning says so, no errors */
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	assert_int_equal(unit_ndiags_flagged(f->d, RG_DIAG_LINT), 1);
	assert_non_null(unit_diag(f->d, "no node table: all 2 nodes come from the edges"));
}

static void test_littlesis_edges(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "id,name\n1,Ann\n2,Bob\n"},
	     {"relationships.csv", "entity1_id,entity2_id,description1,start_date,end_date\n"
				   "1,2,Board member,2010-01,\n"});
	assert_clean(f);
	const rg_relation *r = rel(f, "1", "2", "related");
	assert_non_null(r);
	assert_date(r->when.start, 2010, 1, 0);
	assert_string_equal(S(f, rg_model_attr(f->m, r->attr0, r->nattr, "description1")),
			    "Board member");
}

static void test_edge_label_column_without_id_column(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "id\nA\nB\n"}, {"edges.csv", "source,target,label\nA,B,advises\n"});
	assert_clean(f);
	const rg_relation *r = rel(f, "A", "B", "related");
	assert_non_null(r);
	assert_string_equal(S(f, r->label), "advises");
}

/* ---- meetings and agreements ---- */

static void test_meeting_participants_give_pairwise_met(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants,place\n2019-06-05,Xi; Putin ;Modi,Bishkek\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	assert_int_equal(rg_model_nrelations(f->m), 3);
	const rg_relation *r[3] = {rel(f, "Xi", "Putin", "met"), rel(f, "Xi", "Modi", "met"),
				   rel(f, "Putin", "Modi", "met")};
	for (int i = 0; i < 3; i++) {
		assert_non_null(r[i]);
		assert_false(r[i]->directed);
		assert_int_equal(r[i]->count, 1);
		assert_date(r[i]->when.start, 2019, 6, 5);
		assert_string_equal(S(f, rg_model_attr(f->m, r[i]->attr0, r[i]->nattr, "place")),
				    "Bishkek");
	}
	/* participants no table declares are drawn as leaders */
	assert_string_equal(S(f, ent(f, "Modi")->kind), "leader");
	assert_false(ent(f, "Modi")->declared);
}

static void test_meeting_count_column(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants,count\n2013,Xi|Putin,39\n2023,Xi|Putin,\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nrelations(f->m), 2);
	assert_int_equal(rg_model_relation(f->m, 0)->count, 39);
	assert_int_equal(rg_model_relation(f->m, 1)->count, 1);
}

static void test_meeting_bad_count_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants,count\n2013,Xi;Putin,0\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "count '0' is not a whole number from 1 up");
	assert_diag_at(x, RG_ERROR, "meetings.csv", 2, 15);
	assert_int_equal(rg_model_nrelations(f->m), 0);
}

static void test_meeting_pair_columns(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "leader_a,leader_b,date\nXi,Putin,2019\n"});
	assert_int_equal(f->st, RG_OK);
	const rg_relation *r = rel(f, "Xi", "Putin", "met");
	assert_non_null(r);
	assert_false(r->directed);
	assert_string_equal(S(f, ent(f, "Putin")->kind), "leader");
}

static void test_meeting_with_one_participant_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants\n2019,Xi\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "a meeting needs at least two participants");
	assert_diag_at(x, RG_ERROR, "meetings.csv", 2, 6);
}

static void test_agreements_give_entity_and_signed(void **state)
{
	fixture *f = *state;
	LOAD(f, {"agreements.csv", "name,date,parties,type\n"
				   "Paris Agreement,2016-04-22,China;USA,Treaty\n"});
	assert_int_equal(f->st, RG_OK);
	const rg_entity *a = ent(f, "Paris Agreement");
	assert_string_equal(S(f, a->kind), "agreement");
	assert_true(a->declared);
	assert_date(a->when.start, 2016, 4, 22);
	assert_string_equal(S(f, rg_model_attr(f->m, a->attr0, a->nattr, "type")), "treaty");
	assert_int_equal(rg_model_nrelations(f->m), 2);
	const rg_relation *r = rel(f, "China", "Paris Agreement", "signed");
	assert_non_null(r);
	assert_non_null(rel(f, "USA", "Paris Agreement", "signed"));
	assert_date(r->when.start, 2016, 4, 22);
	/* parties no table declares are drawn as countries */
	assert_string_equal(S(f, ent(f, "USA")->kind), "country");
}

/* The Paris Agreement has 195 parties: a long list loses none of them. */
static void test_agreement_with_many_parties_keeps_them_all(void **state)
{
	fixture *f = *state;
	char *csv = malloc(4096);
	strcpy(csv, "name,parties\nParis Agreement,");
	for (int i = 1; i <= 100; i++)
		sprintf(csv + strlen(csv), "%sc%d", i > 1 ? ";" : "", i);
	strcat(csv, "\n");
	LOAD(f, {"agreements.csv", csv});
	free(csv);
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nrelations(f->m), 100);
	assert_non_null(rel(f, "c100", "Paris Agreement", "signed"));
}

/* A summit of 70 keeps every participant, joined to a node of the
 * meeting rather than to each other (2415 pairs would be unreadable). */
static void test_meeting_with_many_participants_keeps_them_all(void **state)
{
	fixture *f = *state;
	char *csv = malloc(4096);
	strcpy(csv, "date,participants,occasion\n2023,");
	for (int i = 1; i <= 70; i++)
		sprintf(csv + strlen(csv), "%sp%d", i > 1 ? ";" : "", i);
	strcat(csv, ",G70 summit\n");
	LOAD(f, {"meetings.csv", csv});
	free(csv);
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nrelations(f->m), 70);
	assert_non_null(rel(f, "p1", "G70 summit, 2023", "attended"));
	assert_non_null(rel(f, "p70", "G70 summit, 2023", "attended"));
	uint32_t hub = rg_model_find(f->m, "G70 summit, 2023");
	assert_int_not_equal(hub, RG_NONE);
	assert_string_equal(rg_model_str(f->m, rg_model_entity(f->m, hub)->kind), "meeting");
}

/* Up to six participants, every pair met. */
static void test_meeting_of_six_is_pairs(void **state)
{
	fixture *f = *state;
	LOAD(f, {"meetings.csv", "date,participants\n2023,a;b;c;d;e;f\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nrelations(f->m), 15);
	assert_non_null(rel(f, "a", "f", "met"));
}

/* ---- rg_model_finish ---- */

static void test_leader_country_gives_leads(void **state)
{
	fixture *f = *state;
	LOAD(f, {"countries.csv", "id,name\nCN,China\n"},
	     {"leaders.csv", "id,name,country,start\nxi,Xi Jinping,China,2013\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nrelations(f->m), 1);
	const rg_relation *r = rel(f, "xi", "CN", "leads");
	assert_non_null(r);
	assert_true(r->directed);
	assert_date(r->when.start, 2013, 0, 0);
}

static void test_leads_to_undeclared_country_creates_it(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,country\nxi,China\n"});
	assert_int_equal(f->st, RG_OK);
	assert_string_equal(S(f, ent(f, "China")->kind), "country");
	assert_non_null(rel(f, "xi", "China", "leads"));
	assert_int_equal(unit_ndiags_flagged(f->d, RG_DIAG_LINT), 1);
}

static void test_endpoint_matches_label(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name\nputin,Vladimir Putin\nxi,Xi Jinping\n"},
	     {"meetings.csv", "date,participants\n2019,Vladimir Putin;Xi Jinping\n"});
	assert_clean(f);
	assert_int_equal(rg_model_nentities(f->m), 2);
	assert_non_null(rel(f, "putin", "xi", "met"));
}

static void test_id_wins_over_label(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "id,label\na,b\nb,B\n"}, {"edges.csv", "source,target\na,b\n"});
	assert_clean(f);
	assert_non_null(rel(f, "a", "b", "related"));
}

static void test_shared_label_does_not_resolve(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name\nkim1,Kim\nkim2,Kim\nmoon,Moon\n"},
	     {"meetings.csv", "date,participants\n2018,Kim;Moon\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nentities(f->m), 4);
	assert_non_null(rel(f, "Kim", "moon", "met"));
	/* one warning, in every drawing: which of the two Kims it could be */
	assert_int_equal(unit_ndiags_flagged(f->d, RG_DIAG_LINT), 0);
	assert_int_equal(rg_diags_count(f->d, RG_WARNING), 1);
}

static void test_undeclared_endpoint_is_created_with_lint(void **state)
{
	fixture *f = *state;
	LOAD(f, {"nodes.csv", "id\nA\n"}, {"edges.csv", "source,target\nA,Zed\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nentities(f->m), 2);
	const rg_entity *z = ent(f, "Zed");
	assert_false(z->declared);
	assert_string_equal(S(f, z->kind), "other");
	assert_non_null(rel(f, "A", "Zed", "related"));
	assert_int_equal(rg_diags_len(f->d), 1);
	const rg_diag *x = rg_diags_at(f->d, 0);
	assert_int_equal(x->severity, RG_WARNING);
	assert_true(x->flags & RG_DIAG_LINT);
	assert_string_equal(x->file, "edges.csv");
	assert_int_equal(x->line, 2);
	assert_string_equal(x->msg,
			    "'Zed' is used here but declared in no node table (drawn as other)");
}

/* ---- errors ---- */

static void test_same_id_two_kinds_names_both_places(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id\nputin\nx\n"}, {"countries.csv", "id,name\nx,Ex\n"});
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 1);
	const rg_diag *x = unit_diag(f->d, "declared as");
	assert_diag_at(x, RG_ERROR, "countries.csv", 2, 1);
	assert_string_equal(x->msg,
			    "'x' is declared as country here but as leader at leaders.csv:3");
	assert_string_equal(S(f, ent(f, "x")->kind), "leader");
}

static void test_empty_id_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,country\nXi,China\n  ,Russia\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "empty id: every node needs a name");
	assert_diag_at(x, RG_ERROR, "leaders.csv", 3, 1);
	assert_int_equal(rg_model_find(f->m, ""), RG_NONE);
}

static void test_bad_date_is_error_at_its_column(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name,start\nxi,Xi,2013-13\n"});
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 1);
	const rg_diag *x = rg_diags_at(f->d, 0);
	assert_diag_at(x, RG_ERROR, "leaders.csv", 2, 7);
	assert_string_equal(x->msg, "'2013-13' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)");
	/* the row still declares its name, without the bad date: its uses
	 * are not "declared in no node table" */
	assert_int_equal(rg_model_nentities(f->m), 1);
	assert_true(ent(f, "xi")->declared);
	assert_int_equal(ent(f, "xi")->when.start.year, 0);
}

static void test_bad_agreement_row_still_declares_its_name(void **state)
{
	fixture *f = *state;
	LOAD(f, {"agreements.csv", "name,date,parties\nPact,2015-13,A;B\n"},
	     {"edges.csv", "from,to\nC,Pact\n"}, {"nodes.csv", "id\nC\n"});
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 1);
	assert_null(unit_diag(f->d, "'Pact' is used here"));
	assert_true(ent(f, "Pact")->declared);
}

/* ---- kinds from the columns that name an undeclared name ---- */

static void test_undeclared_kind_from_its_column_whatever_the_order(void **state)
{
	fixture *f = *state;
	/* the edge table, read first, says nothing; the leader's country does */
	LOAD(f, {"a.csv", "source,target\nAtlantis,League\n"},
	     {"leaders.csv", "name,country\nZed,Atlantis\n"});
	assert_int_equal(f->st, RG_OK);
	assert_string_equal(S(f, ent(f, "Atlantis")->kind), "country");
	assert_string_equal(S(f, ent(f, "League")->kind), "other");
	const rg_diag *x = unit_diag(f->d, "'Atlantis' is used here");
	assert_non_null(x);
	assert_string_equal(x->msg,
			    "'Atlantis' is used here but declared in no node table (drawn as "
			    "country)");
}

static void test_undeclared_kind_most_uses_win_and_both_places_reported(void **state)
{
	fixture *f = *state;
	LOAD(f, {"agreements.csv", "name,parties\nPact,Ana;Bo\n"},
	     {"meetings.csv", "participants\nAna;Cy\nAna;Cy\n"}, {"nodes.csv", "id\nCy\n"});
	assert_int_equal(f->st, RG_OK);
	assert_string_equal(S(f, ent(f, "Ana")->kind), "leader");
	assert_string_equal(S(f, ent(f, "Bo")->kind), "country");
	const rg_diag *x = unit_diag(f->d, "is named as");
	assert_non_null(x);
	assert_diag_at(x, RG_WARNING, "agreements.csv", 2, 6);
	assert_string_equal(x->msg, "'Ana' is named as a country here but as a leader at "
				    "meetings.csv:2:1 (drawn as leader)");
}

/* ---- a leader's rows: one `leads` each, the office as its label ---- */

static void test_leader_with_two_offices_leads_twice(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "name,country,position,start,end\n"
				"Vlad,Russia,President,2000,2008\n"
				"Vlad,Russia,Prime Minister,2008,2012\n"
				"Vlad,Russia,President,2012,\n"
				"Vlad,Russia,President,2012,\n"});
	assert_int_equal(f->st, RG_OK);
	size_t n = 0;
	for (size_t i = 0; i < rg_model_nrelations(f->m); i++)
		n += strcmp(S(f, rg_model_relation(f->m, i)->kind), "leads") == 0;
	assert_int_equal(n, 3); /* the repeated row adds nothing */
	const rg_relation *r = rel(f, "Vlad", "Russia", "leads");
	assert_string_equal(S(f, r->label), "President");
	/* the leader's own time holds every term; the last is open */
	const rg_entity *v = ent(f, "Vlad");
	assert_date(v->when.start, 2000, 0, 0);
	assert_int_equal(v->when.end.year, 0);
	/* the office is still shown in the tooltip */
	assert_int_not_equal(rg_model_attr(f->m, v->attr0, v->nattr, "position"), 0);
}

/* ---- dates split over columns ---- */

static void test_day_month_year_columns_make_dates(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target,st_day,st_month,st_year,end_day,end_month,end_year\n"
			      "A,B,9,5,1386,,,\n"
			      "A,C,,3,1900,15,2,1911\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	const rg_relation *r = rel(f, "A", "B", "related");
	assert_date(r->when.start, 1386, 5, 9);
	assert_int_equal(r->when.end.year, 0);
	r = rel(f, "A", "C", "related");
	assert_date(r->when.start, 1900, 3, 0);
	assert_date(r->when.end, 1911, 2, 15);
}

static void test_day_month_year_columns_must_make_a_date(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target,start_year,start_month,start_day\nA,B,1900,2,30\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "are not a date");
	assert_non_null(x);
	assert_diag_at(x, RG_ERROR, "edges.csv", 2, 5);
}

static void test_year_columns_alone_wikidata(void **state)
{
	fixture *f = *state;
	LOAD(f, {"wikidata.csv", "countryid,country,position,positionLabel,officeholder,"
				 "officeholderLabel,start_year,end_year\n"
				 "Q222,Albania,Q1,President of Albania,Q7,Ilir Meta,2017,2022\n"});
	assert_int_equal(f->st, RG_OK);
	const rg_entity *e = ent(f, "Q7");
	assert_string_equal(S(f, e->label), "Ilir Meta");
	assert_string_equal(S(f, e->kind), "leader");
	assert_date(e->when.start, 2017, 0, 0);
	assert_date(e->when.end, 2022, 0, 0);
	const rg_relation *r = rel(f, "Q7", "Albania", "leads");
	assert_non_null(r);
	assert_string_equal(S(f, r->label), "President of Albania");
	assert_string_equal(S(f, ent(f, "Albania")->kind), "country");
}

/* ---- membership tables: rows grouped into one alliance ---- */

static void test_group_members_related_while_both_in(void **state)
{
	fixture *f = *state;
	LOAD(f, {"alliance_by_member.csv",
		 "version4id,ccode,state_name,ss_type,mem_st_year,mem_end_year\n"
		 "1,200,Albion,Type I: Defense Pact,1900,1950\n"
		 "2,200,Albion,Entente,1920,1930\n"
		 "1,235,Lusia,Type I: Defense Pact,1910,\n"
		 "1,300,Nordia,Type I: Defense Pact,1960,\n"});
	assert_int_equal(f->st, RG_OK);
	const rg_relation *r = rel(f, "Albion", "Lusia", "alliance");
	assert_non_null(r);
	assert_false(r->directed);
	assert_string_equal(S(f, r->label), "Type I: Defense Pact");
	assert_date(r->when.start, 1910, 0, 0);
	assert_date(r->when.end, 1950, 0, 0);
	assert_non_null(rel(f, "Lusia", "Nordia", "alliance"));
	/* Albion left before Nordia joined: never allied */
	assert_null(rel(f, "Albion", "Nordia", "alliance"));
	assert_string_equal(S(f, ent(f, "Albion")->kind), "country");
	assert_int_equal(rg_model_nrelations(f->m), 2);
}

/* A node table with a group column stays a node table. */
static void test_group_id_column_in_node_table(void **state)
{
	fixture *f = *state;
	LOAD(f, {"people.csv", "name,group_id\nAnn,1\nBo,1\n"},
	     {"data.csv", "id,name,group_id\nCy,Cyril,2\n"});
	assert_int_equal(f->st, RG_OK);
	assert_int_equal(rg_model_nentities(f->m), 3);
	assert_int_equal(rg_model_nrelations(f->m), 0);
}

static void test_big_group_is_a_node(void **state)
{
	fixture *f = *state;
	char csv[512];
	int len = snprintf(csv, sizeof csv, "alliance_id,member,start,end\n");
	for (int i = 0; i < 7; i++)
		len += snprintf(csv + len, sizeof csv - (size_t)len, "NATO,M%d,%d,\n", i,
				1940 + 10 * i);
	LOAD(f, {"groups.csv", csv});
	assert_int_equal(f->st, RG_OK);
	const rg_entity *g = ent(f, "alliance NATO");
	assert_string_equal(S(f, g->kind), "agreement");
	assert_date(g->when.start, 1940, 0, 0);
	const rg_relation *r = rel(f, "M3", "alliance NATO", "member of");
	assert_non_null(r);
	assert_date(r->when.start, 1970, 0, 0);
	assert_int_equal(rg_model_nrelations(f->m), 7);
}

/* ---- a lasting tie given a date alone ---- */

static void test_lasting_kind_with_date_alone_is_hinted(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "from,to,relation,date,start\n"
			      "US,NATO,member of,1949,\n"
			      "UK,NATO,member of,1949,\n"
			      "DE,NATO,member of,,1955\n"
			      "US,UK,met,1949,\n"});
	assert_int_equal(f->st, RG_OK);
	const rg_diag *x = unit_diag(f->d, "lasting tie");
	assert_non_null(x);
	assert_true(x->flags & RG_DIAG_LINT);
	assert_diag_at(x, RG_WARNING, "edges.csv", 2, 19);
	assert_string_equal(
		x->msg, "'member of' is a lasting tie, but 2 rows give it only a date, so it is "
			"drawn as an event on that day; write when it began and ended with start "
			"and end columns");
}

static void test_end_before_start_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,start,end\nok,2013-05,2013\nbad,2015,2013\n"});
	assert_int_equal(f->st, RG_EDATA);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 1);
	const rg_diag *x = unit_diag(f->d, "end date is before start date");
	assert_diag_at(x, RG_ERROR, "leaders.csv", 3, 10);
}

static void test_unknown_table_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"stuff.csv", "x,y\n1,2\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "cannot tell what this table holds");
	assert_diag_at(x, RG_ERROR, "stuff.csv", 1, 1);
}

static void test_duplicate_column_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name,Name\nxi,Xi,X\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "duplicate column");
	assert_diag_at(x, RG_ERROR, "leaders.csv", 1, 9);
	assert_string_equal(x->msg, "duplicate column 'Name' (also column 2)");
}

static void test_negative_weight_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target,weight\nA,B,-1\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "weight '-1' is not a number of 0 or more");
	assert_diag_at(x, RG_ERROR, "edges.csv", 2, 5);
}

static void test_empty_target_is_error(void **state)
{
	fixture *f = *state;
	LOAD(f, {"edges.csv", "source,target\nA,\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "empty 'target': every edge needs two ends");
	assert_diag_at(x, RG_ERROR, "edges.csv", 2, 3);
	assert_int_equal(rg_model_nrelations(f->m), 0);
}

static void test_read_error_in_a_table_is_reported(void **state)
{
	fixture *f = *state;
	LOAD(f, {"leaders.csv", "id,name\nxi\n"});
	assert_int_equal(f->st, RG_EDATA);
	const rg_diag *x = unit_diag(f->d, "row has 1 field but the header has 2");
	assert_diag_at(x, RG_ERROR, "leaders.csv", 2, 1);
}

#define T(name) cmocka_unit_test_setup_teardown(name, unit_setup, unit_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_date_year),
		T(test_date_year_month),
		T(test_date_full),
		T(test_date_time_part_ignored),
		T(test_date_leap_days),
		T(test_date_impossible_or_malformed_rejected),
		T(test_date_cmp_lo_uses_first_day),
		T(test_date_cmp_hi_uses_last_day),
		T(test_date_format_keeps_precision),
		T(test_intern_same_string_same_id),
		T(test_intern_empty_is_zero),
		T(test_intern_many_and_long_strings_stay_valid),
		T(test_leaders_file_gives_leader_kind),
		T(test_countries_file_gives_country_kind),
		T(test_unknown_file_name_gives_other_kind),
		T(test_kind_column_wins_and_is_lower_cased),
		T(test_name_column_is_trimmed_id_when_no_id_column),
		T(test_other_columns_are_attributes),
		T(test_node_span_from_start_end),
		T(test_from_to_are_dates_in_a_node_file),
		T(test_same_id_same_kind_is_one_entity_filled_in),
		T(test_url_kept),
		T(test_unsafe_url_left_out_with_warning),
		T(test_gephi_edges),
		T(test_kumu_several_targets),
		T(test_onodo_edges),
		T(test_flourish_links),
		T(test_trumpworld_edges_give_endpoint_kinds),
		T(test_littlesis_edges),
		T(test_edge_label_column_without_id_column),
		T(test_meeting_participants_give_pairwise_met),
		T(test_meeting_count_column),
		T(test_meeting_bad_count_is_error),
		T(test_meeting_pair_columns),
		T(test_meeting_with_one_participant_is_error),
		T(test_agreements_give_entity_and_signed),
		T(test_agreement_with_many_parties_keeps_them_all),
		T(test_meeting_with_many_participants_keeps_them_all),
		T(test_meeting_of_six_is_pairs),
		T(test_leader_country_gives_leads),
		T(test_leads_to_undeclared_country_creates_it),
		T(test_endpoint_matches_label),
		T(test_id_wins_over_label),
		T(test_shared_label_does_not_resolve),
		T(test_undeclared_endpoint_is_created_with_lint),
		T(test_bad_agreement_row_still_declares_its_name),
		T(test_undeclared_kind_from_its_column_whatever_the_order),
		T(test_undeclared_kind_most_uses_win_and_both_places_reported),
		T(test_leader_with_two_offices_leads_twice),
		T(test_day_month_year_columns_make_dates),
		T(test_day_month_year_columns_must_make_a_date),
		T(test_year_columns_alone_wikidata),
		T(test_group_members_related_while_both_in),
		T(test_big_group_is_a_node),
		T(test_group_id_column_in_node_table),
		T(test_lasting_kind_with_date_alone_is_hinted),
		T(test_same_id_two_kinds_names_both_places),
		T(test_empty_id_is_error),
		T(test_bad_date_is_error_at_its_column),
		T(test_end_before_start_is_error),
		T(test_unknown_table_is_error),
		T(test_duplicate_column_is_error),
		T(test_negative_weight_is_error),
		T(test_empty_target_is_error),
		T(test_read_error_in_a_table_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
