/* outputs.c: where the relgraph command writes (see outputs.h). */
#include "outputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

/* Makes the folder path and those above it, like mkdir -p. */
static rg_status make_folders(const char *path, rg_diags *d)
{
	char *p = rg_xstrdup(path);
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
	return RG_OK;
}

/* Makes the folders of a file's path. */
static rg_status make_folders_of(const char *file, rg_diags *d)
{
	char *dir = rg_xstrdup(file);
	char *slash = strrchr(dir, '/');
	rg_status st = RG_OK;
	if (slash && slash != dir) {
		*slash = '\0';
		st = make_folders(dir, d);
	}
	free(dir);
	return st;
}

rg_status outputs_prepare(const struct options *o, rg_diags *d)
{
	rg_status st = RG_OK;
	if (o->auto_name && o->outdir)
		st = make_folders(o->outdir, d);
	/* -o fig/g7.pdf makes fig/, as --outdir makes its folder; so does
	 * -M deps/g7.d */
	if (st == RG_OK && o->output)
		st = make_folders_of(o->output, d);
	if (st == RG_OK && o->depfile)
		st = make_folders_of(o->depfile, d);
	return st;
}

char *outputs_path(const struct options *o, const char *name, const char *format)
{
	if (!o->auto_name)
		return o->output ? rg_xstrdup(o->output) : NULL;
	size_t ext = strcspn(format, ":");
	return rg_asprintf("%s%s%s.%.*s", o->outdir ? o->outdir : "", o->outdir ? "/" : "", name,
			   (int)ext, format);
}

int outputs_binary(const char *f)
{
	static const char *const text[] = {"svg",	"dot",	"json",	   "json0",	"dot_json",
					   "xdot_json", "xdot", "plain",   "plain-ext", "canon",
					   "gv",	"ps",	"eps",	   "imap",	"cmapx",
					   "fig",	"pic",	"vml",	   "tk",	"mp",
					   "pov",	"vrml", "xdot1.2", "xdot1.4",	NULL};
	for (size_t i = 0; text[i]; i++)
		if (strncmp(f, text[i], strlen(text[i])) == 0 &&
		    (f[strlen(text[i])] == '\0' || f[strlen(text[i])] == ':'))
			return 0;
	return 1;
}
char *outputs_memory_path(const struct options *o, const char *name)
{
	if (o->no_memory || o->frames)
		return NULL;
	if (o->layout_file)
		return rg_xstrdup(o->layout_file);
	if (o->auto_name)
		return rg_asprintf("%s%s%s.layout", o->outdir ? o->outdir : "",
				   o->outdir ? "/" : "", name);
	if (!o->output || strcmp(o->output, "-") == 0)
		return NULL;
	const char *base = strrchr(o->output, '/');
	base = base ? base + 1 : o->output;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot != base ? (size_t)(dot - o->output) : strlen(o->output);
	char *path = rg_asprintf("%.*s.layout", (int)stem, o->output);
	if (strcmp(path, o->output) == 0) {
		/* -o x.layout: the drawing is not overwritten by its memory */
		free(path);
		return NULL;
	}
	return path;
}

char *outputs_frame_path(void *ctx, const char *slice, const char *format)
{
	const struct frame_naming *nm = ctx;
	size_t ext = strcspn(format, ":");
	if (nm->o->auto_name)
		return rg_asprintf("%s%s%s%s%s.%.*s", nm->o->outdir ? nm->o->outdir : "",
				   nm->o->outdir ? "/" : "", nm->name, slice ? "-" : "",
				   slice ? slice : "", (int)ext, format);
	const char *out = nm->o->output;
	if (!slice) /* the whole series in one file: -o names it */
		return rg_xstrdup(out);
	const char *base = strrchr(out, '/');
	const char *dot = strrchr(base ? base : out, '.');
	if (!dot || dot == (base ? base + 1 : out))
		return rg_asprintf("%s-%s", out, slice);
	return rg_asprintf("%.*s-%s%s", (int)(dot - out), out, slice, dot);
}

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

rg_status outputs_depfile(const char *path, const rg_model *m, char **targets, size_t ntargets,
			  char **inputs, size_t ninputs, rg_diags *d)
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
