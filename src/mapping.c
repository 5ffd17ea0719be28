/* mapping.c: column mappings (see mapping.h): CSV on the Web metadata
 * files and --map, read into tables of header -> role. */
#include "mapping.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "model_impl.h"
#include "relgraph/suggest.h"
#include "util.h"

#define CSVW_CONTEXT "http://www.w3.org/ns/csvw"
#define MAX_MAPPING_BYTES (1L << 24) /* a mapping is a small file */

/* A metadata file read, its tables (none when it failed). */
typedef struct {
	char *path;
	rg_map_table *t;
	size_t n;
	int given;
	int failed; /* it has mistakes: the data it describes is not read */
} map_file;

struct rg_mapping {
	rg_map_table *opt; /* --map, in the order given */
	size_t nopt;
	map_file *files; /* --columns first, then those found beside the data */
	size_t nfiles;
	rg_map_table **out; /* rg_mapping_tables' answer */
	size_t capout;
};

rg_mapping *rg_mapping_new(void)
{
	return rg_xcalloc(1, sizeof(rg_mapping));
}

static void free_table(rg_map_table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		rg_map_col *c = &t->cols[i];
		for (size_t k = 0; k < c->nkeys; k++)
			free(c->keys[k]);
		free(c->keys);
		free(c->title);
		free(c->role);
		free(c->def);
	}
	free(t->cols);
	free(t->url);
}

void rg_mapping_free(rg_mapping *mp)
{
	if (!mp)
		return;
	for (size_t i = 0; i < mp->nopt; i++)
		free_table(&mp->opt[i]);
	free(mp->opt);
	for (size_t i = 0; i < mp->nfiles; i++) {
		for (size_t k = 0; k < mp->files[i].n; k++)
			free_table(&mp->files[i].t[k]);
		free(mp->files[i].t);
		free(mp->files[i].path);
	}
	free(mp->files);
	free(mp->out);
	free(mp);
}

int rg_mapping_empty(const rg_mapping *mp)
{
	return !mp->nopt && !mp->nfiles;
}

/* The last part of a path or URL, %XX decoded: what names a table. */
static char *base_name(const char *s)
{
	const char *b = strrchr(s, '/');
	b = b ? b + 1 : s;
	size_t n = strcspn(b, "?#");
	char *o = rg_xstrndup(b, n), *q = o;
	for (const char *p = o; *p; p++) {
		unsigned x;
		if (p[0] == '%' && p[1] && p[2] && sscanf(p + 1, "%2x", &x) == 1) {
			*q++ = (char)x;
			p += 2;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return o;
}

static rg_map_col *new_col(rg_map_table *t)
{
	t->cols = rg_xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
	rg_map_col *c = &t->cols[t->ncols++];
	memset(c, 0, sizeof *c);
	return c;
}

static void add_key(rg_map_col *c, const char *title)
{
	c->keys = rg_xrealloc(c->keys, (c->nkeys + 1) * sizeof *c->keys);
	c->keys[c->nkeys++] = rg_model_norm_header(title);
	if (!c->title)
		c->title = rg_xstrdup(title);
}

/* Checks a column's role: a column relgraph knows, or the column's own
 * header (a CSVW file written for other tools names every column); sets
 * c->role.  Returns 0, or -1 after an error. */
static int set_role(rg_map_col *c, const char *role, const char *file, long line, long col,
		    rg_diags *d)
{
	char *r = rg_model_norm_header(role);
	int own = 0;
	for (size_t k = 0; k < c->nkeys; k++)
		own |= strcmp(c->keys[k], r) == 0;
	if (!*r || (!own && !rg_model_known_column(r))) {
		/* the names docs/FORMAT.md gives the columns, for a slip */
		static const char *const roles[] = {
			"source",      "target",      "id",	    "name",	    "label",
			"kind",	       "relation",    "group",	    "country",	    "office",
			"url",	       "description", "date",	    "start",	    "end",
			"start_year",  "start_month", "start_day",  "end_year",	    "end_month",
			"end_day",     "year",	      "month",	    "day",	    "weight",
			"count",       "directed",    "direction",  "participants", "parties",
			"group_id",    "alliance_id", "meeting_id", "member",	    "leader",
			"source_type", "target_type", "place",	    "occasion",	    "format",
		};
		size_t near[2];
		const char *names[2];
		size_t nn = rg_nearest(role, roles, sizeof roles / sizeof *roles, near, 2);
		for (size_t i = 0; i < nn; i++)
			names[i] = roles[near[i]];
		char *hint = rg_did_you_mean(names, nn, "");
		rg_error(d, file, line, col,
			 "'%s' is not a column relgraph knows%s (see \"Column mappings\" in "
			 "docs/FORMAT.md)",
			 role, hint);
		free(hint);
		free(r);
		return -1;
	}
	if (own)
		free(r); /* its own name: the column keeps its meaning */
	else
		c->role = r;
	return 0;
}

/* Two columns of one table mapped to one role cannot both be it. */
static int check_roles(rg_map_table *t, rg_diags *d)
{
	int bad = 0;
	for (size_t i = 0; i < t->ncols; i++)
		for (size_t k = 0; k < i; k++)
			if (t->cols[i].role && *t->cols[i].role && t->cols[k].role &&
			    strcmp(t->cols[i].role, t->cols[k].role) == 0) {
				rg_error(d, t->file, t->cols[i].line, t->cols[i].col,
					 "'%s' is mapped to '%s' too (line %ld): one column each",
					 t->cols[i].title ? t->cols[i].title : t->cols[i].role,
					 t->cols[i].role, t->cols[k].line);
				bad = 1;
				break;
			}
	return bad ? -1 : 0;
}

/* CSVW properties relgraph reads or may leave aside; a column property
 * outside these (and outside prefix:name common properties) is likely a
 * slip (title for titles). */
static int known_property(const char *k)
{
	static const char *const props[] = {
		"titles",      "name",	   "suppressOutput", "virtual", "default", "datatype",
		"required",    "null",	   "separator",	     "lang",	"ordered", "textDirection",
		"propertyUrl", "valueUrl", "aboutUrl",	     "notes",
	};
	if (k[0] == '@' || strchr(k, ':'))
		return 1;
	for (size_t i = 0; i < sizeof props / sizeof *props; i++)
		if (strcmp(k, props[i]) == 0)
			return 1;
	return 0;
}

static int want(const rg_json *v, rg_json_type type, const char *what, const char *file,
		rg_diags *d)
{
	static const char *const names[] = {"null",	"true or false", "a number",
					    "a string", "an array",	 "an object"};
	if (v->type == type)
		return 1;
	rg_error(d, file, v->line, v->col, "%s must be %s", what, names[type]);
	return 0;
}

/* titles: a string, an array of them, or CSVW's language map of them. */
static int read_titles(rg_map_col *c, const rg_json *v, const char *file, rg_diags *d)
{
	if (v->type == RG_JSON_STRING) {
		add_key(c, v->s);
		return 0;
	}
	if (v->type == RG_JSON_ARRAY || v->type == RG_JSON_OBJECT) {
		for (size_t i = 0; i < v->n; i++) {
			if (v->items[i]->type == RG_JSON_ARRAY &&
			    read_titles(c, v->items[i], file, d))
				return -1;
			if (v->items[i]->type == RG_JSON_ARRAY)
				continue;
			if (!want(v->items[i], RG_JSON_STRING, "a title", file, d))
				return -1;
			add_key(c, v->items[i]->s);
		}
		if (c->nkeys)
			return 0;
	}
	rg_error(d, file, v->line, v->col, "titles must be the column's header, a string");
	return -1;
}

static int read_column(rg_map_table *t, const rg_json *v, rg_diags *d)
{
	const char *file = t->file;
	if (!want(v, RG_JSON_OBJECT, "a column", file, d))
		return -1;
	rg_map_col *c = new_col(t);
	c->line = v->line;
	c->col = v->col;
	int bad = 0;
	for (size_t i = 0; i < v->n; i++)
		if (!known_property(v->items[i]->key)) {
			char *plural = rg_asprintf("%ss", v->items[i]->key);
			rg_warn(d, file, v->items[i]->kline, v->items[i]->kcol,
				"'%s' is not a property of a column (%s%s%s): left aside",
				v->items[i]->key, known_property(plural) ? "did you mean '" : "",
				known_property(plural) ? plural
						       : "titles, name, suppressOutput, "
							 "virtual, default ...",
				known_property(plural) ? "'?" : "");
			free(plural);
		}
	const rg_json *ti = rg_json_get(v, "titles"), *nm = rg_json_get(v, "name"),
		      *sup = rg_json_get(v, "suppressOutput"), *vir = rg_json_get(v, "virtual"),
		      *def = rg_json_get(v, "default");
	if (vir && want(vir, RG_JSON_BOOL, "virtual", file, d))
		c->virt = vir->b;
	else if (vir)
		bad = 1;
	if (ti && read_titles(c, ti, file, d))
		bad = 1;
	if (ti) {
		c->line = ti->line;
		c->col = ti->col;
	}
	if (!ti && !c->virt) {
		rg_error(d, file, v->line, v->col,
			 "a column needs titles: its header in the file (or \"virtual\": true "
			 "with a name and a default)");
		return -1;
	}
	if (def && want(def, RG_JSON_STRING, "default", file, d))
		c->def = rg_xstrdup(def->s);
	else if (def)
		bad = 1;
	if (sup && !want(sup, RG_JSON_BOOL, "suppressOutput", file, d))
		bad = 1;
	if (sup && sup->type == RG_JSON_BOOL && sup->b) {
		c->role = rg_xstrdup(""); /* left out altogether */
		return bad ? -1 : 0;
	}
	if (nm && want(nm, RG_JSON_STRING, "name", file, d)) {
		if (set_role(c, nm->s, file, nm->line, nm->col, d))
			bad = 1;
	} else if (nm)
		bad = 1;
	if (c->virt && (!c->role || !c->def)) {
		rg_error(d, file, v->line, v->col,
			 "a virtual column needs a name (the column relgraph reads it as) and a "
			 "default (its value on every row)");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* One table description: url and tableSchema's columns. */
static int read_table(map_file *f, const rg_json *v, rg_diags *d)
{
	if (!want(v, RG_JSON_OBJECT, "a table", f->path, d))
		return -1;
	const rg_json *url = rg_json_get(v, "url"), *schema = rg_json_get(v, "tableSchema");
	if (!url || !want(url, RG_JSON_STRING, "url", f->path, d)) {
		if (!url)
			rg_error(d, f->path, v->line, v->col,
				 "a table needs a url: the name of the CSV file it describes");
		return -1;
	}
	if (!schema || !want(schema, RG_JSON_OBJECT, "tableSchema", f->path, d)) {
		if (!schema)
			rg_error(d, f->path, v->line, v->col,
				 "a table needs a tableSchema with its columns");
		return -1;
	}
	const rg_json *cols = rg_json_get(schema, "columns");
	if (!cols || !want(cols, RG_JSON_ARRAY, "columns", f->path, d)) {
		if (!cols)
			rg_error(d, f->path, schema->line, schema->col,
				 "a tableSchema needs columns: a list of the columns it maps");
		return -1;
	}
	f->t = rg_xrealloc(f->t, (f->n + 1) * sizeof *f->t);
	rg_map_table *t = &f->t[f->n++];
	memset(t, 0, sizeof *t);
	t->url = base_name(url->s);
	t->file = f->path;
	t->line = url->line;
	t->col = url->col;
	t->given = f->given;
	int bad = 0;
	for (size_t i = 0; i < cols->n; i++)
		if (read_column(t, cols->items[i], d))
			bad = 1;
	return bad || check_roles(t, d) ? -1 : 0;
}

static int read_metadata(map_file *f, const rg_json *top, rg_diags *d)
{
	if (!want(top, RG_JSON_OBJECT, "CSV on the Web metadata", f->path, d))
		return -1;
	const rg_json *ctx = rg_json_get(top, "@context");
	const rg_json *c0 = ctx && ctx->type == RG_JSON_ARRAY && ctx->n ? ctx->items[0] : ctx;
	if (!c0 || c0->type != RG_JSON_STRING || strcmp(c0->s, CSVW_CONTEXT) != 0) {
		rg_error(d, f->path, ctx ? ctx->line : top->line, ctx ? ctx->col : top->col,
			 "not CSV on the Web metadata: it starts with \"@context\": \"%s\"",
			 CSVW_CONTEXT);
		return -1;
	}
	const rg_json *tables = rg_json_get(top, "tables");
	if (!tables)
		return read_table(f, top, d);
	if (!want(tables, RG_JSON_ARRAY, "tables", f->path, d))
		return -1;
	int bad = 0;
	for (size_t i = 0; i < tables->n; i++)
		if (read_table(f, tables->items[i], d))
			bad = 1;
	return bad ? -1 : 0;
}

/* Reads the metadata file at path into a new map_file: RG_OK, RG_EDATA
 * (mistakes in d) or, when it cannot be read, RG_ESYS / RG_EUSAGE. */
static rg_status load_file(rg_mapping *mp, const char *path, int given, rg_diags *d)
{
	mp->files = rg_xrealloc(mp->files, (mp->nfiles + 1) * sizeof *mp->files);
	map_file *f = &mp->files[mp->nfiles++];
	*f = (map_file){rg_xstrdup(path), NULL, 0, given, 1};
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		rg_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return errno == ENOENT ? RG_EUSAGE : RG_ESYS;
	}
	rg_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len < MAX_MAPPING_BYTES)
		rg_buf_add(&b, chunk, n);
	int err = ferror(fp);
	fclose(fp);
	if (err || b.len >= MAX_MAPPING_BYTES) {
		rg_error(d, path, 0, 0, err ? "cannot read: %s" : "too big for a mapping (%s)",
			 err ? strerror(EIO) : "16 MB");
		free(b.s);
		return err ? RG_ESYS : RG_EDATA;
	}
	rg_json *top = rg_json_parse(b.s ? b.s : "", b.len, path, d);
	free(b.s);
	f->failed = !top || read_metadata(f, top, d);
	rg_json_free(top);
	return f->failed ? RG_EDATA : RG_OK;
}

rg_status rg_mapping_add_file(rg_mapping *mp, const char *path, rg_diags *d)
{
	return load_file(mp, path, 1, d);
}

/* One header=role pair of --map at p (len bytes). */
static int add_pair(rg_map_table *t, const char *p, size_t len, rg_diags *d)
{
	char *pair = rg_xstrndup(p, len);
	char *eq = strchr(pair, '=');
	int bad = 0;
	if (!eq || eq == pair) {
		rg_error(d, "--map", 0, 0,
			 "'%s' is not header=role (write --map 'officeholderLabel=label,...')",
			 pair);
		bad = 1;
	} else {
		*eq = '\0';
		rg_map_col *c = new_col(t);
		add_key(c, pair);
		if (strcmp(eq + 1, "-") == 0)
			c->role = rg_xstrdup("");
		else
			bad = set_role(c, eq + 1, "--map", 0, 0, d);
	}
	free(pair);
	return bad;
}

rg_status rg_mapping_add_spec(rg_mapping *mp, const char *spec, rg_diags *d)
{
	mp->opt = rg_xrealloc(mp->opt, (mp->nopt + 1) * sizeof *mp->opt);
	rg_map_table *t = &mp->opt[mp->nopt++];
	memset(t, 0, sizeof *t);
	t->file = "--map";
	t->given = 1;
	/* FILE: before the first pair (a colon before the first '=') */
	const char *eq = strchr(spec, '='), *colon = strchr(spec, ':');
	if (colon && eq && colon < eq) {
		char *f = rg_xstrndup(spec, (size_t)(colon - spec));
		t->url = base_name(f);
		free(f);
		spec = colon + 1;
	}
	int bad = 0;
	for (const char *p = spec; *p;) {
		size_t len = strcspn(p, ",");
		if (len)
			bad |= add_pair(t, p, len, d);
		p += len + (p[len] == ',');
	}
	if (!t->ncols && !bad) {
		rg_error(d, "--map", 0, 0, "--map takes header=role pairs, not '%s'", spec);
		bad = 1;
	}
	return bad || check_roles(t, d) ? RG_EUSAGE : RG_OK;
}

static map_file *find_file(rg_mapping *mp, const char *path)
{
	for (size_t i = 0; i < mp->nfiles; i++)
		if (strcmp(mp->files[i].path, path) == 0)
			return &mp->files[i];
	return NULL;
}

static void add_out(rg_mapping *mp, size_t *n, rg_map_table *t)
{
	if (*n == mp->capout) {
		mp->capout = mp->capout ? 2 * mp->capout : 8;
		mp->out = rg_xrealloc(mp->out, mp->capout * sizeof *mp->out);
	}
	mp->out[(*n)++] = t;
	t->hits++;
}

/* The metadata file found beside the data at path: PATH-metadata.json,
 * else csv-metadata.json in its folder; NULL for none. */
static map_file *located(rg_mapping *mp, const char *path, rg_diags *d)
{
	struct stat st;
	char *own = rg_asprintf("%s-metadata.json", path);
	const char *slash = strrchr(path, '/');
	char *dir = slash ? rg_asprintf("%.*scsv-metadata.json", (int)(slash - path + 1), path)
			  : rg_xstrdup("csv-metadata.json");
	map_file *f = NULL;
	for (int k = 0; k < 2 && !f; k++) {
		const char *p = k ? dir : own;
		f = find_file(mp, p);
		if (!f && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			load_file(mp, p, 0, d);
			f = &mp->files[mp->nfiles - 1];
		}
	}
	free(own);
	free(dir);
	return f;
}

size_t rg_mapping_tables(rg_mapping *mp, const char *path, rg_diags *d, rg_map_table ***out,
			 int *broken)
{
	size_t n = 0;
	*broken = 0;
	int stdin_ = strcmp(path, "-") == 0;
	char *base = stdin_ ? rg_xstrdup("-") : base_name(path);
	for (size_t i = 0; i < mp->nopt; i++)
		if (!mp->opt[i].url || strcmp(mp->opt[i].url, base) == 0)
			add_out(mp, &n, &mp->opt[i]);
	size_t given = mp->nfiles;
	int found = 0;
	for (size_t i = 0; i < given; i++)
		for (size_t k = 0; mp->files[i].given && k < mp->files[i].n; k++)
			if (strcmp(mp->files[i].t[k].url, base) == 0) {
				add_out(mp, &n, &mp->files[i].t[k]);
				found = 1;
			}
	map_file *f = found || stdin_ ? NULL : located(mp, path, d);
	if (f && !f->given && f->failed)
		*broken = 1; /* reported: without its mapping the file means nothing */
	size_t before = n;
	for (size_t k = 0; f && !f->given && k < f->n; k++)
		if (strcmp(f->t[k].url, base) == 0)
			add_out(mp, &n, &f->t[k]);
	/* X.csv-metadata.json is X.csv's: a url naming another file is
	 * likely a file renamed on one side only */
	size_t plen = strlen(path);
	if (f && !f->given && !f->failed && n == before && f->n &&
	    strncmp(f->path, path, plen) == 0 && strcmp(f->path + plen, "-metadata.json") == 0)
		rg_warn(d, f->path, f->t[0].line, f->t[0].col,
			"this mapping is for '%s', not '%s': left aside", f->t[0].url, base);
	free(base);
	*out = mp->out;
	return n;
}

rg_status rg_mapping_check(rg_mapping *mp, rg_diags *d)
{
	rg_status s = RG_OK;
	for (size_t i = 0; i < mp->nopt; i++)
		for (size_t k = 0; !mp->opt[i].url && k < mp->opt[i].ncols; k++)
			if (!mp->opt[i].cols[k].hits && !mp->opt[i].cols[k].virt) {
				rg_error(d, "--map", 0, 0, "no input has a column '%s'",
					 mp->opt[i].cols[k].title);
				s = RG_EUSAGE;
			}
	for (size_t i = 0; i < mp->nopt; i++)
		if (mp->opt[i].url && !mp->opt[i].hits) {
			rg_error(d, "--map", 0, 0, "no input is named '%s'", mp->opt[i].url);
			s = RG_EUSAGE;
		}
	for (size_t i = 0; i < mp->nfiles; i++)
		for (size_t k = 0; mp->files[i].given && k < mp->files[i].n; k++) {
			rg_map_table *t = &mp->files[i].t[k];
			if (!t->hits)
				rg_warn(d, t->file, t->line, t->col,
					"no input is named '%s': this table is not used", t->url);
		}
	return s;
}
