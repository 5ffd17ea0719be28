/* options.c: the relgraph command's options (see options.h). */
#include "options.h"

#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static rg_status usage_error(rg_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static rg_status usage_error(rg_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vadd(d, RG_ERROR, 0, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return RG_EUSAGE;
}

/* --- how each kind of value is checked and stored: an option's apply
 * function gets the option, its value (NULL for none) and the field */

struct opt;
typedef rg_status (*apply_fn)(struct options *o, const struct opt *op, const char *arg, void *field,
			      rg_diags *d);

struct opt {
	const char *name; /* the long name, without -- ("" for none) */
	int letter;	  /* the short letter, or 0 */
	int arg;	  /* no_argument, required_argument, optional_argument */
	apply_fn apply;
	size_t field; /* offsetof the field set in struct options */
	int value;    /* flags: the value stored */
};

static rg_status set_flag(struct options *o, const struct opt *op, const char *arg, void *field,
			  rg_diags *d)
{
	(void)o, (void)arg, (void)d;
	*(int *)field = op->value;
	return RG_OK;
}

static rg_status set_text(struct options *o, const struct opt *op, const char *arg, void *field,
			  rg_diags *d)
{
	(void)o, (void)op, (void)d;
	*(const char **)field = arg;
	return RG_OK;
}

static rg_status set_date(struct options *o, const struct opt *op, const char *arg, void *field,
			  rg_diags *d)
{
	if (rg_date_parse(arg, field) != 0)
		return usage_error(d, "--%s '%s' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)",
				   op->name, arg);
	if (strcmp(op->name, "at") == 0)
		o->to = o->from;
	return RG_OK;
}

/* -T: repeatable; -T? lists the formats. */
static rg_status set_format(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)op, (void)field;
	if (strcmp(arg, "?") == 0) {
		o->list_formats = 1;
		return RG_OK;
	}
	if (o->nformats == MAX_FORMATS)
		return usage_error(d, "too many -T formats (%s)", arg);
	o->formats[o->nformats++] = arg;
	return RG_OK;
}

static rg_status set_engine(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)op, (void)field, (void)d;
	if (strcmp(arg, "?") == 0)
		o->list_engines = 1;
	else
		o->engine = arg;
	return RG_OK;
}

/* -G, -N, -E NAME=VALUE (NAME alone is NAME=true); --transparent is
 * -Gbgcolor=transparent. */
static rg_status set_setting(struct options *o, const struct opt *op, const char *arg, void *field,
			     rg_diags *d)
{
	rg_setting *v = field;
	size_t *n = op->letter == 'N' ? &o->nnset : op->letter == 'E' ? &o->neset : &o->ngset;
	if (*n == MAX_SET)
		return arg ? usage_error(d, "too many -G/-N/-E settings (%s)", arg)
			   : usage_error(d, "too many -G settings (--transparent)");
	if (!arg) {
		v[(*n)++] = (rg_setting){"bgcolor", "transparent"};
		return RG_OK;
	}
	const char *eq = strchr(arg, '=');
	if (eq == arg || !*arg)
		return usage_error(d, "-%c needs NAME=VALUE", op->letter);
	/* arg is o's own copy (options_parse): cut at '=' */
	if (eq)
		*(char *)eq = '\0';
	v[(*n)++] = (rg_setting){arg, eq ? eq + 1 : "true"};
	return RG_OK;
}

static rg_status set_page(struct options *o, const struct opt *op, const char *arg, void *field,
			  rg_diags *d)
{
	(void)o, (void)op;
	if (!rg_page_named(arg))
		return usage_error(d, "--page takes %s, not '%s'", rg_page_names(), arg);
	*(const char **)field = arg;
	return RG_OK;
}

/* --color-by community, kind, or any column. */
static rg_status set_color_by(struct options *o, const struct opt *op, const char *arg, void *field,
			      rg_diags *d)
{
	(void)op, (void)field;
	if (!*arg)
		return usage_error(d, "--color-by takes community, kind or a column's name");
	if (rg_strieq(arg, "community") || rg_strieq(arg, "communities"))
		o->color_by = RG_COLOR_COMMUNITY;
	else if (rg_strieq(arg, "kind") || rg_strieq(arg, "type"))
		o->color_by = RG_COLOR_KIND;
	else {
		o->color_by = RG_COLOR_FIELD;
		o->color_field = arg;
	}
	return RG_OK;
}

static rg_status set_labels(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)o, (void)op;
	static const char *const names[] = {"auto", "all", "none"};
	for (int i = 0; i < 3; i++)
		if (strcmp(arg, names[i]) == 0) {
			*(rg_label_mode *)field = (rg_label_mode)i;
			return RG_OK;
		}
	return usage_error(d, "--edge-labels takes auto, all or none, not '%s'", arg);
}

/* --frames year, month, or a list of dates. */
static rg_status set_frames(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)op, (void)field;
	if (strcmp(arg, "year") == 0 || strcmp(arg, "years") == 0) {
		o->frames = RG_FRAMES_YEAR + 1;
		return RG_OK;
	}
	if (strcmp(arg, "month") == 0 || strcmp(arg, "months") == 0) {
		o->frames = RG_FRAMES_MONTH + 1;
		return RG_OK;
	}
	o->frames = RG_FRAMES_LIST + 1;
	for (const char *s = arg; *s;) {
		size_t len = strcspn(s, ",");
		if (o->nframe_dates == MAX_LIST)
			return usage_error(d, "too many dates in --frames (%s)", arg);
		char *one = rg_xstrndup(s, len);
		int bad = rg_date_parse(one, &o->frame_dates[o->nframe_dates++]) != 0;
		if (bad)
			usage_error(
				d,
				"--frames '%s' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)",
				one);
		free(one);
		if (bad)
			return RG_EUSAGE;
		s += len + (s[len] == ',');
	}
	return o->nframe_dates
		       ? RG_OK
		       : usage_error(d, "--frames takes year, month or dates, not '%s'", arg);
}

/* --only, --hide, --relations: "a, B,c" as lower-cased names. */
static rg_status set_list(struct options *o, const struct opt *op, const char *arg, void *field,
			  rg_diags *d)
{
	char **v = field;
	size_t *n = op->field == offsetof(struct options, only)	  ? &o->nonly
		    : op->field == offsetof(struct options, hide) ? &o->nhide
								  : &o->nrelations;
	for (const char *s = arg; *s;) {
		size_t len = strcspn(s, ",");
		const char *p = s, *e = s + len;
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		if (e > p) {
			if (*n == MAX_LIST)
				return usage_error(d, "too many kinds in --%s", op->name);
			char *k = rg_xstrndup(p, (size_t)(e - p));
			for (char *c = k; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c += 32;
			v[(*n)++] = k;
		}
		s += len + (s[len] == ',');
	}
	return RG_OK;
}

static rg_status set_focus(struct options *o, const struct opt *op, const char *arg, void *field,
			   rg_diags *d)
{
	(void)op, (void)field;
	if (o->nfocus == MAX_LIST)
		return usage_error(d, "too many --focus (%s)", arg);
	o->focus[o->nfocus++] = arg;
	return RG_OK;
}

/* --columns FILE and --map SPEC, kept in the order given (the library
 * checks them as it loads). */
static rg_status set_mapping(struct options *o, const struct opt *op, const char *arg, void *field,
			     rg_diags *d)
{
	(void)field;
	if (o->nmaps == MAX_LIST)
		return usage_error(d, "too many --%s (%s)", op->name, arg);
	if (!*arg)
		return usage_error(d, "--%s needs a value", op->name);
	o->map_kind[o->nmaps] = (char)op->value;
	o->maps[o->nmaps++] = arg;
	return RG_OK;
}

/* A number in [lo, hi], whole when asked; the message says the range as
 * the user reads it. */
static rg_status number(const char *arg, double lo, double hi, int whole, double *v)
{
	char *end;
	*v = strtod(arg, &end);
	if (*end || end == arg || !(*v >= lo && *v <= hi) || (whole && *v != (long)*v))
		return RG_EUSAGE;
	return RG_OK;
}

static rg_status set_depth(struct options *o, const struct opt *op, const char *arg, void *field,
			   rg_diags *d)
{
	(void)o, (void)op;
	double v;
	if (number(arg, 0, 1000, 1, &v) != RG_OK || strpbrk(arg, ".eExXpP"))
		return usage_error(d, "--depth takes a whole number from 0, not '%s'", arg);
	*(int *)field = (int)v;
	return RG_OK;
}

/* --max-frames N: a longer series than RG_FRAMES_DEFAULT_MAX frames is
 * asked for by name; --delay SECONDS: how long each frame shows. */
static rg_status set_series(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)o;
	double v;
	if (!op->value) {
		if (number(arg, 1, RG_MAX_FRAMES, 1, &v) != RG_OK || strpbrk(arg, ".eExXpP"))
			return usage_error(
				d, "--max-frames takes a whole number from 1 to %d, not '%s'",
				RG_MAX_FRAMES, arg);
	} else if (number(arg, 0.01, 600, 0, &v) != RG_OK) {
		return usage_error(d, "--delay takes seconds from 0.01 to 600, not '%s'", arg);
	}
	*(double *)field = v;
	return RG_OK;
}

static rg_status set_min_weight(struct options *o, const struct opt *op, const char *arg,
				void *field, rg_diags *d)
{
	(void)o, (void)op;
	if (number(arg, 0, INFINITY, 0, field) != RG_OK)
		return usage_error(d, "--min-weight takes a number of 0 or more, not '%s'", arg);
	return RG_OK;
}

static rg_status set_event_nodes(struct options *o, const struct opt *op, const char *arg,
				 void *field, rg_diags *d)
{
	(void)o, (void)op;
	if (number(arg, 1, 1000000, 1, field) != RG_OK || strpbrk(arg, ".eExXpP"))
		return usage_error(d, "--event-nodes takes a whole number from 1, not '%s'", arg);
	return RG_OK;
}

static rg_status set_dpi(struct options *o, const struct opt *op, const char *arg, void *field,
			 rg_diags *d)
{
	(void)o;
	double v;
	if (op->value) { /* --scale */
		if (number(arg, 0.1, 25, 0, &v) != RG_OK)
			return usage_error(d, "--scale takes a number from 0.1 to 25, not '%s'",
					   arg);
		v *= 96;
	} else if (number(arg, 10, 2400, 0, &v) != RG_OK) {
		return usage_error(d, "--dpi takes a number from 10 to 2400, not '%s'", arg);
	}
	*(double *)field = v;
	return RG_OK;
}

/* --width, --height: a number and a CSS unit. */
static rg_status set_length(struct options *o, const struct opt *op, const char *arg, void *field,
			    rg_diags *d)
{
	(void)o;
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || !(v > 0) || strspn(end, "abcdefghijklmnopqrstuvwxyz%") != strlen(end) ||
	    strchr(arg, '"'))
		return usage_error(
			d, "--%s takes a length such as %s, not '%s'", op->name,
			op->value ? "600, 600px, 10cm or 100%" : "800, 800px, 15cm or 100%", arg);
	*(const char **)field = arg;
	return RG_OK;
}

/* "8000", "0.0.0.0:8000", "[::1]:8000", ":8000": what --serve takes
 * (port_like: the form; port_ok: a port that exists). */
static int port_like(const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *p = colon ? colon + 1 : s;
	return *p && strspn(p, "0123456789") == strlen(p);
}

static rg_status set_serve(struct options *o, const struct opt *op, const char *arg, void *field,
			   rg_diags *d)
{
	(void)op, (void)field;
	const char *colon = arg ? strrchr(arg, ':') : NULL;
	const char *p = colon ? colon + 1 : arg;
	if (arg && !(port_like(arg) && strlen(p) <= 5 && atol(p) <= 65535))
		return usage_error(d, "--serve takes a port (0 to 65535) or HOST:PORT, not '%s'",
				   arg);
	o->serve = 1;
	o->serve_addr = arg;
	return RG_OK;
}

#define F(field) offsetof(struct options, field)
static const struct opt table[] = {
	{"help", 'h', no_argument, set_flag, F(help), 1},
	{"version", 'V', no_argument, set_flag, F(version), 1},
	{"quiet", 'q', no_argument, set_flag, F(quiet), 1},
	{"verbose", 'v', no_argument, set_flag, F(verbose), 1},
	{"", 'T', required_argument, set_format, F(formats), 0},
	{"", 'K', required_argument, set_engine, F(engine), 0},
	{"", 'o', required_argument, set_text, F(output), 0},
	{"", 'O', no_argument, set_flag, F(auto_name), 1},
	{"", 'M', required_argument, set_text, F(depfile), 0},
	{"", 'G', required_argument, set_setting, F(gset), 0},
	{"", 'N', required_argument, set_setting, F(nset), 0},
	{"", 'E', required_argument, set_setting, F(eset), 0},
	{"outdir", 0, required_argument, set_text, F(outdir), 0},
	{"title", 0, required_argument, set_text, F(title), 0},
	{"no-legend", 0, no_argument, set_flag, F(no_legend), 1},
	{"no-merge", 0, no_argument, set_flag, F(no_merge), 1},
	{"edge-labels", 0, required_argument, set_labels, F(labels), 0},
	{"cluster-by", 0, required_argument, set_text, F(cluster_by), 0},
	{"page", 0, required_argument, set_page, F(page), 0},
	{"all", 0, no_argument, set_flag, F(all), 1},
	{"color-by", 0, required_argument, set_color_by, F(color_by), 0},
	{"colour-by", 0, required_argument, set_color_by, F(color_by), 0},
	{"width", 0, required_argument, set_length, F(width), 0},
	{"height", 0, required_argument, set_length, F(height), 1},
	{"dpi", 0, required_argument, set_dpi, F(dpi), 0},
	{"scale", 0, required_argument, set_dpi, F(dpi), 1},
	{"transparent", 0, no_argument, set_setting, F(gset), 0},
	{"from", 0, required_argument, set_date, F(from), 0},
	{"to", 0, required_argument, set_date, F(to), 0},
	{"at", 0, required_argument, set_date, F(from), 0},
	{"dated-only", 0, no_argument, set_flag, F(dated_only), 1},
	{"focus", 0, required_argument, set_focus, F(focus), 0},
	{"depth", 0, required_argument, set_depth, F(depth), 0},
	{"only", 0, required_argument, set_list, F(only), 0},
	{"hide", 0, required_argument, set_list, F(hide), 0},
	{"relations", 0, required_argument, set_list, F(relations), 0},
	{"min-weight", 0, required_argument, set_min_weight, F(min_weight), 0},
	{"keep-isolated", 0, no_argument, set_flag, F(keep_isolated), 1},
	{"event-nodes", 0, required_argument, set_event_nodes, F(event_nodes), 0},
	{"columns", 0, required_argument, set_mapping, F(maps), 'f'},
	{"map", 0, required_argument, set_mapping, F(maps), '='},
	{"frames", 0, required_argument, set_frames, F(frames), 0},
	{"max-frames", 0, required_argument, set_series, F(max_frames), 0},
	{"delay", 0, required_argument, set_series, F(delay), 1},
	{"strict", 0, no_argument, set_flag, F(strict), 1},
	{"serve", 0, optional_argument, set_serve, F(serve), 0},
	{"fresh", 0, no_argument, set_flag, F(fresh), 1},
	{"layout", 0, required_argument, set_text, F(layout_file), 0},
	{"no-memory", 0, no_argument, set_flag, F(no_memory), 1},
};
#define NOPTS (sizeof table / sizeof table[0])
#undef F

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

/* An option relgraph does not have, with the near ones it has. */
static rg_status unknown_option(rg_diags *d, const char *n)
{
	const char *names[NOPTS];
	for (size_t i = 0; i < NOPTS; i++)
		names[i] = *table[i].name ? table[i].name : NULL;
	size_t at[3], k = 0;
	const char *near[3];
	if (strncmp(n, "--", 2) == 0)
		k = rg_nearest(n + 2, names, NOPTS, at, 3);
	for (size_t i = 0; i < k; i++)
		near[i] = names[at[i]];
	char *dym = rg_did_you_mean(near, k, "--");
	usage_error(d, "unknown option '%s'%s", n, dym);
	free(dym);
	return RG_EUSAGE;
}

/* The subcommands, as argv[1] names them ("" is drawing). */
static const char *const cmds[] = {"", "check", "stats", "watch"};
#define NCMDS (sizeof cmds / sizeof *cmds)

/* Copies argv into o->args (which the table's functions may cut), the
 * subcommand taken off, "--serve PORT" joined into "--serve=PORT": the
 * port is optional, so getopt would take it for an input.  A folder
 * named 2024 right after --serve is written ./2024. */
static int copy_args(int argc, char **argv, struct options *o)
{
	if (argc > 1 && strcmp(argv[1], "help") == 0)
		o->help = 1; /* relgraph help: what --help prints */
	for (int c = 1; argc > 1 && c < (int)NCMDS; c++)
		if (strcmp(argv[1], cmds[c]) == 0) {
			o->cmd = (command)c;
			argv++;
			argc--;
			break;
		}
	o->args = rg_xcalloc((size_t)argc + 1, sizeof *o->args);
	int n = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			for (; i < argc; i++)
				o->args[n++] = rg_xstrdup(argv[i]);
			break;
		}
		if (strcmp(argv[i], "--serve") == 0 && i + 1 < argc && port_like(argv[i + 1])) {
			o->args[n++] = rg_asprintf("--serve=%s", argv[++i]);
			continue;
		}
		o->args[n++] = rg_xstrdup(argv[i]);
	}
	return n;
}

/* Runs getopt_long over the table. */
static rg_status scan(int argc, char **argv, struct options *o, rg_diags *d)
{
	struct option longs[NOPTS + 1];
	char shorts[2 * NOPTS + 2] = ":";
	size_t nl = 0, ns = 1;
	for (size_t i = 0; i < NOPTS; i++) {
		if (*table[i].name)
			longs[nl++] =
				(struct option){table[i].name, table[i].arg, NULL, 256 + (int)i};
		if (table[i].letter) {
			shorts[ns++] = (char)table[i].letter;
			if (table[i].arg == required_argument)
				shorts[ns++] = ':';
		}
	}
	longs[nl] = (struct option){NULL, 0, NULL, 0};
	shorts[ns] = '\0';
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		char name[64];
		const struct opt *op = NULL;
		for (size_t i = 0; i < NOPTS && !op; i++)
			if (c == 256 + (int)i || (c < 256 && c == table[i].letter))
				op = &table[i];
		if (c == ':')
			return usage_error(d, "%s needs a value",
					   opt_name(argv, optind, optopt, name));
		if (!op) {
			const char *n = opt_name(argv, optind, optopt, name);
			if (optopt && strncmp(n, "--", 2) == 0)
				return usage_error(d, "%s takes no value", n);
			return unknown_option(d, n);
		}
		rg_status st = op->apply(o, op, optarg, (char *)o + op->field, d);
		if (st != RG_OK)
			return st;
		if (o->help)
			return RG_OK;
	}
	o->inputs = argv + optind;
	o->ninputs = (size_t)(argc - optind);
	return RG_OK;
}

/* -o x.png with no -T: the format the name says (main checks Graphviz
 * has it, and writes SVG otherwise). */
static void format_from_name(struct options *o)
{
	const char *base = strrchr(o->output, '/');
	base = base ? base + 1 : o->output;
	const char *ext = strrchr(base, '.');
	if (!ext || !ext[1] || ext == base || strlen(ext) >= sizeof o->ext)
		return;
	for (size_t i = 0; ext[i + 1]; i++)
		o->ext[i] = (char)(ext[i + 1] >= 'A' && ext[i + 1] <= 'Z' ? ext[i + 1] + 32
									  : ext[i + 1]);
	o->formats[o->nformats++] = strcmp(o->ext, "htm") == 0 ? "html" : o->ext;
	o->format_from_name = 1;
}

/* A first input that does not exist, is no path, and is near a command's
 * name is a command mistyped ("relgraph stat x"): 1 and an error. */
static int not_a_command(const char *first, rg_diags *d)
{
	struct stat sb;
	if (strpbrk(first, "/.") || strcmp(first, "-") == 0 || stat(first, &sb) == 0)
		return 0;
	const char *names[NCMDS + 1];
	for (size_t i = 0; i < NCMDS; i++)
		names[i] = *cmds[i] ? cmds[i] : NULL;
	names[NCMDS] = "help";
	size_t at[3], k = rg_nearest(first, names, NCMDS + 1, at, 3);
	if (!k)
		return 0;
	const char *near[3];
	for (size_t i = 0; i < k; i++)
		near[i] = names[at[i]];
	char *dym = rg_did_you_mean(near, k, "relgraph ");
	usage_error(d, "'%s' is no command, and no file or folder%s", first, dym);
	free(dym);
	return 1;
}

/* The rules on which options go together, in the order a user meets
 * them. */
static rg_status check(struct options *o, rg_diags *d)
{
	if (o->list_formats || o->list_engines || o->version)
		return RG_OK;
	if (o->ninputs == 0)
		return usage_error(d, "no input: name a folder of CSV files, CSV files, or -");
	if (o->cmd == CMD_RENDER && not_a_command(o->inputs[0], d))
		return RG_EUSAGE;
	int stdin_inputs = 0;
	for (size_t i = 0; i < o->ninputs; i++)
		stdin_inputs += strcmp(o->inputs[i], "-") == 0;
	if (stdin_inputs > 1)
		return usage_error(d, "standard input (-) can be read only once");
	if (o->output && strcmp(o->output, "-") == 0)
		o->output = NULL; /* -o - is standard output, as - is standard input */
	if (o->nformats == 0 && o->output && o->cmd != CMD_STATS)
		format_from_name(o);
	if (o->nformats == 0)
		o->formats[o->nformats++] = o->cmd == CMD_STATS ? "txt" : "svg";
	int draws = o->cmd == CMD_RENDER || o->cmd == CMD_WATCH;
	if (o->output && o->auto_name)
		return usage_error(d, "-o and -O do not go together");
	if (o->from.year && o->to.year && rg_date_first_day(o->from) > rg_date_last_day(o->to))
		return usage_error(d, "--from is after --to");
	if (o->outdir && !o->auto_name)
		return usage_error(d, "--outdir goes with -O");
	if (o->cmd == CMD_STATS &&
	    (o->nformats > 1 || o->auto_name ||
	     (strcmp(o->formats[0], "csv") != 0 && strcmp(o->formats[0], "txt") != 0)))
		return usage_error(d, "stats writes a table (default) or -Tcsv");
	if (o->serve && o->cmd != CMD_WATCH)
		return usage_error(d, "--serve goes with watch: relgraph watch INPUT --serve");
	if (o->cmd == CMD_WATCH && stdin_inputs)
		return usage_error(d, "watch reads files: standard input (-) cannot be watched");
	if (o->cmd == CMD_WATCH && !o->output && !o->auto_name && !o->serve)
		return usage_error(d, "watch writes files: use -O or -o FILE (or --serve)");
	if (o->cmd == CMD_WATCH && o->serve && o->frames)
		return usage_error(d, "--serve shows one drawing: leave out --frames");
	if (o->depfile && (!draws || (!o->output && !o->auto_name) || o->frames))
		return usage_error(d,
				   "-M FILE names the files a drawing depends on: use it with -o "
				   "or -O (not --frames)");
	if (o->frames && o->cmd == CMD_RENDER && !o->auto_name && !o->output)
		return usage_error(d, "--frames writes one file per slice: use -O or -o FILE");
	if (!o->frames && (o->max_frames > 0 || o->delay > 0))
		return usage_error(d, "%s goes with --frames",
				   o->max_frames > 0 ? "--max-frames" : "--delay");
	if (o->layout_file && o->no_memory)
		return usage_error(d, "--layout FILE and --no-memory do not go together");
	if (o->layout_file && (!draws || o->frames))
		return usage_error(d, "--layout FILE keeps one drawing's places: leave out "
				      "--frames, check and stats");
	if (o->nformats > 1 && !o->auto_name && draws)
		return usage_error(d, "several -T formats need -O (one file per format)");
	return RG_OK;
}

rg_status options_parse(int argc, char **argv, struct options *o, rg_diags *d)
{
	memset(o, 0, sizeof *o);
	o->engine = "auto";
	o->depth = 1;
	int n = copy_args(argc, argv, o);
	rg_status st = scan(n, o->args, o, d);
	if (st != RG_OK || o->help)
		return st;
	return check(o, d);
}

void options_free(struct options *o)
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

void options_usage(FILE *f)
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
	      "  -o FILE           write to FILE (default: standard output), making its\n"
	      "                    folders; without -T, the format is FILE's extension\n"
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
	      "  --page SIZE       the size the drawing is made for: column (default: 16 cm\n"
	      "                    wide), page, slide, square, or none (its own size); no\n"
	      "                    text is smaller than 6 pt on it\n"
	      "  --all             draw every entity of a graph too big for the page (the\n"
	      "                    most important ones otherwise, with a caption)\n"
	      "  --color-by WHAT   community, kind or a column (default: kind where the data\n"
	      "                    has kinds, community where it has none)\n"
	      "\n"
	      "Layout memory (a drawing made again keeps its nodes where they were):\n"
	      "  --layout FILE     where the last drawing's places are kept and read back\n"
	      "                    (default: beside the output, -o x.svg keeps x.layout,\n"
	      "                    -O keeps NAME.layout; none for standard output)\n"
	      "  --fresh           lay out from scratch, ignoring the memory (it is\n"
	      "                    rewritten)\n"
	      "  --no-memory       neither read nor write a layout memory\n"
	      "\n"
	      "Columns (files whose headers relgraph does not know):\n"
	      "  --columns FILE    a CSV on the Web metadata file saying what each column\n"
	      "                    is (default: X.csv-metadata.json beside X.csv, else\n"
	      "                    csv-metadata.json in its folder)\n"
	      "  --map [FILE:]HEADER=COLUMN,...  read HEADER as the column relgraph knows\n"
	      "                    (officeholderLabel=label, version4id=group_id; - drops\n"
	      "                    it), in every input or in FILE only; repeatable\n"
	      "\n"
	      "Asking questions (filters run before layout):\n"
	      "  --from DATE, --to DATE  keep what is in force in this window (YYYY,\n"
	      "                    YYYY-MM or YYYY-MM-DD, each the whole period it names):\n"
	      "                    a relation whose span meets it (a date alone is that\n"
	      "                    day), a node whose dates meet it or that one joins;\n"
	      "                    undated things only between nodes so drawn\n"
	      "  --at DATE         the same as --from DATE --to DATE\n"
	      "  --dated-only      with a window, leave undated relations out altogether\n"
	      "  --focus ID        only ID and its neighbours (repeatable), ID marked and\n"
	      "                    the view named in a caption; case, accents and spaces\n"
	      "                    aside\n"
	      "  --depth N         how many steps out --focus goes (default 1)\n"
	      "  --only KIND,...   keep only nodes of these kinds\n"
	      "  --hide KIND,...   leave out nodes of these kinds\n"
	      "  --relations KIND,...  keep only relations of these kinds\n"
	      "  --frames year|month|DATE,...  one image per slice, NAME-SLICE.FORMAT,\n"
	      "                    every node in the same place, every frame the same\n"
	      "                    size with its period as caption; inside --from/--to;\n"
	      "                    -Tgif makes one animated GIF, -Thtml one page with a\n"
	      "                    time slider\n"
	      "  --max-frames N    allow up to N frames (default 100: a longer series is\n"
	      "                    refused, saying how many frames it would make)\n"
	      "  --delay SECONDS   how long each frame shows in the GIF and the page's\n"
	      "                    player (default 1)\n"
	      "  --min-weight N    leave out merged edges lighter than N (a meeting\n"
	      "                    weighs 1: --min-weight 5 keeps pairs that met 5 times)\n"
	      "  --keep-isolated   keep the nodes whose relations the filters took away\n"
	      "  --event-nodes N   a meeting of more than N participants (default 6) is\n"
	      "                    a node joined to each; fewer: an edge between each two\n"
	      "\n"
	      "Messages:\n"
	      "  --strict          every warning is an error (exit 1)\n"
	      "  -q, --quiet       only errors\n"
	      "  -v, --verbose     say what each stage did, how long it took, and the peak\n"
	      "                    memory; print every warning (else the ones check lists\n"
	      "                    are counted in one line)\n"
	      "  -V, --version     print the version and exit\n"
	      "  -h, --help        print this help and exit\n"
	      "\n"
	      "watch draws, then draws again each time a CSV file of the input (or a\n"
	      "column mapping beside it) is saved; bad data is reported and the last good\n"
	      "output stays.  It needs -o, -O or --serve [PORT|HOST:PORT]: a live page on\n"
	      "http://127.0.0.1:8000/ (port 0: any free one).  Ctrl-C ends it.\n"
	      "\n"
	      "check reads the input and reports every problem in it, including the\n"
	      "warnings drawing leaves out, then exits.  stats prints nodes and\n"
	      "relations per kind, degrees, the most frequent pairs, isolated nodes and\n"
	      "components, as a table or with -Tcsv as CSV; the filters apply.\n"
	      "\n"
	      "Filters that match nothing are a usage error, filters that leave nothing\n"
	      "to draw a data error: never a blank image.\n"
	      "\n"
	      "Exit status: 0 ok, 1 bad input data, 2 bad usage, 3 system or render\n"
	      "failure.  See relgraph(1) and docs/FORMAT.md.\n",
	      f);
}
