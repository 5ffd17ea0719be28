/* model.c: interned strings, entities, relations, dates, and the step that
 * ties relations to entities once every table is loaded (see model.h). */
#include "relgraph/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_impl.h"
#include "util.h"

#define BLOCK (1u << 16)

struct rg_model {
	/* Interned strings live in blocks that never move. */
	char **blocks;
	size_t nblocks, used;
	const char **str;
	size_t nstr, capstr;
	/* open addressing; id 0 is empty, else a string index, with (part
	 * of) its hash so that a probe rarely reads the string, and the
	 * string itself, so that a hit reads no other array (with names by
	 * the hundred thousand, each array read is a cache miss) */
	struct slot {
		const char *s;
		uint32_t id, hash;
	} * htab;
	rg_progress_fn progress;
	void *progress_ctx;
	uint64_t rows;
	size_t hcap;

	rg_entity *ent;
	size_t nent, capent;
	uint32_t *by_id; /* rg_str -> entity index + 1, grown with the strings */
	size_t capby;

	rg_relation *rel;
	size_t nrel, caprel;
	rg_attr *attr;
	size_t nattr, capattr;
	char **files;
	size_t nfiles;
	size_t node_tables;
};

static char *store(rg_model *m, const char *s, size_t len)
{
	if (len + 1 > BLOCK) {
		/* a big string gets a block of its own, kept before the current one */
		char *p = rg_xstrndup(s, len);
		m->blocks = rg_xrealloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
		if (m->nblocks) {
			m->blocks[m->nblocks] = m->blocks[m->nblocks - 1];
			m->blocks[m->nblocks - 1] = p;
		} else {
			m->blocks[0] = p;
			m->used = BLOCK; /* full: the next small string opens a block */
		}
		m->nblocks++;
		return p;
	}
	if (!m->nblocks || m->used + len + 1 > BLOCK) {
		m->blocks = rg_xrealloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
		m->blocks[m->nblocks++] = rg_xmalloc(BLOCK);
		m->used = 0;
	}
	char *p = m->blocks[m->nblocks - 1] + m->used;
	memcpy(p, s, len);
	p[len] = '\0';
	m->used += len + 1;
	return p;
}

static void rehash(rg_model *m)
{
	size_t cap = m->hcap ? 2 * m->hcap : 1024;
	struct slot *t = rg_xcalloc(cap, sizeof *t);
	for (size_t i = 0; i < m->hcap; i++) {
		if (!m->htab[i].id)
			continue;
		/* the index comes from the whole hash, which the slot keeps
		 * 32 bits of: recompute it */
		const char *str = m->htab[i].s;
		size_t h = rg_hash(str, strlen(str)) & (cap - 1);
		while (t[h].id)
			h = (h + 1) & (cap - 1);
		t[h] = m->htab[i];
	}
	free(m->htab);
	m->htab = t;
	m->hcap = cap;
}

rg_model *rg_model_new(void)
{
	rg_model *m = rg_xcalloc(1, sizeof *m);
	m->capstr = 1024;
	m->str = rg_xmalloc(m->capstr * sizeof *m->str);
	m->str[0] = "";
	m->nstr = 1;
	rehash(m);
	return m;
}

void rg_model_free(rg_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i]);
	free(m->blocks);
	free(m->str);
	free(m->htab);
	free(m->ent);
	free(m->by_id);
	free(m->rel);
	free(m->attr);
	free(m->files);
	free(m);
}

rg_str rg_model_intern(rg_model *m, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	uint64_t full = rg_hash(s, len);
	uint32_t h32 = (uint32_t)(full >> 32);
	size_t h = full & (m->hcap - 1);
	for (uint32_t i; (i = m->htab[h].id); h = (h + 1) & (m->hcap - 1)) {
		const char *t = m->htab[h].s;
		if (m->htab[h].hash == h32 && strncmp(t, s, len) == 0 && t[len] == '\0')
			return i;
	}
	if (m->nstr == m->capstr) {
		m->capstr *= 2;
		m->str = rg_xrealloc(m->str, m->capstr * sizeof *m->str);
	}
	rg_str id = (rg_str)m->nstr;
	const char *kept = store(m, s, len);
	m->str[m->nstr++] = kept;
	m->htab[h] = (struct slot){kept, id, h32};
	if (2 * m->nstr > m->hcap)
		rehash(m);
	return id;
}

void rg_model_prefetch(const rg_model *m, const char *s, size_t len, int stage)
{
	if (len == 0)
		return;
	const struct slot *t = &m->htab[rg_hash(s, len) & (m->hcap - 1)];
	if (stage == 0)
		__builtin_prefetch(t);
	else if (t->id)
		__builtin_prefetch(t->s);
}

rg_str rg_model_intern_z(rg_model *m, const char *s)
{
	return rg_model_intern(m, s, strlen(s));
}

const char *rg_model_str(const rg_model *m, rg_str s)
{
	return s < m->nstr ? m->str[s] : "";
}

rg_str rg_model_lookup(const rg_model *m, const char *s)
{
	size_t len = strlen(s);
	if (!len)
		return 0;
	uint64_t full = rg_hash(s, len);
	size_t h = full & (m->hcap - 1);
	for (uint32_t i; (i = m->htab[h].id); h = (h + 1) & (m->hcap - 1))
		if (m->htab[h].hash == (uint32_t)(full >> 32) && strcmp(m->htab[h].s, s) == 0)
			return i;
	return 0;
}

uint32_t rg_model_add_file(rg_model *m, const char *name)
{
	m->files = rg_xrealloc(m->files, (m->nfiles + 1) * sizeof *m->files);
	m->files[m->nfiles] = rg_xstrdup(name);
	return (uint32_t)m->nfiles++;
}

size_t rg_model_nfiles(const rg_model *m)
{
	return m->nfiles;
}

const char *rg_model_file(const rg_model *m, uint32_t i)
{
	return i < m->nfiles ? m->files[i] : "";
}

static uint32_t entity_of(const rg_model *m, rg_str id)
{
	return id < m->capby && m->by_id[id] ? m->by_id[id] - 1 : RG_NONE;
}

uint32_t rg_model_find(const rg_model *m, const char *id)
{
	rg_str s = rg_model_lookup(m, id);
	return s ? entity_of(m, s) : RG_NONE;
}

static uint32_t new_entity(rg_model *m, rg_str id, rg_str kind, rg_loc where)
{
	if (m->nent == m->capent) {
		m->capent = m->capent ? 2 * m->capent : 64;
		m->ent = rg_xrealloc(m->ent, m->capent * sizeof *m->ent);
	}
	if (id >= m->capby) {
		size_t cap = m->capby ? m->capby : 1024;
		while (cap <= id)
			cap *= 2;
		m->by_id = rg_xrealloc(m->by_id, cap * sizeof *m->by_id);
		memset(m->by_id + m->capby, 0, (cap - m->capby) * sizeof *m->by_id);
		m->capby = cap;
	}
	uint32_t i = (uint32_t)m->nent++;
	rg_entity *e = &m->ent[i];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->kind = kind;
	e->where = where;
	m->by_id[id] = i + 1;
	return i;
}

uint32_t rg_model_declare(rg_model *m, rg_str id, rg_str kind, rg_loc where, rg_diags *d)
{
	uint32_t i = entity_of(m, id);
	if (i == RG_NONE) {
		i = new_entity(m, id, kind, where);
		m->ent[i].declared = 1;
		return i;
	}
	rg_entity *e = &m->ent[i];
	if (e->kind != kind) {
		rg_error(d, rg_model_file(m, where.file), where.line, where.col,
			 "'%s' is declared as %s here but as %s at %s:%u", rg_model_str(m, id),
			 rg_model_str(m, kind), rg_model_str(m, e->kind),
			 rg_model_file(m, e->where.file), e->where.line);
		return RG_NONE;
	}
	return i;
}

rg_entity *rg_model_entity_mut(rg_model *m, uint32_t i)
{
	return &m->ent[i];
}

void rg_model_on_progress(rg_model *m, rg_progress_fn fn, void *ctx)
{
	m->progress = fn;
	m->progress_ctx = ctx;
}

void rg_model_row_read(rg_model *m, const char *file)
{
	if (++m->rows % RG_PROGRESS_ROWS == 0 && m->progress)
		m->progress(m->progress_ctx, file, m->rows);
}

rg_relation *rg_model_add_relation(rg_model *m)
{
	if (m->nrel == m->caprel) {
		m->caprel = m->caprel ? 2 * m->caprel : 256;
		m->rel = rg_xrealloc(m->rel, m->caprel * sizeof *m->rel);
	}
	rg_relation *r = &m->rel[m->nrel++];
	memset(r, 0, sizeof *r);
	r->a = r->b = RG_NONE;
	r->weight = 1;
	r->count = 1;
	return r;
}

uint32_t rg_model_add_attr(rg_model *m, rg_str key, rg_str value)
{
	if (m->nattr == m->capattr) {
		m->capattr = m->capattr ? 2 * m->capattr : 256;
		m->attr = rg_xrealloc(m->attr, m->capattr * sizeof *m->attr);
	}
	m->attr[m->nattr] = (rg_attr){key, value};
	return (uint32_t)m->nattr++;
}

void rg_model_saw_node_table(rg_model *m)
{
	m->node_tables++;
}

size_t rg_model_nattrs(const rg_model *m)
{
	return m->nattr;
}

size_t rg_model_nentities(const rg_model *m)
{
	return m->nent;
}

size_t rg_model_nrelations(const rg_model *m)
{
	return m->nrel;
}

const rg_entity *rg_model_entity(const rg_model *m, size_t i)
{
	return i < m->nent ? &m->ent[i] : NULL;
}

const rg_relation *rg_model_relation(const rg_model *m, size_t i)
{
	return i < m->nrel ? &m->rel[i] : NULL;
}

const rg_attr *rg_model_attrs(const rg_model *m)
{
	return m->attr;
}

rg_str rg_model_attr(const rg_model *m, uint32_t attr0, uint32_t nattr, const char *key)
{
	for (uint32_t i = attr0; i < attr0 + nattr; i++)
		if (rg_strieq(rg_model_str(m, m->attr[i].key), key))
			return m->attr[i].value;
	return 0;
}

rg_str rg_model_field(const rg_model *m, const rg_entity *e, const char *name)
{
	if (rg_strieq(name, "kind"))
		return e->kind;
	if (rg_strieq(name, "country"))
		return e->country;
	if (rg_strieq(name, "group"))
		return e->group;
	return rg_model_attr(m, e->attr0, e->nattr, name);
}

/* Finds an entity by id, else by a label no other entity shares. */
static uint32_t resolve(const rg_model *m, const uint32_t *by_label, rg_str name)
{
	uint32_t i = entity_of(m, name);
	if (i != RG_NONE)
		return i;
	if (name < m->nstr && by_label[name] && by_label[name] != RG_NONE)
		return by_label[name] - 1;
	return RG_NONE;
}

static uint32_t resolve_or_create(rg_model *m, uint32_t *by_label, rg_str name, rg_str guess,
				  rg_loc where, rg_diags *d)
{
	uint32_t i = resolve(m, by_label, name);
	if (i != RG_NONE)
		return i;
	if (!guess)
		guess = rg_model_intern_z(m, "other");
	i = new_entity(m, name, guess, where);
	if (m->node_tables)
		rg_lint(d, rg_model_file(m, where.file), where.line, where.col,
			"'%s' is used here but declared in no node table (drawn as %s)",
			rg_model_str(m, name), rg_model_str(m, guess));
	return i;
}

static int overlaps(rg_span a, rg_span b)
{
	rg_date alo = a.start.year ? a.start : a.end, ahi = a.end.year ? a.end : a.start;
	rg_date blo = b.start.year ? b.start : b.end, bhi = b.end.year ? b.end : b.start;
	/* an open end runs on: a start alone is "since", an end alone "until" */
	long a0 = a.start.year ? rg_date_first_day(alo) : 0;
	long a1 = a.end.year ? rg_date_last_day(ahi) : 99999999;
	long b0 = b.start.year ? rg_date_first_day(blo) : 0;
	long b1 = b.end.year ? rg_date_last_day(bhi) : 99999999;
	return a0 <= b1 && b0 <= a1;
}

/* A relation dated outside the time one of its ends existed (a meeting
 * before a leader took office, after a state ceased) is likely a typo. */
static void check_dates(const rg_model *m, rg_diags *d)
{
	for (size_t i = 0; i < m->nrel; i++) {
		const rg_relation *r = &m->rel[i];
		if (!r->when.start.year && !r->when.end.year)
			continue;
		/* a single date is a point, not an open-ended span */
		rg_span w = r->when;
		if (!w.end.year)
			w.end = w.start;
		if (!w.start.year)
			w.start = w.end;
		uint32_t ends[2] = {r->a, r->b};
		for (int k = 0; k < 2; k++) {
			const rg_entity *e = &m->ent[ends[k]];
			if ((!e->when.start.year && !e->when.end.year) || overlaps(w, e->when))
				continue;
			char a[11], b[11], x[11];
			rg_date_format(e->when.start, a);
			rg_date_format(e->when.end, b);
			rg_date_format(w.start, x);
			rg_lint(d, rg_model_file(m, r->where.file), r->where.line, r->where.col,
				"dated %s, outside the time of '%s' (%s%s%s)", x,
				rg_model_str(m, e->id), *a ? a : "", "\xE2\x80\x93", *b ? b : "");
			if (k == 0 && ends[0] == ends[1])
				break;
		}
	}
}

rg_status rg_model_finish(rg_model *m, rg_diags *d)
{
	/* Labels index the entities declared so far; RG_NONE marks a label two
	 * entities share, which cannot name either. */
	uint32_t *by_label = rg_xcalloc(m->nstr, sizeof *by_label);
	for (size_t i = 0; i < m->nent; i++) {
		rg_str l = m->ent[i].label;
		if (l)
			by_label[l] = by_label[l] ? RG_NONE : (uint32_t)i + 1;
	}
	size_t nrel = m->nrel;
	for (size_t i = 0; i < nrel; i++) {
		rg_relation *r = &m->rel[i];
		r->a = resolve_or_create(m, by_label, r->aname, r->aguess, r->where, d);
		rg_loc bwhere = {r->where.file, r->where.line, r->bcol};
		r->b = resolve_or_create(m, by_label, r->bname, r->bguess, bwhere, d);
	}
	rg_str leader = rg_model_lookup(m, "leader");
	rg_str country = rg_model_intern_z(m, "country");
	rg_str leads = rg_model_intern_z(m, "leads");
	size_t nent = m->nent;
	for (size_t i = 0; leader && i < nent; i++) {
		if (m->ent[i].kind != leader || !m->ent[i].country)
			continue;
		rg_entity e = m->ent[i];
		uint32_t c = resolve_or_create(m, by_label, e.country, country, e.where, d);
		rg_relation *r = rg_model_add_relation(m);
		r->a = (uint32_t)i;
		r->b = c;
		r->aname = e.id;
		r->bname = m->ent[c].id;
		r->kind = leads;
		r->when = e.when;
		r->where = e.where;
		r->bcol = e.where.col;
		r->directed = 1;
	}
	free(by_label);
	check_dates(m, d);
	if (!m->node_tables && m->nent && m->nfiles)
		rg_lint(d, NULL, 0, 0,
			"no node table: all %zu nodes come from the edges, drawn with kinds "
			"guessed "
			"from the tables",
			m->nent);
	return rg_diags_count(d, RG_ERROR) ? RG_EDATA : RG_OK;
}

/* Dates */

static int days_in(int y, int mo)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[mo - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int rg_date_parse(const char *s, rg_date *out)
{
	rg_date d = {0, 0, 0};
	size_t n = strlen(s);
	const char *t = strchr(s, 'T');
	if (t)
		n = (size_t)(t - s);
	if (n != 4 && n != 7 && n != 10)
		return -1;
	int y = digits(s, 4);
	if (y < 1)
		return -1;
	d.year = (int16_t)y;
	if (n >= 7) {
		int mo = s[4] == '-' ? digits(s + 5, 2) : -1;
		if (mo < 1 || mo > 12)
			return -1;
		d.month = (uint8_t)mo;
	}
	if (n == 10) {
		int dd = s[7] == '-' ? digits(s + 8, 2) : -1;
		if (dd < 1 || dd > days_in(y, d.month))
			return -1;
		d.day = (uint8_t)dd;
	}
	*out = d;
	return 0;
}

void rg_date_format(rg_date d, char *buf)
{
	char tmp[32];
	if (!d.year)
		tmp[0] = '\0';
	else if (!d.month)
		snprintf(tmp, sizeof tmp, "%04d", d.year);
	else if (!d.day)
		snprintf(tmp, sizeof tmp, "%04d-%02d", d.year, d.month);
	else
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year, d.month, d.day);
	size_t n = strlen(tmp);
	if (n > 10)
		n = 10;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

static long lo(rg_date d)
{
	return d.year * 10000L + (d.month ? d.month : 1) * 100L + (d.day ? d.day : 1);
}

static long hi(rg_date d)
{
	int mo = d.month ? d.month : 12;
	return d.year * 10000L + mo * 100L + (d.day ? d.day : days_in(d.year, mo));
}

long rg_date_first_day(rg_date d)
{
	return lo(d);
}

long rg_date_last_day(rg_date d)
{
	return hi(d);
}

int rg_date_cmp_lo(rg_date a, rg_date b)
{
	long x = lo(a), y = lo(b);
	return (x > y) - (x < y);
}

int rg_date_cmp_hi(rg_date a, rg_date b)
{
	long x = hi(a), y = hi(b);
	return (x > y) - (x < y);
}
