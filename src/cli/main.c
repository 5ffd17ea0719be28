/* main.c: the relgraph command.  It speaks to the user and to nothing
 * else: it collects the options (options.c), hands the run to a job of
 * the library (relgraph/pipeline.h), prints the diagnostics, progress and
 * -v's stage lines, and chooses the exit code.  It stands to the library
 * as lua.c stands to lua.h. */
#include <csv.h>
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "outputs.h"
#include "relgraph.h"
#include "serve.h"
#include "util.h"
#include "watch.h"

#define DIAG_LIMIT 50

/* Exit codes: 0 ok, 1 bad data, 2 bad usage, 3 system or render failure
 * (running out of memory among them). */
static int exit_code(rg_status st)
{
	switch (st) {
	case RG_OK: return 0;
	case RG_EDATA: return 1;
	case RG_EUSAGE: return 2;
	case RG_ESYS:
	case RG_ENOMEM: return 3;
	}
	return 3;
}

/* The command's own allocations have nothing to fall back on (a job's
 * are caught by the job: RG_ENOMEM). */
static _Noreturn void out_of_memory(void)
{
	fputs("relgraph: error: out of memory\n", stderr);
	exit(exit_code(RG_ENOMEM));
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* --- what the user sees while a job runs: progress on a terminal, -v's
 * stage lines, advice */

/* A run that takes over a second says what it is doing on one line of
 * stderr, rewritten in place and cleared before anything else is
 * printed; nothing when stderr is not a terminal, with -q, or in watch
 * (its status lines say enough). */
static struct {
	const struct options *o;
	int on, shown;
	double start, last, after, stage;
} ui;

static void ui_start(const struct options *o)
{
	ui.o = o;
	ui.on = !o->quiet && o->cmd != CMD_WATCH && isatty(STDERR_FILENO);
	ui.shown = 0;
	/* after how many seconds progress shows: 1, or (for tests) what
	 * RELGRAPH_PROGRESS_AFTER says */
	const char *after = getenv("RELGRAPH_PROGRESS_AFTER");
	ui.after = after && *after ? atof(after) : 1;
	ui.start = ui.stage = now();
	ui.last = 0;
}

static void ui_clear(void)
{
	if (ui.shown)
		fputs("\r\033[K", stderr);
	ui.shown = 0;
}

static void ui_progress(const rg_event *ev)
{
	double t = now();
	if (!ui.on || (!ev->slow && (t - ui.start < ui.after || t - ui.last < 0.1)))
		return;
	fprintf(stderr, "\r\033[Krelgraph: %s", ev->text);
	fflush(stderr);
	ui.shown = 1;
	ui.last = t;
}

static void on_event(void *ctx, const rg_event *ev)
{
	static const char *const stages[] = {"read", "transform", "build", "layout", "render"};
	(void)ctx;
	const struct options *o = ui.o;
	switch (ev->kind) {
	case RG_EVENT_PROGRESS: ui_progress(ev); break;
	case RG_EVENT_DONE: {
		double t = now();
		if (o->verbose) {
			ui_clear();
			struct rusage ru;
			getrusage(RUSAGE_SELF, &ru);
			fprintf(stderr, "relgraph: %-9s %8.3f s %7.1f MB peak  %s\n",
				stages[ev->stage], t - ui.stage, ru.ru_maxrss / 1024.0, ev->text);
		}
		ui.stage = t;
		break;
	}
	case RG_EVENT_NOTE:
		if (o->verbose) {
			ui_clear();
			fprintf(stderr, "relgraph: %s\n", ev->text);
		}
		break;
	case RG_EVENT_ADVICE:
		/* not a problem of the data: --strict leaves it alone */
		if (!o->quiet) {
			ui_clear();
			fprintf(stderr, "relgraph: warning: %s\n", ev->text);
		}
		break;
	}
}

/* The diagnostics of a run.  A drawing, stats and each redraw of watch
 * show the warnings that only check lists (names declared in no node
 * table, repeated rows, ...) as one line that counts them; -v shows them
 * all, as check does. */
static void print_diags(const rg_diags *d, const struct options *o)
{
	if (o->quiet && !rg_diags_count(d, RG_ERROR))
		return;
	fflush(stdout);
	int all = o->cmd == CMD_CHECK || o->verbose;
	rg_diags_print(d, stderr, all, DIAG_LIMIT);
	char *summary = all || o->quiet ? NULL : rg_diags_summary(d);
	if (summary)
		fprintf(stderr, "relgraph: %s; run 'relgraph check' or add -v to see them\n",
			summary);
	free(summary);
}

/* --- one run of the pipeline */

/* A job set up from the options. */
static rg_job *new_job(const struct options *o, rg_diags *d)
{
	rg_job *j = rg_job_new(d);
	if (!j)
		out_of_memory();
	for (size_t i = 0; i < o->ninputs; i++)
		rg_job_add_input(j, o->inputs[i]);
	for (size_t i = 0; i < o->nmaps; i++) {
		if (o->map_kind[i] == '=')
			rg_job_add_map(j, o->maps[i]);
		else
			rg_job_add_columns(j, o->maps[i]);
	}
	rg_filters f = {
		.from = o->from,
		.to = o->to,
		.dated_only = o->dated_only,
		.only = (const char *const *)o->only,
		.nonly = o->nonly,
		.hide = (const char *const *)o->hide,
		.nhide = o->nhide,
		.relations = (const char *const *)o->relations,
		.nrelations = o->nrelations,
		.min_weight = o->min_weight,
		.focus = o->focus,
		.nfocus = o->nfocus,
		.depth = o->depth,
		.no_merge = o->no_merge,
		.keep_isolated = o->keep_isolated,
	};
	rg_look l = {
		.title = o->title,
		.engine = o->engine,
		.no_legend = o->no_legend,
		.edge_labels = o->labels,
		.cluster_by = o->cluster_by,
		.page = o->page,
		.all = o->all,
		.color_by = (rg_color_by)o->color_by,
		.color_field = o->color_field,
		.gset = o->gset,
		.nset = o->nset,
		.eset = o->eset,
		.ngset = o->ngset,
		.nnset = o->nnset,
		.neset = o->neset,
		.width = o->width,
		.height = o->height,
		.dpi = o->dpi,
	};
	rg_job_set_filters(j, &f);
	rg_job_set_look(j, &l);
	rg_job_set_strict(j, o->strict);
	rg_job_set_event_nodes(j, (unsigned)o->event_nodes);
	rg_job_on_event(j, on_event, NULL);
	return j;
}

/* In memory as well as in the files: watch --serve's page shows it. */
typedef struct {
	int want;
	char *svg;
	size_t len;
	/* the layout memory: laid out afresh (--fresh, watch's first
	 * drawing only); watch without files keeps the last drawing's places
	 * in *last, NULL elsewhere */
	int fresh;
	rg_memory **last;
} kept_svg;

/* The places the drawing starts from: the memory file's (a damaged one
 * is warned about and ignored), or watch's last drawing's. */
static rg_memory *memory_start(const struct options *o, const char *path, const kept_svg *keep,
			       rg_diags *d)
{
	if (keep->fresh || o->no_memory)
		return NULL;
	if (path)
		return rg_memory_load(path, d);
	if (keep->last && *keep->last) {
		rg_memory *mem = rg_memory_new();
		rg_memory_copy(mem, *keep->last);
		return mem;
	}
	return NULL;
}

/* Keeps the places of the drawing just made, after its outputs: in the
 * memory file (atomically), or for watch's next drawing. */
static rg_status memory_keep(rg_job *j, const char *path, const kept_svg *keep, rg_diags *d)
{
	const rg_memory *mem = rg_job_memory(j);
	if (!mem)
		return RG_OK;
	if (path)
		return rg_memory_save(mem, path, d);
	if (keep->last) {
		if (!*keep->last)
			*keep->last = rg_memory_new();
		rg_memory_copy(*keep->last, mem);
	}
	return RG_OK;
}

/* Draws (the outputs -o or -O name, and the kept SVG if wanted), then
 * writes -M's rule. */
static rg_status draw(const struct options *o, rg_job *j, rg_diags *d, kept_svg *keep)
{
	rg_output outs[MAX_FORMATS + 1] = {{0}};
	char *paths[MAX_FORMATS] = {0};
	size_t n = 0;
	/* with --serve and no -o or -O, the page is the only output */
	int files = !(o->cmd == CMD_WATCH && !o->output && !o->auto_name);
	if (keep->want)
		outs[n++] = (rg_output){.format = "svg", .data = &keep->svg, .len = &keep->len};
	for (size_t i = 0; files && i < o->nformats; i++) {
		paths[i] = outputs_path(o, rg_job_name(j), o->formats[i]);
		outs[n++] = (rg_output){.format = o->formats[i], .path = paths[i]};
	}
	char *mpath = files ? outputs_memory_path(o, rg_job_name(j)) : NULL;
	rg_memory *start = memory_start(o, mpath, keep, d);
	rg_job_set_memory(j, start, mpath || (keep->last && !o->no_memory));
	rg_status st = rg_job_draw(j, outs, n);
	if (st == RG_OK)
		st = memory_keep(j, mpath, keep, d);
	rg_job_set_memory(j, NULL, 0);
	rg_memory_free(start);
	free(mpath);
	if (st == RG_OK && o->depfile)
		st = outputs_depfile(o->depfile, rg_job_model(j), paths, o->nformats, o->inputs,
				     o->ninputs, d);
	for (size_t i = 0; i < MAX_FORMATS; i++)
		free(paths[i]);
	return st;
}

/* The pipeline once, for the command: check and stats stop after the
 * filters; a drawing goes on to its files. */
static rg_status run_once(const struct options *o, rg_job *j, rg_diags *d, kept_svg *keep)
{
	rg_status st;
	ui_start(o);
	/* folders are made once the data is known good: a failed run leaves
	 * none behind */
	if ((st = rg_job_select(j)) != RG_OK)
		return st;
	if (o->cmd != CMD_CHECK && (st = outputs_prepare(o, d)) != RG_OK)
		return st;
	if (o->cmd == CMD_CHECK) {
		/* no silent cuts: say what a drawing would leave out */
		size_t shown = rg_job_summary(j);
		if (shown) {
			char a[32], b[32];
			rg_diag_add(d, RG_NOTE, 0, NULL, 0, 0,
				    "a drawing shows the %s most important of %s entities, as "
				    "many as its page can (--all draws every one)",
				    rg_thousands(shown, a),
				    rg_thousands(rg_job_view(j)->nnodes, b));
		}
		return st;
	}
	if (o->cmd == CMD_STATS) {
		int csv = strcmp(o->formats[0], "csv") == 0;
		char *report = rg_stats(rg_job_model(j), rg_job_view(j),
					csv ? RG_STATS_CSV : RG_STATS_TABLE, csv ? 0 : 20);
		st = rg_write_file(o->output, report, strlen(report), d);
		free(report);
		return st;
	}
	if (o->frames) {
		rg_frames_spec fs = {(rg_frames_by)(o->frames - 1), o->frame_dates, o->nframe_dates,
				     (size_t)o->max_frames, o->delay};
		struct frame_naming nm = {o, rg_job_name(j)};
		return rg_job_draw_frames(j, &fs, o->formats, o->nformats, outputs_frame_path, &nm);
	}
	return draw(o, j, d, keep);
}

/* check's last line: what was read and what is wrong with it. */
static void print_summary(rg_job *j, const rg_diags *d)
{
	const rg_model *m = rg_job_model(j);
	const rg_view *v = rg_job_view(j);
	size_t ne = rg_model_nentities(m), nr = rg_model_nrelations(m);
	size_t err = rg_diags_count(d, RG_ERROR), warn = rg_diags_count(d, RG_WARNING);
	printf("%zu %s, %zu %s", ne, plural(ne, "entity", "entities"), nr,
	       plural(nr, "relation", "relations"));
	if (v)
		printf(" (%zu %s drawn)", v->nedges, plural(v->nedges, "edge", "edges"));
	printf(": %zu %s, %zu %s\n", err, plural(err, "error", "errors"), warn,
	       plural(warn, "warning", "warnings"));
}

/* --- watch */

/* Set while watching: a signal then ends the watch as a success. */
static volatile sig_atomic_t watching;

/* The local time of day, for watch's status lines. */
static void clock_text(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, size, "%H:%M:%S", &tm);
}

/* Where a run of watch writes, for its status line. */
static char *outputs_text(const struct options *o, rg_job *j)
{
	if (o->output)
		return rg_xstrdup(o->output);
	rg_buf b = {0};
	for (size_t i = 0; i < o->nformats; i++)
		rg_buf_printf(&b, "%s%s%s%s%s.%.*s", i ? " " : "", o->outdir ? o->outdir : "",
			      o->outdir ? "/" : "", rg_job_name(j),
			      o->frames && !rg_frames_one_file(o->formats[i]) ? "-*" : "",
			      (int)strcspn(o->formats[i], ":"), o->formats[i]);
	return b.s;
}

/* One drawing of watch: the diagnostics, one status line, and the news
 * for the page when serving.  *drawn_once: some drawing succeeded, so
 * its outputs exist. */
static void watch_once(const struct options *o, rg_job *j, rg_server *srv, int *drawn_once,
		       rg_memory **last)
{
	rg_diags *d = rg_diags_new();
	rg_diags *job_d = rg_job_set_diags(j, d);
	/* --fresh: the first drawing; each next one starts from the last */
	kept_svg keep = {.want = srv != NULL, .fresh = o->fresh && !*drawn_once, .last = last};
	double t0 = now();
	rg_job_reset(j);
	rg_status st = run_once(o, j, d, &keep);
	double ms = (now() - t0) * 1000;
	if (st != RG_OK && !rg_diags_count(d, RG_ERROR))
		rg_error(d, NULL, 0, 0, "%s", rg_strerror(st));
	char clock[16];
	clock_text(clock, sizeof clock);
	char *where = srv && !o->output && !o->auto_name ? rg_xstrdup(rg_serve_url(srv))
							 : outputs_text(o, j);
	print_diags(d, o);
	size_t errors = rg_diags_count(d, RG_ERROR);
	const rg_view *v = rg_job_view(j);
	size_t nn = v ? v->nnodes : 0, ne = v ? v->nedges : 0;
	if (!errors) {
		if (!o->quiet)
			fprintf(stderr, "relgraph: %s %s: %zu %s, %zu %s (%.0f ms)\n", clock, where,
				nn, plural(nn, "node", "nodes"), ne, plural(ne, "edge", "edges"),
				ms);
		if (srv && keep.svg)
			rg_serve_image(srv, keep.svg, keep.len, rg_job_title(j), rg_job_desc(j));
		*drawn_once = 1;
	} else {
		if (*drawn_once)
			fprintf(stderr, "relgraph: %s %zu %s: %s kept as it was (%.0f ms)\n", clock,
				errors, plural(errors, "error", "errors"), where, ms);
		else
			fprintf(stderr, "relgraph: %s %zu %s: nothing drawn yet (%.0f ms)\n", clock,
				errors, plural(errors, "error", "errors"), ms);
		if (srv) {
			char *text = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&text, &len);
			if (f) {
				rg_diags_print(d, f, 0, DIAG_LIMIT);
				fclose(f);
				rg_serve_problem(srv, text);
				free(text);
			}
		}
	}
	fflush(stderr);
	free(where);
	free(keep.svg);
	rg_job_set_diags(j, job_d);
	rg_diags_free(d);
}

/* relgraph watch: draw, then draw again whenever an input's CSV files
 * change, until a signal.  Bad data is reported and the last good
 * outputs stay; only a failure to watch at all ends it. */
static rg_status watch(const struct options *o, rg_job *j, rg_diags *d)
{
	/* an input that does not exist is a usage error, as without watch */
	for (size_t i = 0; i < o->ninputs; i++) {
		struct stat sb;
		if (stat(o->inputs[i], &sb) != 0) {
			rg_error(d, o->inputs[i], 0, 0, "cannot read: %s", strerror(errno));
			return errno == ENOENT ? RG_EUSAGE : RG_ESYS;
		}
	}
	rg_watch *w = rg_watch_new(o->inputs, o->ninputs, d);
	if (!w)
		return RG_ESYS;
	rg_server *srv = NULL;
	if (o->serve && !(srv = rg_serve_new(o->serve_addr, d))) {
		rg_watch_free(w);
		return RG_ESYS;
	}
	watching = 1;
	/* a save of one small table re-reads only what it changes */
	rg_job_keep_loaded(j, 1);
	if (srv) {
		const char *a = o->serve_addr ? o->serve_addr : "";
		fprintf(stderr, "relgraph: serving %s%s\n", rg_serve_url(srv),
			strncmp(a, "0.0.0.0:", 8) == 0 || strncmp(a, "[::]:", 5) == 0
				? " (on every address of this machine)"
				: "");
	}
	if (!o->quiet) {
		fputs("relgraph: watching", stderr);
		for (size_t i = 0; i < o->ninputs; i++)
			fprintf(stderr, " %s", o->inputs[i]);
		fputs(" (Ctrl-C to stop)\n", stderr);
	}
	int drawn_once = 0;
	rg_memory *last = NULL; /* the places of the last drawing */
	watch_once(o, j, srv, &drawn_once, &last);
	struct pollfd fds[1 + RG_SERVE_MAX_FDS];
	for (;;) {
		int due = rg_watch_due(w, now());
		if (due == 0) {
			rg_watch_taken(w);
			watch_once(o, j, srv, &drawn_once, &last);
			continue;
		}
		fds[0] = (struct pollfd){rg_watch_fd(w), POLLIN, 0};
		size_t ns = srv ? rg_serve_fds(srv, fds + 1) : 0;
		if (poll(fds, 1 + ns, due) < 0 && errno != EINTR) {
			rg_error(d, NULL, 0, 0, "cannot wait for changes: %s", strerror(errno));
			break;
		}
		if (fds[0].revents & POLLIN)
			rg_watch_read(w, now());
		if (srv)
			rg_serve_handle(srv, fds + 1, ns);
	}
	watching = 0;
	rg_memory_free(last);
	rg_serve_free(srv);
	rg_watch_free(w);
	return RG_ESYS;
}

/* --- the command */

/* What the options ask of Graphviz: an engine and formats it has, and
 * no bitmap to a terminal.  -o x.foo with no -T and no format foo writes
 * SVG, with a warning. */
/* Names of one format: a -T value or an extension is read as the first
 * ("jpeg" is jpg, "htm" html, "gv" dot). */
static const char *const format_aliases[][2] = {
	{"jpg", "jpeg"}, {"jpg", "jpe"}, {"html", "htm"}, {"dot", "gv"}, {"tiff", "tif"},
};

/* format (up to its ':' renderer, lower case) as its first name, in buf. */
static const char *format_name(const char *format, char *buf, size_t size)
{
	size_t n = strcspn(format, ":");
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(format[i] >= 'A' && format[i] <= 'Z' ? format[i] + 32 : format[i]);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof format_aliases / sizeof *format_aliases; i++)
		if (strcmp(buf, format_aliases[i][1]) == 0)
			return strcpy(buf, format_aliases[i][0]);
	return buf;
}

/* -Tpng -o out.svg puts PNG bytes in a file every program opens as SVG:
 * when the extension names another format Graphviz writes, the file is
 * written as -T says, with a warning that says how to mean the other. */
static rg_status check_extension(const struct options *o, rg_render *r, rg_diags *d)
{
	if (!o->output || o->format_from_name || o->nformats != 1 || o->cmd == CMD_STATS)
		return RG_OK;
	const char *base = strrchr(o->output, '/');
	base = base ? base + 1 : o->output;
	const char *dot = strrchr(base, '.');
	char ext[16], fmt[16];
	if (!dot || dot == base || !dot[1] || strlen(dot + 1) >= sizeof ext)
		return RG_OK;
	format_name(dot + 1, ext, sizeof ext);
	format_name(o->formats[0], fmt, sizeof fmt);
	if (strcmp(ext, fmt) == 0 || !rg_render_has_format(r, ext))
		return RG_OK;
	rg_warn(d, NULL, 0, 0,
		"-T %s but %s ends in .%s: writing %s into it; leave out -T to write %s, or "
		"name the file *.%s",
		fmt, o->output, dot + 1, fmt, ext, fmt);
	return RG_OK;
}

static rg_status check_graphviz(struct options *o, rg_render *r, rg_diags *d)
{
	if (strcmp(o->engine, "auto") != 0 && !rg_render_has_engine(r, o->engine)) {
		char *l = rg_render_list(r, "layout");
		rg_error(d, NULL, 0, 0, "unknown layout engine '%s' (engines: %s)", o->engine, l);
		free(l);
		return RG_EUSAGE;
	}
	for (size_t i = 0; i < o->nformats && (o->cmd == CMD_RENDER || o->cmd == CMD_WATCH); i++) {
		if (o->format_from_name && !rg_render_has_format(r, o->formats[i])) {
			fprintf(stderr,
				"relgraph: warning: %s: no format '%s'; writing SVG (-T chooses "
				"a format)\n",
				o->output, o->formats[i]);
			o->formats[i] = "svg";
		}
		if (!rg_render_has_format(r, o->formats[i])) {
			rg_error(d, NULL, 0, 0,
				 "unknown output format '%s' (relgraph -T? lists them)",
				 o->formats[i]);
			return RG_EUSAGE;
		}
		if (!o->output && !o->auto_name && outputs_binary(o->formats[i]) &&
		    isatty(STDOUT_FILENO)) {
			rg_error(d, NULL, 0, 0, "not writing %s to a terminal: use -o FILE or -O",
				 o->formats[i]);
			return RG_EUSAGE;
		}
	}
	return check_extension(o, r, d);
}

static rg_status run(struct options *o, rg_diags *d)
{
	rg_job *j = new_job(o, d);
	rg_render *r = rg_job_render(j);
	rg_status st = RG_OK;
	kept_svg none = {.fresh = o->fresh};
	if (!r) {
		st = RG_ESYS;
	} else if (o->version) {
		printf("relgraph %s (Graphviz %s, libcsv %d.%d.%d)\n", RELGRAPH_VERSION,
		       rg_render_version(r), CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
	} else if (o->list_formats || o->list_engines) {
		char *l = rg_render_list(r, o->list_formats ? "device" : "layout");
		printf("%s%s\n", o->list_formats ? "" : "auto ", l);
		free(l);
	} else if ((st = check_graphviz(o, r, d)) != RG_OK) {
		/* reported */
	} else if (o->cmd == CMD_WATCH) {
		st = watch(o, j, d);
	} else {
		st = run_once(o, j, d, &none);
	}
	ui_clear();
	if (st != RG_OK && st != RG_EUSAGE && !rg_diags_count(d, RG_ERROR))
		rg_error(d, NULL, 0, 0, "%s", rg_strerror(st));
	print_diags(d, o);
	if (o->cmd == CMD_CHECK && rg_job_model(j) && !o->quiet && !o->version)
		print_summary(j, d);
	if (st == RG_OK && rg_diags_count(d, RG_ERROR))
		st = o->cmd == CMD_CHECK ? RG_EDATA : RG_ESYS;
	rg_job_free(j);
	return st;
}

/* Ctrl-C or a kill in the middle of writing leaves every output as it was
 * and no temporary file behind. */
static void on_signal(int sig)
{
	static const char msg[] = "relgraph: error: interrupted; no output was changed\n";
	static const char stopped[] = "relgraph: watch stopped\n";
	rg_render_remove_temporaries();
	(void)sig;
	if (watching) {
		/* the end of a watch, not a failure: outputs are the last good
		 * ones, any drawing under way is dropped */
		(void)!write(STDERR_FILENO, stopped, sizeof stopped - 1);
		_exit(0);
	}
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(3);
}

static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* SIGPIPE stays as it is: `relgraph stats x | head` ends quietly, as
	 * other tools do; no output file is half-written by it, since files
	 * are renamed into place whole. */
}

int main(int argc, char **argv)
{
	struct options o;
	catch_signals();
	/* the command's own allocations (a job catches its own: RG_ENOMEM) */
	rg_oom_trap trap;
	if (setjmp(trap.env))
		out_of_memory();
	rg_oom_enter(&trap);
	rg_diags *d = rg_diags_new();
	rg_status st = options_parse(argc, argv, &o, d);
	if (st != RG_OK) {
		rg_diags_print(d, stderr, 0, DIAG_LIMIT);
		fputs("Try 'relgraph --help' for more information.\n", stderr);
	} else if (o.help) {
		options_usage(stdout);
	} else {
		st = run(&o, d);
	}
	options_free(&o);
	rg_diags_free(d);
	/* a write is not done until fclose says so: a full disk fails here */
	int bad = ferror(stdout);
	if ((fclose(stdout) != 0 || bad) && st == RG_OK) {
		fprintf(stderr, "relgraph: <stdout>: error: cannot write: %s\n",
			strerror(errno ? errno : EIO));
		st = RG_ESYS;
	}
	return exit_code(st);
}
