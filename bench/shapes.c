/* shapes: seeded graphs of a given size and shape, for the layout rows of
 * `make bench`, as DIR/nodes.csv (`id,kind`) and DIR/edges.csv
 * (`source,target,relation`).
 *
 *   shapes hubs NODES EDGES DIR [SEED]
 *	one connected graph with hubs: a tree grown by preferential
 *	attachment (each new node joins an end of a random existing edge
 *	half the time, a uniformly drawn node otherwise), then edges
 *	between an end of a random edge and a uniformly drawn node, no
 *	loop and no pair twice, up to EDGES. The oldest nodes become the
 *	hubs: the first 1% are organizations, the next 4% countries, the
 *	rest people; an edge touching an organization is `member of`, one
 *	touching a country `serves`, the others `met`.
 *   shapes forest TREE ISOLATED DIR [SEED]
 *	a random recursive tree of TREE people (each joins a uniformly
 *	drawn earlier one: TREE - 1 `met` edges) and ISOLATED people with
 *	no relation, so TREE + ISOLATED nodes in ISOLATED + 1 components.
 *
 * The numbers come from splitmix64 and integer arithmetic only: one seed
 * (default 1) gives the same bytes everywhere. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "splitmix.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
	return splitmix_next(&rng_state);
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fputs("shapes: out of memory\n", stderr);
		exit(3);
	}
	return p;
}

static FILE *create(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "shapes: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	return f;
}

static void finish(FILE *f, const char *name)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "shapes: %s: write failed\n", name);
		exit(3);
	}
}

/* the node's kind in a graph of hubs: the oldest are the biggest */
static const char *kind(uint32_t i, uint32_t n)
{
	return i < (n + 99) / 100	     ? "organization"
	       : i < (n + 99) / 100 + n / 25 ? "country"
					     : "person";
}

static const char *prefix(const char *k)
{
	return !strcmp(k, "organization") ? "Org" : !strcmp(k, "country") ? "Country" : "Person";
}

/* An open-addressing set of pairs (a < b) packed in 64 bits, plus one. */
static uint64_t *pairs;
static size_t cap_pairs;

static int pair_add(uint32_t a, uint32_t b)
{
	if (a > b) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	uint64_t key = ((uint64_t)a << 32 | b) + 1;
	size_t k = (size_t)((key * 0x9E3779B97F4A7C15u) >> 20) & (cap_pairs - 1);
	for (; pairs[k]; k = (k + 1) & (cap_pairs - 1))
		if (pairs[k] == key)
			return 0;
	pairs[k] = key;
	return 1;
}

static void hubs(uint32_t n, uint32_t m, const char *dir)
{
	uint32_t *end = xcalloc(2 * (size_t)m, sizeof *end); /* both ends of each edge */
	size_t nend = 0;
	for (cap_pairs = 1024; cap_pairs < 4 * (size_t)m; cap_pairs *= 2)
		;
	pairs = xcalloc(cap_pairs, sizeof *pairs);
	for (uint32_t i = 1; i < n; i++) {
		uint32_t j = nend && below(2) ? end[below((uint32_t)nend)] : below(i);
		pair_add(i, j);
		end[nend++] = j;
		end[nend++] = i;
	}
	for (uint64_t tries = 0; nend / 2 < m && tries < 100 * (uint64_t)m; tries++) {
		uint32_t a = end[below((uint32_t)nend)], b = below(n);
		if (a != b && pair_add(a, b)) {
			end[nend++] = a;
			end[nend++] = b;
		}
	}
	FILE *f = create(dir, "nodes.csv");
	fputs("id,kind\n", f);
	for (uint32_t i = 0; i < n; i++) {
		const char *k = kind(i, n);
		fprintf(f, "%s %u,%s\n", prefix(k), i, k);
	}
	finish(f, "nodes.csv");
	f = create(dir, "edges.csv");
	fputs("source,target,relation\n", f);
	for (size_t e = 0; e < nend; e += 2) {
		const char *ka = kind(end[e], n), *kb = kind(end[e + 1], n);
		const char *rel = !strcmp(ka, "organization") || !strcmp(kb, "organization")
					  ? "member of"
				  : !strcmp(ka, "country") || !strcmp(kb, "country") ? "serves"
										     : "met";
		fprintf(f, "%s %u,%s %u,%s\n", prefix(kb), end[e + 1], prefix(ka), end[e], rel);
	}
	finish(f, "edges.csv");
	fprintf(stderr, "shapes: %s: %u nodes, %zu edges, connected\n", dir, n, nend / 2);
	free(end);
	free(pairs);
}

static void forest(uint32_t tree, uint32_t isolated, const char *dir)
{
	FILE *f = create(dir, "nodes.csv");
	fputs("id,kind\n", f);
	for (uint32_t i = 0; i < tree + isolated; i++)
		fprintf(f, "Person %u,person\n", i);
	finish(f, "nodes.csv");
	f = create(dir, "edges.csv");
	fputs("source,target,relation\n", f);
	for (uint32_t i = 1; i < tree; i++)
		fprintf(f, "Person %u,Person %u,met\n", i, below(i));
	finish(f, "edges.csv");
	fprintf(stderr, "shapes: %s: %u nodes, %u edges, %u components\n", dir, tree + isolated,
		tree ? tree - 1 : 0, isolated + (tree > 0));
}

static int usage(void)
{
	fputs("usage: shapes hubs NODES EDGES DIR [SEED]\n"
	      "       shapes forest TREE ISOLATED DIR [SEED]\n",
	      stderr);
	return 2;
}

static int number(const char *s, unsigned long *v)
{
	char *e;
	errno = 0;
	*v = strtoul(s, &e, 10);
	return *s && !*e && !errno && *v <= 100000000;
}

int main(int argc, char **argv)
{
	unsigned long a, b, seed = 1;
	if (argc < 5 || argc > 6 || !number(argv[2], &a) || !number(argv[3], &b) ||
	    (argc == 6 && !number(argv[5], &seed)))
		return usage();
	const char *dir = argv[4];
	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "shapes: %s: %s\n", dir, strerror(errno));
		return 3;
	}
	rng_state = seed * 0xA24BAED4963EE407u + 0x2545F4914F6CDD1Du;
	if (!strcmp(argv[1], "hubs") && a >= 2 && b >= a - 1)
		hubs((uint32_t)a, (uint32_t)b, dir);
	else if (!strcmp(argv[1], "forest"))
		forest((uint32_t)a, (uint32_t)b, dir);
	else
		return usage();
	return 0;
}
