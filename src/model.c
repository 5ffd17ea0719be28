/* model.c: interned strings, entities, relations, dates, and the step that
 * ties relations to entities once every table is loaded (see model.h). */
/* for MAP_ANONYMOUS, which POSIX 2008 lacks (every system has it) */
#define _DEFAULT_SOURCE

#include "relgraph/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mapping.h"
#include "model_impl.h"
#include "util.h"

#define BLOCK (1u << 16)
/* Relations a block holds (a power of two): 4096 of 80 bytes, 320 KB. */
#define RELBLK_SHIFT 12
#define RELBLK (1u << RELBLK_SHIFT)
#define REL(m, i) (&(m)->relblk[(i) >> RELBLK_SHIFT][(i) & (RELBLK - 1)])

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
	unsigned event_nodes;	    /* rg_model_set_event_nodes */
	struct rg_mapping *mapping; /* column mappings (mapping.h), or NULL */
	size_t hcap;

	rg_entity *ent;
	size_t nent, capent;
	uint32_t *by_id; /* rg_str -> entity index + 1, grown with the strings */
	size_t capby;

	/* relations in blocks of RELBLK that never move: a part read on
	 * another thread joins block by block (rg_model_take_part), and a
	 * million relations grow without a copy */
	rg_relation **relblk;
	size_t nrel, nrelblk, caprelblk;
	size_t nparts; /* tables read in two parts (rg_model_take_part) */
	rg_attr *attr;
	size_t nattr, capattr;
	char **files;
	size_t nfiles;
	size_t node_tables;
	/* rows naming a country (rg_model_add_country_row), in row order */
	struct country_row {
		uint32_t ent;
		rg_str country, office;
		rg_span when;
		rg_loc where;
	} * crow;
	size_t ncrow, capcrow;
	/* files that could not be read whole and may have declared names:
	 * how many, and the first (for the note) */
	size_t nlost, unlisted;
	uint32_t lost;
	/* periods of entities, one per dated node row; after finish, only
	 * those of entities with several, sorted by entity */
	struct period {
		uint32_t ent;
		rg_span when;
	} * period;
	size_t nperiod, capperiod;
	uint32_t *pent; /* after finish: the kept periods' entities and spans */
	rg_span *pspan;
	/* while finishing: which kinds some table declares (by string), and
	 * the undeclared names of the other kinds, counted by kind */
	unsigned char *kind_declared;
	size_t nkind_declared;
	struct unlisted_kind {
		rg_str kind, name;
		rg_loc where;
		size_t n;
	} * ukind;
	size_t nukind;
	/* while finishing: the undeclared names of declared kinds, warned
	 * about after the near names are known (one message a name) */
	uint32_t *undeclared;
	size_t nundeclared;
	/* relations by entity (rg_model_incident) when finished after a
	 * mark: the mark's part (its relations) and this model's own (the
	 * rest); see the block "Marks" */
	const struct rel_index *ix_kept;
	struct rel_index *ix_own;
};

/* A block of relations is mapped from the system, not taken from malloc:
 * freed, it goes back at once whichever thread made it (a part read on
 * another thread comes from another malloc arena, whose freed memory the
 * caller's thread could not use). */
static rg_relation *relblk_new(void)
{
	void *p = mmap(NULL, RELBLK * sizeof(rg_relation), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		rg_oom_raise();
	return p;
}

static void relblk_free(rg_relation *b)
{
	if (b)
		munmap(b, RELBLK * sizeof(rg_relation));
}
static rg_status finish(rg_model *m, rg_model_mark *k, rg_diags *d);
static void free_index(struct rel_index *x);

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
	m->event_nodes = RG_EVENT_NODES;
	rehash(m);
	return m;
}

void rg_model_free(rg_model *m)
{
	if (!m)
		return;
	rg_mapping_free(m->mapping);
	for (size_t i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i]);
	free(m->blocks);
	free(m->str);
	free(m->htab);
	free(m->ent);
	free(m->by_id);
	for (size_t i = 0; i < m->nrelblk; i++)
		relblk_free(m->relblk[i]);
	free(m->relblk);
	free(m->attr);
	free(m->files);
	free(m->crow);
	free(m->period);
	free(m->pent);
	free(m->pspan);
	free(m->undeclared);
	free_index(m->ix_own);
	free(m);
}

/* A copy of n elements of size bytes kept in an array of room cap (at
 * least n), so that appending to the copy grows it as the original; never
 * NULL (a is read only when n is not 0). */
static void *dup_array(const void *a, size_t n, size_t cap, size_t size)
{
	void *b = rg_xmalloc((cap ? cap : 1) * size);
	if (n)
		memcpy(b, a, n * size);
	return b;
}

rg_model *rg_model_copy(const rg_model *m)
{
	if (m->mapping && !rg_mapping_empty(m->mapping))
		return NULL; /* not copied: the caller reads from the start */
	rg_model *c = rg_xcalloc(1, sizeof *c);
	*c = *m;
	c->mapping = NULL; /* empty: made again when needed */
	c->blocks = NULL;
	c->nblocks = c->used = 0;
	/* the strings again, in id order: the same ids, other addresses */
	c->str = rg_xmalloc(m->capstr * sizeof *c->str);
	c->str[0] = "";
	for (size_t i = 1; i < m->nstr; i++)
		c->str[i] = store(c, m->str[i], strlen(m->str[i]));
	c->htab = rg_xmalloc(m->hcap * sizeof *c->htab);
	for (size_t i = 0; i < m->hcap; i++) {
		c->htab[i] = m->htab[i];
		if (m->htab[i].id)
			c->htab[i].s = c->str[m->htab[i].id];
	}
	c->ent = dup_array(m->ent, m->nent, m->capent, sizeof *m->ent);
	c->by_id = dup_array(m->by_id, m->capby, m->capby, sizeof *m->by_id);
	c->relblk = rg_xmalloc((m->caprelblk ? m->caprelblk : 1) * sizeof *c->relblk);
	for (size_t i = 0; i < m->nrelblk; i++) {
		c->relblk[i] = relblk_new();
		memcpy(c->relblk[i], m->relblk[i],
		       (i + 1 < m->nrelblk ? RELBLK : m->nrel - i * RELBLK) * sizeof(rg_relation));
	}
	c->attr = dup_array(m->attr, m->nattr, m->capattr, sizeof *m->attr);
	c->files = rg_xmalloc((m->nfiles ? m->nfiles : 1) * sizeof *c->files);
	for (size_t i = 0; i < m->nfiles; i++)
		c->files[i] = rg_xstrdup(m->files[i]);
	c->crow = dup_array(m->crow, m->ncrow, m->capcrow, sizeof *m->crow);
	c->period = dup_array(m->period, m->nperiod, m->capperiod, sizeof *m->period);
	c->pent = NULL;
	c->pspan = NULL;
	c->kind_declared = NULL;
	c->nkind_declared = 0;
	c->ukind = NULL;
	c->nukind = 0;
	c->undeclared = NULL;
	c->nundeclared = 0;
	return c;
}

/* rg_model_intern of s, whose rg_hash is full. */
static rg_str intern_hashed(rg_model *m, const char *s, size_t len, uint64_t full)
{
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

/* rg_model_prefetch of a string whose rg_hash is full. */
static void prefetch_hashed(const rg_model *m, uint64_t full, int stage)
{
	const struct slot *t = &m->htab[full & (m->hcap - 1)];
	if (stage == 0)
		__builtin_prefetch(t);
	else if (t->id)
		__builtin_prefetch(t->s);
}

void rg_model_prefetch(const rg_model *m, const char *s, size_t len, int stage)
{
	if (len)
		prefetch_hashed(m, rg_hash(s, len), stage);
}

rg_str rg_model_intern(rg_model *m, const char *s, size_t len)
{
	return len ? intern_hashed(m, s, len, rg_hash(s, len)) : 0;
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

void rg_model_set_event_nodes(rg_model *m, unsigned n)
{
	m->event_nodes = n ? n : 1;
}

unsigned rg_model_event_nodes(const rg_model *m)
{
	return m->event_nodes;
}

void rg_model_row_read(rg_model *m, const char *file)
{
	if (++m->rows % RG_PROGRESS_ROWS == 0 && m->progress)
		m->progress(m->progress_ctx, file, m->rows);
}

rg_relation *rg_model_add_relation(rg_model *m)
{
	if (m->nrel == m->nrelblk * RELBLK) {
		if (m->nrelblk == m->caprelblk) {
			m->caprelblk = m->caprelblk ? 2 * m->caprelblk : 16;
			m->relblk = rg_xrealloc(m->relblk, m->caprelblk * sizeof *m->relblk);
		}
		m->relblk[m->nrelblk++] = relblk_new();
	}
	rg_relation *r = REL(m, m->nrel);
	m->nrel++;
	memset(r, 0, sizeof *r);
	r->a = r->b = RG_NONE;
	r->weight = 1;
	r->count = 1;
	return r;
}

void rg_model_take_part(rg_model *m, rg_model *part)
{
	/* part's strings in the order part first used them: those m lacks
	 * get the ids one pass over both would have given them */
	size_t n = part->nstr;
	rg_str *map = rg_xmalloc(n * sizeof *map);
	uint64_t *hash = rg_xmalloc(n * sizeof *hash);
	uint32_t *len = rg_xmalloc(n * sizeof *len);
	for (size_t i = 1; i < n; i++) {
		len[i] = (uint32_t)strlen(part->str[i]);
		hash[i] = rg_hash(part->str[i], len[i]);
	}
	/* names by the hundred thousand: each look in m's table is a cache
	 * miss, so the slot of the string TAKE_AHEAD on is fetched, and the
	 * string in the slot of the one half as far */
	enum { TAKE_AHEAD = 16 };
	map[0] = 0;
	for (size_t i = 1; i < n; i++) {
		if (i + TAKE_AHEAD < n)
			prefetch_hashed(m, hash[i + TAKE_AHEAD], 0);
		if (i + TAKE_AHEAD / 2 < n)
			prefetch_hashed(m, hash[i + TAKE_AHEAD / 2], 1);
		map[i] = intern_hashed(m, part->str[i], len[i], hash[i]);
	}
	free(hash);
	free(len);
	uint32_t attr0 = (uint32_t)m->nattr;
	for (size_t i = 0; i < part->nattr; i++)
		rg_model_add_attr(m, map[part->attr[i].key], map[part->attr[i].value]);
	for (size_t i = 0; i < part->nrel; i++) {
		rg_relation *r = rg_model_add_relation(m);
		*r = *REL(part, i);
		r->aname = map[r->aname];
		r->bname = map[r->bname];
		r->kind = map[r->kind];
		r->label = map[r->label];
		r->aguess = map[r->aguess];
		r->bguess = map[r->bguess];
		r->attr0 += attr0;
		if ((i + 1) % RELBLK == 0 || i + 1 == part->nrel) {
			/* a block copied is a block freed: the two parts are
			 * never both in memory whole */
			relblk_free(part->relblk[i >> RELBLK_SHIFT]);
			part->relblk[i >> RELBLK_SHIFT] = NULL;
		}
	}
	m->rows += part->rows;
	m->nparts++;
	free(map);
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

void rg_model_add_country_row(rg_model *m, uint32_t ent, rg_str country, rg_str office,
			      rg_span when, rg_loc where)
{
	if (m->ncrow == m->capcrow) {
		m->capcrow = m->capcrow ? 2 * m->capcrow : 64;
		m->crow = rg_xrealloc(m->crow, m->capcrow * sizeof *m->crow);
	}
	m->crow[m->ncrow++] = (struct country_row){ent, country, office, when, where};
}

void rg_model_add_period(rg_model *m, uint32_t ent, rg_span when)
{
	if (m->nperiod == m->capperiod) {
		m->capperiod = m->capperiod ? 2 * m->capperiod : 64;
		m->period = rg_xrealloc(m->period, m->capperiod * sizeof *m->period);
	}
	m->period[m->nperiod++] = (struct period){ent, when};
}

static int by_period(const void *x, const void *y)
{
	const struct period *p = x, *q = y;
	if (p->ent != q->ent)
		return p->ent < q->ent ? -1 : 1;
	long a = p->when.start.year ? rg_date_first_day(p->when.start) : 0;
	long b = q->when.start.year ? rg_date_first_day(q->when.start) : 0;
	return (a > b) - (a < b);
}

/* Keeps the periods of entities given several distinct ones. */
static void sort_periods(rg_model *m)
{
	if (!m->nperiod)
		return;
	qsort(m->period, m->nperiod, sizeof *m->period, by_period);
	size_t n = 0;
	for (size_t i = 0, j; i < m->nperiod; i = j) {
		size_t distinct = 1;
		for (j = i + 1; j < m->nperiod && m->period[j].ent == m->period[i].ent; j++)
			distinct += memcmp(&m->period[j].when, &m->period[j - 1].when,
					   sizeof(rg_span)) != 0;
		if (distinct < 2)
			continue;
		for (size_t k = i; k < j; k++)
			m->period[n++] = m->period[k];
	}
	m->nperiod = n;
	free(m->pent);
	free(m->pspan);
	m->pent = rg_xmalloc((n ? n : 1) * sizeof *m->pent);
	m->pspan = rg_xmalloc((n ? n : 1) * sizeof *m->pspan);
	for (size_t k = 0; k < n; k++) {
		m->pent[k] = m->period[k].ent;
		m->pspan[k] = m->period[k].when;
	}
}

size_t rg_model_periods(const rg_model *m, size_t i, const rg_span **out)
{
	size_t lo = 0, hi = m->pent ? m->nperiod : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->pent[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (m->pent && lo + n < m->nperiod && m->pent[lo + n] == i)
		n++;
	*out = n ? &m->pspan[lo] : NULL;
	return n;
}

void rg_model_declarations_lost(rg_model *m, uint32_t file)
{
	if (!m->nlost++)
		m->lost = file;
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

size_t rg_model_split_tables(const rg_model *m)
{
	return m->nparts;
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
	return i < m->nrel ? REL(m, i) : NULL;
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

static uint32_t resolve_or_create(rg_model *m, uint32_t *by_label, rg_str name, rg_str kind,
				  rg_loc where)
{
	uint32_t i = resolve(m, by_label, name);
	if (i != RG_NONE)
		return i;
	i = new_entity(m, name, kind, where);
	if (m->nlost) {
		m->unlisted++;
	} else if (m->node_tables && kind < m->nkind_declared && m->kind_declared[kind]) {
		if (!(m->nundeclared & (m->nundeclared - 1))) /* room: doubled at powers of two */
			m->undeclared = rg_xrealloc(m->undeclared,
						    (m->nundeclared ? 2 * m->nundeclared : 1) *
							    sizeof *m->undeclared);
		m->undeclared[m->nundeclared++] = i;
	} else if (m->node_tables) {
		/* no table declares any of this kind (world leaders with their
		 * countries, no countries table): one line for them all */
		size_t k = 0;
		while (k < m->nukind && m->ukind[k].kind != kind)
			k++;
		if (k == m->nukind) {
			m->ukind = rg_xrealloc(m->ukind, (k + 1) * sizeof *m->ukind);
			m->ukind[m->nukind++] = (struct unlisted_kind){kind, name, where, 0};
		}
		m->ukind[k].n++;
	}
	return i;
}

/* The names used but declared in no node table, of kinds some table
 * declares: "did you mean" when one is near a declared name, else a lint
 * warning with its first use (see resolve_or_create). */
static void report_undeclared(rg_model *m, const unsigned char *near, size_t from, size_t to,
			      rg_diags *d)
{
	for (size_t k = from; k < to; k++) {
		const rg_entity *e = &m->ent[m->undeclared[k]];
		if (near[m->undeclared[k]])
			continue;
		rg_lint_about(d, "name declared in no node table|names declared in no node table",
			      rg_model_file(m, e->where.file), e->where.line, e->where.col,
			      "'%s' is used here but declared in no node table (drawn as %s)",
			      rg_model_str(m, e->id), rg_model_str(m, e->kind));
	}
}

/* The lines for the kinds no table declares (see resolve_or_create). */
static void report_unlisted_kinds(rg_model *m, rg_diags *d)
{
	for (size_t k = 0; k < m->nukind; k++) {
		const struct unlisted_kind *u = &m->ukind[k];
		const char *kind = rg_model_str(m, u->kind);
		if (u->n == 1)
			rg_lint(d, rg_model_file(m, u->where.file), u->where.line, u->where.col,
				"'%s' is used here but declared in no node table (drawn as %s)",
				rg_model_str(m, u->name), kind);
		else
			rg_lint(d, rg_model_file(m, u->where.file), u->where.line, u->where.col,
				"'%s' and %zu other names are used but declared in no node table, "
				"and no node table declares any %s (drawn as %s)",
				rg_model_str(m, u->name), u->n - 1, kind, kind);
	}
	free(m->ukind);
	m->ukind = NULL;
	m->nukind = 0;
}

/* Kinds from what the data says.  A name no node table declares takes
 * its kind from the columns that name it: a meeting's participants say
 * leader, an agreement's parties and a leader's country say country, an
 * edge table's NAME_type column says what it says.  Every use counts,
 * whatever the order of tables and rows: the kind most uses give wins, a
 * tie going to the kind given first.  A name given two kinds is reported
 * (check) at both places.  Owner: the semantics of tables. */
typedef struct {
	rg_str name, kind;
	rg_loc where;
	uint32_t seq;
} kind_vote;

static int by_name_kind(const void *x, const void *y)
{
	const kind_vote *p = x, *q = y;
	if (p->name != q->name)
		return p->name < q->name ? -1 : 1;
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return (p->seq > q->seq) - (p->seq < q->seq);
}

static void vote(kind_vote **v, size_t *n, size_t *cap, rg_str name, rg_str kind, rg_loc where)
{
	if (!kind)
		return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*v = rg_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[*n] = (kind_vote){name, kind, where, (uint32_t)*n};
	(*n)++;
}

/* Sorts the votes by name, kind and order given (by_name_kind): by name
 * with a counting sort (stable, so each name's votes stay in the order
 * given, with millions of votes), then each name of several kinds by
 * kind. */
static void sort_votes(kind_vote *v, size_t n, size_t nstr)
{
	if (n < 2)
		return;
	size_t *at = rg_xcalloc(nstr + 1, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[v[i].name + 1]++;
	for (size_t s = 0; s < nstr; s++)
		at[s + 1] += at[s];
	kind_vote *out = rg_xmalloc(n * sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[at[v[i].name]++] = v[i];
	free(at);
	memcpy(v, out, n * sizeof *v);
	free(out);
	for (size_t i = 0, j; i < n; i = j) {
		int mixed = 0;
		for (j = i + 1; j < n && v[j].name == v[i].name; j++)
			mixed |= v[j].kind != v[i].kind;
		if (mixed)
			qsort(v + i, j - i, sizeof *v, by_name_kind);
	}
}

/* Reports the kinds a name was given besides the one it is drawn as. */
static void report_kinds(const rg_model *m, const kind_vote *v, size_t n, size_t win, rg_diags *d)
{
	const kind_vote *w = &v[win];
	for (size_t k = 0; k < n; k++) {
		if (v[k].kind == w->kind || (k && v[k].kind == v[k - 1].kind))
			continue;
		rg_lint(d, rg_model_file(m, v[k].where.file), v[k].where.line, v[k].where.col,
			"'%s' is named as a %s here but as a %s at %s:%u:%u (drawn as %s)",
			rg_model_str(m, w->name), rg_model_str(m, v[k].kind),
			rg_model_str(m, w->kind), rg_model_file(m, w->where.file), w->where.line,
			w->where.col, rg_model_str(m, w->kind));
	}
}

/* What finishing after a mark skips (rg_model_finish_kept): the kinds
 * of the relations before from, and of the names the mark says they
 * create (kind[name] for name < nstr, 0 for none); sets *mixed when a
 * name below nstr is given several kinds.  All zero: nothing skipped. */
typedef struct {
	size_t from, nstr;
	const rg_str *kind;
	int *mixed;
	/* when set: marks the names given a kind by the relations before
	 * split */
	unsigned char *guessed;
	size_t split;
} kept_names;

static int kept_name(const kept_names *kn, rg_str n)
{
	return kn->kind && n < kn->nstr && kn->kind[n];
}

/* First pass of the kinds: sets kind[name] to the first kind given to each
 * undeclared name, and marks in mixed the names given another kind too
 * (most names are given one kind, and need no vote). */
static void first_kinds(rg_model *m, const uint32_t *by_label, rg_str country, rg_str *kind,
			unsigned char *mixed, const kept_names *kn)
{
	for (size_t i = kn->from; i < m->nrel + m->ncrow; i++) {
		rg_str name[2], guess[2];
		if (i < m->nrel) {
			const rg_relation *r = REL(m, i);
			name[0] = r->aname, name[1] = r->bname;
			guess[0] = r->aguess, guess[1] = r->bguess;
		} else {
			name[0] = name[1] = m->crow[i - m->nrel].country;
			guess[0] = country, guess[1] = 0;
		}
		for (int e = 0; e < 2; e++) {
			rg_str g = guess[e], n = name[e];
			if (g && kn->guessed && i < kn->split)
				kn->guessed[n] = 1;
			if (!g || kind[n] == g || mixed[n] || kept_name(kn, n) ||
			    resolve(m, by_label, n) != RG_NONE)
				continue;
			if (kind[n])
				mixed[n] = 1;
			else
				kind[n] = g;
		}
	}
}

/* Returns, indexed by string, the kind each undeclared name is drawn as
 * (0: no column says, drawn as other); the caller frees it.  Names given
 * several kinds vote, every use counting, in the order given. */
static rg_str *undeclared_kinds(rg_model *m, const uint32_t *by_label, rg_str country,
				const kept_names *kn, rg_diags *d)
{
	rg_str *kind = rg_xcalloc(m->nstr, sizeof *kind);
	unsigned char *mixed = rg_xcalloc(m->nstr, 1);
	first_kinds(m, by_label, country, kind, mixed, kn);
	kind_vote *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = kn->from; i < m->nrel; i++) {
		const rg_relation *r = REL(m, i);
		if (mixed[r->aname] && resolve(m, by_label, r->aname) == RG_NONE)
			vote(&v, &n, &cap, r->aname, r->aguess, r->where);
		rg_loc bwhere = {r->where.file, r->where.line, r->bcol};
		if (mixed[r->bname] && resolve(m, by_label, r->bname) == RG_NONE)
			vote(&v, &n, &cap, r->bname, r->bguess, bwhere);
	}
	for (size_t i = 0; i < m->ncrow; i++)
		if (mixed[m->crow[i].country] &&
		    resolve(m, by_label, m->crow[i].country) == RG_NONE)
			vote(&v, &n, &cap, m->crow[i].country, country, m->crow[i].where);
	free(mixed);
	sort_votes(v, n, m->nstr);
	/* a name of the relations before a mark given several kinds: its
	 * finished results cannot be kept (see rg_model_finish_kept) */
	for (size_t i = 0; i < n && kn->mixed; i++)
		*kn->mixed |= v[i].name < kn->nstr;
	for (size_t i = 0, j; i < n; i = j) {
		/* v[i..j) name one entity; runs of one kind within it */
		size_t best = i, best_n = 0, first = i, kinds = 0;
		for (j = i; j < n && v[j].name == v[i].name; j++) {
			if (j > i && v[j].kind == v[j - 1].kind)
				continue;
			size_t k = j;
			while (k < n && v[k].name == v[i].name && v[k].kind == v[j].kind)
				k++;
			kinds++;
			if (k - j > best_n || (k - j == best_n && v[j].seq < v[best].seq)) {
				best = j;
				best_n = k - j;
			}
		}
		kind[v[i].name] = v[best].kind;
		if (kinds > 1)
			report_kinds(m, v + first, j - first, best - first, d);
	}
	free(v);
	return kind;
}

static int by_entity(const void *x, const void *y)
{
	const struct country_row *p = x, *q = y;
	if (p->ent != q->ent)
		return p->ent < q->ent ? -1 : 1;
	/* rows of one entity in the order they were read */
	if (p->where.file != q->where.file)
		return p->where.file < q->where.file ? -1 : 1;
	return (p->where.line > q->where.line) - (p->where.line < q->where.line);
}

static int same_span(rg_span a, rg_span b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

/* Each leader's `leads` relation to their country: one for each row that
 * names a country, office or time of its own (a second term, another
 * office), none for a row that repeats an earlier one. */
static void add_leads(rg_model *m, uint32_t *by_label, const rg_str *kind_of, size_t nstr)
{
	rg_str leader = rg_model_lookup(m, "leader");
	rg_str country = rg_model_intern_z(m, "country");
	rg_str leads = rg_model_intern_z(m, "leads");
	if (m->ncrow)
		qsort(m->crow, m->ncrow, sizeof *m->crow, by_entity);
	for (size_t i = 0; leader && i < m->ncrow; i++) {
		const struct country_row *c = &m->crow[i];
		if (m->ent[c->ent].kind != leader)
			continue;
		int repeat = 0;
		for (size_t k = i; k-- > 0 && m->crow[k].ent == c->ent && !repeat;)
			repeat = m->crow[k].country == c->country &&
				 m->crow[k].office == c->office &&
				 same_span(m->crow[k].when, c->when);
		if (repeat)
			continue;
		rg_str k = c->country < nstr && kind_of[c->country] ? kind_of[c->country] : country;
		uint32_t to = resolve_or_create(m, by_label, c->country, k, c->where);
		const rg_entity *e = &m->ent[c->ent];
		rg_relation *r = rg_model_add_relation(m);
		r->a = c->ent;
		r->b = to;
		r->aname = e->id;
		r->bname = m->ent[to].id;
		r->kind = leads;
		r->label = c->office;
		r->when = c->when;
		r->where = (rg_loc){c->where.file, c->where.line, e->where.col};
		r->bcol = c->where.col;
		r->directed = 1;
	}
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
static void check_dates(const rg_model *m, size_t from, size_t to, rg_diags *d)
{
	/* which entities have a time of their own: with names by the
	 * hundred thousand, few, and this is read instead of each end */
	unsigned char *dated = rg_xcalloc(m->nent ? m->nent : 1, 1);
	for (size_t i = 0; i < m->nent; i++)
		dated[i] = m->ent[i].when.start.year || m->ent[i].when.end.year;
	for (size_t i = from; i < to; i++) {
		const rg_relation *r = REL(m, i);
		if ((!r->when.start.year && !r->when.end.year) || (!dated[r->a] && !dated[r->b]))
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
			rg_lint_about(d,
				      "relation dated outside the time of its ends|relations dated "
				      "outside the time of their ends",
				      rg_model_file(m, r->where.file), r->where.line, r->where.col,
				      "dated %s, outside the time of '%s' (%s%s%s)", x,
				      rg_model_str(m, e->id), *a ? a : "", "\xE2\x80\x93",
				      *b ? b : "");
			if (k == 0 && ends[0] == ends[1])
				break;
		}
	}
	free(dated);
}

rg_status rg_model_finish(rg_model *m, rg_diags *d)
{
	return finish(m, NULL, d);
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

struct rg_mapping *rg_model_mapping(rg_model *m)
{
	if (!m->mapping)
		m->mapping = rg_mapping_new();
	return m->mapping;
}

rg_status rg_model_map_columns(rg_model *m, const char *path, rg_diags *d)
{
	return rg_mapping_add_file(rg_model_mapping(m), path, d);
}

rg_status rg_model_map(rg_model *m, const char *spec, rg_diags *d)
{
	return rg_mapping_add_spec(rg_model_mapping(m), spec, d);
}

rg_status rg_model_map_check(rg_model *m, rg_diags *d)
{
	return m->mapping ? rg_mapping_check(m->mapping, d) : RG_OK;
}

/* --- Marks: a model rolled back and finished again (rg_job's kept loads;
 * see model.h).  Owner: this block; it reads the model's arrays as the
 * rest of this file lays them out, and finishing's steps above. */

/* A list of relations by entity over a range of relations: entity e's
 * are rel[off[e] .. off[e + 1]), in index order (a relation of one
 * entity to itself once). */
struct rel_index {
	uint32_t *off, *rel;
	size_t nent;
};

/* In rg_model_mark.kind: a name the relations before the mark create
 * with no kind of their own (drawn as other). */
#define KIND_NONE UINT32_MAX

struct rg_model_mark {
	/* the model when marked */
	size_t nblocks, used;
	char *last; /* the block strings were being added to */
	size_t nstr, hcap, nent, nrel, nattr, nfiles, node_tables, ncrow, nlost, unlisted, nperiod;
	size_t nparts;
	uint32_t lost;
	uint64_t rows;
	rg_entity *ent; /* the entities, which later loads may fill in */
	struct country_row *crow;
	struct period *period;
	/* what the first finish after the mark made of the relations before
	 * it (done: it could be kept), for the next finishes to reuse */
	int done, reused;
	rg_buf decl;	      /* what else finishing reads: declarations, files */
	size_t ndecl;	      /* entities before finishing */
	rg_entity *made;      /* the entities they create: [ndecl, ndecl + nmade) */
	size_t nmade, nother; /* how many made are drawn as other */
	rg_str *kind;	      /* by name below nstr: its made entity's kind, or
				 KIND_NONE; 0 when they make no entity of it */
	uint32_t *undeclared;
	size_t nundeclared;
	struct unlisted_kind *ukind;
	size_t nukind, made_unlisted;
	unsigned char *near; /* by made entity: a near name was found */
	size_t looks;	     /* near names: the budget left after them */
	rg_diags *said_near, *said_undeclared, *said_dates;
	struct rel_index ix;
	rg_model *lent_to; /* the model that reads ix as its ix_kept */
};

rg_model_mark *rg_model_mark_new(const rg_model *m)
{
	if (m->mapping && !rg_mapping_empty(m->mapping))
		return NULL;
	rg_model_mark *k = rg_xcalloc(1, sizeof *k);
	k->nblocks = m->nblocks;
	k->used = m->used;
	k->last = m->nblocks ? m->blocks[m->nblocks - 1] : NULL;
	k->nstr = m->nstr;
	k->hcap = m->hcap;
	k->nent = m->nent;
	k->nrel = m->nrel;
	k->nattr = m->nattr;
	k->nfiles = m->nfiles;
	k->node_tables = m->node_tables;
	k->ncrow = m->ncrow;
	k->nlost = m->nlost;
	k->unlisted = m->unlisted;
	k->nperiod = m->nperiod;
	k->nparts = m->nparts;
	k->lost = m->lost;
	k->rows = m->rows;
	k->ent = dup_array(m->ent, m->nent, m->nent, sizeof *m->ent);
	k->crow = dup_array(m->crow, m->ncrow, m->ncrow, sizeof *m->crow);
	k->period = dup_array(m->period, m->nperiod, m->nperiod, sizeof *m->period);
	return k;
}

static void drop_index(rg_model_mark *k)
{
	free(k->ix.off);
	free(k->ix.rel);
	k->ix = (struct rel_index){0};
}

/* Forgets what finishing after k made; its list of relations by entity
 * too unless keep_ix (the ends of k's relations may come out the same). */
static void forget_finish(rg_model_mark *k, int keep_ix)
{
	if (k->lent_to && k->lent_to->ix_kept == &k->ix) {
		/* the model keeps no list of relations by entity then */
		free_index(k->lent_to->ix_own);
		k->lent_to->ix_own = NULL;
		k->lent_to->ix_kept = NULL;
	}
	k->lent_to = NULL;
	k->done = k->reused = 0;
	free(k->decl.s);
	k->decl = (rg_buf){0};
	free(k->made);
	free(k->kind);
	free(k->undeclared);
	free(k->ukind);
	free(k->near);
	k->made = NULL;
	k->kind = NULL;
	k->undeclared = NULL;
	k->ukind = NULL;
	k->near = NULL;
	rg_diags_free(k->said_near);
	rg_diags_free(k->said_undeclared);
	rg_diags_free(k->said_dates);
	k->said_near = k->said_undeclared = k->said_dates = NULL;
	if (!keep_ix)
		drop_index(k);
}

void rg_model_mark_free(rg_model_mark *k)
{
	if (!k)
		return;
	forget_finish(k, 0);
	free(k->ent);
	free(k->crow);
	free(k->period);
	free(k);
}

int rg_model_mark_reused(const rg_model_mark *k)
{
	return k && k->reused;
}

static void free_index(struct rel_index *x)
{
	if (!x)
		return;
	free(x->off);
	free(x->rel);
	free(x);
}

/* The strings from k->nstr on out of the hash table and their blocks. */
static void rollback_strings(rg_model *m, rg_model_mark *k)
{
	if (m->hcap == k->hcap) {
		/* linear probing: a slot's run holds only strings older than
		 * it, so emptying the newer ones breaks no older string's run */
		for (size_t i = k->nstr; i < m->nstr; i++) {
			size_t h = rg_hash(m->str[i], strlen(m->str[i])) & (m->hcap - 1);
			while (m->htab[h].id != i)
				h = (h + 1) & (m->hcap - 1);
			m->htab[h] = (struct slot){NULL, 0, 0};
		}
	} else {
		struct slot *t = m->htab;
		size_t cap = m->hcap;
		m->htab = rg_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < cap; i++) {
			if (!t[i].id || t[i].id >= k->nstr)
				continue;
			size_t h = rg_hash(t[i].s, strlen(t[i].s)) & (cap - 1);
			while (m->htab[h].id)
				h = (h + 1) & (cap - 1);
			m->htab[h] = t[i];
		}
		free(t);
		k->hcap = cap; /* newer strings come in order again from here */
	}
	m->nstr = k->nstr;
	size_t first = k->nblocks ? k->nblocks - 1 : 0;
	for (size_t i = first; i < m->nblocks; i++)
		if (m->blocks[i] != k->last)
			free(m->blocks[i]);
	if (k->nblocks)
		m->blocks[k->nblocks - 1] = k->last;
	m->nblocks = k->nblocks;
	m->used = k->used;
}

void rg_model_rollback(rg_model *m, rg_model_mark *k)
{
	/* empty when marked: what later files found beside them goes */
	rg_mapping_free(m->mapping);
	m->mapping = NULL;
	rollback_strings(m, k);
	for (size_t i = k->nent; i < m->nent; i++)
		m->by_id[m->ent[i].id] = 0;
	if (k->nent)
		memcpy(m->ent, k->ent, k->nent * sizeof *m->ent);
	m->nent = k->nent;
	m->nrel = k->nrel; /* the blocks after stay, for the relations to come */
	m->nparts = k->nparts;
	m->nattr = k->nattr;
	for (size_t i = k->nfiles; i < m->nfiles; i++)
		free(m->files[i]);
	m->nfiles = k->nfiles;
	m->node_tables = k->node_tables;
	if (k->ncrow)
		memcpy(m->crow, k->crow, k->ncrow * sizeof *m->crow);
	m->ncrow = k->ncrow;
	if (k->nperiod)
		memcpy(m->period, k->period, k->nperiod * sizeof *m->period);
	m->nperiod = k->nperiod;
	m->nlost = k->nlost;
	m->unlisted = k->unlisted;
	m->lost = k->lost;
	m->rows = k->rows;
	free(m->pent);
	free(m->pspan);
	m->pent = NULL;
	m->pspan = NULL;
	free_index(m->ix_own);
	m->ix_own = NULL;
	m->ix_kept = NULL;
}

/* The list of relations by entity over relations [from, to). */
static void build_index(const rg_model *m, size_t from, size_t to, struct rel_index *x)
{
	size_t nent = m->nent;
	uint32_t *off = rg_xcalloc(nent + 2, sizeof *off);
	for (size_t i = from; i < to; i++) {
		off[REL(m, i)->a + 2]++;
		if (REL(m, i)->b != REL(m, i)->a)
			off[REL(m, i)->b + 2]++;
	}
	for (size_t e = 2; e < nent + 2; e++)
		off[e] += off[e - 1];
	/* off[e + 1] is where e's run starts: fill it, which moves it to
	 * where the run ends, the start of e + 1's */
	uint32_t *rel = rg_xmalloc((off[nent + 1] ? off[nent + 1] : 1) * sizeof *rel);
	for (size_t i = from; i < to; i++) {
		const rg_relation *r = REL(m, i);
		rel[off[r->a + 1]++] = (uint32_t)i;
		if (r->b != r->a)
			rel[off[r->b + 1]++] = (uint32_t)i;
	}
	*x = (struct rel_index){off, rel, nent};
}

int rg_model_incident(const rg_model *m, uint32_t e, rg_rel_run run[2])
{
	if (!m->ix_own)
		return 0;
	const struct rel_index *x[2] = {m->ix_kept, m->ix_own};
	for (int p = 0; p < 2; p++) {
		run[p] = (rg_rel_run){NULL, 0};
		if (x[p] && e < x[p]->nent)
			run[p] = (rg_rel_run){x[p]->rel + x[p]->off[e],
					      x[p]->off[e + 1] - x[p]->off[e]};
	}
	return 1;
}

/* What finishing reads besides the relations: every entity declared so
 * far and the files' names, as text (string numbers may differ). */
static void declarations(const rg_model *m, rg_buf *b)
{
	b->len = 0;
	for (size_t i = 0; i < m->nent; i++) {
		const rg_entity *e = &m->ent[i];
		rg_str s[3] = {e->id, e->label, e->kind};
		for (int k = 0; k < 3; k++)
			rg_buf_add(b, m->str[s[k]], strlen(m->str[s[k]]) + 1);
		unsigned flag = e->declared;
		rg_buf_add(b, (const char *)&e->when, sizeof e->when);
		rg_buf_add(b, (const char *)&e->where, sizeof e->where);
		rg_buf_add(b, (const char *)&flag, sizeof flag);
	}
	for (size_t i = 0; i < m->nfiles; i++)
		rg_buf_add(b, m->files[i], strlen(m->files[i]) + 1);
	size_t n[3] = {m->nent, m->node_tables, m->nlost};
	rg_buf_add(b, (const char *)n, sizeof n);
}

/* 1 when the names k's relations create keep their kind with the
 * relations and country rows loaded after k: none given a kind of its
 * own there, or the one it has. */
static int kinds_kept(const rg_model *m, const rg_model_mark *k, rg_str country)
{
	for (size_t i = k->nrel; i < m->nrel + m->ncrow; i++) {
		rg_str name[2], guess[2];
		if (i < m->nrel) {
			name[0] = REL(m, i)->aname, name[1] = REL(m, i)->bname;
			guess[0] = REL(m, i)->aguess, guess[1] = REL(m, i)->bguess;
		} else {
			name[0] = name[1] = m->crow[i - m->nrel].country;
			guess[0] = country, guess[1] = 0;
		}
		for (int e = 0; e < 2; e++)
			if (guess[e] && name[e] < k->nstr && k->kind[name[e]] &&
			    k->kind[name[e]] != guess[e])
				return 0;
	}
	return 1;
}

static void room_for_entities(rg_model *m, size_t n, size_t nstr)
{
	if (n > m->capent) {
		while (m->capent < n)
			m->capent = m->capent ? 2 * m->capent : 64;
		m->ent = rg_xrealloc(m->ent, m->capent * sizeof *m->ent);
	}
	if (nstr > m->capby) {
		size_t cap = m->capby ? m->capby : 1024;
		while (cap < nstr)
			cap *= 2;
		m->by_id = rg_xrealloc(m->by_id, cap * sizeof *m->by_id);
		memset(m->by_id + m->capby, 0, (cap - m->capby) * sizeof *m->by_id);
		m->capby = cap;
	}
}

/* Remembers in k what resolving its relations made: the entities from
 * ndecl on, the undeclared names, the kinds no table declares.  Returns 0
 * when it cannot be reused (a name of them given its kind only later). */
static int remember_made(const rg_model *m, rg_model_mark *k, size_t ndecl,
			 const unsigned char *guessed, rg_str other)
{
	k->ndecl = ndecl;
	k->nmade = m->nent - ndecl;
	k->made = dup_array(m->ent + ndecl, k->nmade, k->nmade, sizeof *k->made);
	k->kind = rg_xcalloc(k->nstr ? k->nstr : 1, sizeof *k->kind);
	k->nother = 0;
	for (size_t i = 0; i < k->nmade; i++) {
		rg_entity *e = &k->made[i];
		if (e->id >= k->nstr)
			return 0;
		if (guessed[e->id])
			k->kind[e->id] = e->kind;
		else if (e->kind == other)
			k->kind[e->id] = KIND_NONE;
		else
			return 0;
		if (e->kind == other) {
			e->kind = KIND_NONE; /* other's number may change */
			k->nother++;
		}
	}
	k->undeclared =
		dup_array(m->undeclared, m->nundeclared, m->nundeclared, sizeof *m->undeclared);
	k->nundeclared = m->nundeclared;
	k->ukind = dup_array(m->ukind, m->nukind, m->nukind, sizeof *m->ukind);
	k->nukind = m->nukind;
	for (size_t i = 0; i < k->nukind; i++)
		if (k->ukind[i].kind == other)
			k->ukind[i].kind = KIND_NONE;
		else if (k->ukind[i].kind >= k->nstr)
			return 0;
	k->made_unlisted = m->unlisted;
	return 1;
}

/* Puts back what remember_made remembered, in place of resolving k's
 * relations again: their ends are as the last finish left them. */
static void reuse_made(rg_model *m, const rg_model_mark *k, rg_str other)
{
	size_t at = m->nent;
	room_for_entities(m, at + k->nmade, k->nstr);
	if (k->nmade)
		memcpy(m->ent + at, k->made, k->nmade * sizeof *m->ent);
	for (size_t i = 0; i < k->nmade; i++) {
		rg_entity *e = &m->ent[at + i];
		if (k->nother && e->kind == KIND_NONE)
			e->kind = other;
		m->by_id[e->id] = (uint32_t)(at + i + 1);
	}
	m->nent = at + k->nmade;
	free(m->undeclared);
	size_t room = 1; /* as resolve_or_create grows it */
	while (room < k->nundeclared)
		room *= 2;
	m->undeclared = rg_xmalloc(room * sizeof *m->undeclared);
	if (k->nundeclared)
		memcpy(m->undeclared, k->undeclared, k->nundeclared * sizeof *m->undeclared);
	m->nundeclared = k->nundeclared;
	free(m->ukind);
	m->ukind = dup_array(k->ukind, k->nukind, k->nukind, sizeof *m->ukind);
	m->nukind = k->nukind;
	for (size_t i = 0; i < m->nukind; i++)
		if (m->ukind[i].kind == KIND_NONE)
			m->ukind[i].kind = other;
	m->unlisted = k->made_unlisted;
}

/* Resolves relations [from, to), creating the entities no table declares;
 * returns 1 if some end is not what it was. */
static int resolve_range(rg_model *m, uint32_t *by_label, const rg_str *kind_of, size_t nstr,
			 rg_str other, size_t from, size_t to)
{
	int changed = 0;
	for (size_t i = from; i < to; i++) {
		rg_relation *r = REL(m, i);
		rg_str ka = r->aname < nstr && kind_of[r->aname] ? kind_of[r->aname] : other;
		rg_str kb = r->bname < nstr && kind_of[r->bname] ? kind_of[r->bname] : other;
		uint32_t a = r->a, b = r->b;
		r->a = resolve_or_create(m, by_label, r->aname, ka, r->where);
		rg_loc bwhere = {r->where.file, r->where.line, r->bcol};
		r->b = resolve_or_create(m, by_label, r->bname, kb, bwhere);
		changed |= r->a != a || r->b != b;
	}
	return changed;
}

/* Says into d what *part says, made now by the caller (keep: kept in
 * *part for the next finish) or kept from the last (reuse). */
static void said(rg_diags *d, rg_diags **part, int keep)
{
	rg_diags_append(d, *part);
	if (!keep) {
		rg_diags_free(*part);
		*part = NULL;
	}
}

/* The warnings for undeclared names and for dates: those of k's part as
 * remembered (reuse) or made now and remembered (k), then the rest. */
static void report_names_dates(rg_model *m, rg_model_mark *k, int reuse, size_t ndecl, rg_diags *d)
{
	unsigned char *near = rg_xcalloc(m->nent ? m->nent : 1, 1);
	size_t looks = RG_NEAR_LOOKS_FIRST, split = ndecl, nu = 0, nrel0 = 0;
	if (k) {
		split = ndecl + k->nmade;
		nu = k->nundeclared;
		nrel0 = k->nrel;
	}
	if (reuse) {
		if (k->nmade)
			memcpy(near + ndecl, k->near, k->nmade);
		looks = k->looks;
	} else if (k) {
		k->said_near = rg_diags_new();
		rg_model_near_names_in(m, k->said_near, near, 0, split, &looks);
		k->near = dup_array(near + ndecl, k->nmade, k->nmade, 1);
		k->looks = looks;
		k->said_undeclared = rg_diags_new();
		report_undeclared(m, near, 0, nu, k->said_undeclared);
		k->said_dates = rg_diags_new();
		check_dates(m, 0, nrel0, k->said_dates);
	}
	if (k)
		said(d, &k->said_near, 1);
	rg_model_near_names_in(m, d, near, split, m->nent, &looks);
	if (k)
		said(d, &k->said_undeclared, 1);
	report_undeclared(m, near, nu, m->nundeclared, d);
	free(near);
	free(m->undeclared);
	m->undeclared = NULL;
	m->nundeclared = 0;
	if (k)
		said(d, &k->said_dates, 1);
	check_dates(m, nrel0, m->nrel, d);
}

/* Finishing (rg_model_finish), after mark k when given: see model.h. */
static rg_status finish(rg_model *m, rg_model_mark *k, rg_diags *d)
{
	size_t ndecl = m->nent, split = k ? k->nrel : 0;
	rg_buf decl = {0};
	int reuse = 0, mixed = 0;
	if (k) {
		declarations(m, &decl);
		reuse = k->done && decl.len == k->decl.len &&
			memcmp(decl.s, k->decl.s, decl.len) == 0;
	}
	/* Labels index the entities declared so far; RG_NONE marks a label two
	 * entities share, which cannot name either. */
	uint32_t *by_label = rg_xcalloc(m->nstr, sizeof *by_label);
	for (size_t i = 0; i < m->nent; i++) {
		rg_str l = m->ent[i].label;
		if (l)
			by_label[l] = by_label[l] ? RG_NONE : (uint32_t)i + 1;
	}
	rg_str other = rg_model_intern_z(m, "other");
	rg_str country = rg_model_intern_z(m, "country");
	size_t nstr = m->nstr;
	reuse = reuse && kinds_kept(m, k, country);
	if (k && !reuse) {
		forget_finish(k, 1);
		k->decl = decl;
	} else {
		free(decl.s);
	}
	unsigned char *guessed = k && !reuse ? rg_xcalloc(nstr, 1) : NULL;
	kept_names kn = {
		reuse ? split : 0, k ? k->nstr : 0, reuse ? k->kind : NULL, &mixed, guessed, split};
	rg_str *kind_of = undeclared_kinds(m, by_label, country, &kn, d);
	m->nkind_declared = m->nstr;
	m->kind_declared = rg_xcalloc(m->nstr, 1);
	for (size_t i = 0; i < m->nent; i++)
		if (m->ent[i].declared)
			m->kind_declared[m->ent[i].kind] = 1;
	if (reuse) {
		reuse_made(m, k, other);
	} else {
		if (resolve_range(m, by_label, kind_of, nstr, other, 0, split) && k)
			drop_index(k); /* made again below */
		if (k)
			k->done = !mixed && remember_made(m, k, ndecl, guessed, other);
	}
	free(guessed);
	resolve_range(m, by_label, kind_of, nstr, other, split, m->nrel);
	add_leads(m, by_label, kind_of, nstr);
	report_unlisted_kinds(m, d);
	sort_periods(m);
	free(m->kind_declared);
	m->kind_declared = NULL;
	m->nkind_declared = 0;
	free(kind_of);
	free(by_label);
	report_names_dates(m, k, reuse, ndecl, d);
	if (m->unlisted)
		rg_lint(d, rg_model_file(m, m->lost), 0, 0,
			"%zu name%s used but declared in no node table %s not listed: %s could "
			"not be read whole, and may declare them",
			m->unlisted, m->unlisted > 1 ? "s" : "", m->unlisted > 1 ? "are" : "is",
			m->nlost > 1 ? "this file and others" : "this file");
	else if (!m->node_tables && !m->nlost && m->nent && m->nfiles)
		rg_lint(d, NULL, 0, 0,
			"no node table: all %zu nodes come from the edges, drawn with kinds "
			"guessed "
			"from the tables",
			m->nent);
	if (k && k->done) {
		if (!k->ix.off)
			build_index(m, 0, split, &k->ix);
		m->ix_kept = &k->ix;
		k->lent_to = m;
		m->ix_own = rg_xcalloc(1, sizeof *m->ix_own);
		build_index(m, split, m->nrel, m->ix_own);
	} else if (k) {
		forget_finish(k, 0);
	}
	if (k)
		k->reused = reuse;
	return rg_diags_count(d, RG_ERROR) ? RG_EDATA : RG_OK;
}

rg_status rg_model_finish_kept(rg_model *m, rg_model_mark *k, rg_diags *d)
{
	return finish(m, k, d);
}
