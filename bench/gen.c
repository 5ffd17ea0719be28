/* gen: seeded, deterministic synthetic relationship data for relgraph.
 *
 *   gen -n RELATIONS [-s SEED] -o DIR
 *
 * writes DIR/countries.csv, leaders.csv, people.csv, organizations.csv,
 * edges.csv, agreements.csv and meetings.csv in the conventions of
 * docs/FORMAT.md, holding about RELATIONS relations as `relgraph check`
 * counts them (one per pair of a meeting row, per party of an agreement,
 * per leader's country, per edge row).
 *
 * The data is invented but shaped like the real thing: countries of very
 * different weight (Zipf), each led by a succession of heads with terms of
 * realistic length (a few rule for decades), ministers and envoys serving
 * for some years, regional organisations with summits, agreements mostly
 * between two neighbours, and meetings dated 1990-2024 inside the terms of
 * everyone present, between people chosen in proportion to a heavy-tailed
 * weight, so a few leaders meet very often and the same pairs meet again
 * and again. Entities grow as about 0.45 * RELATIONS^0.84 (1,000 relations
 * give ~150 entities, 1,000,000 give ~50,000).
 *
 * Only integer arithmetic and IEEE +, *, / decide anything, and the random
 * numbers come from splitmix64, so one seed gives the same bytes on every
 * machine. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "splitmix.h"

#define OPEN_END INT32_MAX

/* ---------- random numbers ---------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	return splitmix_next(&rng_state);
}

/* uniform in [0, n); the modulo bias is below n / 2^64 */
static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static int32_t between(int32_t lo, int32_t hi)
{
	return lo + (int32_t)below((uint64_t)(hi - lo) + 1);
}

static int chance(unsigned permille)
{
	return below(1000) < permille;
}

/* ---------- memory and failure ---------- */

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("gen: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(3);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

#define GROW(a, n, cap)                                                                            \
	do {                                                                                       \
		if ((n) >= (cap)) {                                                                \
			(cap) = (cap) ? 2 * (cap) : 64;                                            \
			(a) = xrealloc((a), (cap) * sizeof *(a));                                  \
		}                                                                                  \
	} while (0)

/* ---------- dates: days since 1970-01-01 ---------- */

static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

#define YEAR_LO 1990
#define YEAR_HI 2024
#define NYEARS (YEAR_HI - YEAR_LO + 1)

static int32_t day_lo, day_hi; /* 1990-01-01, 2024-12-31 */

static int year_of(int32_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

/* ---------- a deterministic x^y, without libm ---------- */

static double ln(double x)
{
	double k = 0;
	while (x >= 2) {
		x /= 2;
		k++;
	}
	while (x < 1) {
		x *= 2;
		k--;
	}
	/* ln x = 2 atanh((x-1)/(x+1)), |z| <= 1/3 */
	double z = (x - 1) / (x + 1), z2 = z * z, term = z, sum = 0;
	for (int i = 1; i < 60; i += 2) {
		sum += term / i;
		term *= z2;
	}
	return 2 * sum + k * 0.69314718055994530942;
}

static double ex(double y)
{
	int k = 0;
	while (y > 0.5) {
		y -= 0.69314718055994530942;
		k++;
	}
	while (y < -0.5) {
		y += 0.69314718055994530942;
		k--;
	}
	double sum = 1, term = 1;
	for (int i = 1; i < 30; i++) {
		term *= y / i;
		sum += term;
	}
	for (; k > 0; k--)
		sum *= 2;
	for (; k < 0; k++)
		sum /= 2;
	return sum;
}

/* ---------- names ---------- */

static char *arena;
static size_t narena, caparena;

static uint32_t *name_set; /* arena offset + 1, open addressing */
static size_t cap_name_set, n_name_set;

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static const char *str(uint32_t off)
{
	return arena + off;
}

static void name_set_grow(void)
{
	size_t cap = cap_name_set ? 2 * cap_name_set : 1024;
	uint32_t *n = xcalloc(cap, sizeof *n);
	for (size_t i = 0; i < cap_name_set; i++) {
		if (!name_set[i])
			continue;
		const char *s = str(name_set[i] - 1);
		size_t k = hash_bytes(s, strlen(s)) & (cap - 1);
		while (n[k])
			k = (k + 1) & (cap - 1);
		n[k] = name_set[i];
	}
	free(name_set);
	name_set = n;
	cap_name_set = cap;
}

/* Adds s to the arena if no entity has that name yet: its offset, or
 * UINT32_MAX when taken. Every node id in the output goes through here,
 * since one name declared with two kinds is an error to relgraph. */
static uint32_t intern_new(const char *s)
{
	size_t len = strlen(s);
	if (2 * (n_name_set + 1) > cap_name_set)
		name_set_grow();
	size_t k = hash_bytes(s, len) & (cap_name_set - 1);
	for (; name_set[k]; k = (k + 1) & (cap_name_set - 1))
		if (!strcmp(str(name_set[k] - 1), s))
			return UINT32_MAX;
	while (narena + len + 1 > caparena) {
		caparena = caparena ? 2 * caparena : 1 << 16;
		arena = xrealloc(arena, caparena);
	}
	uint32_t off = (uint32_t)narena;
	memcpy(arena + narena, s, len + 1);
	narena += len + 1;
	name_set[k] = off + 1;
	n_name_set++;
	return off;
}

/* Interns a name the caller could not make unique itself: "X (2)" ... */
static uint32_t intern_unique(const char *s)
{
	uint32_t off = intern_new(s);
	char buf[512];
	for (int i = 2; off == UINT32_MAX; i++) {
		snprintf(buf, sizeof buf, "%s (%d)", s, i);
		off = intern_new(buf);
	}
	return off;
}

#define N(a) (sizeof(a) / sizeof *(a))

static const char *const onsets[] = {"b",  "d", "f", "g",  "h",	 "k",  "l",  "m",  "n",	 "p",  "r",
				     "s",  "t", "v", "z",  "br", "dr", "kr", "tr", "st", "sh", "ch",
				     "zh", "y", "j", "gr", "t",	 "m",  "n",  "l",  "s",	 "k"};
static const char *const vowels[] = {"a", "e", "i",  "o",  "u",	 "a",
				     "e", "o", "ai", "ei", "ou", "ia"};
static const char *const surname_ends[] = {"",		 "",	 "",	 "n",	"r",   "v",
					   "ov",	 "ev",	 "ski",	 "ez",	"son", "escu",
					   "enko",	 "idis", "elli", "ara", "ani", "\xC4\x87",
					   "ov\xC3\xA1", "sen",	 "uddin"};
static const char *const given[] = {
	"Anna",	   "Boris", "Chen",    "Daniel",  "Elena",     "Farid",	    "Greta",  "Hiroshi",
	"Ines",	   "Jonas", "Kemal",   "Lucia",	  "Mateo",     "Nadia",	    "Omar",   "Priya",
	"Quentin", "Rosa",  "Sergei",  "Tariq",	  "Ursula",    "Viktor",    "Wei",    "Ximena",
	"Yusuf",   "Zofia", "Ahmed",   "Beatriz", "Carlos",    "Dmitri",    "Emeka",  "Fatima",
	"Gustav",  "Hana",  "Ivan",    "Jae-won", "Kwame",     "Leila",	    "Miguel", "Nikos",
	"Olga",	   "Pedro", "Ravi",    "Sofia",	  "Thabo",     "Ulla",	    "Vera",   "William",
	"Yara",	   "Zhang", "Amara",   "Bjorn",	  "Chiara",    "Dong-hyun", "Erik",   "Francesca",
	"Gabriel", "Helga", "Ibrahim", "Juan",	  "Katarzyna", "Luis"};
static const char *const country_ends[] = {"ia",    "land", "stan", "a",    "ar",  "or",
					   "istan", "ova",  "en",   "ania", "ica", "esh"};
static const char *const capital_ends[] = {"grad", "polis", "burg", "ville", "abad", "pur",
					   "ton",  "ka",    "",	    "o",     "ai",   "sk"};
static const char *const region_names[] = {"Northern", "Southern", "Eastern", "Western",
					   "Central",  "Coastal",  "Highland"};
static const char *const org_kinds[] = {"Economic Community",
					"Security Council",
					"Customs Union",
					"Development Bank",
					"Cooperation Organisation",
					"Forum",
					"Free Trade Area",
					"Defence Pact",
					"Energy Charter",
					"Parliamentary Assembly"};
static const char *const head_roles[] = {
	"President", "President", "Prime Minister", "Prime Minister", "Chancellor",
	"Chairman",  "Emir"};
static const char *const person_roles[] = {
	"Foreign Minister",	     "Defence Minister", "Trade Minister",
	"Finance Minister",	     "Ambassador",	 "Special Envoy",
	"National Security Adviser", "Energy Minister"};
static const struct {
	const char *name, *kind;
} agreement_types[] = {
	{"trade agreement", "agreement"},
	{"treaty of friendship", "treaty"},
	{"visa waiver agreement", "agreement"},
	{"energy deal", "deal"},
	{"defence cooperation agreement", "agreement"},
	{"investment protection treaty", "treaty"},
	{"joint statement", "statement"},
	{"strategic partnership", "partnership"},
	{"border treaty", "treaty"},
	{"climate accord", "accord"},
	{"nuclear cooperation agreement", "agreement"},
	{"memorandum of understanding", "memorandum"},
};

/* Appends 1-3 random syllables to b (capitalised when cap). */
static size_t syllables(char *b, size_t n, int lo, int hi, int cap)
{
	int k = between(lo, hi);
	for (int i = 0; i < k; i++) {
		const char *o = onsets[below(N(onsets))], *v = vowels[below(N(vowels))];
		n += (size_t)sprintf(b + n, "%s%s", o, v);
	}
	if (cap && b[0] >= 'a' && b[0] <= 'z')
		b[0] = (char)(b[0] - 'a' + 'A');
	return n;
}

static uint32_t person_name(void)
{
	for (;;) {
		char b[128];
		size_t n = (size_t)sprintf(b, "%s ", given[below(N(given))]);
		size_t s = n;
		n = syllables(b + s, 0, 1, 3, 1) + s;
		strcpy(b + n, surname_ends[below(N(surname_ends))]);
		uint32_t off = intern_new(b);
		if (off != UINT32_MAX)
			return off;
	}
}

static uint32_t country_name(void)
{
	for (;;) {
		char b[128];
		size_t n = 0;
		if (chance(80))
			n = (size_t)sprintf(b, "Republic of ");
		else if (chance(60))
			n = (size_t)sprintf(b, "%s ", chance(500) ? "North" : "New");
		size_t s = n;
		n = syllables(b + s, 0, 1, 2, 1) + s;
		strcpy(b + n, country_ends[below(N(country_ends))]);
		uint32_t off = intern_new(b);
		if (off != UINT32_MAX)
			return off;
	}
}

/* Capitals are places, not entities: they may repeat a name elsewhere. */
static uint32_t capital_name(void)
{
	char b[64];
	size_t n = syllables(b, 0, 1, 2, 1);
	strcpy(b + n, capital_ends[below(N(capital_ends))]);
	size_t len = strlen(b);
	while (narena + len + 1 > caparena) {
		caparena = caparena ? 2 * caparena : 1 << 16;
		arena = xrealloc(arena, caparena);
	}
	uint32_t off = (uint32_t)narena;
	memcpy(arena + narena, b, len + 1);
	narena += len + 1;
	return off;
}

/* ---------- the world ---------- */

typedef struct {
	uint32_t name, capital;
	int region;
	uint64_t weight;
	uint32_t head0, nheads; /* this country's heads, in order of office */
	const char *role;
} country;

typedef struct {
	uint32_t name;
	int region; /* -1: worldwide */
	int founded;
	uint32_t member0, nmembers; /* into members[] */
	uint64_t weight;
} org;

/* A head of state or government (leaders.csv) or a minister or envoy
 * (people.csv): anyone who meets. */
typedef struct {
	uint32_t name;
	uint32_t country;
	int32_t d0, d1; /* in office, days; d1 OPEN_END while in office */
	uint64_t weight;
	uint8_t head;
	uint8_t role;
} actor;

static country *countries;
static uint32_t ncountries;
static org *orgs;
static uint32_t norgs;
static uint32_t *members; /* country indices, org by org */
static int32_t *member_since;
static size_t nmembers, capmembers;
static actor *actors;
static size_t nactors, capactors;
static int nregions;

/* Who is in office in each year, grouped by region, with running sums of
 * their weights so that one is drawn in proportion to weight by a binary
 * search. */
typedef struct {
	uint32_t *who;
	uint64_t *cum;
	size_t n;
	size_t reg[8]; /* region r is who[reg[r] .. reg[r+1]) */
} year_pool;

static year_pool pools[NYEARS];

static void build_pools(void)
{
	for (int y = 0; y < NYEARS; y++) {
		int32_t ys = days_from_civil(YEAR_LO + y, 1, 1),
			ye = days_from_civil(YEAR_LO + y, 12, 31);
		year_pool *p = &pools[y];
		size_t cap = 0;
		for (int r = 0; r < nregions; r++) {
			p->reg[r] = p->n;
			for (size_t i = 0; i < nactors; i++) {
				const actor *a = &actors[i];
				if (countries[a->country].region != r || a->d0 > ye || a->d1 < ys)
					continue;
				if (p->n >= cap) {
					cap = cap ? 2 * cap : 64;
					p->who = xrealloc(p->who, cap * sizeof *p->who);
					p->cum = xrealloc(p->cum, cap * sizeof *p->cum);
				}
				p->who[p->n] = (uint32_t)i;
				p->cum[p->n] = (p->n ? p->cum[p->n - 1] : 0) + a->weight;
				p->n++;
			}
		}
		p->reg[nregions] = p->n;
	}
}

/* One actor in office in p's year, in proportion to weight; of region
 * r, or of any when r < 0. UINT32_MAX if there is none. */
static uint32_t draw(const year_pool *p, int r)
{
	size_t lo = r < 0 ? 0 : p->reg[r], hi = r < 0 ? p->n : p->reg[r + 1];
	if (lo >= hi)
		return UINT32_MAX;
	uint64_t base = lo ? p->cum[lo - 1] : 0;
	uint64_t t = base + below(p->cum[hi - 1] - base);
	/* the first running sum above t, by a search without branches to
	 * mispredict: the answer stays in c[0 .. n) */
	const uint64_t *c = p->cum + lo;
	for (size_t n = hi - lo; n > 1;) {
		size_t half = n / 2;
		c = c[half - 1] <= t ? c + half : c;
		n -= half;
	}
	return p->who[c - p->cum];
}

/* A Zipf weight for rank i: the first countries and organisations count
 * for far more than the rest. */
static uint64_t zipf(size_t i)
{
	return 720720u / (i + 1);
}

/* A heavy-tailed personal factor 1, 2, 4 ... 2^max: half are 1. */
static uint64_t personal(int max)
{
	int k = 0;
	while (k < max && chance(500))
		k++;
	return (uint64_t)1 << k;
}

static uint32_t draw_country(int region)
{
	/* rejection: Zipf over all, kept when in the region */
	uint64_t total = 0;
	for (uint32_t i = 0; i < ncountries; i++)
		total += countries[i].weight;
	for (int tries = 0; tries < 64; tries++) {
		uint64_t t = below(total);
		uint32_t i = 0;
		while (t >= countries[i].weight)
			t -= countries[i++].weight;
		if (region < 0 || countries[i].region == region)
			return i;
	}
	for (uint32_t i = 0; i < ncountries; i++)
		if (countries[i].region == region)
			return i;
	return 0;
}

static int32_t term_days(void)
{
	unsigned r = (unsigned)below(1000);
	if (r < 100)
		return between(200, 3 * 365);
	if (r < 650)
		return between(4 * 365, 5 * 365 + 200);
	if (r < 880)
		return between(8 * 365, 10 * 365);
	if (r < 960)
		return between(11 * 365, 18 * 365);
	return between(19 * 365, 30 * 365);
}

static void make_heads(uint32_t c)
{
	country *k = &countries[c];
	k->head0 = (uint32_t)nactors;
	int32_t t = day_lo - between(0, 12 * 365);
	for (;;) {
		GROW(actors, nactors, capactors);
		actor *a = &actors[nactors++];
		a->name = person_name();
		a->country = c;
		a->head = 1;
		a->role = 0;
		a->d0 = t;
		a->d1 = t + term_days();
		a->weight = k->weight * personal(3) * 24;
		k->nheads++;
		if (a->d1 > day_hi) {
			a->d1 = OPEN_END;
			break;
		}
		/* the first term starts up to 12 years before 1990; one that is
		 * over by then is dropped, and its successor drawn */
		if (a->d1 < day_lo) {
			nactors--;
			k->nheads--;
			t = a->d1 + 1;
			continue;
		}
		t = a->d1 + 1;
	}
}

/* The head of country c in office on day d, or UINT32_MAX. */
static uint32_t head_on(uint32_t c, int32_t d)
{
	const country *k = &countries[c];
	for (uint32_t i = k->head0; i < k->head0 + k->nheads; i++)
		if (actors[i].d0 <= d && d <= actors[i].d1)
			return i;
	return UINT32_MAX;
}

/* ---------- meetings, kept to be written in date order ---------- */

enum { OCC_NONE, OCC_STATE, OCC_OFFICIAL, OCC_WORKING, OCC_SUMMIT, OCC_SIDELINES, OCC_COUNTED };
enum { FMT_IN_PERSON, FMT_PHONE, FMT_VIRTUAL };

typedef struct {
	int32_t day;
	uint32_t p0; /* participants: pool[p0 .. p0+k) */
	uint16_t k;
	uint8_t fmt, occ;
	uint32_t place; /* country whose capital hosts, UINT32_MAX: none */
	uint32_t extra; /* the organisation (summits, sidelines); the count (counted rows) */
} meeting;

static meeting *meets;
static size_t nmeets, capmeets;
static uint32_t *pool;
static size_t npool, cappool;

static uint64_t *seen; /* keys of (day, participants), open addressing; 0 empty */
static size_t capseen, nseen;

static int seen_add(uint64_t key)
{
	key |= 1;
	if (2 * (nseen + 1) > capseen) {
		size_t cap = capseen ? 2 * capseen : 1 << 12;
		uint64_t *n = xcalloc(cap, sizeof *n);
		for (size_t i = 0; i < capseen; i++)
			if (seen[i]) {
				size_t k = (seen[i] * 0x9E3779B97F4A7C15u) >> 20 & (cap - 1);
				while (n[k])
					k = (k + 1) & (cap - 1);
				n[k] = seen[i];
			}
		free(seen);
		seen = n;
		capseen = cap;
	}
	size_t k = (key * 0x9E3779B97F4A7C15u) >> 20 & (capseen - 1);
	for (; seen[k]; k = (k + 1) & (capseen - 1))
		if (seen[k] == key)
			return 0;
	seen[k] = key;
	nseen++;
	return 1;
}

/* A row with the same date and participants as an earlier one would be
 * reported by `check` as a likely copy-and-paste slip: one is drawn again. */
static uint64_t meeting_key(int32_t day, const uint32_t *p, int k)
{
	uint64_t sum = 0, x = 0;
	for (int i = 0; i < k; i++) {
		uint64_t h = (p[i] + 1) * 0xD6E8FEB86659FD93u;
		sum += h ^ (h >> 32);
		x ^= h;
	}
	return ((uint64_t)(uint32_t)day * 0x9E3779B97F4A7C15u) ^ sum ^ (x << 1) ^ (uint64_t)k;
}

static void add_meeting(int32_t day, const uint32_t *p, int k, int fmt, int occ, uint32_t place,
			uint32_t extra)
{
	GROW(meets, nmeets, capmeets);
	meeting *m = &meets[nmeets++];
	m->day = day;
	m->p0 = (uint32_t)npool;
	m->k = (uint16_t)k;
	m->fmt = (uint8_t)fmt;
	m->occ = (uint8_t)occ;
	m->place = place;
	m->extra = extra;
	for (int i = 0; i < k; i++) {
		GROW(pool, npool, cappool);
		pool[npool++] = p[i];
	}
}

static int in_office(uint32_t a, int32_t d)
{
	return actors[a].d0 <= d && d <= actors[a].d1;
}

/* One summit of an organisation: its heads in office that day, and a few
 * meetings of two on the sidelines. Returns the relations added. */
static size_t summit(uint64_t org_total)
{
	for (int tries = 0; tries < 8; tries++) {
		uint64_t t = below(org_total);
		uint32_t o = 0;
		while (t >= orgs[o].weight)
			t -= orgs[o++].weight;
		const org *g = &orgs[o];
		int32_t d0 = g->founded > YEAR_LO ? days_from_civil(g->founded, 1, 1) : day_lo;
		int32_t day = between(d0, day_hi);
		uint32_t who[64];
		int k = 0;
		for (uint32_t i = 0; i < g->nmembers; i++) {
			uint32_t c = members[g->member0 + i];
			if (member_since[g->member0 + i] > day)
				continue;
			uint32_t h = head_on(c, day);
			if (h == UINT32_MAX)
				continue;
			if (k < 64)
				who[k++] = h;
			else if (below(i + 1) < 64)
				who[below(64)] = h;
		}
		if (k < 7 || !seen_add(meeting_key(day, &o, 1) ^ 0x5u))
			continue;
		uint32_t host = actors[who[below((uint64_t)k)]].country;
		add_meeting(day, who, k, FMT_IN_PERSON, OCC_SUMMIT, host, o);
		size_t rel = (size_t)k;
		int side = between(1, 3);
		for (int s = 0; s < side; s++) {
			uint32_t pair[2] = {who[below((uint64_t)k)], who[below((uint64_t)k)]};
			if (pair[0] == pair[1] || !seen_add(meeting_key(day, pair, 2)))
				continue;
			add_meeting(day, pair, 2, FMT_IN_PERSON, OCC_SIDELINES, host, o);
			rel++;
		}
		return rel;
	}
	return 0;
}

/* An ordinary meeting of 2 to 6 in office on one day. Returns the
 * relations added (pairs), 0 when this draw found none. */
static size_t meeting_of_few(const uint64_t *year_cum)
{
	uint64_t t = below(year_cum[NYEARS - 1]);
	int y = 0;
	while (year_cum[y] <= t)
		y++;
	const year_pool *p = &pools[y];
	int32_t ys = days_from_civil(YEAR_LO + y, 1, 1), ye = days_from_civil(YEAR_LO + y, 12, 31);
	uint32_t who[6];
	who[0] = draw(p, -1);
	if (who[0] == UINT32_MAX)
		return 0;
	const actor *a = &actors[who[0]];
	int region = countries[a->country].region;
	int32_t lo = 0, hi = -1;
	for (int tries = 0; tries < 16 && lo > hi; tries++) {
		uint32_t b = draw(p, chance(450) ? region : -1);
		if (b == UINT32_MAX || b == who[0])
			continue;
		if (actors[b].country == a->country && !chance(100))
			continue;
		lo = ys;
		hi = ye;
		if (a->d0 > lo)
			lo = a->d0;
		if (actors[b].d0 > lo)
			lo = actors[b].d0;
		if (a->d1 < hi)
			hi = a->d1;
		if (actors[b].d1 < hi)
			hi = actors[b].d1;
		who[1] = b;
	}
	if (lo > hi)
		return 0;
	unsigned r = (unsigned)below(1000);
	int want = r < 850 ? 2 : r < 960 ? 3 : between(4, 6);
	int32_t day = between(lo, hi);
	int k = 2;
	for (int tries = 0; k < want && tries < 16 * want; tries++) {
		uint32_t c = draw(p, chance(500) ? region : -1);
		if (c == UINT32_MAX || !in_office(c, day))
			continue;
		int dup = 0;
		for (int i = 0; i < k; i++)
			dup |= who[i] == c;
		if (!dup)
			who[k++] = c;
	}
	int counted = k == 2 && chance(3);
	/* another day for a repeat, one on which all of them are in office */
	for (int tries = 0; !seen_add(meeting_key(counted ? -y - 1 : day, who, k)); tries++) {
		int ok = 0;
		while (!ok && tries < 8 && !counted) {
			day = between(lo, hi);
			ok = 1;
			for (int i = 2; i < k; i++)
				ok &= in_office(who[i], day);
			tries += !ok;
		}
		if (!ok)
			return 0;
	}
	if (counted) {
		add_meeting(day, who, 2, FMT_IN_PERSON, OCC_COUNTED, UINT32_MAX,
			    (uint32_t)between(2, 8));
		return 1;
	}
	int fmt = FMT_IN_PERSON;
	if (chance(YEAR_LO + y >= 2020 ? 180 : YEAR_LO + y >= 2008 ? 15 : 0))
		fmt = FMT_VIRTUAL;
	else if (chance(110))
		fmt = FMT_PHONE;
	int occ = OCC_NONE;
	uint32_t place = UINT32_MAX;
	if (fmt == FMT_IN_PERSON) {
		place = actors[who[below((uint64_t)k)]].country;
		r = (unsigned)below(1000);
		occ = k > 2	? (r < 300 ? OCC_WORKING : OCC_NONE)
		      : r < 120 ? OCC_STATE
		      : r < 320 ? OCC_OFFICIAL
		      : r < 570 ? OCC_WORKING
				: OCC_NONE;
	}
	add_meeting(day, who, k, fmt, occ, place, 0);
	return (size_t)k * (size_t)(k - 1) / 2;
}

/* ---------- output ---------- */

static char datestr[40000][11]; /* days 0 .. 39999 (1970 .. 2079) */

static const char *date(int32_t day)
{
	if (day < 0 || day >= (int32_t)N(datestr))
		die("date out of range");
	return datestr[day];
}

typedef struct {
	char *s;
	size_t n, cap;
} row;

static void put(row *r, const char *s, size_t n)
{
	if (r->n + n + 1 > r->cap) {
		while (r->n + n + 1 > r->cap)
			r->cap = r->cap ? 2 * r->cap : 4096;
		r->s = xrealloc(r->s, r->cap);
	}
	memcpy(r->s + r->n, s, n);
	r->n += n;
}

static void puts_(row *r, const char *s)
{
	put(r, s, strlen(s));
}

/* a CSV field, quoted when it needs to be */
static void field(row *r, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		puts_(r, s);
		return;
	}
	put(r, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			put(r, "\"", 1);
		put(r, s, 1);
	}
	put(r, "\"", 1);
}

static void putnum(row *r, unsigned long v)
{
	char b[24];
	put(r, b, (size_t)sprintf(b, "%lu", v));
}

typedef struct {
	FILE *f;
	char *path;
	row r;
} out;

static void out_open(out *o, const char *dir, const char *name, const char *header)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	o->path = xrealloc(NULL, n);
	snprintf(o->path, n, "%s/%s", dir, name);
	o->f = fopen(o->path, "wb");
	if (!o->f)
		die("%s: %s", o->path, strerror(errno));
	setvbuf(o->f, NULL, _IOFBF, 1 << 20);
	memset(&o->r, 0, sizeof o->r);
	fputs(header, o->f);
	fputc('\n', o->f);
}

/* ends the row being built and writes it */
static void out_row(out *o)
{
	put(&o->r, "\n", 1);
	fwrite(o->r.s, 1, o->r.n, o->f);
	o->r.n = 0;
}

static void out_close(out *o)
{
	if (ferror(o->f) | fclose(o->f))
		die("%s: %s", o->path, strerror(errno));
	free(o->path);
	free(o->r.s);
}

/* ---------- the name-heavy shape ---------- */

/* Distinct names per row of the name-heavy shape: 200,000 per 1,000,000. */
#define NAMES_PER_ROW_DIV 5

/* `-k names`: one edge list, edges.csv (source,target,kind,date), of n
 * rows among about n / 5 distinct names, as an export from a database of
 * people would be: every row dated, the sources heavy-tailed (a few names
 * with many thousands of rows, most with a handful), the targets spread
 * evenly so that nearly every name appears. */
static void names_shape(uint64_t n, const char *dir)
{
	static const char *const kinds[] = {"knows",   "works with", "funded",	 "met",
					    "advised", "family",     "employed", "owns"};
	size_t nnames = (size_t)(n / NAMES_PER_ROW_DIV) + 2;
	uint32_t *names = xcalloc(nnames, sizeof *names);
	for (size_t i = 0; i < nnames; i++)
		names[i] = person_name();
	out o;
	out_open(&o, dir, "edges.csv", "source,target,kind,date");
	for (uint64_t r = 0; r < n; r++) {
		/* u^3 on [0, 1): dense near 0, so the first names are hubs */
		uint64_t u = below(1u << 20);
		size_t a = (size_t)((((u * u) >> 20) * u >> 20) * nnames >> 20);
		size_t b = (size_t)below(nnames);
		if (b == a)
			b = (b + 1) % nnames;
		field(&o.r, str(names[a]));
		put(&o.r, ",", 1);
		field(&o.r, str(names[b]));
		put(&o.r, ",", 1);
		puts_(&o.r, kinds[below(N(kinds))]);
		put(&o.r, ",", 1);
		puts_(&o.r, date(between(day_lo, day_hi)));
		out_row(&o);
	}
	out_close(&o);
	free(names);
	fprintf(stderr, "gen: %s: %zu names; %llu relations (edge rows)\n", dir, nnames,
		(unsigned long long)n);
}

/* ---------- the program ---------- */

static void usage(FILE *f)
{
	fputs("usage: gen -n RELATIONS [-s SEED] [-k world|names] -o DIR\n"
	      "Writes DIR/*.csv: synthetic leaders, countries, organisations, agreements\n"
	      "and dated meetings holding about RELATIONS relations, the same bytes for\n"
	      "the same RELATIONS and SEED (default 1) on every machine.\n"
	      "-k names writes one dated edge list instead, DIR/edges.csv, RELATIONS rows\n"
	      "among about RELATIONS / 5 distinct names with heavy-tailed degrees.\n",
	      f);
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	if (!s || *s < '0' || *s > '9')
		return -1;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t n = 0, seed = 1;
	const char *dir = NULL;
	int have_n = 0, names = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-n") && i + 1 < argc && !parse_u64(argv[i + 1], &n)) {
			have_n = 1;
			i++;
		} else if (!strcmp(a, "-s") && i + 1 < argc && !parse_u64(argv[i + 1], &seed)) {
			i++;
		} else if (!strcmp(a, "-k") && i + 1 < argc &&
			   (!strcmp(argv[i + 1], "names") || !strcmp(argv[i + 1], "world"))) {
			names = !strcmp(argv[++i], "names");
		} else if (!strcmp(a, "-o") && i + 1 < argc) {
			dir = argv[++i];
		} else {
			fprintf(stderr, "gen: bad argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!have_n || !dir || n < 1 || n > 100000000) {
		usage(stderr);
		return 2;
	}
	if (mkdir(dir, 0777) && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));

	rng_state = seed * 0xA24BAED4963EE407u + 0x2545F4914F6CDD1Du;
	day_lo = days_from_civil(YEAR_LO, 1, 1);
	day_hi = days_from_civil(YEAR_HI, 12, 31);
	for (int32_t d = 0; d < (int32_t)N(datestr); d++) {
		int y, m, dd;
		civil_from_days(d, &y, &m, &dd);
		snprintf(datestr[d], sizeof datestr[d], "%04d-%02d-%02d", y, m, dd);
	}
	if (names) {
		names_shape(n, dir);
		return 0;
	}

	/* how many of each: entities about 0.45 n^0.84 */
	double e = 0.45 * ex(0.84 * ln((double)n));
	size_t ent = e < 12 ? 12 : (size_t)(e + 0.5);
	ncountries = (uint32_t)(ent * 8 / 100);
	ncountries = ncountries < 4 ? 4 : ncountries > 195 ? 195 : ncountries;
	nregions = (int)(ncountries / 3);
	nregions = nregions < 2 ? 2 : nregions > 7 ? 7 : nregions;
	norgs = (uint32_t)(ent / 60);
	norgs = norgs < 2 ? 2 : norgs > 60 ? 60 : norgs;
	size_t nagree = ent * 15 / 100, nsummit_max = ent * 3 / 100 + 1, nagreements = 0;

	countries = xcalloc(ncountries, sizeof *countries);
	for (uint32_t c = 0; c < ncountries; c++) {
		country *k = &countries[c];
		k->name = country_name();
		k->capital = capital_name();
		/* the first of each region is one of the heavyweights */
		k->region = c < (uint32_t)nregions ? (int)c : (int)below((uint64_t)nregions);
		k->weight = zipf(c);
		k->role = head_roles[below(N(head_roles))];
	}
	for (uint32_t c = 0; c < ncountries; c++)
		make_heads(c);
	size_t nheads = nactors;
	size_t fixed = ncountries + norgs + nheads + nagree + nsummit_max;
	size_t npeople = ent > fixed + ncountries / 2 ? ent - fixed : ncountries / 2;
	for (size_t i = 0; i < npeople; i++) {
		GROW(actors, nactors, capactors);
		actor *a = &actors[nactors++];
		a->name = person_name();
		a->country = (uint32_t)below(ncountries);
		a->head = 0;
		a->role = (uint8_t)below(N(person_roles));
		a->d0 = day_lo + between(-5 * 365, 32 * 365);
		a->d1 = a->d0 + between(2 * 365, 12 * 365);
		if (a->d1 < day_lo + 365)
			a->d1 = day_lo + between(365, 3 * 365);
		if (a->d1 > day_hi)
			a->d1 = OPEN_END;
		a->weight = countries[a->country].weight * personal(6);
	}

	/* organisations: the first worldwide, the others regional */
	orgs = xcalloc(norgs, sizeof *orgs);
	for (uint32_t o = 0; o < norgs; o++) {
		org *g = &orgs[o];
		char b[160];
		g->region = o == 0 ? -1 : (int)((o - 1) % (uint32_t)nregions);
		if (o == 0)
			snprintf(b, sizeof b, "Assembly of Nations");
		else
			snprintf(b, sizeof b, "%s %s", region_names[g->region],
				 org_kinds[((o - 1) / (uint32_t)nregions + o) % N(org_kinds)]);
		g->name = intern_unique(b);
		g->founded = o == 0	   ? 1946
			     : chance(500) ? between(1950, 1989)
					   : between(1990, 2015);
		g->weight = zipf(o);
		g->member0 = (uint32_t)nmembers;
		for (uint32_t c = 0; c < ncountries; c++) {
			int in = o == 0 ||
				 (countries[c].region == g->region ? chance(800) : chance(40));
			if (!in)
				continue;
			GROW(members, nmembers, capmembers);
			member_since = xrealloc(member_since, capmembers * sizeof *member_since);
			members[nmembers] = c;
			int y = chance(700) ? g->founded : between(g->founded, YEAR_HI);
			member_since[nmembers] = days_from_civil(y, 1, 1);
			nmembers++;
			g->nmembers++;
		}
	}

	size_t rel = nheads + npeople + nmembers; /* leads, serves, member of */

	/* agreements: mostly two neighbours, some groups, a few organisations' */
	out ag;
	out_open(&ag, dir, "agreements.csv", "name,date,parties,kind,source");
	uint64_t org_total = 0;
	for (uint32_t o = 0; o < norgs; o++)
		org_total += orgs[o].weight;
	uint32_t *parties = xcalloc(ncountries, sizeof *parties);
	for (size_t i = 0; i < nagree; i++) {
		int32_t day = between(day_lo, day_hi);
		int year = year_of(day);
		unsigned t = (unsigned)below(N(agreement_types));
		unsigned r = (unsigned)below(1000);
		size_t np = 0;
		char b[512];
		if (r < 750 || ncountries < 4) {
			parties[np++] = draw_country(-1);
			int reg = chance(500) ? countries[parties[0]].region : -1;
			for (int tries = 0; np < 2 && tries < 64; tries++) {
				uint32_t c = draw_country(reg);
				if (c != parties[0])
					parties[np++] = c;
			}
			if (np < 2)
				continue;
			snprintf(b, sizeof b, "%s\xE2\x80\x93%s %s (%d)",
				 str(countries[parties[0]].name), str(countries[parties[1]].name),
				 agreement_types[t].name, year);
		} else if (r < 950) {
			int want = between(3, 5), reg = (int)below((uint64_t)nregions);
			for (int tries = 0; (int)np < want && tries < 64; tries++) {
				uint32_t c = draw_country(chance(800) ? reg : -1);
				int dup = 0;
				for (size_t j = 0; j < np; j++)
					dup |= parties[j] == c;
				if (!dup)
					parties[np++] = c;
			}
			if (np < 3)
				continue;
			snprintf(b, sizeof b, "%s %s (%d)", str(countries[parties[0]].capital),
				 agreement_types[t].name, year);
		} else {
			uint32_t o = 1 + (uint32_t)below(norgs - 1);
			const org *g = &orgs[o];
			for (uint32_t j = 0; j < g->nmembers; j++)
				if (chance(850))
					parties[np++] = members[g->member0 + j];
			if (np < 3)
				continue;
			snprintf(b, sizeof b, "%s %s (%d)", str(g->name), agreement_types[t].name,
				 year);
		}
		uint32_t name = intern_unique(b);
		field(&ag.r, str(name));
		put(&ag.r, ",", 1);
		/* some sources give only the month or the year */
		r = (unsigned)below(1000);
		puts_(&ag.r, date(day));
		ag.r.n -= r < 100 ? 6 : r < 350 ? 3 : 0;
		put(&ag.r, ",", 1);
		row pr = {0};
		for (size_t j = 0; j < np; j++) {
			if (j)
				put(&pr, ";", 1);
			puts_(&pr, str(countries[parties[j]].name));
		}
		put(&pr, "", 1);
		field(&ag.r, pr.s);
		free(pr.s);
		put(&ag.r, ",", 1);
		puts_(&ag.r, agreement_types[t].kind);
		puts_(&ag.r, ",synthetic");
		out_row(&ag);
		rel += np;
		nagreements++;
	}
	free(parties);
	out_close(&ag);

	build_pools();
	/* summits: a few per cent of the relations, on their own dates */
	size_t nsummits = 0, attended = 0;
	for (size_t tries = 0;
	     attended < n * 4 / 100 && nsummits < nsummit_max && tries < 4 * nsummit_max; tries++) {
		size_t got = summit(org_total);
		if (got) {
			nsummits++;
			attended += got;
		}
	}
	rel += attended;

	/* meetings of two to six fill the rest; more of them in later years */
	uint64_t year_cum[NYEARS];
	for (int y = 0; y < NYEARS; y++)
		year_cum[y] = (y ? year_cum[y - 1] : 0) + 100 + 3 * (uint64_t)y;
	for (size_t misses = 0; rel < n && misses < 1000000;) {
		size_t got = meeting_of_few(year_cum);
		rel += got;
		misses += !got;
	}

	/* write the tables */
	out o;
	out_open(&o, dir, "countries.csv", "name,capital,region,source");
	for (uint32_t c = 0; c < ncountries; c++) {
		field(&o.r, str(countries[c].name));
		put(&o.r, ",", 1);
		field(&o.r, str(countries[c].capital));
		put(&o.r, ",", 1);
		puts_(&o.r, region_names[countries[c].region]);
		puts_(&o.r, ",synthetic");
		out_row(&o);
	}
	out_close(&o);

	out_open(&o, dir, "leaders.csv", "name,country,role,start,end,source");
	out pe;
	out_open(&pe, dir, "people.csv", "name,country,role,start,end,source");
	for (size_t i = 0; i < nactors; i++) {
		const actor *a = &actors[i];
		out *f = a->head ? &o : &pe;
		field(&f->r, str(a->name));
		put(&f->r, ",", 1);
		field(&f->r, str(countries[a->country].name));
		put(&f->r, ",", 1);
		puts_(&f->r, a->head ? countries[a->country].role : person_roles[a->role]);
		put(&f->r, ",", 1);
		puts_(&f->r, date(a->d0));
		put(&f->r, ",", 1);
		if (a->d1 != OPEN_END)
			puts_(&f->r, date(a->d1));
		puts_(&f->r, ",synthetic");
		out_row(f);
	}
	out_close(&o);
	out_close(&pe);

	out_open(&o, dir, "organizations.csv", "name,region,start,source");
	for (uint32_t i = 0; i < norgs; i++) {
		field(&o.r, str(orgs[i].name));
		put(&o.r, ",", 1);
		puts_(&o.r, orgs[i].region < 0 ? "worldwide" : region_names[orgs[i].region]);
		put(&o.r, ",", 1);
		putnum(&o.r, (unsigned long)orgs[i].founded);
		puts_(&o.r, ",synthetic");
		out_row(&o);
	}
	out_close(&o);

	out_open(&o, dir, "edges.csv", "from,to,relation,start,end,role,source");
	for (uint32_t i = 0; i < norgs; i++)
		for (uint32_t j = 0; j < orgs[i].nmembers; j++) {
			field(&o.r, str(countries[members[orgs[i].member0 + j]].name));
			put(&o.r, ",", 1);
			field(&o.r, str(orgs[i].name));
			puts_(&o.r, ",member of,");
			putnum(&o.r, (unsigned long)year_of(member_since[orgs[i].member0 + j]));
			puts_(&o.r, ",,,synthetic");
			out_row(&o);
		}
	for (size_t i = nheads; i < nactors; i++) {
		const actor *a = &actors[i];
		field(&o.r, str(a->name));
		put(&o.r, ",", 1);
		field(&o.r, str(countries[a->country].name));
		puts_(&o.r, ",serves,");
		puts_(&o.r, date(a->d0));
		put(&o.r, ",", 1);
		if (a->d1 != OPEN_END)
			puts_(&o.r, date(a->d1));
		put(&o.r, ",", 1);
		puts_(&o.r, person_roles[a->role]);
		puts_(&o.r, ",synthetic");
		out_row(&o);
	}
	out_close(&o);

	/* meetings in date order: a counting sort by day keeps it linear */
	int32_t span = day_hi - day_lo + 1;
	size_t *start = xcalloc((size_t)span + 1, sizeof *start);
	for (size_t i = 0; i < nmeets; i++)
		start[meets[i].day - day_lo + 1]++;
	for (int32_t d = 0; d < span; d++)
		start[d + 1] += start[d];
	meeting *sorted = xcalloc(nmeets, sizeof *sorted);
	for (size_t i = 0; i < nmeets; i++)
		sorted[start[meets[i].day - day_lo]++] = meets[i];
	free(start);
	free(meets);
	meets = sorted;

	static const char *const formats[] = {"in-person", "phone", "virtual"};
	static const char *const occasions[] = {"", "state visit", "official visit",
						"working visit"};
	out_open(&o, dir, "meetings.csv", "date,participants,place,format,occasion,count");
	for (size_t i = 0; i < nmeets; i++) {
		const meeting *m = &meets[i];
		if (m->occ == OCC_COUNTED) {
			puts_(&o.r, date(m->day));
			o.r.n -= 6; /* the year alone */
		} else {
			puts_(&o.r, date(m->day));
		}
		put(&o.r, ",", 1);
		for (uint32_t j = 0; j < m->k; j++) {
			if (j)
				put(&o.r, ";", 1);
			puts_(&o.r, str(actors[pool[m->p0 + j]].name));
		}
		put(&o.r, ",", 1);
		if (m->place != UINT32_MAX)
			field(&o.r, str(countries[m->place].capital));
		put(&o.r, ",", 1);
		puts_(&o.r, formats[m->fmt]);
		put(&o.r, ",", 1);
		if (m->occ == OCC_SUMMIT) {
			puts_(&o.r, str(orgs[m->extra].name));
			puts_(&o.r, " summit");
		} else if (m->occ == OCC_SIDELINES) {
			puts_(&o.r, "sidelines of the ");
			puts_(&o.r, str(orgs[m->extra].name));
			puts_(&o.r, " summit");
		} else if (m->occ == OCC_COUNTED) {
			puts_(&o.r, "further meetings counted but not listed");
		} else {
			puts_(&o.r, occasions[m->occ]);
		}
		put(&o.r, ",", 1);
		if (m->occ == OCC_COUNTED)
			putnum(&o.r, m->extra);
		out_row(&o);
	}
	out_close(&o);

	fprintf(stderr,
		"gen: %s: %zu countries, %zu leaders, %zu people, %u organizations, %zu "
		"agreements, "
		"%zu summits; %zu relations (%zu meeting rows)\n",
		dir, (size_t)ncountries, nheads, npeople, norgs, nagreements, nsummits, rel,
		nmeets);
	return 0;
}
