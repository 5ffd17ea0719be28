/* pipeline.c: the job, read -> model -> transform -> build -> render, in
 * one place (see pipeline.h).  The stages do the work; this file only
 * runs them in order, keeps what they made, and tells the host how it
 * goes.  Layout decisions are layout.c's. */
#include "relgraph/pipeline.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "relgraph/emphasis.h"
#include "relgraph/layout.h"
#include "relgraph/measures.h"
#include "relgraph/suggest.h"
#include "glyphs.h"
#include "util.h"

typedef struct {
	char *path; /* a file, folder or "-"; NULL for bytes */
	char *name, *data;
	size_t len;
} input;

/* One file of a load, in load order, and what stat said of it when it was
 * listed: a file of the same name, device, inode, size and modification
 * time is taken as unchanged. */
typedef enum { UNIT_FILE, UNIT_MEM, UNIT_STDIN, UNIT_LISTING } unit_kind;
typedef struct {
	unit_kind kind;
	char *name;	/* the path read, or the name of a mem input */
	size_t input;	/* index in rg_job.inputs */
	rg_diags *said; /* UNIT_LISTING: what listing the input said */
	rg_status st;	/* UNIT_LISTING: its status */
	long long size; /* bytes */
	unsigned long long dev, ino;
	long long mtime_s, mtime_ns;
	/* the same of the column mappings that may be found beside it
	 * (PATH-metadata.json, csv-metadata.json), size -1 when missing */
	struct meta_key {
		long long size, mtime_s, mtime_ns;
		unsigned long long ino;
	} meta[2];
} unit;

/* The model as loaded from the first upto units, before rg_model_finish:
 * a mark to roll the job's model back to, with what loading them said and
 * their worst status. */
typedef struct {
	size_t upto;
	rg_model_mark *mark;
	rg_diags *d;
	rg_status st;
} kept_load;

struct rg_job {
	rg_diags *d;
	rg_render *r;
	input *inputs;
	size_t ninputs;
	/* column mappings, in the order given: a --columns file, or a
	 * --map spec when the first byte is '=' (then the spec follows) */
	char **maps;
	size_t nmaps;
	rg_filters f;
	rg_look look;
	int strict;
	unsigned event_nodes; /* 0: the model's default */
	rg_event_fn on_event;
	void *ctx;
	/* what the stages made; status: how the stage went, once it ran */
	rg_model *m;
	rg_status load_status;
	rg_view *v;
	int selected;
	rg_status select_status;
	rg_transform_opts to;
	uint32_t *focus;
	char *name, *title, *desc;
	char *view_caption; /* what a --focus view is, under the drawing */
	rg_glyphs *glyphs;  /* the installed fonts' characters, read once */
	int glyphs_read;
	/* the layout memory to start from, and the last drawing's places
	 * when the host wants them (rg_job_set_memory) */
	const rg_memory *memory;
	int keep_memory;
	rg_memory *last;
	/* rg_job_keep_loaded: the units of the last load and the states kept
	 * after its big files, by upto: marks in one model, which is m, or
	 * base between rg_job_reset and the next load; owned by the job,
	 * dropped when the inputs change */
	int keep;
	unit *units;
	size_t nunits;
	kept_load *kept;
	size_t nkept;
	rg_model *base;
	size_t files_read;
};

static void emit(rg_job *j, rg_event_kind kind, rg_stage stage, int slow, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void emit(rg_job *j, rg_event_kind kind, rg_stage stage, int slow, const char *fmt, ...)
{
	if (!j->on_event)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *text = rg_vasprintf(fmt, ap);
	va_end(ap);
	rg_event ev = {kind, stage, text, slow};
	j->on_event(j->ctx, &ev);
	free(text);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

rg_job *rg_job_new(rg_diags *d)
{
	rg_job *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->d = d;
	j->f = (rg_filters)RG_FILTERS_INIT;
	return j;
}

/* The Graphviz context, made when first needed: reading and filtering
 * need none, and Graphviz allows one at a time (render.h). */
static rg_status ensure_render(rg_job *j)
{
	if (j->r)
		return RG_OK;
	if (!(j->r = rg_render_new(j->d))) {
		rg_error(j->d, NULL, 0, 0, "Graphviz is in use by another drawing in this program");
		return RG_ESYS;
	}
	return RG_OK;
}

static void free_units(unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].name);
		rg_diags_free(u[i].said);
	}
	free(u);
}

/* Drops the kept states from the k-th on (and the model they mark when
 * none is left and the job is not using it). */
static void drop_kept_from(rg_job *j, size_t k)
{
	for (size_t i = k; i < j->nkept; i++) {
		rg_model_mark_free(j->kept[i].mark);
		rg_diags_free(j->kept[i].d);
	}
	j->nkept = j->nkept < k ? j->nkept : k;
	if (!j->nkept) {
		rg_model_free(j->base);
		j->base = NULL;
	}
}

static void drop_kept(rg_job *j)
{
	drop_kept_from(j, 0);
	free(j->kept);
	j->kept = NULL;
	free_units(j->units, j->nunits);
	j->units = NULL;
	j->nunits = 0;
}

void rg_job_keep_loaded(rg_job *j, int keep)
{
	j->keep = keep;
	if (!keep)
		drop_kept(j);
}

size_t rg_job_files_read(const rg_job *j)
{
	return j->files_read;
}

void rg_job_reset(rg_job *j)
{
	rg_view_free(j->v);
	if (j->nkept && j->m && !j->base)
		j->base = j->m; /* rolled back by the next load */
	else
		rg_model_free(j->m);
	j->v = NULL;
	j->m = NULL;
	j->load_status = j->select_status = RG_OK;
	j->selected = 0;
	free(j->focus);
	free(j->title);
	free(j->desc);
	free(j->view_caption);
	j->focus = NULL;
	j->title = j->desc = j->view_caption = NULL;
}

void rg_job_free(rg_job *j)
{
	if (!j)
		return;
	rg_job_reset(j);
	rg_job_clear_inputs(j);
	drop_kept(j);
	rg_memory_free(j->last);
	free(j->inputs);
	for (size_t i = 0; i < j->nmaps; i++)
		free(j->maps[i]);
	free(j->maps);
	rg_render_free(j->r);
	rg_glyphs_free(j->glyphs);
	free(j);
}

void rg_job_clear_inputs(rg_job *j)
{
	drop_kept(j);
	for (size_t i = 0; i < j->ninputs; i++) {
		free(j->inputs[i].path);
		free(j->inputs[i].name);
		free(j->inputs[i].data);
	}
	j->ninputs = 0;
	free(j->name);
	j->name = NULL;
}

rg_model *rg_job_take_model(rg_job *j)
{
	rg_model *m = j->m;
	if (j->nkept && !j->base) {
		j->m = NULL; /* the kept marks are of the model given away */
		drop_kept(j);
	}
	rg_view_free(j->v);
	j->v = NULL;
	j->m = NULL;
	j->selected = 0;
	return m;
}

static input *new_input(rg_job *j)
{
	drop_kept(j);
	j->inputs = rg_xrealloc(j->inputs, (j->ninputs + 1) * sizeof *j->inputs);
	input *in = &j->inputs[j->ninputs++];
	*in = (input){0};
	return in;
}

void rg_job_add_input(rg_job *j, const char *path)
{
	new_input(j)->path = rg_xstrdup(path);
}

static void add_map(rg_job *j, char *m)
{
	j->maps = rg_xrealloc(j->maps, (j->nmaps + 1) * sizeof *j->maps);
	j->maps[j->nmaps++] = m;
}

void rg_job_add_columns(rg_job *j, const char *path)
{
	add_map(j, rg_asprintf("f%s", path));
}

void rg_job_add_map(rg_job *j, const char *spec)
{
	add_map(j, rg_asprintf("=%s", spec));
}

void rg_job_add_input_mem(rg_job *j, const char *name, const char *data, size_t len)
{
	input *in = new_input(j);
	in->name = rg_xstrdup(name);
	in->data = rg_xmalloc(len ? len : 1);
	memcpy(in->data, data, len);
	in->len = len;
}

void rg_job_set_filters(rg_job *j, const rg_filters *f)
{
	j->f = *f;
}

void rg_job_set_look(rg_job *j, const rg_look *l)
{
	j->look = *l;
	free(j->name);
	j->name = NULL;
}

void rg_job_set_strict(rg_job *j, int strict)
{
	j->strict = strict;
}

void rg_job_set_event_nodes(rg_job *j, unsigned n)
{
	if (n != j->event_nodes)
		drop_kept(j);
	j->event_nodes = n;
}

rg_diags *rg_job_set_diags(rg_job *j, rg_diags *d)
{
	rg_diags *old = j->d;
	j->d = d;
	return old;
}

void rg_job_set_memory(rg_job *j, const rg_memory *mem, int keep)
{
	j->memory = mem;
	j->keep_memory = keep;
}

const rg_memory *rg_job_memory(const rg_job *j)
{
	return j->last;
}

void rg_job_on_event(rg_job *j, rg_event_fn fn, void *ctx)
{
	j->on_event = fn;
	j->ctx = ctx;
}

const rg_model *rg_job_model(const rg_job *j)
{
	return j->m;
}

const rg_view *rg_job_view(const rg_job *j)
{
	return j->v;
}

rg_render *rg_job_render(rg_job *j)
{
	return ensure_render(j) == RG_OK ? j->r : NULL;
}

const char *rg_job_desc(const rg_job *j)
{
	return j->desc;
}

const char *rg_job_title(const rg_job *j)
{
	return j->title;
}

/* The input's name without folders or .csv: graphs/xi-putin/ is xi-putin. */
static char *input_name(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return rg_xstrdup("stdin");
	char *s = rg_xstrdup(path);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	char *b = strrchr(s, '/');
	char *name = rg_xstrdup(b && b[1] ? b + 1 : s);
	free(s);
	n = strlen(name);
	if (n > 4 && rg_strieq(name + n - 4, ".csv"))
		name[n - 4] = '\0';
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || !*name) {
		free(name);
		name = rg_xstrdup("graph");
	}
	return name;
}

const char *rg_job_name(rg_job *j)
{
	if (!j->name) {
		const input *in = j->ninputs ? &j->inputs[0] : NULL;
		j->name = j->look.name ? rg_xstrdup(j->look.name)
				       : input_name(in ? (in->path ? in->path : in->name) : NULL);
	}
	return j->name;
}

/* --- read and model */

static void on_rows(void *ctx, const char *file, uint64_t rows)
{
	char n[32];
	emit(ctx, RG_EVENT_PROGRESS, RG_STAGE_READ, 0, "reading %s: %s rows", file,
	     rg_thousands(rows, n));
}

static unit *add_unit(unit **u, size_t *n, unit_kind kind, const char *name, size_t which)
{
	*u = rg_xrealloc(*u, (*n + 1) * sizeof **u);
	unit *x = &(*u)[(*n)++];
	*x = (unit){kind, rg_xstrdup(name), which, NULL, RG_OK, 0, 0, 0, 0, 0, {{0, 0, 0, 0}}};
	return x;
}

/* Fills in x->meta: what stat says of the mapping files beside it. */
static void meta_keys(unit *x)
{
	const char *slash = strrchr(x->name, '/');
	char *p[2] = {
		rg_asprintf("%s-metadata.json", x->name),
		slash ? rg_asprintf("%.*scsv-metadata.json", (int)(slash - x->name + 1), x->name)
		      : rg_xstrdup("csv-metadata.json")};
	for (int k = 0; k < 2; k++) {
		struct stat sb;
		if (stat(p[k], &sb) == 0)
			x->meta[k] = (struct meta_key){(long long)sb.st_size, sb.st_mtim.tv_sec,
						       sb.st_mtim.tv_nsec, sb.st_ino};
		else
			x->meta[k] = (struct meta_key){-1, 0, 0, 0};
		free(p[k]);
	}
}

/* The units of a load: every input's files in load order, each with what
 * stat says of it now. */
static unit *list_units(const rg_job *j, size_t *n)
{
	unit *u = NULL;
	*n = 0;
	for (size_t i = 0; i < j->ninputs; i++) {
		const input *in = &j->inputs[i];
		if (!in->path) {
			add_unit(&u, n, UNIT_MEM, in->name, i)->size = (long long)in->len;
			continue;
		}
		rg_diags *said = rg_diags_new();
		char **files;
		size_t nf;
		rg_status st = rg_model_list(in->path, &files, &nf, said);
		if (rg_diags_len(said) || st != RG_OK) {
			unit *x = add_unit(&u, n, UNIT_LISTING, in->path, i);
			x->said = said;
			x->st = st;
		} else {
			rg_diags_free(said);
		}
		for (size_t k = 0; k < nf; k++) {
			struct stat sb;
			int std = strcmp(files[k], "-") == 0;
			unit *x = add_unit(&u, n, std ? UNIT_STDIN : UNIT_FILE, files[k], i);
			if (!std && stat(files[k], &sb) == 0)
				*x = (unit){UNIT_FILE,
					    x->name,
					    i,
					    NULL,
					    RG_OK,
					    (long long)sb.st_size,
					    sb.st_dev,
					    sb.st_ino,
					    sb.st_mtim.tv_sec,
					    sb.st_mtim.tv_nsec,
					    {{0, 0, 0, 0}}};
			if (!std)
				meta_keys(x);
			free(files[k]);
		}
		free(files);
	}
	return u;
}

static int same_unit(const unit *a, const unit *b)
{
	if (a->kind != b->kind || strcmp(a->name, b->name) != 0 || a->input != b->input)
		return 0;
	if (a->kind == UNIT_MEM)
		return 1; /* the inputs have not changed since (drop_kept) */
	for (int k = 0; k < 2; k++)
		if (a->meta[k].size != b->meta[k].size || a->meta[k].ino != b->meta[k].ino ||
		    a->meta[k].mtime_s != b->meta[k].mtime_s ||
		    a->meta[k].mtime_ns != b->meta[k].mtime_ns)
			return 0;
	return a->kind == UNIT_FILE && a->size == b->size && a->dev == b->dev && a->ino == b->ino &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns;
}

/* Loads unit x into j->m, with its problems in d. */
static rg_status load_unit(rg_job *j, const unit *x, rg_diags *d)
{
	const input *in = &j->inputs[x->input];
	if (x->kind == UNIT_LISTING) {
		rg_diags_append(d, x->said);
		return x->st;
	}
	j->files_read++;
	if (x->kind == UNIT_MEM)
		return rg_model_load_mem(j->m, in->name, in->data, in->len, d);
	return rg_model_load_file(j->m, x->name, d);
}

/* Starts j->m from the latest kept state that the units before the first
 * changed one give, dropping the states after it; returns its upto (0:
 * from nothing) with *d and *st what loading those units said. */
static size_t start_from_kept(rg_job *j, const unit *u, size_t n, rg_diags **d, rg_status *st)
{
	size_t first = 0;
	while (first < n && first < j->nunits && same_unit(&u[first], &j->units[first]))
		first++;
	size_t k = j->nkept;
	while (k && j->kept[k - 1].upto > first)
		k--;
	drop_kept_from(j, k);
	if (!k) {
		j->m = rg_model_new();
		*d = j->keep ? rg_diags_new() : j->d;
		*st = RG_OK;
		return 0;
	}
	const kept_load *kl = &j->kept[k - 1];
	if (!j->base) {
		drop_kept_from(j, 0);
		return start_from_kept(j, u, n, d, st);
	}
	rg_model_rollback(j->base, kl->mark);
	j->m = j->base;
	j->base = NULL;
	*d = rg_diags_copy(kl->d);
	*st = kl->st;
	return kl->upto;
}

/* Loads every unit, from the kept state that still holds when keeping. */
static rg_status load_units(rg_job *j)
{
	size_t n;
	unit *u = list_units(j, &n);
	rg_diags *d;
	rg_status st;
	j->files_read = 0;
	if (j->nmaps)
		drop_kept(j); /* a model with mappings is not copied */
	size_t from = start_from_kept(j, u, n, &d, &st), nread = n;
	if (!from) {
		if (j->event_nodes)
			rg_model_set_event_nodes(j->m, j->event_nodes);
		rg_model_on_progress(j->m, on_rows, j);
		for (size_t i = 0; i < j->nmaps; i++) {
			const char *m = j->maps[i];
			rg_status s = m[0] == '=' ? rg_model_map(j->m, m + 1, d)
						  : rg_model_map_columns(j->m, m + 1, d);
			if (s > st)
				st = s;
		}
		/* inputs read without the mapping meant for them would only
		 * add follow-on errors */
		if (st != RG_OK)
			nread = 0;
	}
	for (size_t i = from; i < nread; i++) {
		rg_status s = load_unit(j, &u[i], d);
		if (s > st)
			st = s;
		if (j->keep && u[i].size >= RG_KEEP_BYTES &&
		    (u[i].kind == UNIT_FILE || u[i].kind == UNIT_MEM)) {
			rg_model_mark *mark = rg_model_mark_new(j->m); /* NULL with a mapping */
			if (mark) {
				j->kept = rg_xrealloc(j->kept, (j->nkept + 1) * sizeof *j->kept);
				j->kept[j->nkept++] =
					(kept_load){i + 1, mark, rg_diags_copy(d), st};
			}
		}
	}
	if (nread == n) {
		rg_status mapped = rg_model_map_check(j->m, d);
		if (mapped > st)
			st = mapped;
	}
	free_units(j->units, j->nunits);
	if (j->keep) {
		j->units = u;
		j->nunits = n;
		rg_diags_append(j->d, d);
		rg_diags_free(d);
	} else {
		free_units(u, n);
		j->units = NULL;
		j->nunits = 0;
	}
	return st;
}

static rg_status load(rg_job *j)
{
	rg_status st = load_units(j);
	rg_status fin = j->nkept ? rg_model_finish_kept(j->m, j->kept[j->nkept - 1].mark, j->d)
				 : rg_model_finish(j->m, j->d);
	if (st == RG_OK)
		st = fin;
	if (j->strict && rg_diags_count(j->d, RG_WARNING)) {
		rg_diags_strict(j->d);
		if (st == RG_OK)
			st = RG_EDATA;
	}
	size_t split = rg_model_split_tables(j->m);
	char parts[64] = "";
	if (split)
		snprintf(parts, sizeof parts, " (%zu table%s read in two parts at once)", split,
			 split == 1 ? "" : "s");
	emit(j, RG_EVENT_DONE, RG_STAGE_READ, 0, "%zu entities, %zu relations%s",
	     rg_model_nentities(j->m), rg_model_nrelations(j->m), parts);
	return st;
}

/* Runs one step of the job with out of memory caught: the step's
 * allocations jump back here (util.h), and the job is done for. */
#define GUARDED(j, call)                                                                           \
	do {                                                                                       \
		rg_oom_trap trap_;                                                                 \
		if (setjmp(trap_.env))                                                             \
			return RG_ENOMEM;                                                          \
		rg_oom_enter(&trap_);                                                              \
		rg_status st_ = (call);                                                            \
		rg_oom_leave(&trap_);                                                              \
		return st_;                                                                        \
	} while (0)

static rg_status ensure_loaded(rg_job *j)
{
	if (!j->m)
		j->load_status = load(j);
	return j->load_status;
}

rg_status rg_job_load(rg_job *j)
{
	GUARDED(j, ensure_loaded(j));
}

/* --- transform */

/* The error for a --focus name that finds no entity: the ids of the nodes
 * sharing it as a label, or the closest names. */
static void no_such_focus(rg_job *j, const char *name)
{
	const rg_model *m = j->m;
	rg_buf msg = {0};
	size_t shared = 0;
	for (size_t k = 0; k < rg_model_nentities(m); k++) {
		const rg_entity *e = rg_model_entity(m, k);
		if (e->label && strcmp(rg_model_str(m, e->label), name) == 0)
			rg_buf_printf(&msg, "%s'%s'", shared++ ? ", " : "", rg_model_str(m, e->id));
	}
	if (shared) {
		/* a label several nodes share names none of them */
		char *ids = msg.s;
		msg = (rg_buf){0};
		rg_buf_printf(&msg,
			      "--focus '%s' is the label of %zu nodes: name one by its id (%s)",
			      name, shared, ids);
		free(ids);
	} else {
		const char *near[3];
		size_t n = rg_suggest(m, name, near, 3);
		rg_buf_printf(&msg, "--focus '%s' matches no id or label", name);
		for (size_t k = 0; k < n; k++)
			rg_buf_printf(&msg, "%s'%s'",
				      k ? (k + 1 == n ? " or " : ", ") : "; did you mean ",
				      near[k]);
		if (n)
			rg_buf_puts(&msg, "?");
	}
	rg_error(j->d, NULL, 0, 0, "%s", msg.s);
	free(msg.s);
}

/* The distinct kinds of the model's entities (relations: 0) or relations
 * (1), in order of first use; the caller frees the array, not the names. */
static const char **model_kinds(const rg_model *m, int relations, size_t *n)
{
	size_t total = relations ? rg_model_nrelations(m) : rg_model_nentities(m), nk = 0;
	rg_str *seen = rg_xmalloc((total ? total : 1) * sizeof *seen);
	const char **names = rg_xmalloc((total ? total : 1) * sizeof *names);
	rg_str last = 0;
	for (size_t i = 0; i < total; i++) {
		rg_str k = relations ? rg_model_relation(m, i)->kind : rg_model_entity(m, i)->kind;
		if (k == last)
			continue; /* kinds come in runs: one table after another */
		last = k;
		size_t s = 0;
		while (s < nk && seen[s] != k)
			s++;
		if (s == nk) {
			seen[nk] = k;
			names[nk++] = rg_model_str(m, k);
		}
	}
	free(seen);
	*n = nk;
	return names;
}

/* At most this many kinds are listed in a message. */
#define KINDS_LISTED 12

/* A --only, --hide or --relations value that names no kind of the data
 * matches nothing: a usage error naming the near kinds and all kinds
 * there are.  Returns the number of such values. */
static size_t unknown_kinds(rg_job *j, const char *opt, const char *const *values, size_t nvalues,
			    int relations)
{
	size_t nk, bad = 0;
	if (!nvalues)
		return 0; /* no walk over a million relations for nothing */
	const char **kinds = model_kinds(j->m, relations, &nk);
	for (size_t v = 0; v < nvalues; v++) {
		size_t k = 0;
		while (k < nk && strcmp(kinds[k], values[v]) != 0)
			k++;
		if (k < nk)
			continue;
		bad++;
		size_t at[3];
		const char *near[3];
		size_t nn = rg_nearest(values[v], kinds, nk, at, 3);
		for (size_t i = 0; i < nn; i++)
			near[i] = kinds[at[i]];
		char *dym = rg_did_you_mean(near, nn, NULL);
		rg_buf all = {0};
		rg_buf_puts(&all, nk ? "the data has: " : "the data has none");
		for (size_t i = 0; i < nk && i < KINDS_LISTED; i++)
			rg_buf_printf(&all, "%s%s", i ? ", " : "", kinds[i]);
		if (nk > KINDS_LISTED)
			rg_buf_puts(&all, ", ...");
		rg_error(j->d, NULL, 0, 0, "--%s '%s' matches no kind of %s%s (%s)", opt, values[v],
			 relations ? "relation" : "node", dym, all.s);
		free(dym);
		free(all.s);
	}
	free(kinds);
	return bad;
}

/* The filters in effect, as the user wrote them, for a message. */
static char *filters_text(const rg_filters *f)
{
	rg_buf b = {0};
	char x[11], y[11];
	rg_date_format(f->from, x);
	rg_date_format(f->to, y);
	if (f->from.year && f->to.year && strcmp(x, y) == 0)
		rg_buf_printf(&b, " --at %s", x);
	else {
		if (f->from.year)
			rg_buf_printf(&b, " --from %s", x);
		if (f->to.year)
			rg_buf_printf(&b, " --to %s", y);
	}
	if (f->dated_only)
		rg_buf_puts(&b, " --dated-only");
	const char *const *lists[] = {f->only, f->hide, f->relations};
	const size_t counts[] = {f->nonly, f->nhide, f->nrelations};
	static const char *const names[] = {"only", "hide", "relations"};
	for (int l = 0; l < 3; l++) {
		if (!counts[l])
			continue;
		rg_buf_printf(&b, " --%s ", names[l]);
		for (size_t i = 0; i < counts[l]; i++)
			rg_buf_printf(&b, "%s%s", i ? "," : "", lists[l][i]);
	}
	if (f->min_weight > 0)
		rg_buf_printf(&b, " --min-weight %g", f->min_weight);
	return b.s;
}

/* A view the filters left empty is an error, not a blank picture: data
 * that is there, cut to nothing. */
/* Widens [*lo, *hi] to the dates of w. */
static void widen_dates(rg_span w, rg_date *lo, rg_date *hi)
{
	rg_date a = w.start.year ? w.start : w.end, b = w.end.year ? w.end : w.start;
	if (a.year && (!lo->year || rg_date_cmp_lo(a, *lo) < 0))
		*lo = a;
	if (b.year && (!hi->year || rg_date_cmp_hi(b, *hi) > 0))
		*hi = b;
}

/* Room for " (the data is dated YYYY-MM-DD to YYYY-MM-DD)". */
#define DATES_TEXT 64

/* " (the data is dated 2013 to 2023-11)" after a time window that left
 * nothing, or "" for undated data; into buf, DATES_TEXT bytes. */
static const char *data_dates(const rg_model *m, char *buf)
{
	rg_date lo = {0, 0, 0}, hi = {0, 0, 0};
	for (size_t i = 0; i < rg_model_nrelations(m); i++)
		widen_dates(rg_model_relation(m, i)->when, &lo, &hi);
	for (size_t i = 0; i < rg_model_nentities(m); i++)
		widen_dates(rg_model_entity(m, i)->when, &lo, &hi);
	char a[11], b[11];
	rg_date_format(lo, a);
	rg_date_format(hi, b);
	buf[0] = '\0';
	if (lo.year)
		snprintf(buf, DATES_TEXT, " (the data is dated %s to %s)", a, b);
	return buf;
}

static rg_status nothing_left(rg_job *j)
{
	if (j->v->nnodes || !rg_model_nentities(j->m))
		return RG_OK;
	char *what = filters_text(&j->f);
	if (!what)
		return RG_OK; /* no filter: the data itself is empty */
	char n[32], dates[DATES_TEXT] = "";
	if (j->f.from.year || j->f.to.year)
		data_dates(j->m, dates);
	rg_error(j->d, NULL, 0, 0,
		 "nothing left to draw: none of the %s entities of the data passes%s%s",
		 rg_thousands(rg_model_nentities(j->m), n), what, dates);
	free(what);
	return RG_EDATA;
}

static rg_status select_view(rg_job *j)
{
	const rg_filters *f = &j->f;
	j->focus = rg_xcalloc(f->nfocus ? f->nfocus : 1, sizeof *j->focus);
	rg_status st = RG_OK;
	for (size_t i = 0; i < f->nfocus; i++) {
		j->focus[i] = rg_find_entity(j->m, f->focus[i]);
		if (j->focus[i] == RG_NONE) {
			no_such_focus(j, f->focus[i]);
			st = RG_EUSAGE;
		}
	}
	if (unknown_kinds(j, "only", f->only, f->nonly, 0) +
	    unknown_kinds(j, "hide", f->hide, f->nhide, 0) +
	    unknown_kinds(j, "relations", f->relations, f->nrelations, 1))
		st = RG_EUSAGE;
	if (st != RG_OK)
		return st;
	j->to = (rg_transform_opts){
		.merge = !f->no_merge,
		.from = f->from,
		.to = f->to,
		.dated_only = f->dated_only,
		.only = f->only,
		.nonly = f->nonly,
		.hide = f->hide,
		.nhide = f->nhide,
		.relations = f->relations,
		.nrelations = f->nrelations,
		.min_weight = f->min_weight,
		.focus = j->focus,
		.nfocus = f->nfocus,
		.depth = f->depth,
		.keep_isolated = f->keep_isolated,
	};
	j->v = rg_transform(j->m, &j->to);
	emit(j, RG_EVENT_DONE, RG_STAGE_TRANSFORM, 0, "%zu nodes, %zu edges", j->v->nnodes,
	     j->v->nedges);
	return nothing_left(j);
}

static rg_status ensure_selected(rg_job *j)
{
	rg_status st = ensure_loaded(j);
	if (st != RG_OK)
		return st;
	if (!j->selected) {
		j->selected = 1;
		j->select_status = select_view(j);
	}
	return j->select_status;
}

rg_status rg_job_select(rg_job *j)
{
	GUARDED(j, ensure_selected(j));
}

/* --- build, layout, render */

/* Whether some entity has a value for a --cluster-by or --color-by
 * field (a country is its own country's box). */
static int has_field(const rg_model *m, const char *field)
{
	for (size_t i = 0; i < rg_model_nentities(m); i++) {
		const rg_entity *e = rg_model_entity(m, i);
		if (rg_model_field(m, e, field) ||
		    (rg_strieq(field, "country") && rg_strieq(rg_model_str(m, e->kind), "country")))
			return 1;
	}
	return 0;
}

static int user_rankdir(const rg_look *l)
{
	for (size_t i = 0; i < l->ngset; i++)
		if (strcmp(l->gset[i].name, "rankdir") == 0)
			return 1;
	return 0;
}

/* What every drawing of the job shares: the warnings about the look, the
 * build options and the document's title and description. */
static const rg_page *job_page(const rg_job *j);

/* What a --focus view is: "within 1 step of A", "within 2 steps of A and
 * B", "only A" (--depth 0); NULL without --focus. */
static char *focus_caption(const rg_job *j)
{
	size_t n = j->f.nfocus;
	if (!n || !j->focus)
		return NULL;
	rg_buf b = {0};
	if (j->f.depth > 0)
		rg_buf_printf(&b, "within %d %s of ", j->f.depth,
			      plural(j->f.depth, "step", "steps"));
	else
		rg_buf_puts(&b, "only ");
	for (size_t i = 0; i < n; i++) {
		const rg_entity *en = rg_model_entity(j->m, j->focus[i]);
		if (i)
			rg_buf_puts(&b, i + 1 == n ? " and " : ", ");
		rg_buf_puts(&b, rg_model_str(j->m, en->label ? en->label : en->id));
	}
	return b.s;
}

/* "; did you mean 'country'?" for a --cluster-by or --color-by field no
 * node has: the near ones among the fields nodes have (kind, country,
 * group and their columns); "" for none.  The caller frees it. */
static char *near_field(const rg_model *m, const char *field)
{
	size_t n = 0, nseen = 0, cap = 16;
	const char **keys = rg_xmalloc((cap + 3) * sizeof *keys);
	rg_str *seen = rg_xmalloc(cap * sizeof *seen);
	keys[n++] = "kind";
	keys[n++] = "country";
	keys[n++] = "group";
	for (size_t i = 0; i < rg_model_nentities(m); i++) {
		const rg_entity *e = rg_model_entity(m, i);
		for (uint32_t a = e->attr0; a < e->attr0 + e->nattr; a++) {
			rg_str k = rg_model_attrs(m)[a].key;
			size_t s = 0;
			while (s < nseen && seen[s] != k)
				s++;
			if (s == nseen) {
				if (nseen == cap) {
					cap *= 2;
					keys = rg_xrealloc(keys, (cap + 3) * sizeof *keys);
					seen = rg_xrealloc(seen, cap * sizeof *seen);
				}
				seen[nseen++] = k;
				keys[n++] = rg_model_str(m, k);
			}
		}
	}
	size_t at[3];
	const char *near[3];
	size_t k = rg_nearest(field, keys, n, at, 3);
	for (size_t i = 0; i < k; i++)
		near[i] = keys[at[i]];
	char *dym = rg_did_you_mean(near, k, NULL);
	free(seen);
	free(keys);
	return dym;
}

static rg_build_opts prepare(rg_job *j, const rg_view *v, int frames, const char *caption)
{
	const rg_look *l = &j->look;
	if (l->cluster_by && !has_field(j->m, l->cluster_by)) {
		char *dym = near_field(j->m, l->cluster_by);
		rg_warn(j->d, NULL, 0, 0,
			"--cluster-by '%s': no node has this field, so no boxes%s", l->cluster_by,
			dym);
		free(dym);
	}
	if (l->color_by == RG_COLOR_FIELD && !has_field(j->m, l->color_field)) {
		char *dym = near_field(j->m, l->color_field);
		rg_warn(j->d, NULL, 0, 0,
			"--color-by '%s': no node has this field, so one colour%s", l->color_field,
			dym);
		free(dym);
	}
	if ((v->nnodes > RG_HUGE_NODES || v->nedges > RG_HUGE_EDGES) && !frames) {
		char nn[32], ne[32];
		emit(j, RG_EVENT_ADVICE, RG_STAGE_LAYOUT, 0,
		     "drawing %s nodes and %s edges: the layout takes long and the picture will "
		     "be hard to read; --focus ID --depth 1, --min-weight N, --from/--to or --only "
		     "KIND cut it down",
		     rg_thousands(v->nnodes, nn), rg_thousands(v->nedges, ne));
	}
	free(j->title);
	free(j->desc);
	j->title = rg_xstrdup(l->title ? l->title : rg_job_name(j));
	j->desc = rg_build_describe(j->m, v);
	if (caption) {
		char *d = rg_asprintf("%s It shows %s.", j->desc, caption);
		free(j->desc);
		j->desc = d;
	}
	const rg_page *page = job_page(j);
	rg_doc doc = {.title = j->title,
		      .desc = j->desc,
		      .width = l->width,
		      .height = l->height,
		      .dpi = l->dpi,
		      .page_width = page->width,
		      .page_height = page->height};
	rg_render_set_doc(j->r, &doc);
	free(j->view_caption);
	j->view_caption = focus_caption(j);
	return (rg_build_opts){
		.name = rg_job_name(j),
		.focus = j->focus,
		.nfocus = j->focus ? j->f.nfocus : 0,
		.view_caption = j->view_caption,
		.title = l->title,
		.legend = !l->no_legend,
		.edge_labels = l->edge_labels,
		.cluster_by = l->cluster_by,
		.gset = l->gset,
		.nset = l->nset,
		.eset = l->eset,
		.ngset = l->ngset,
		.nnset = l->nnset,
		.neset = l->neset,
	};
}

static const char *engine_asked(const rg_job *j);

static const rg_page *job_page(const rg_job *j)
{
	const rg_page *p = j->look.page ? rg_page_named(j->look.page) : NULL;
	return p ? p : rg_page_named("column");
}

/* Whether the drawing is emphasised (emphasis.h): -K auto, no boxes, and
 * a graph without kinds, or too big for the theme's drawing by kind. */
static int emphasised(const rg_job *j)
{
	const rg_view *v = j->v;
	if (strcmp(engine_asked(j), "auto") != 0 || j->look.cluster_by)
		return 0;
	return !rg_view_has_kinds(j->m, v) || v->nnodes > job_page(j)->summary ||
	       v->nnodes + v->nedges > RG_AUTO_DOT_MAX;
}

/* How many entities the emphasised drawing of the selected view keeps,
 * 0 for all of them. */
static size_t summary_size(const rg_job *j)
{
	size_t keep = job_page(j)->summary;
	return emphasised(j) && !j->look.all && j->v->nnodes > keep ? keep : 0;
}

size_t rg_job_summary(rg_job *j)
{
	return ensure_selected(j) == RG_OK ? summary_size(j) : 0;
}

/* What the drawing stresses, and the view it draws: v, or v's most
 * important nodes when v is too big for the page (unless --all says
 * otherwise); NULL emphasis for the theme's drawing by kind, or only
 * the colours --color-by asks for.  *top: the summary's view, which the
 * caller frees. */
static rg_status emphasis_of(rg_job *j, rg_emphasis **em, rg_view **top, char **caption)
{
	const rg_look *l = &j->look;
	int full = emphasised(j);
	*em = NULL;
	*top = NULL;
	*caption = NULL;
	if (!full && l->color_by == RG_COLOR_AUTO)
		return RG_OK;
	rg_measures *ms = rg_measures_compute(j->v, j->d);
	if (!ms)
		return RG_ESYS;
	const rg_view *v = j->v;
	size_t keep = summary_size(j);
	if (keep) {
		uint32_t *rank = rg_measures_rank(ms);
		*top = rg_view_top(j->m, v, rank, keep);
		free(rank);
		/* a summary's ties: the strongest, as many as can be told apart */
		rg_view *ties =
			rg_view_strongest(j->m, *top, (size_t)(RG_SUMMARY_TIES * (*top)->nnodes));
		char a[32], b[32], c[32];
		if (ties) {
			*caption = rg_asprintf("the %s most important of %s entities and their %s "
					       "strongest ties; --all draws every one",
					       rg_thousands(ties->nnodes, a),
					       rg_thousands(v->nnodes, b),
					       rg_thousands(ties->nedges, c));
			rg_view_free(*top);
			*top = ties;
		} else {
			*caption = rg_asprintf("the %s most important of %s entities; --all draws "
					       "every one",
					       rg_thousands((*top)->nnodes, a),
					       rg_thousands(v->nnodes, b));
		}
		emit(j, RG_EVENT_NOTE, RG_STAGE_TRANSFORM, 0, "summarised: drawing %s", *caption);
		v = *top;
	}
	*em = rg_emphasis_new(j->m, v, ms, j->v->nodes, l->color_by, l->color_field, full);
	rg_measures_free(ms);
	if (*caption) {
		char *c = rg_asprintf("Showing %s", *caption);
		rg_emphasis_caption(*em, c);
		free(c);
	}
	return RG_OK;
}

static const char *engine_asked(const rg_job *j)
{
	return j->look.engine ? j->look.engine : "auto";
}

static void on_layout_start(void *ctx, const char *engine)
{
	rg_job *j = ctx;
	char nn[32], ne[32];
	size_t n = j->v->nnodes, e = j->v->nedges;
	emit(j, RG_EVENT_PROGRESS, RG_STAGE_LAYOUT, n + e > 2000,
	     "laying out %s %s and %s %s with %s", rg_thousands(n, nn), plural(n, "node", "nodes"),
	     rg_thousands(e, ne), plural(e, "edge", "edges"), engine);
}

static void on_built(void *ctx, Agraph_t *g)
{
	emit(ctx, RG_EVENT_DONE, RG_STAGE_BUILD, 0, "cgraph graph of %d nodes, %d edges",
	     agnnodes(g), agnedges(g));
}

/* Names with characters that no installed font draws, in the formats
 * relgraph draws text in itself (bitmaps, PDF, PostScript: a browser finds
 * its own fonts for SVG): one warning each, with the script and the fonts
 * to install, up to GLYPH_WARNINGS names. */
#define GLYPH_WARNINGS 5

static int draws_text(const char *format)
{
	return rg_render_is_bitmap(format) || strncmp(format, "pdf", 3) == 0 ||
	       strncmp(format, "ps", 2) == 0 || strncmp(format, "eps", 3) == 0;
}

/* The warnings for the first of n formats that draws its own text, if
 * any (formats[i], or outs[i].format when formats is NULL). */
static void warn_glyphs(rg_job *j, const rg_view *v, const char *const *formats,
			const rg_output *outs, size_t n)
{
	const char *format = NULL;
	for (size_t i = 0; i < n && !format; i++) {
		const char *f = formats ? formats[i] : outs[i].format;
		if (draws_text(f))
			format = f;
	}
	if (!format)
		return;
	if (!j->glyphs_read) {
		j->glyphs = rg_glyphs_new();
		j->glyphs_read = 1;
	}
	if (!j->glyphs)
		return;
	size_t warned = 0, more = 0;
	for (size_t i = 0; i < v->nnodes; i++) {
		const rg_entity *en = rg_model_entity(j->m, v->nodes[i]);
		const char *name = rg_model_str(j->m, en->label ? en->label : en->id);
		uint32_t c = rg_glyphs_missing(j->glyphs, name);
		if (!c)
			continue;
		if (warned == GLYPH_WARNINGS) {
			more++;
			continue;
		}
		warned++;
		const char *package, *script = rg_glyphs_script(c, &package);
		const char *file = rg_model_file(j->m, en->where.file);
		if (package)
			rg_warn(j->d, file, en->where.line, en->where.col,
				"'%.80s' has %s characters (U+%04X) that no installed font draws: "
				"they come out as empty boxes in %s; install fonts for %s (Debian: "
				"%s)",
				name, script, (unsigned)c, format, script, package);
		else
			rg_warn(j->d, file, en->where.line, en->where.col,
				"'%.80s' has %s (U+%04X) that no font draws: it comes out as an "
				"empty box in %s; write the name without it",
				name, script, (unsigned)c, format);
	}
	if (more)
		rg_warn(j->d, NULL, 0, 0, "%zu more %s with characters no installed font draws",
			more, plural(more, "name", "names"));
}

/* Renders outs when some are DOT: dot's layout adds to the graph (edges
 * into clusters, its bounding box), so DOT output is of a fresh, unlaid
 * graph, in the direction the layout chose; the others are drawn from
 * *g as laid out (on pinned places, it may be no layout a fresh graph
 * gets again).  All written or none; *g is replaced. */
static rg_status render_with_dot(rg_job *j, const rg_view *v, const rg_layout_info *info,
				 Agraph_t **g, const rg_output *outs, size_t n)
{
	rg_output *dots = rg_xmalloc(n * sizeof *dots), *rest = rg_xmalloc(n * sizeof *rest);
	size_t ndots = 0, nrest = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(outs[i].format, "dot") == 0)
			dots[ndots++] = outs[i];
		else
			rest[nrest++] = outs[i];
	}
	rg_status st = nrest ? rg_render_stage(j->r, *g, info->render, rest, nrest, j->d) : RG_OK;
	rg_render_free_layout(j->r);
	agclose(*g);
	*g = rg_build(j->m, v, &info->bo);
	if (st == RG_OK)
		st = rg_render_stage(j->r, *g, info->render, dots, ndots, j->d);
	if (st == RG_OK)
		st = rg_render_commit(j->r, j->d);
	else
		rg_render_abort(j->r);
	free(dots);
	free(rest);
	return st;
}

static rg_status draw(rg_job *j, const rg_output *outs, size_t n)
{
	rg_status st = ensure_render(j);
	if (st != RG_OK || (st = ensure_selected(j)) != RG_OK)
		return st;
	rg_emphasis *em;
	rg_view *top;
	char *caption;
	if ((st = emphasis_of(j, &em, &top, &caption)) != RG_OK)
		return st;
	const rg_view *v = top ? top : j->v;
	rg_build_opts bo = prepare(j, v, 0, caption);
	bo.emphasis = em;
	warn_glyphs(j, v, NULL, outs, n);
	int only_dot = 1, any_dot = 0;
	for (size_t i = 0; i < n; i++) {
		int dot = strcmp(outs[i].format, "dot") == 0;
		only_dot &= dot;
		any_dot |= dot;
	}
	const char *asked = engine_asked(j);
	int is_auto = strcmp(asked, "auto") == 0;
	rg_layout_opts lo = {.engine = asked,
			     .keep_rankdir = user_rankdir(&j->look),
			     .no_layout = only_dot,
			     .on_built = on_built,
			     .ctx = j,
			     .on_start = only_dot ? NULL : on_layout_start,
			     .emphasis = em && em->size ? em : NULL,
			     .page = job_page(j),
			     .memory = j->memory};
	rg_memory_free(j->last);
	j->last = NULL;
	/* no places to remember from a graph not laid out */
	rg_memory *remember = j->keep_memory && !only_dot ? rg_memory_new() : NULL;
	lo.remember = remember;
	rg_layout_info info;
	Agraph_t *g = rg_layout(j->r, j->m, v, &bo, &lo, &info, j->d);
	if (!g) {
		st = RG_ESYS;
		goto out;
	}
	if (info.apart)
		emit(j, RG_EVENT_DONE, RG_STAGE_LAYOUT, 0,
		     "auto: %s, %zu nodes alone or in pairs set out in rows", info.engine,
		     info.apart);
	else if (lo.emphasis && !only_dot)
		emit(j, RG_EVENT_DONE, RG_STAGE_LAYOUT, 0,
		     "auto: %s, %zu of %zu labels readable on a %s (scale %.2f)", info.engine,
		     info.labels, v->nnodes, job_page(j)->name, info.scale);
	else if (!only_dot)
		emit(j, RG_EVENT_DONE, RG_STAGE_LAYOUT, 0, "%s%s%s", is_auto ? "auto: " : "",
		     info.engine, info.bo.rankdir ? ", left to right" : "");
	emit(j, RG_EVENT_PROGRESS, RG_STAGE_RENDER, 0, "writing %s%s", n ? outs[0].format : "",
	     n > 1 ? " and more" : "");
	if (any_dot && !info.apart)
		st = render_with_dot(j, v, &info, &g, outs, n);
	else
		st = rg_render_outputs(j->r, g, info.render, outs, n, j->d);
	emit(j, RG_EVENT_DONE, RG_STAGE_RENDER, 0, "%zu %s", n, plural(n, "output", "outputs"));
	agclose(g);
	if (st == RG_OK) {
		j->last = remember;
		remember = NULL;
	}
out:
	rg_memory_free(remember);
	/* the document's strings are the job's: the context forgets them */
	rg_render_set_doc(j->r, NULL);
	rg_emphasis_free(em);
	rg_view_free(top);
	free(caption);
	return st;
}

rg_status rg_job_draw(rg_job *j, const rg_output *outs, size_t n)
{
	GUARDED(j, draw(j, outs, n));
}

static rg_status draw_frames(rg_job *j, const rg_frames_spec *fs, const char *const *formats,
			     size_t nformats, rg_frame_path path, void *ctx)
{
	rg_status st = ensure_render(j);
	if (st != RG_OK || (st = ensure_selected(j)) != RG_OK)
		return st;
	rg_build_opts bo = prepare(j, j->v, 1, NULL);
	warn_glyphs(j, j->v, formats, NULL, nformats);
	size_t nslices, max = fs->max ? fs->max : RG_FRAMES_DEFAULT_MAX;
	rg_slice *slices = rg_frames_slices(j->v, fs->by, fs->list, fs->nlist, j->to.from, j->to.to,
					    max, &nslices);
	if (!nslices) {
		rg_error(j->d, NULL, 0, 0, "--frames: nothing in the input is dated%s",
			 j->to.from.year || j->to.to.year ? " inside --from/--to" : "");
		st = RG_EDATA;
	} else if (!slices) {
		/* a series this long is asked for, not made by mistake */
		if (nslices <= RG_MAX_FRAMES)
			rg_error(
				j->d, NULL, 0, 0,
				"--frames makes %zu frames, more than %zu: --max-frames %zu writes "
				"them all, --from/--to writes fewer",
				nslices, max, nslices);
		else
			rg_error(j->d, NULL, 0, 0,
				 "--frames makes %zu frames, more than %d ever made: --from/--to "
				 "writes fewer",
				 nslices, RG_MAX_FRAMES);
		st = RG_EUSAGE;
	} else {
		/* the union of the slices is laid out once, with the engine
		 * -K auto would choose for it */
		rg_auto choice = rg_layout_choose(j->v, engine_asked(j), j->look.cluster_by, j->d);
		bo.engine = choice.engine;
		bo.large = choice.large;
		st = rg_frames_render(j->r, j->m, &j->to, &bo, choice.engine, job_page(j),
				      user_rankdir(&j->look), slices, nslices, formats, nformats,
				      fs->delay > 0 ? fs->delay : 1, path, ctx, j->d);
		if (st == RG_OK)
			emit(j, RG_EVENT_NOTE, RG_STAGE_RENDER, 0, "%zu frames from %s to %s",
			     nslices, slices[0].label, slices[nslices - 1].label);
	}
	free(slices);
	rg_render_set_doc(j->r, NULL);
	return st;
}

rg_status rg_job_draw_frames(rg_job *j, const rg_frames_spec *fs, const char *const *formats,
			     size_t nformats, rg_frame_path path, void *ctx)
{
	GUARDED(j, draw_frames(j, fs, formats, nformats, path, ctx));
}
