/* main.c: the relgraph command.  Collects the options, runs the pipeline
 * read -> model -> transform -> build -> render, prints the diagnostics and
 * chooses the exit code.  Nothing else in relgraph prints or exits, but for
 * running out of memory (util.h). */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relgraph/autolayout.h"
#include "relgraph/build.h"
#include "relgraph/diag.h"
#include "relgraph/frames.h"
#include "relgraph/model.h"
#include "relgraph/render.h"
#include "relgraph/serve.h"
#include "relgraph/stats.h"
#include "relgraph/transform.h"
#include "relgraph/watch.h"
#include "util.h"

#define RG_VERSION "1.0.0"
#define MAX_SET 64
#define MAX_FORMATS 16
#define DIAG_LIMIT 50
#define MAX_LIST 64
/* Past these, a drawing is a hairball: relgraph says how to cut it. */
#define RG_HUGE_NODES 10000
#define RG_HUGE_EDGES 50000

typedef enum { CMD_RENDER, CMD_CHECK, CMD_STATS, CMD_WATCH } command;

struct options {
	command cmd;
	char **inputs;
	size_t ninputs;
	const char *formats[MAX_FORMATS];
	size_t nformats;
	const char *engine;
	const char *output;
	int auto_name;
	const char *outdir;
	rg_setting gset[MAX_SET], nset[MAX_SET], eset[MAX_SET];
	size_t ngset, nnset, neset;
	int quiet, verbose;
	int legend, merge;
	const char *title;
	const char *width, *height; /* --width, --height */
	double dpi;                 /* --dpi, --scale */
	const char *cluster_by;
	int strict;
	const char *depfile; /* -M */
	int serve;              /* watch --serve */
	const char *serve_addr; /* its PORT or HOST:PORT, or NULL */
	char **args;            /* argv, with "--serve PORT" joined */
	int frames; /* rg_frames_by + 1, 0 for none */
	rg_date frame_dates[MAX_LIST];
	size_t nframe_dates;
	rg_label_mode labels;
	int list_formats, list_engines, version;
	int format_from_name; /* no -T: the format is -o's extension */
	char ext[16];         /* that extension, lower case */
	/* filters (see transform.h) */
	rg_date from, to;
	int dated_only;
	char *only[MAX_LIST], *hide[MAX_LIST], *relations[MAX_LIST];
	size_t nonly, nhide, nrelations;
	const char *focus[MAX_LIST];
	size_t nfocus;
	int depth;
	double min_weight;
};

static void usage(FILE *f)
{
	fputs("usage: relgraph [options] INPUT...\n"
	      "       relgraph check [options] INPUT...\n"
	      "       relgraph stats [options] INPUT...\n"
	      "       relgraph watch [options] [--serve [PORT]] INPUT...\n"
	      "\n"
	      "Draws relationship data kept in CSV files as a network diagram.\n"
	      "INPUT is a folder of CSV files, a CSV file, or - for standard input.\n"
	      "\n"
	      "Output:\n"
	      "  -T FORMAT         svg (default), png, pdf, html (a page with pan, zoom and\n"
	      "                    tooltips), dot (the graph before layout), json, or any\n"
	      "                    Graphviz format; repeat for several formats from one\n"
	      "                    layout; -T? lists them\n"
	      "  -o FILE           write to FILE (default: standard output); without -T,\n"
	      "                    the format is FILE's extension\n"
	      "  -O                name outputs after the input: NAME.FORMAT\n"
	      "  --outdir DIR      where -O writes (default: the current folder)\n"
	      "  -M FILE           also write a make rule: the outputs depend on every\n"
	      "                    CSV file read (like gcc -MD)\n"
	      "  -K ENGINE         layout engine: auto (default: dot for small graphs, sfdp\n"
	      "                    for big ones), dot, neato, fdp, sfdp, circo, twopi, osage,\n"
	      "                    patchwork; -K? lists them\n"
	      "  -G NAME=VALUE     set a graph attribute, as in dot (also -N for nodes,\n"
	      "                    -E for edges); these win over relgraph's theme\n"
	      "  --width LEN, --height LEN  the displayed size: for SVG any CSS length\n"
	      "                    (600, 15cm, 100%), the viewBox kept; for PNG, pixels;\n"
	      "                    given one, the other keeps the proportions\n"
	      "  --dpi N           PNG (and other bitmap) resolution (default 96)\n"
	      "  --scale F         the same as --dpi 96*F: --scale 2 for high-density screens\n"
	      "  --transparent     no background colour\n"
	      "\n"
	      "Drawing:\n"
	      "  --title TEXT      a title above the diagram\n"
	      "  --no-legend       leave the legend out\n"
	      "  --no-merge        draw every relation, not one edge per pair and kind\n"
	      "  --edge-labels WHEN  auto (default), all or none\n"
	      "  --cluster-by FIELD  box together the nodes that share a value of FIELD\n"
	      "                    (country, group, kind or any column)\n"
	      "\n"
	      "Asking questions (filters run before layout):\n"
	      "  --from DATE, --to DATE  keep what is dated inside this window (YYYY,\n"
	      "                    YYYY-MM or YYYY-MM-DD, each the whole period it names)\n"
	      "  --at DATE         the same as --from DATE --to DATE\n"
	      "  --dated-only      with a window, leave undated rows out too\n"
	      "  --focus ID        only ID and its neighbours (repeatable)\n"
	      "  --depth N         how many steps out --focus goes (default 1)\n"
	      "  --only KIND,...   keep only nodes of these kinds\n"
	      "  --hide KIND,...   leave out nodes of these kinds\n"
	      "  --relations KIND,...  keep only relations of these kinds\n"
	      "  --frames year|month|DATE,...  one image per slice, NAME-SLICE.FORMAT,\n"
	      "                    every node in the same place in every frame\n"
	      "  --min-weight N    leave out merged edges lighter than N (a meeting\n"
	      "                    weighs 1: --min-weight 5 keeps pairs that met 5 times)\n"
	      "\n"
	      "Messages:\n"
	      "  --strict          every warning is an error (exit 1)\n"
	      "  -q, --quiet       only errors\n"
	      "  -v, --verbose     say what each stage did, how long it took, and the peak\n"
	      "                    memory\n"
	      "  -V, --version     print the version and exit\n"
	      "  -h, --help        print this help and exit\n"
	      "\n"
	      "watch draws, then draws again each time a CSV file of the input is saved;\n"
	      "bad data is reported and the last good output stays.  It needs -o, -O or\n"
	      "--serve [PORT|HOST:PORT]: a live page on http://127.0.0.1:8000/ (port 0:\n"
	      "any free one).  Ctrl-C ends it.\n"
	      "\n"
	      "check reads the input and reports every problem in it, including the\n"
	      "warnings drawing leaves out, then exits.  stats prints nodes and\n"
	      "relations per kind, degrees, the most frequent pairs, isolated nodes and\n"
	      "components, as a table or with -Tcsv as CSV; the filters apply.\n"
	      "\n"
	      "Exit status: 0 ok, 1 bad input data, 2 bad usage, 3 system or render\n"
	      "failure.  See relgraph(1) and docs/FORMAT.md.\n",
	      f);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("relgraph: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'relgraph --help' for more information.\n", stderr);
	return RG_EUSAGE;
}

static int add_setting(rg_setting *v, size_t *n, char *arg, char which)
{
	if (*n == MAX_SET)
		return usage_error("too many -G/-N/-E settings (%s)", arg);
	char *eq = strchr(arg, '=');
	if (eq == arg || !*arg) {
		char opt[4] = {'-', which, '\0', '\0'};
		return usage_error("%s needs NAME=VALUE", opt);
	}
	if (eq)
		*eq = '\0';
	v[*n].name = arg;
	v[*n].value = eq ? eq + 1 : "true";
	(*n)++;
	return 0;
}

enum {
	OPT_TITLE = 256, OPT_NO_LEGEND, OPT_NO_MERGE, OPT_OUTDIR, OPT_EDGE_LABELS,
	OPT_FROM, OPT_TO, OPT_AT, OPT_DATED_ONLY, OPT_FOCUS, OPT_DEPTH, OPT_ONLY, OPT_HIDE,
	OPT_RELATIONS, OPT_MIN_WEIGHT, OPT_CLUSTER_BY, OPT_STRICT, OPT_FRAMES,
	OPT_WIDTH, OPT_HEIGHT, OPT_DPI, OPT_SCALE, OPT_TRANSPARENT, OPT_SERVE
};

/* Appends a file name as make reads it: spaces, '#' and '$' escaped. */
static void make_name(rg_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '#' || *s == '\\')
			rg_buf_putc(b, '\\');
		if (*s == '$')
			rg_buf_putc(b, '$');
		rg_buf_putc(b, *s);
	}
}

/* -M FILE: a make rule saying the outputs depend on every CSV file read
 * (and on the folders, whose files may come and go), with an empty rule
 * per CSV file so that deleting one does not break make (gcc -MP). */
static rg_status write_depfile(const char *path, const rg_model *m, char **targets,
			       size_t ntargets, char **inputs, size_t ninputs, rg_diags *d)
{
	rg_buf b = {0};
	for (size_t i = 0; i < ntargets; i++) {
		make_name(&b, targets[i]);
		rg_buf_putc(&b, ' ');
	}
	b.s[b.len - 1] = ':';
	struct stat sb;
	for (size_t i = 0; i < ninputs; i++)
		if (stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			rg_buf_puts(&b, " \\\n ");
			make_name(&b, inputs[i]);
		}
	for (size_t i = 0; i < rg_model_nfiles(m); i++) {
		if (strcmp(rg_model_file(m, (uint32_t)i), "<stdin>") == 0)
			continue;
		rg_buf_puts(&b, " \\\n ");
		make_name(&b, rg_model_file(m, (uint32_t)i));
	}
	rg_buf_puts(&b, "\n");
	for (size_t i = 0; i < rg_model_nfiles(m); i++) {
		if (strcmp(rg_model_file(m, (uint32_t)i), "<stdin>") == 0)
			continue;
		rg_buf_puts(&b, "\n");
		make_name(&b, rg_model_file(m, (uint32_t)i));
		rg_buf_puts(&b, ":\n");
	}
	rg_status st = rg_write_file(path, b.s, b.len, d);
	free(b.s);
	return st;
}

static int date_arg(const char *opt, const char *arg, rg_date *d)
{
	if (rg_date_parse(arg, d) != 0) {
		char what[96];
		snprintf(what, sizeof what, "%s", opt);
		fprintf(stderr, "relgraph: error: %s '%s' is not a date (write YYYY, YYYY-MM or "
				"YYYY-MM-DD)\n", what, arg);
		fputs("Try 'relgraph --help' for more information.\n", stderr);
		return RG_EUSAGE;
	}
	return 0;
}

/* --frames year, month, or a list of dates. */
static int frames_arg(struct options *o, const char *arg)
{
	if (strcmp(arg, "year") == 0 || strcmp(arg, "years") == 0) {
		o->frames = RG_FRAMES_YEAR + 1;
		return 0;
	}
	if (strcmp(arg, "month") == 0 || strcmp(arg, "months") == 0) {
		o->frames = RG_FRAMES_MONTH + 1;
		return 0;
	}
	o->frames = RG_FRAMES_LIST + 1;
	const char *s = arg;
	while (*s) {
		size_t len = strcspn(s, ",");
		char *one = rg_xstrndup(s, len);
		if (o->nframe_dates == MAX_LIST) {
			free(one);
			return usage_error("too many dates in --frames (%s)", arg);
		}
		int st = date_arg("--frames", one, &o->frame_dates[o->nframe_dates++]);
		free(one);
		if (st)
			return st;
		s += len + (s[len] == ',');
	}
	return o->nframe_dates ? 0 : usage_error("--frames takes year, month or dates, not '%s'", arg);
}

/* Splits "a, B,c" into lower-cased names appended to v. */
static int list_arg(const char *opt, const char *arg, char **v, size_t *n)
{
	const char *s = arg;
	while (*s) {
		size_t len = strcspn(s, ",");
		const char *p = s, *e = s + len;
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		if (e > p) {
			if (*n == MAX_LIST)
				return usage_error("too many kinds in %s", opt);
			char *k = rg_xstrndup(p, (size_t)(e - p));
			for (char *c = k; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c += 32;
			v[(*n)++] = k;
		}
		s += len + (s[len] == ',');
	}
	return 0;
}

/* The option an error is about, as the user wrote it: "--title" (without
 * any "=value"), or "-T". */
static const char *opt_name(char **argv, int optind_, int optopt_, char *buf)
{
	const char *arg = optind_ > 0 ? argv[optind_ - 1] : "";
	if (strncmp(arg, "--", 2) == 0) {
		snprintf(buf, 64, "%.*s", (int)strcspn(arg, "="), arg);
		return buf;
	}
	snprintf(buf, 64, "-%c", optopt_ > 0 && optopt_ < 128 ? optopt_ : '?');
	return buf;
}

/* "8000", "0.0.0.0:8000", "[::1]:8000", ":8000": what --serve takes
 * (port_like: the form; port_ok: a port that exists). */
static int port_like(const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *p = colon ? colon + 1 : s;
	return *p && strspn(p, "0123456789") == strlen(p);
}

static int port_ok(const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *p = colon ? colon + 1 : s;
	return port_like(s) && strlen(p) <= 5 && atol(p) <= 65535;
}

/* Parses argv into o.  Returns 0, or an exit status (-1: exit 0, e.g.
 * after --help). */
static int collect_args(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"no-legend", no_argument, NULL, OPT_NO_LEGEND},
		{"no-merge", no_argument, NULL, OPT_NO_MERGE},
		{"outdir", required_argument, NULL, OPT_OUTDIR},
		{"edge-labels", required_argument, NULL, OPT_EDGE_LABELS},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"at", required_argument, NULL, OPT_AT},
		{"dated-only", no_argument, NULL, OPT_DATED_ONLY},
		{"focus", required_argument, NULL, OPT_FOCUS},
		{"depth", required_argument, NULL, OPT_DEPTH},
		{"only", required_argument, NULL, OPT_ONLY},
		{"hide", required_argument, NULL, OPT_HIDE},
		{"relations", required_argument, NULL, OPT_RELATIONS},
		{"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
		{"cluster-by", required_argument, NULL, OPT_CLUSTER_BY},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"frames", required_argument, NULL, OPT_FRAMES},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"height", required_argument, NULL, OPT_HEIGHT},
		{"dpi", required_argument, NULL, OPT_DPI},
		{"scale", required_argument, NULL, OPT_SCALE},
		{"transparent", no_argument, NULL, OPT_TRANSPARENT},
		{"serve", optional_argument, NULL, OPT_SERVE},
		{NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof *o);
	o->engine = "auto";
	o->depth = 1;
	o->legend = o->merge = 1;
	if (argc > 1 && (strcmp(argv[1], "check") == 0 || strcmp(argv[1], "stats") == 0 ||
			 strcmp(argv[1], "watch") == 0)) {
		o->cmd = strcmp(argv[1], "check") == 0 ? CMD_CHECK :
			 strcmp(argv[1], "stats") == 0 ? CMD_STATS : CMD_WATCH;
		argv++;
		argc--;
	}
	/* "--serve PORT": the port is optional, so getopt would take it for
	 * an input; joined here into "--serve=PORT" when it looks like one
	 * (a number, or HOST:NUMBER).  A folder named 2024 right after
	 * --serve is written ./2024. */
	o->args = rg_xcalloc((size_t)argc + 1, sizeof *o->args);
	int nargs = 0;
	for (int i = 0; i < argc; i++) {
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--") == 0) {
			for (; i < argc; i++)
				o->args[nargs++] = rg_xstrdup(argv[i]);
			break;
		}
		if (strcmp(argv[i], "--serve") == 0 && next && port_like(next)) {
			o->args[nargs++] = rg_asprintf("--serve=%s", next);
			i++;
			continue;
		}
		o->args[nargs++] = rg_xstrdup(argv[i]);
	}
	argc = nargs;
	argv = o->args;
	opterr = 0;
	int c, st;
	while ((c = getopt_long(argc, argv, ":T:K:o:OG:N:E:M:qvVh", longs, NULL)) != -1) {
		switch (c) {
		case 'T':
			if (strcmp(optarg, "?") == 0) {
				o->list_formats = 1;
				break;
			}
			if (o->nformats == MAX_FORMATS)
				return usage_error("too many -T formats (%s)", optarg);
			o->formats[o->nformats++] = optarg;
			break;
		case 'K':
			if (strcmp(optarg, "?") == 0)
				o->list_engines = 1;
			else
				o->engine = optarg;
			break;
		case 'o': o->output = optarg; break;
		case 'M': o->depfile = optarg; break;
		case 'O': o->auto_name = 1; break;
		case 'G':
			if ((st = add_setting(o->gset, &o->ngset, optarg, 'G')))
				return st;
			break;
		case 'N':
			if ((st = add_setting(o->nset, &o->nnset, optarg, 'N')))
				return st;
			break;
		case 'E':
			if ((st = add_setting(o->eset, &o->neset, optarg, 'E')))
				return st;
			break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'V': o->version = 1; break;
		case 'h': usage(stdout); return -1;
		case OPT_TITLE: o->title = optarg; break;
		case OPT_NO_LEGEND: o->legend = 0; break;
		case OPT_NO_MERGE: o->merge = 0; break;
		case OPT_OUTDIR: o->outdir = optarg; break;
		case OPT_EDGE_LABELS:
			if (strcmp(optarg, "auto") == 0)
				o->labels = RG_LABELS_AUTO;
			else if (strcmp(optarg, "all") == 0)
				o->labels = RG_LABELS_ALL;
			else if (strcmp(optarg, "none") == 0)
				o->labels = RG_LABELS_NONE;
			else
				return usage_error("--edge-labels takes auto, all or none, not '%s'", optarg);
			break;
		case OPT_FROM:
			if ((st = date_arg("--from", optarg, &o->from)))
				return st;
			break;
		case OPT_TO:
			if ((st = date_arg("--to", optarg, &o->to)))
				return st;
			break;
		case OPT_AT:
			if ((st = date_arg("--at", optarg, &o->from)))
				return st;
			o->to = o->from;
			break;
		case OPT_DATED_ONLY: o->dated_only = 1; break;
		case OPT_CLUSTER_BY: o->cluster_by = optarg; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_FRAMES:
			if ((st = frames_arg(o, optarg)))
				return st;
			break;
		case OPT_WIDTH:
		case OPT_HEIGHT: {
			char *end;
			double v = strtod(optarg, &end);
			if (end == optarg || !(v > 0) || strspn(end, "abcdefghijklmnopqrstuvwxyz%") != strlen(end) ||
			    strchr(optarg, '"'))
				return usage_error(c == OPT_WIDTH ?
					"--width takes a length such as 800, 800px, 15cm or 100%%, not '%s'" :
					"--height takes a length such as 600, 600px, 10cm or 100%%, not '%s'", optarg);
			if (c == OPT_WIDTH)
				o->width = optarg;
			else
				o->height = optarg;
			break;
		}
		case OPT_DPI:
		case OPT_SCALE: {
			char *end;
			double v = strtod(optarg, &end);
			int bad = *end || end == optarg;
			if (c == OPT_SCALE && (bad || !(v >= 0.1 && v <= 25)))
				return usage_error("--scale takes a number from 0.1 to 25, not '%s'", optarg);
			if (c == OPT_DPI && (bad || !(v >= 10 && v <= 2400)))
				return usage_error("--dpi takes a number from 10 to 2400, not '%s'", optarg);
			o->dpi = c == OPT_SCALE ? 96 * v : v;
			break;
		}
		case OPT_SERVE:
			if (optarg && !port_ok(optarg))
				return usage_error("--serve takes a port (0 to 65535) or HOST:PORT, not '%s'",
						   optarg);
			o->serve = 1;
			o->serve_addr = optarg;
			break;
		case OPT_TRANSPARENT: {
			if (o->ngset == MAX_SET)
				return usage_error("too many -G settings (%s)", "--transparent");
			o->gset[o->ngset].name = "bgcolor";
			o->gset[o->ngset++].value = "transparent";
			break;
		}
		case OPT_FOCUS:
			if (o->nfocus == MAX_LIST)
				return usage_error("too many --focus (%s)", optarg);
			o->focus[o->nfocus++] = optarg;
			break;
		case OPT_DEPTH: {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || end == optarg || n < 0 || n > 1000)
				return usage_error("--depth takes a whole number from 0, not '%s'", optarg);
			o->depth = (int)n;
			break;
		}
		case OPT_ONLY:
			if ((st = list_arg("--only", optarg, o->only, &o->nonly)))
				return st;
			break;
		case OPT_HIDE:
			if ((st = list_arg("--hide", optarg, o->hide, &o->nhide)))
				return st;
			break;
		case OPT_RELATIONS:
			if ((st = list_arg("--relations", optarg, o->relations, &o->nrelations)))
				return st;
			break;
		case OPT_MIN_WEIGHT: {
			char *end;
			o->min_weight = strtod(optarg, &end);
			if (*end || end == optarg || !(o->min_weight >= 0))
				return usage_error("--min-weight takes a number of 0 or more, not '%s'",
						   optarg);
			break;
		}
		case ':': {
			char name[64];
			return usage_error("%s needs a value", opt_name(argv, optind, optopt, name));
		}
		default: {
			char name[64];
			const char *n = opt_name(argv, optind, optopt, name);
			if (optopt && strncmp(n, "--", 2) == 0)
				return usage_error("%s takes no value", n);
			return usage_error("unknown option '%s'", n);
		}
		}
	}
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	if (o->list_formats || o->list_engines || o->version)
		return 0;
	if (o->ninputs == 0)
		return usage_error("%s", "no input: name a folder of CSV files, CSV files, or -");
	int stdin_inputs = 0;
	for (size_t i = 0; i < o->ninputs; i++)
		stdin_inputs += strcmp(o->inputs[i], "-") == 0;
	if (stdin_inputs > 1)
		return usage_error("%s", "standard input (-) can be read only once");
	/* -o - is standard output, as - is standard input */
	if (o->output && strcmp(o->output, "-") == 0)
		o->output = NULL;
	if (o->nformats == 0 && o->output && o->cmd != CMD_STATS) {
		/* -o x.png with no -T: the format the name says, if Graphviz
		 * has it (run checks; svg otherwise, with a warning) */
		const char *base = strrchr(o->output, '/');
		const char *ext = strrchr(base ? base + 1 : o->output, '.');
		if (ext && ext[1] && ext != (base ? base + 1 : o->output) && strlen(ext) < sizeof o->ext) {
			for (size_t i = 0; ext[i + 1]; i++)
				o->ext[i] = (char)(ext[i + 1] >= 'A' && ext[i + 1] <= 'Z' ? ext[i + 1] + 32
										   : ext[i + 1]);
			o->formats[o->nformats++] = strcmp(o->ext, "htm") == 0 ? "html" : o->ext;
			o->format_from_name = 1;
		}
	}
	if (o->nformats == 0)
		o->formats[o->nformats++] = o->cmd == CMD_STATS ? "txt" : "svg";
	if (o->output && o->auto_name)
		return usage_error("%s", "-o and -O do not go together");
	if (o->from.year && o->to.year && rg_date_first_day(o->from) > rg_date_last_day(o->to))
		return usage_error("%s", "--from is after --to");
	if (o->outdir && !o->auto_name)
		return usage_error("%s", "--outdir goes with -O");
	if (o->cmd == CMD_STATS) {
		if (o->nformats > 1 || o->auto_name ||
		    (o->nformats == 1 && strcmp(o->formats[0], "csv") != 0 &&
		     strcmp(o->formats[0], "txt") != 0))
			return usage_error("%s", "stats writes a table (default) or -Tcsv");
	}
	if (o->serve && o->cmd != CMD_WATCH)
		return usage_error("%s", "--serve goes with watch: relgraph watch INPUT --serve");
	if (o->cmd == CMD_WATCH) {
		if (stdin_inputs)
			return usage_error("%s", "watch reads files: standard input (-) cannot be watched");
		if (!o->output && !o->auto_name && !o->serve)
			return usage_error("%s", "watch writes files: use -O or -o FILE (or --serve)");
		if (o->serve && o->frames)
			return usage_error("%s", "--serve shows one drawing: leave out --frames");
	}
	if (o->depfile && ((o->cmd != CMD_RENDER && o->cmd != CMD_WATCH) || (!o->output && !o->auto_name) || o->frames))
		return usage_error("%s", "-M FILE names the files a drawing depends on: use it with -o or -O (not --frames)");
	if (o->frames && o->cmd == CMD_RENDER && !o->auto_name && !o->output)
		return usage_error("%s", "--frames writes one file per slice: use -O or -o FILE");
	if (o->frames && (o->from.year || o->to.year))
		return usage_error("%s", "--frames cuts the time itself: leave out --from, --to and --at");
	if (o->nformats > 1 && !o->auto_name && (o->cmd == CMD_RENDER || o->cmd == CMD_WATCH))
		return usage_error("%s", "several -T formats need -O (one file per format)");
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Progress on a terminal: a run that takes over a second says what it is
 * doing on one line of stderr, rewritten in place and cleared before
 * anything else is printed; nothing when stderr is not a terminal, with
 * -q, or in watch (its status lines say enough). */
static struct {
	int on, shown;
	double start, last, after;
} prog;

static void progress_start(const struct options *o)
{
	prog.on = !o->quiet && o->cmd != CMD_WATCH && isatty(STDERR_FILENO);
	prog.shown = 0;
	/* after how many seconds progress shows: 1, or (for tests) what
	 * RELGRAPH_PROGRESS_AFTER says */
	const char *after = getenv("RELGRAPH_PROGRESS_AFTER");
	prog.after = after && *after ? atof(after) : 1;
	prog.start = now();
	prog.last = 0;
}

static void progress_clear(void)
{
	if (prog.shown)
		fputs("\r\033[K", stderr);
	prog.shown = 0;
}

/* Says what is being done, if the run has taken a second already or
 * always is set (a layout about to take long). */
static void progress(int always, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(int always, const char *fmt, ...)
{
	if (!prog.on)
		return;
	double t = now();
	if (!always && (t - prog.start < prog.after || t - prog.last < 0.1))
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("\r\033[Krelgraph: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	prog.shown = 1;
	prog.last = t;
}

/* 1234567 as "1,234,567" in buf (32 bytes). */
static const char *thousands(uint64_t n, char *buf)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

static void on_rows(void *ctx, const char *file, uint64_t rows)
{
	char n[32];
	(void)ctx;
	progress(0, "reading %s: %s rows", file, thousands(rows, n));
}

/* -v: one line per stage, with its time and the peak memory so far. */
static void stage_done(const struct options *o, const char *stage, double *t, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void stage_done(const struct options *o, const char *stage, double *t, const char *fmt, ...)
{
	double t2 = now();
	if (o->verbose) {
		progress_clear();
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		va_list ap;
		va_start(ap, fmt);
		fprintf(stderr, "relgraph: %-9s %8.3f s %7.1f MB peak  ", stage, t2 - *t,
			ru.ru_maxrss / 1024.0);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		va_end(ap);
	}
	*t = t2;
}

/* The input's name without folders or .csv: graphs/xi-putin/ is xi-putin. */
static char *input_name(const char *path)
{
	if (strcmp(path, "-") == 0)
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

static int binary_format(const char *f)
{
	static const char *const text[] = {"svg", "dot", "json", "json0", "dot_json", "xdot_json",
					   "xdot", "plain", "plain-ext", "canon", "gv", "ps", "eps",
					   "imap", "cmapx", "fig", "pic", "vml", "tk", "mp", "pov",
					   "vrml", "xdot1.2", "xdot1.4", NULL};
	for (size_t i = 0; text[i]; i++)
		if (strncmp(f, text[i], strlen(text[i])) == 0 &&
		    (f[strlen(text[i])] == '\0' || f[strlen(text[i])] == ':'))
			return 0;
	return 1;
}

static int print_diags(const rg_diags *d, const struct options *o)
{
	if (o->quiet && !rg_diags_count(d, RG_ERROR))
		return 0;
	fflush(stdout);
	rg_diags_print(d, stderr, o->cmd == CMD_CHECK, DIAG_LIMIT);
	return 0;
}

/* A dot layout that comes out a thin strip or a tall tower is tried the
 * other way round (rankdir LR), and the one closer to a page's shape kept.
 * Not when the user chose rankdir, nor for other engines. */
/* A dot layout that comes out a thin strip or a tall tower is tried the
 * other way round (rankdir LR), and the one closer to a page's shape kept.
 * Not when the user chose rankdir, nor for other engines.  With -K auto
 * (try_force), a drawing still far from a page either way (a hub with
 * hundreds of leaves is one rank of hundreds) is laid out by sfdp too,
 * which spreads a star around its hub, and kept if it fits better;
 * *engine then says so. */
static int fit_page(const struct options *o, const char **engine, int try_force, rg_render *r,
		    const rg_model *m, const rg_view *v, rg_build_opts *bo, Agraph_t **g,
		    rg_diags *d)
{
	/* a second layout costs as much as the first: big graphs go as they
	 * come (their engine and shape are another matter) */
	int want = strcmp(*engine, "dot") == 0 && v->nnodes + v->nedges <= 600;
	for (size_t i = 0; i < o->ngset; i++)
		want &= strcmp(o->gset[i].name, "rankdir") != 0;
	if (!want)
		return RG_OK;
	rg_status st = rg_render_layout(r, *g, *engine, d);
	if (st != RG_OK)
		return st;
	double a = rg_render_misfit(rg_render_aspect(*g));
	if (a == 0)
		return RG_OK;
	bo->rankdir = "LR";
	Agraph_t *turned = rg_build(m, v, bo);
	if ((st = rg_render_layout(r, turned, *engine, d)) != RG_OK) {
		agclose(turned);
		return st;
	}
	double b = rg_render_misfit(rg_render_aspect(turned));
	if (b < a) {
		agclose(*g);
		*g = turned;
		a = b;
	} else {
		rg_render_free_layout(r);
		agclose(turned);
		bo->rankdir = NULL;
	}
	if (!try_force || a <= 1)
		return RG_OK;
	rg_build_opts fo = *bo;
	fo.engine = "sfdp";
	fo.large = 1;
	fo.rankdir = NULL;
	Agraph_t *force = rg_build(m, v, &fo);
	if ((st = rg_render_layout(r, force, "sfdp", d)) != RG_OK) {
		agclose(force);
		return st;
	}
	if (rg_render_misfit(rg_render_aspect(force)) < a) {
		agclose(*g);
		*g = force;
		*bo = fo;
		*engine = "sfdp";
		return RG_OK;
	}
	rg_render_free_layout(r);
	agclose(force);
	return RG_OK;
}

/* Whether some entity has a value for a --cluster-by field. */
static int has_field(const rg_model *m, const char *field)
{
	for (size_t i = 0; i < rg_model_nentities(m); i++) {
		const rg_entity *e = rg_model_entity(m, i);
		if ((rg_strieq(field, "country") && (e->country || rg_strieq(rg_model_str(m, e->kind), "country"))) ||
		    (rg_strieq(field, "group") && e->group) || rg_strieq(field, "kind") ||
		    rg_model_attr(m, e->attr0, e->nattr, field))
			return 1;
	}
	return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What a run drew, for the messages around it. */
typedef struct {
	int read;                      /* the model was read */
	size_t nentities, nrelations;  /* in the model */
	int viewed;                    /* the filters ran */
	size_t nnodes, nedges;         /* in the view */
	int want_svg;                  /* keep the SVG in memory (watch --serve) */
	char *svg;
	size_t svglen;
	char *title, *desc;
} drawn;

static void drawn_free(drawn *res)
{
	free(res->svg);
	free(res->title);
	free(res->desc);
	res->svg = res->title = res->desc = NULL;
}

/* check's last line: what was read and what is wrong with it. */
static void print_summary(const drawn *res, const rg_diags *d)
{
	size_t ne = res->nentities, nr = res->nrelations;
	size_t err = rg_diags_count(d, RG_ERROR), warn = rg_diags_count(d, RG_WARNING);
	printf("%zu %s, %zu %s", ne, plural(ne, "entity", "entities"), nr,
	       plural(nr, "relation", "relations"));
	if (res->viewed)
		printf(" (%zu %s drawn)", res->nedges, plural(res->nedges, "edge", "edges"));
	printf(": %zu %s, %zu %s\n", err, plural(err, "error", "errors"), warn,
	       plural(warn, "warning", "warnings"));
}

/* Makes the folder outputs go to (-O --outdir, like mkdir -p), or checks
 * that -o's folder exists, before any work: a typo in a path should not
 * cost a layout first. */
static int prepare_output(const struct options *o, rg_diags *d)
{
	if (o->auto_name && o->outdir) {
		char *p = rg_xstrdup(o->outdir);
		for (char *s = p + 1;; s++) {
			char c = *s;
			if (c != '/' && c != '\0')
				continue;
			*s = '\0';
			struct stat sb;
			if (stat(p, &sb) != 0 && mkdir(p, 0777) != 0 && errno != EEXIST) {
				rg_error(d, p, 0, 0, "cannot make the folder: %s", strerror(errno));
				free(p);
				return RG_ESYS;
			}
			*s = c;
			if (!c)
				break;
		}
		free(p);
	}
	if (o->output) {
		char *dir = rg_xstrdup(o->output);
		char *slash = strrchr(dir, '/');
		struct stat sb;
		if (slash && slash != dir) {
			*slash = '\0';
			if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
				rg_error(d, o->output, 0, 0, "cannot write: %s",
					 stat(dir, &sb) != 0 ? strerror(errno) : "not in a folder");
				free(dir);
				return RG_ESYS;
			}
		}
		free(dir);
	}
	return RG_OK;
}

typedef struct {
	const struct options *o;
	const char *name;
} naming;

/* NAME-SLICE.FORMAT in --outdir for -O; for -o x.svg, x-SLICE.svg. */
static char *frame_path(void *ctx, const char *slice, const char *format)
{
	const naming *nm = ctx;
	size_t ext = strcspn(format, ":");
	if (nm->o->auto_name)
		return rg_asprintf("%s%s%s-%s.%.*s", nm->o->outdir ? nm->o->outdir : "",
				   nm->o->outdir ? "/" : "", nm->name, slice, (int)ext, format);
	const char *out = nm->o->output;
	const char *base = strrchr(out, '/');
	const char *dot = strrchr(base ? base : out, '.');
	if (!dot || dot == (base ? base + 1 : out))
		return rg_asprintf("%s-%s", out, slice);
	return rg_asprintf("%.*s-%s%s", (int)(dot - out), out, slice, dot);
}

/* The pipeline, once: read, model, transform, build, render.  Diagnostics
 * go to d, nothing is printed (but -v's timings). */
static int draw(const struct options *o, rg_render *r, rg_diags *d, drawn *res)
{
	int status = RG_OK;
	rg_model *m = NULL;
	rg_view *v = NULL;
	Agraph_t *g = NULL;
	char *name = NULL, *desc = NULL;
	rg_output outs[MAX_FORMATS + 1] = {{0}};
	char *paths[MAX_FORMATS] = {0};
	double t0 = now(), t;

	if (o->cmd != CMD_CHECK && (status = prepare_output(o, d)) != RG_OK)
		goto done;
	m = rg_model_new();
	progress_start(o);
	rg_model_on_progress(m, on_rows, NULL);
	for (size_t i = 0; i < o->ninputs; i++) {
		rg_status s = rg_model_load(m, o->inputs[i], d);
		if ((int)s > status)
			status = (int)s;
	}
	if (status == RG_OK)
		status = (int)rg_model_finish(m, d);
	else
		rg_model_finish(m, d);
	if (o->strict && rg_diags_count(d, RG_WARNING)) {
		rg_diags_strict(d);
		if (status == RG_OK)
			status = RG_EDATA;
	}
	t = now();
	t = t0;
	stage_done(o, "read", &t, "%zu entities, %zu relations", rg_model_nentities(m),
		   rg_model_nrelations(m));
	if (status != RG_OK)
		goto done;

	uint32_t focus[MAX_LIST];
	for (size_t i = 0; i < o->nfocus; i++) {
		focus[i] = rg_find_entity(m, o->focus[i]);
		if (focus[i] != RG_NONE)
			continue;
		rg_buf msg = {0};
		size_t shared = 0;
		for (size_t k = 0; k < rg_model_nentities(m); k++) {
			const rg_entity *e = rg_model_entity(m, k);
			if (e->label && strcmp(rg_model_str(m, e->label), o->focus[i]) == 0)
				rg_buf_printf(&msg, "%s'%s'", shared++ ? ", " : "",
					      rg_model_str(m, e->id));
		}
		if (shared) {
			/* a label several nodes share names none of them */
			char *ids = msg.s;
			msg = (rg_buf){0};
			rg_buf_printf(&msg, "--focus '%s' is the label of %zu nodes: name one by its id (%s)",
				      o->focus[i], shared, ids);
			free(ids);
		} else {
			const char *near[3];
			size_t n = rg_suggest(m, o->focus[i], near, 3);
			rg_buf_printf(&msg, "--focus '%s' matches no id or label", o->focus[i]);
			for (size_t k = 0; k < n; k++)
				rg_buf_printf(&msg, "%s'%s'",
					      k ? (k + 1 == n ? " or " : ", ") : "; did you mean ", near[k]);
			if (n)
				rg_buf_puts(&msg, "?");
		}
		rg_error(d, NULL, 0, 0, "%s", msg.s);
		free(msg.s);
		status = RG_EUSAGE;
	}
	if (status != RG_OK)
		goto done;
	rg_transform_opts to = {
		.merge = o->merge, .from = o->from, .to = o->to, .dated_only = o->dated_only,
		.only = (const char *const *)o->only, .nonly = o->nonly,
		.hide = (const char *const *)o->hide, .nhide = o->nhide,
		.relations = (const char *const *)o->relations, .nrelations = o->nrelations,
		.min_weight = o->min_weight, .focus = focus, .nfocus = o->nfocus, .depth = o->depth,
	};
	v = rg_transform(m, &to);
	stage_done(o, "transform", &t, "%zu nodes, %zu edges", v->nnodes, v->nedges);
	if (o->cmd == CMD_CHECK)
		goto done;
	if (o->cmd == CMD_STATS) {
		int csv = strcmp(o->formats[0], "csv") == 0;
		char *report = rg_stats(m, v, csv ? RG_STATS_CSV : RG_STATS_TABLE, csv ? 0 : 20);
		status = (int)rg_write_file(o->output, report, strlen(report), d);
		free(report);
		goto done;
	}

	if (o->cluster_by && !has_field(m, o->cluster_by))
		rg_warn(d, NULL, 0, 0, "--cluster-by '%s': no node has this field, so no boxes",
			o->cluster_by);
	/* a drawing nobody can read, that takes minutes to lay out: say how
	 * to cut it (advice, not a problem of the data: --strict ignores it) */
	if ((v->nnodes > RG_HUGE_NODES || v->nedges > RG_HUGE_EDGES) && !o->quiet && !o->frames) {
		char nn[32], ne[32];
		progress_clear();
		fprintf(stderr, "relgraph: warning: drawing %s nodes and %s edges: the layout takes "
				"long and the picture will be hard to read; --focus ID --depth 1, "
				"--min-weight N, --from/--to or --only KIND cut it down\n",
			thousands(v->nnodes, nn), thousands(v->nedges, ne));
	}
	/* -K auto: the engine for this graph's size */
	const char *engine = o->engine;
	rg_auto choice = {o->engine, 0, 0};
	if (strcmp(engine, "auto") == 0) {
		choice = rg_auto_choose(v);
		engine = choice.engine;
	}
	name = input_name(o->inputs[0]);
	desc = rg_build_describe(m, v);
	rg_doc doc = {.title = o->title ? o->title : name, .desc = desc, .width = o->width,
		      .height = o->height, .dpi = o->dpi};
	rg_render_set_doc(r, &doc);
	rg_build_opts bo = {
		.name = name, .title = o->title, .engine = engine, .large = choice.large, .legend = o->legend,
		.edge_labels = o->labels, .cluster_by = o->cluster_by, .gset = o->gset, .nset = o->nset, .eset = o->eset,
		.ngset = o->ngset, .nnset = o->nnset, .neset = o->neset,
	};
	if (o->frames) {
		size_t nslices;
		rg_slice *slices = rg_frames_slices(v, (rg_frames_by)(o->frames - 1), o->frame_dates,
						    o->nframe_dates, &nslices);
		if (!nslices) {
			rg_error(d, NULL, 0, 0, "--frames: nothing in the input is dated");
			status = RG_EDATA;
		} else if (!slices) {
			rg_error(d, NULL, 0, 0, "--frames: %zu slices are too many (%d at most)",
				 nslices, RG_MAX_FRAMES);
			status = RG_EUSAGE;
		} else {
			naming nm = {o, name};
			status = (int)rg_frames_render(r, m, &to, &bo, engine, slices, nslices,
						       o->formats, o->nformats, frame_path, &nm, d);
			if (status == RG_OK && o->verbose) {
				progress_clear();
				fprintf(stderr, "relgraph: %zu frames from %s to %s\n", nslices,
					slices[0].label, slices[nslices - 1].label);
			}
		}
		free(slices);
		goto done;
	}
	int only_dot = 1;
	for (size_t i = 0; i < o->nformats; i++)
		only_dot &= strcmp(o->formats[i], "dot") == 0;
	if (!only_dot) {
		char nn[32], ne[32];
		progress(v->nnodes + v->nedges > 2000, "laying out %s %s and %s %s with %s",
			 thousands(v->nnodes, nn), plural(v->nnodes, "node", "nodes"),
			 thousands(v->nedges, ne), plural(v->nedges, "edge", "edges"), engine);
	}
	if (choice.apart && !only_dot) {
		/* nodes with no edge set out in rows, the rest by the engine;
		 * the result is laid out already (nop1 draws it again if needed) */
		if (!(g = rg_auto_layout(r, m, v, choice, &bo, d))) {
			status = RG_ESYS;
			goto done;
		}
		stage_done(o, "layout", &t, "auto: %s, %zu nodes alone or in pairs set out in rows",
			   engine, choice.apart);
		engine = "nop1";
	} else {
		g = rg_build(m, v, &bo);
		stage_done(o, "build", &t, "cgraph graph of %d nodes, %d edges", agnnodes(g),
			   agnedges(g));
		if ((status = fit_page(o, &engine, strcmp(o->engine, "auto") == 0, r, m, v, &bo, &g,
				       d)) != RG_OK)
			goto done;
		if (!only_dot && !rg_render_laid_out(r, g) &&
		    (status = rg_render_layout(r, g, engine, d)) != RG_OK)
			goto done;
		if (!only_dot)
			stage_done(o, "layout", &t, "%s%s%s", strcmp(o->engine, "auto") == 0 ? "auto: " : "",
				   engine, bo.rankdir ? ", left to right" : "");
	}
	for (size_t i = 0; i < o->nformats && !choice.apart; i++)
		if (strcmp(o->formats[i], "dot") == 0) {
			/* dot's layout adds to the graph (edges into clusters, its
			 * bounding box): DOT output is of a fresh, unlaid graph, in
			 * the direction fit_page chose */
			rg_render_free_layout(r);
			agclose(g);
			g = rg_build(m, v, &bo);
			break;
		}
	for (size_t i = 0; i < o->nformats; i++) {
		outs[i].format = o->formats[i];
		outs[i].path = o->output;
		if (o->auto_name) {
			size_t ext = strcspn(o->formats[i], ":");
			paths[i] = rg_asprintf("%s%s%s.%.*s", o->outdir ? o->outdir : "",
					       o->outdir ? "/" : "", name, (int)ext, o->formats[i]);
			outs[i].path = paths[i];
		}
	}
	progress(0, "writing %s%s", o->formats[0], o->nformats > 1 ? " and more" : "");
	/* watch --serve keeps the SVG for its page; with no -o or -O it is
	 * the only output */
	size_t nouts = o->cmd == CMD_WATCH && !o->output && !o->auto_name ? 0 : o->nformats;
	if (res->want_svg) {
		for (size_t i = nouts; i > 0; i--)
			outs[i] = outs[i - 1];
		outs[0] = (rg_output){.format = "svg", .data = &res->svg, .len = &res->svglen};
		res->title = rg_xstrdup(doc.title);
		res->desc = rg_xstrdup(desc);
	}
	status = (int)rg_render_outputs(r, g, engine, outs, nouts + !!res->want_svg, d);
	if (status == RG_OK && o->depfile) {
		char *targets[MAX_FORMATS];
		for (size_t i = 0; i < o->nformats; i++)
			targets[i] = (char *)outs[i + !!res->want_svg].path;
		status = (int)write_depfile(o->depfile, m, targets, o->nformats, o->inputs,
					    o->ninputs, d);
	}
	stage_done(o, "render", &t, "%zu %s", o->nformats, o->nformats == 1 ? "output" : "outputs");
done:
	/* the document's title and description die here: watch draws again
	 * with the same context */
	rg_render_set_doc(r, NULL);
	if (m) {
		res->read = 1;
		res->nentities = rg_model_nentities(m);
		res->nrelations = rg_model_nrelations(m);
	}
	if (v) {
		res->viewed = 1;
		res->nnodes = v->nnodes;
		res->nedges = v->nedges;
	}
	for (size_t i = 0; i < MAX_FORMATS; i++)
		free(paths[i]);
	free(name);
	free(desc);
	if (g)
		agclose(g);
	rg_view_free(v);
	rg_model_free(m);
	return status;
}

/* The user's own time zone, for watch's clock: main sets TZ to UTC so
 * that PDF dates are the same everywhere. */
static char *user_tz;

static void clock_text(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	if (user_tz)
		setenv("TZ", user_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	localtime_r(&t, &tm);
	const char *tz = getenv("TZ");
	user_tz = tz ? rg_xstrdup(tz) : NULL;
	setenv("TZ", "UTC0", 1);
	tzset();
	strftime(buf, size, "%H:%M:%S", &tm);
}

/* Set while watching: a signal then ends the watch as a success. */
static volatile sig_atomic_t watching;
/* Some drawing of this watch succeeded: its outputs exist. */
static int drawn_once;

/* Where a run of watch writes, for its status line. */
static char *outputs_text(const struct options *o)
{
	if (o->output)
		return rg_xstrdup(o->output);
	char *name = input_name(o->inputs[0]);
	rg_buf b = {0};
	for (size_t i = 0; i < o->nformats; i++)
		rg_buf_printf(&b, "%s%s%s%s%s.%.*s", i ? " " : "", o->outdir ? o->outdir : "",
			      o->outdir ? "/" : "", name, o->frames ? "-*" : "",
			      (int)strcspn(o->formats[i], ":"), o->formats[i]);
	free(name);
	return b.s;
}

/* One render of watch: the diagnostics, one status line, and the news
 * for the page when serving. */
static void watch_once(const struct options *o, rg_render *r, rg_server *srv)
{
	rg_diags *d = rg_diags_new();
	drawn res = {.want_svg = srv != NULL};
	double t0 = now();
	int st = draw(o, r, d, &res);
	double ms = (now() - t0) * 1000;
	if (st != RG_OK && !rg_diags_count(d, RG_ERROR))
		rg_error(d, NULL, 0, 0, "%s", rg_strerror((rg_status)st));
	char clock[16];
	clock_text(clock, sizeof clock);
	char *where = srv && !o->output && !o->auto_name ? rg_xstrdup(rg_serve_url(srv))
							  : outputs_text(o);
	print_diags(d, o);
	size_t errors = rg_diags_count(d, RG_ERROR);
	if (!errors) {
		if (!o->quiet)
			fprintf(stderr, "relgraph: %s %s: %zu %s, %zu %s (%.0f ms)\n", clock, where,
				res.nnodes, plural(res.nnodes, "node", "nodes"), res.nedges,
				plural(res.nedges, "edge", "edges"), ms);
		if (srv && res.svg)
			rg_serve_image(srv, res.svg, res.svglen, res.title, res.desc);
		drawn_once = 1;
	} else {
		if (drawn_once)
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
	drawn_free(&res);
	rg_diags_free(d);
}

/* relgraph watch: draw, then draw again whenever an input's CSV files
 * change, until a signal.  Bad data is reported and the last good
 * outputs stay; only a failure to watch at all ends it. */
static int watch(const struct options *o, rg_render *r, rg_diags *d)
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
	if (srv) {
		const char *a = o->serve_addr ? o->serve_addr : "";
		fprintf(stderr, "relgraph: serving %s%s\n", rg_serve_url(srv),
			strncmp(a, "0.0.0.0:", 8) == 0 || strncmp(a, "[::]:", 5) == 0 ?
				" (on every address of this machine)" : "");
	}
	if (!o->quiet) {
		fputs("relgraph: watching", stderr);
		for (size_t i = 0; i < o->ninputs; i++)
			fprintf(stderr, " %s", o->inputs[i]);
		fputs(" (Ctrl-C to stop)\n", stderr);
	}
	watch_once(o, r, srv);
	struct pollfd fds[1 + RG_SERVE_MAX_FDS];
	for (;;) {
		int due = rg_watch_due(w, now());
		if (due == 0) {
			rg_watch_taken(w);
			watch_once(o, r, srv);
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
	rg_serve_free(srv);
	rg_watch_free(w);
	return RG_ESYS;
}

static int run(struct options *o)
{
	int status = RG_OK;
	rg_diags *d = rg_diags_new();
	rg_render *r = rg_render_new(d);
	drawn res = {0};

	if (o->version) {
		printf("relgraph %s (Graphviz %s, libcsv %d.%d.%d)\n", RG_VERSION,
		       rg_render_version(r), CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
		goto out;
	}
	if (o->list_formats || o->list_engines) {
		char *l = rg_render_list(r, o->list_formats ? "device" : "layout");
		printf("%s%s\n", o->list_formats ? "" : "auto ", l);
		free(l);
		goto out;
	}
	if (strcmp(o->engine, "auto") != 0 && !rg_render_has_engine(r, o->engine)) {
		char *l = rg_render_list(r, "layout");
		fprintf(stderr, "relgraph: error: unknown layout engine '%s' (engines: %s)\n",
			o->engine, l);
		free(l);
		status = RG_EUSAGE;
		goto out;
	}
	for (size_t i = 0; i < o->nformats && (o->cmd == CMD_RENDER || o->cmd == CMD_WATCH); i++) {
		if (o->format_from_name && !rg_render_has_format(r, o->formats[i])) {
			fprintf(stderr, "relgraph: warning: %s: no format '%s'; writing SVG (-T chooses "
					"a format)\n", o->output, o->formats[i]);
			o->formats[i] = "svg";
		}
		if (!rg_render_has_format(r, o->formats[i])) {
			fprintf(stderr,
				"relgraph: error: unknown output format '%s' (relgraph -T? lists "
				"them)\n",
				o->formats[i]);
			status = RG_EUSAGE;
			goto out;
		}
		if (!o->output && !o->auto_name && binary_format(o->formats[i]) &&
		    isatty(STDOUT_FILENO)) {
			fprintf(stderr,
				"relgraph: error: not writing %s to a terminal: use -o FILE or -O\n",
				o->formats[i]);
			status = RG_EUSAGE;
			goto out;
		}
	}

	if (o->cmd == CMD_WATCH) {
		status = watch(o, r, d);
		goto out;
	}
	status = draw(o, r, d, &res);
out:
	progress_clear();
	if (status != RG_OK && status != RG_EUSAGE && !rg_diags_count(d, RG_ERROR))
		rg_error(d, NULL, 0, 0, "%s", rg_strerror((rg_status)status));
	print_diags(d, o);
	if (o->cmd == CMD_CHECK && res.read && !o->quiet && !o->version)
		print_summary(&res, d);
	if (status == RG_OK && rg_diags_count(d, RG_ERROR))
		status = o->cmd == CMD_CHECK ? RG_EDATA : RG_ESYS;
	drawn_free(&res);
	rg_render_free(r);
	rg_diags_free(d);
	return status;
}

/* Ctrl-C or a kill in the middle of writing leaves every output as it was
 * and no temporary file behind. */
static void on_signal(int sig)
{
	static const char msg[] = "relgraph: error: interrupted; no output was changed\n";
	static const char stopped[] = "relgraph: watch stopped\n";
	rg_render_remove_temporaries();
	if (watching) {
		/* the end of a watch, not a failure: outputs are the last good
		 * ones, any drawing under way is dropped */
		(void)!write(STDERR_FILENO, stopped, sizeof stopped - 1);
		_exit(RG_OK);
	}
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)sig;
	_exit(RG_ESYS);
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

static void free_options(struct options *o)
{
	for (size_t i = 0; o->args && o->args[i]; i++)
		free(o->args[i]);
	free(o->args);
	for (size_t i = 0; i < o->nonly; i++)
		free(o->only[i]);
	for (size_t i = 0; i < o->nhide; i++)
		free(o->hide[i]);
	for (size_t i = 0; i < o->nrelations; i++)
		free(o->relations[i]);
}

int main(int argc, char **argv)
{
	struct options o;
	catch_signals();
	/* cairo stamps PDFs with the local time, time zone included; render
	 * fixes the date, and UTC makes the zone 'Z' on every machine, so that
	 * the same input gives the same bytes anywhere */
	const char *tz = getenv("TZ");
	user_tz = tz ? rg_xstrdup(tz) : NULL;
	setenv("TZ", "UTC0", 1);
	tzset();
	int st = collect_args(argc, argv, &o);
	if (st == 0)
		st = run(&o);
	else if (st < 0)
		st = RG_OK; /* --help */
	free_options(&o);
	free(user_tz);
	/* a write is not done until fclose says so: a full disk fails here */
	int bad = ferror(stdout);
	if ((fclose(stdout) != 0 || bad) && st == RG_OK) {
		fprintf(stderr, "relgraph: <stdout>: error: cannot write: %s\n",
			strerror(errno ? errno : EIO));
		st = RG_ESYS;
	}
	return st;
}
