/* measures.c: importance and communities of a view, by igraph (see measures.h).
 *
 * relgraph's part is only the translation: the view's edges to an igraph
 * graph, igraph's answers to arrays indexed like v->nodes, and ids put in
 * an order that does not depend on how igraph happened to number them.
 */
#include "relgraph/measures.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "util.h"

#define DAMPING 0.85
/* PageRank by ARPACK, not igraph's default PRPACK: Debian's igraph runs
 * PRPACK's loops on OpenMP threads, and on a busy machine (two cores, one
 * taken) their barriers made a 3,000-node graph take up to 0.7 s instead
 * of 2 ms.  The two agree to 1e-11. */
#define PAGERANK_ALGO IGRAPH_PAGERANK_ALGO_ARPACK
/* Leiden: the randomness of the refinement step that igraph's manual
 * recommends, and a fixed number of iterations.  igraph 0.10.2 cannot
 * iterate until nothing changes (n_iterations < 0): it stops after the
 * first iteration that changes something, and loops for ever when the
 * first changes nothing, as on a graph of isolated nodes.  An iteration
 * never makes the partition worse: on trumpworld and asoiaf five reach
 * what ten do, twenty add 0.001 to asoiaf's modularity of 0.574, and ten
 * cost about 10 ms on trumpworld. */
#define LEIDEN_BETA 0.01
#define LEIDEN_ITERATIONS 10
#define SEED 42

/* igraph is loaded when a graph is first measured, not when relgraph
 * starts: with the libraries it brings (LAPACK, GLPK, ICU, libxml2,
 * OpenMP, C++) it took about 4 ms of every run, a fifth of drawing a
 * small graph, which the theme's drawings never measure.  Its functions
 * are called through this table, each typed as igraph.h declares it. */
#define IGRAPH_LIBRARIES                                                                           \
	{                                                                                          \
		"libigraph.so.3", "libigraph.so"                                                   \
	}
#define IGRAPH_CALLS(X)                                                                            \
	X(rng_default, igraph_rng_default)                                                         \
	X(vector_int_init, igraph_vector_int_init)                                                 \
	X(vector_init, igraph_vector_init)                                                         \
	X(vector_int_reserve, igraph_vector_int_reserve)                                           \
	X(vector_reserve, igraph_vector_reserve)                                                   \
	X(vector_int_push_back, igraph_vector_int_push_back)                                       \
	X(vector_push_back, igraph_vector_push_back)                                               \
	X(create, igraph_create)                                                                   \
	X(rng_init, igraph_rng_init)                                                               \
	X(rng_set_default, igraph_rng_set_default)                                                 \
	X(strength, igraph_strength)                                                               \
	X(vss_all, igraph_vss_all)                                                                 \
	X(neighborhood_size, igraph_neighborhood_size)                                             \
	X(rng_seed, igraph_rng_seed)                                                               \
	X(pagerank, igraph_pagerank)                                                               \
	X(connected_components, igraph_connected_components)                                       \
	X(vector_sum, igraph_vector_sum)                                                           \
	X(community_leiden, igraph_community_leiden)                                               \
	X(modularity, igraph_modularity)                                                           \
	X(vector_int_range, igraph_vector_int_range)                                               \
	X(rng_destroy, igraph_rng_destroy)                                                         \
	X(destroy, igraph_destroy)                                                                 \
	X(vector_destroy, igraph_vector_destroy)                                                   \
	X(vector_int_destroy, igraph_vector_int_destroy)                                           \
	X(set_error_handler, igraph_set_error_handler)                                             \
	X(set_warning_handler, igraph_set_warning_handler)                                         \
	X(strerror, igraph_strerror)                                                               \
	X(finally_free, IGRAPH_FINALLY_FREE)

static struct {
#define FIELD(name, symbol) __typeof__(symbol) *name;
	IGRAPH_CALLS(FIELD)
#undef FIELD
	const igraph_rng_type_t *rngtype_pcg32;
} ig;
static pthread_once_t ig_once = PTHREAD_ONCE_INIT;
static char ig_failed[256]; /* why igraph could not be loaded ("" if it was) */

static void *ig_symbol(void *lib, const char *symbol)
{
	void *p = dlsym(lib, symbol);
	if (!p && !ig_failed[0])
		snprintf(ig_failed, sizeof ig_failed, "%s has no %s", "libigraph", symbol);
	return p;
}

static void ig_load(void)
{
	static const char *const names[] = IGRAPH_LIBRARIES;
	void *lib = NULL;
	for (size_t i = 0; !lib && i < sizeof names / sizeof *names; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *why = dlerror();
		snprintf(ig_failed, sizeof ig_failed, "%s", why ? why : "libigraph not found");
		return;
	}
	void *p;
#define LOAD(name, symbol)                                                                         \
	p = ig_symbol(lib, #symbol);                                                               \
	memcpy(&ig.name, &p, sizeof p);
	IGRAPH_CALLS(LOAD)
#undef LOAD
	ig.rngtype_pcg32 = ig_symbol(lib, "igraph_rngtype_pcg32");
	/* the library stays loaded for the process */
}

/* 1 once igraph is loaded; 0 with the reason in d. */
static int ig_ready(rg_diags *d)
{
	pthread_once(&ig_once, ig_load);
	if (ig_failed[0])
		rg_error(d, NULL, 0, 0, "measuring the graph failed: cannot load igraph: %s",
			 ig_failed);
	return !ig_failed[0];
}

/* igraph reports through callbacks that get no user pointer, so what they
 * say waits here until the call that caused it has returned.  They must not
 * allocate through util.h: an out-of-memory jump from inside igraph would
 * leave its temporary objects behind. */
static char error_reason[256], warning_reason[256];
static size_t nwarnings;

static void on_error(const char *reason, const char *file, int line, igraph_error_t err)
{
	(void)file;
	(void)line;
	(void)err;
	/* IGRAPH_CHECK calls this again on the way out with an empty reason;
	 * the first one says what happened. */
	if (!error_reason[0] && reason && reason[0])
		snprintf(error_reason, sizeof error_reason, "%s", reason);
	ig.finally_free();
}

static void on_warning(const char *reason, const char *file, int line)
{
	(void)file;
	(void)line;
	if (!nwarnings++)
		snprintf(warning_reason, sizeof warning_reason, "%s", reason ? reason : "");
}

static int by_entity(const void *k, const void *x)
{
	uint32_t a = *(const uint32_t *)k, b = *(const uint32_t *)x;
	return (a > b) - (a < b);
}

/* Position of entity e in v->nodes, which are in model (ascending) order;
 * -1 if the view does not draw it. */
static igraph_integer_t position(const rg_view *v, uint32_t e)
{
	const uint32_t *p = bsearch(&e, v->nodes, v->nnodes, sizeof *v->nodes, by_entity);
	return p ? (igraph_integer_t)(p - v->nodes) : -1;
}

/* What igraph finds, in ms and in igraph's own numbering of communities
 * and components (comm, comp); nothing here allocates through util.h. */
static igraph_error_t run(const rg_view *v, rg_measures *ms, uint32_t *comm, uint32_t *comp)
{
	size_t n = ms->n;
	igraph_t g;
	igraph_vector_int_t ends, ideg, memb, cmemb;
	igraph_vector_t w, str, pr;
	/* igraph_rng_set_default copies the generator's handle into the
	 * default one: keep a copy of the host's to put back. */
	igraph_rng_t rng, rng0 = *ig.rng_default();
	igraph_integer_t ncomm = 0, ncomp = 0;
	igraph_real_t q = 0;
	igraph_error_t err;
	igraph_vector_int_t *ivec[] = {&ends, &ideg, &memb, &cmemb};
	igraph_vector_t *vec[] = {&w, &str, &pr};
	size_t nivec = 0, nvec = 0;
	int have_graph = 0, have_rng = 0;
	for (; nivec < sizeof ivec / sizeof *ivec; nivec++)
		if ((err = ig.vector_int_init(ivec[nivec], 0)))
			goto out;
	for (; nvec < sizeof vec / sizeof *vec; nvec++)
		if ((err = ig.vector_init(vec[nvec], 0)))
			goto out;
	if ((err = ig.vector_int_reserve(&ends, 2 * (igraph_integer_t)v->nedges)) ||
	    (err = ig.vector_reserve(&w, (igraph_integer_t)v->nedges)))
		goto out;

	/* 1. The graph: undirected, an edge's weight its own, loops left out */
	for (size_t e = 0; e < v->nedges; e++) {
		const rg_edge *x = &v->edges[e];
		if (x->a == x->b)
			continue;
		igraph_integer_t a = position(v, x->a), b = position(v, x->b);
		if (a < 0 || b < 0) {
			snprintf(error_reason, sizeof error_reason,
				 "edge %zu joins an entity the view does not draw", e);
			err = IGRAPH_EINVAL;
			goto out;
		}
		if ((err = ig.vector_int_push_back(&ends, a)) ||
		    (err = ig.vector_int_push_back(&ends, b)) ||
		    (err = ig.vector_push_back(&w, x->weight)))
			goto out;
	}
	if ((err = ig.create(&g, &ends, (igraph_integer_t)n, IGRAPH_UNDIRECTED)))
		goto out;
	have_graph = 1;
	/* PageRank (ARPACK's start) and Leiden draw random numbers: from a
	 * generator of ours, seeded before each, so that the host's is left
	 * as it was and the same view gives the same numbers. */
	if ((err = ig.rng_init(&rng, ig.rngtype_pcg32)))
		goto out;
	have_rng = 1;
	ig.rng_set_default(&rng);

	/* 2. Per node: strength, distinct neighbours, PageRank */
	if ((err = ig.strength(&g, &str, ig.vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w)) ||
	    (err = ig.neighborhood_size(&g, &ideg, ig.vss_all(), 1, IGRAPH_ALL, 1)) ||
	    (err = ig.rng_seed(ig.rng_default(), SEED)) ||
	    (err = ig.pagerank(&g, PAGERANK_ALGO, &pr, NULL, ig.vss_all(), 0, DAMPING, &w, NULL)))
		goto out;

	/* 3. Connected components */
	if ((err = ig.connected_components(&g, &cmemb, NULL, &ncomp, IGRAPH_WEAK)))
		goto out;

	/* 4. Communities: Leiden on the modularity objective, which igraph
	 * gets from its general one with node weights = strength and
	 * resolution 1/(2m), m the total weight.  With no weight at all
	 * modularity means nothing and each node stands alone. */
	double m = ig.vector_sum(&w);
	if (m > 0) {
		if ((err = ig.rng_seed(ig.rng_default(), SEED)) ||
		    (err = ig.community_leiden(&g, &w, &str, 1 / (2 * m), LEIDEN_BETA, 0,
					       LEIDEN_ITERATIONS, &memb, &ncomm, NULL)) ||
		    (err = ig.modularity(&g, &memb, &w, 1, 0, &q)))
			goto out;
	} else {
		if ((err = ig.vector_int_range(&memb, 0, (igraph_integer_t)n)))
			goto out;
		ncomm = (igraph_integer_t)n;
	}

	for (size_t i = 0; i < n; i++) {
		ms->strength[i] = VECTOR(str)[i];
		ms->degree[i] = (uint32_t)VECTOR(ideg)[i];
		ms->pagerank[i] = VECTOR(pr)[i];
		comm[i] = (uint32_t)VECTOR(memb)[i];
		comp[i] = (uint32_t)VECTOR(cmemb)[i];
	}
	ms->ncommunities = (size_t)ncomm;
	ms->ncomponents = (size_t)ncomp;
	ms->modularity = isfinite(q) ? q : 0;
out:
	if (have_rng) {
		ig.rng_set_default(&rng0);
		ig.rng_destroy(&rng);
	}
	if (have_graph)
		ig.destroy(&g);
	for (size_t i = 0; i < nvec; i++)
		ig.vector_destroy(vec[i]);
	for (size_t i = 0; i < nivec; i++)
		ig.vector_int_destroy(ivec[i]);
	return err;
}

typedef struct {
	uint32_t size, first, id;
} group;

static int by_size(const void *x, const void *y)
{
	const group *a = x, *b = y;
	if (a->size != b->size)
		return a->size < b->size ? 1 : -1;
	return (a->first > b->first) - (a->first < b->first);
}

/* Renumbers k groups (ids 0 .. k-1 over n nodes) by decreasing size, ties
 * by the first node in them; g (k entries) and map (k) are scratch. */
static void renumber(uint32_t *id, size_t n, size_t k, group *g, uint32_t *map)
{
	for (size_t c = 0; c < k; c++)
		g[c] = (group){0, UINT32_MAX, (uint32_t)c};
	for (size_t i = 0; i < n; i++) {
		if (!g[id[i]].size++)
			g[id[i]].first = (uint32_t)i;
	}
	qsort(g, k, sizeof *g, by_size);
	for (size_t c = 0; c < k; c++)
		map[g[c].id] = (uint32_t)c;
	for (size_t i = 0; i < n; i++)
		id[i] = map[id[i]];
}

rg_measures *rg_measures_compute(const rg_view *v, rg_diags *d)
{
	if (!ig_ready(d))
		return NULL;
	/* 1. What relgraph allocates, all before igraph holds anything (see
	 * the callbacks above). */
	size_t n = v->nnodes;
	rg_measures *ms = rg_xcalloc(1, sizeof *ms);
	ms->n = n;
	ms->strength = rg_xcalloc(n, sizeof *ms->strength);
	ms->degree = rg_xcalloc(n, sizeof *ms->degree);
	ms->pagerank = rg_xcalloc(n, sizeof *ms->pagerank);
	ms->importance = rg_xcalloc(n, sizeof *ms->importance);
	ms->community = rg_xcalloc(n, sizeof *ms->community);
	ms->component = rg_xcalloc(n, sizeof *ms->component);
	ms->method = "Leiden (modularity)";
	group *g = rg_xcalloc(n, sizeof *g);
	uint32_t *map = rg_xcalloc(n, sizeof *map);

	/* 2. igraph, with its handlers set and put back */
	error_reason[0] = warning_reason[0] = '\0';
	nwarnings = 0;
	igraph_error_handler_t *eh = ig.set_error_handler(on_error);
	igraph_warning_handler_t *wh = ig.set_warning_handler(on_warning);
	igraph_error_t err = n ? run(v, ms, ms->community, ms->component) : IGRAPH_SUCCESS;
	ig.set_warning_handler(wh);
	ig.set_error_handler(eh);
	if (nwarnings)
		rg_warn(d, NULL, 0, 0, "igraph: %s%s", warning_reason,
			nwarnings > 1 ? " (and more warnings)" : "");
	if (err) {
		rg_error(d, NULL, 0, 0, "measuring the graph failed: %s: %s", ig.strerror(err),
			 error_reason[0] ? error_reason : "no reason given");
		free(map);
		free(g);
		rg_measures_free(ms);
		return NULL;
	}

	/* 3. Importance, and ids in an order of the graph's own */
	double max = 0;
	for (size_t i = 0; i < n; i++)
		if (ms->pagerank[i] > max)
			max = ms->pagerank[i];
	for (size_t i = 0; i < n && max > 0; i++)
		ms->importance[i] =
			round(ms->pagerank[i] / max * RG_IMPORTANCE_STEPS) / RG_IMPORTANCE_STEPS;
	renumber(ms->community, n, ms->ncommunities, g, map);
	renumber(ms->component, n, ms->ncomponents, g, map);
	free(map);
	free(g);
	return ms;
}

void rg_measures_free(rg_measures *ms)
{
	if (!ms)
		return;
	free(ms->strength);
	free(ms->degree);
	free(ms->pagerank);
	free(ms->importance);
	free(ms->community);
	free(ms->component);
	free(ms);
}

typedef struct {
	double importance;
	uint32_t degree, pos;
} ranked;

static int by_importance(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	if (a->importance != b->importance)
		return a->importance < b->importance ? 1 : -1;
	if (a->degree != b->degree)
		return a->degree < b->degree ? 1 : -1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

uint32_t *rg_measures_rank(const rg_measures *ms)
{
	size_t n = ms->n;
	ranked *r = rg_xcalloc(n, sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = (ranked){ms->importance[i], ms->degree[i], (uint32_t)i};
	qsort(r, n, sizeof *r, by_importance);
	uint32_t *out = rg_xcalloc(n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = r[i].pos;
	free(r);
	return out;
}
