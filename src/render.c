/* render.c: Graphviz layout and atomic output (see render.h). */
#include "relgraph/render.h"

#include <errno.h>
#include <math.h>
#include <graphviz/gvc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* An output rendered and waiting for rg_render_commit: a temporary file
 * to rename over path, or bytes for standard output. */
typedef struct {
	char *tmp, *path;
	char *data;
	size_t len;
} staged;

struct rg_render {
	GVC_t *gvc;
	Agraph_t *laid_out; /* the graph whose layout is current, if any */
	staged *staged;
	size_t nstaged, capstaged;
};

/* Graphviz reports through a callback with no user pointer, and in pieces
 * ("Error", ": ", the message, continuations): the context alive at the
 * time owns these, and the pieces of one message become one diagnostic
 * when the next message starts or the layout or rendering is over. */
static rg_diags *gv_diags;
static rg_buf gv_pending;

static void gv_flush(void)
{
	if (!gv_pending.len)
		return;
	char *p = gv_pending.s;
	size_t n = gv_pending.len;
	while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
		p[--n] = '\0';
	rg_severity sev = RG_WARNING;
	if (strncmp(p, "Error: ", 7) == 0) {
		p += 7;
		sev = RG_ERROR;
	} else if (strncmp(p, "Warning: ", 9) == 0) {
		p += 9;
	}
	if (gv_diags && *p)
		rg_diag_add(gv_diags, sev, 0, NULL, 0, 0, "Graphviz: %s", p);
	rg_buf_reset(&gv_pending);
}

static int on_gv_message(char *msg)
{
	/* a message starts with its level; anything else continues the last */
	if (strcmp(msg, "Error") == 0 || strcmp(msg, "Warning") == 0)
		gv_flush();
	else if (gv_pending.len && gv_pending.s[gv_pending.len - 1] == '\n')
		gv_pending.s[gv_pending.len - 1] = ' ';
	rg_buf_puts(&gv_pending, msg);
	return 0;
}

static void clear_staged(rg_render *r);

rg_render *rg_render_new(rg_diags *d)
{
	rg_render *r = rg_xcalloc(1, sizeof *r);
	gv_diags = d;
	agseterrf(on_gv_message);
	r->gvc = gvContext();
	return r;
}

void rg_render_free(rg_render *r)
{
	if (!r)
		return;
	rg_render_free_layout(r);
	clear_staged(r);
	free(r->staged);
	gvFreeContext(r->gvc);
	gv_flush();
	free(gv_pending.s);
	gv_pending = (rg_buf){0};
	gv_diags = NULL;
	agseterrf(NULL);
	free(r);
}

/* Devices that open windows rather than write files. */
static int interactive(const char *f)
{
	return strcmp(f, "x11") == 0 || strcmp(f, "xlib") == 0 || strcmp(f, "gtk") == 0;
}

static int in_list(rg_render *r, const char *kind, const char *name)
{
	int n;
	char **l = gvPluginList(r->gvc, kind, &n, NULL);
	size_t len = strcspn(name, ":");
	int found = 0;
	for (int i = 0; i < n; i++) {
		if (strlen(l[i]) == len && strncmp(l[i], name, len) == 0)
			found = 1;
		free(l[i]);
	}
	free(l);
	return found;
}

int rg_render_has_format(rg_render *r, const char *format)
{
	if (strcmp(format, "dot") == 0)
		return 1;
	return !interactive(format) && in_list(r, "device", format);
}

int rg_render_has_engine(rg_render *r, const char *engine)
{
	return in_list(r, "layout", engine);
}

const char *rg_render_version(rg_render *r)
{
	return gvcVersion(r->gvc);
}

char *rg_render_list(rg_render *r, const char *kind)
{
	int n;
	char **l = gvPluginList(r->gvc, kind, &n, NULL);
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	for (int i = 0; i < n; i++) {
		if (!interactive(l[i]))
			rg_buf_printf(&b, "%s%s", b.len ? " " : "", l[i]);
		free(l[i]);
	}
	free(l);
	return b.s;
}

/* cairo stamps PDFs with the time they were made; relgraph promises the
 * same bytes for the same input, so the stamp becomes a fixed date of the
 * same length (the cross-reference offsets stay right).  SOURCE_DATE_EPOCH
 * is honoured for those who want a real date. */
static void fix_pdf_date(char *data, size_t len)
{
	static const char key[] = "/CreationDate (D:";
	char stamp[15] = "19700101000000";
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		time_t t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	}
	for (size_t i = 0; i + sizeof key - 1 + 14 < len; i++) {
		if (memcmp(data + i, key, sizeof key - 1) != 0)
			continue;
		char *p = data + i + sizeof key - 1;
		memcpy(p, stamp, 14);
		/* the time zone part, if any, up to the closing parenthesis */
		for (p += 14; p < data + len && *p != ')'; p++)
			*p = *p == '\'' ? '\'' : (*p >= '0' && *p <= '9') ? '0' : *p == '-' ? '+' : *p;
		break;
	}
}

static char *dot_text(Agraph_t *g, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	int bad = agwrite(g, f) != 0;
	if (fclose(f) != 0 || bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Temporary files that exist right now, so that a signal handler can
 * remove them (unlink is async-signal-safe; the list is only appended to
 * before the file is created and cleared after it is gone). */
#define MAX_TMP 64
static char *volatile live_tmp[MAX_TMP];

static void tmp_track(char *name)
{
	for (int i = 0; i < MAX_TMP; i++)
		if (!live_tmp[i]) {
			live_tmp[i] = name;
			return;
		}
}

static void tmp_untrack(const char *name)
{
	for (int i = 0; i < MAX_TMP; i++)
		if (live_tmp[i] == name)
			live_tmp[i] = NULL;
}

void rg_render_remove_temporaries(void)
{
	for (int i = 0; i < MAX_TMP; i++)
		if (live_tmp[i])
			unlink(live_tmp[i]);
}

typedef struct {
	char *data;
	size_t len;
	int from_gv; /* free with gvFreeRenderData */
	char *tmp;   /* temporary file, until renamed */
} rendered;

static void tmp_name(const char *path, rg_buf *b)
{
	const char *slash = strrchr(path, '/');
	if (slash)
		rg_buf_add(b, path, (size_t)(slash - path + 1));
	rg_buf_printf(b, ".%s.XXXXXX", slash ? slash + 1 : path);
}

/* Writes data to a new temporary file beside path; returns its name (the
 * caller frees it) or NULL with the reason in d. */
static char *write_tmp(const char *path, const char *data, size_t len, rg_diags *d)
{
	rg_buf t = {0};
	tmp_name(path, &t);
	tmp_track(t.s);
	int fd = mkstemp(t.s);
	if (fd < 0) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		tmp_untrack(t.s);
		free(t.s);
		return NULL;
	}
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	FILE *f = fdopen(fd, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;
	if (f) {
		ok = fflush(f) == 0 && ok;
		ok = fclose(f) == 0 && ok;
	} else {
		close(fd);
	}
	if (!ok) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno ? errno : EIO));
		unlink(t.s);
		tmp_untrack(t.s);
		free(t.s);
		return NULL;
	}
	return t.s;
}

static rg_status write_stdout(const char *data, size_t len, rg_diags *d)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		rg_error(d, "<stdout>", 0, 0, "cannot write: %s", strerror(errno ? errno : EIO));
		return RG_ESYS;
	}
	return RG_OK;
}

rg_status rg_write_file(const char *path, const char *data, size_t len, rg_diags *d)
{
	if (!path)
		return write_stdout(data, len, d);
	char *tmp = write_tmp(path, data, len, d);
	if (!tmp)
		return RG_ESYS;
	int bad = rename(tmp, path) != 0;
	if (bad) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
	}
	tmp_untrack(tmp);
	free(tmp);
	if (bad)
		return RG_ESYS;
	return RG_OK;
}

double rg_render_aspect(Agraph_t *g)
{
	boxf bb = GD_bb(g);
	double w = bb.UR.x - bb.LL.x, h = bb.UR.y - bb.LL.y;
	return h > 0 && w > 0 ? w / h : 1;
}

double rg_render_misfit(double a)
{
	if (a >= 0.4 && a <= 2.5)
		return 0;
	double d = fabs(log(a / 1.5)), e = fabs(log(a / 0.67));
	return d < e ? d : e;
}

rg_status rg_render_layout(rg_render *r, Agraph_t *g, const char *engine, rg_diags *d)
{
	if (r->laid_out)
		gvFreeLayout(r->gvc, r->laid_out);
	r->laid_out = NULL;
	size_t errors = rg_diags_count(d, RG_ERROR);
	int bad = gvLayout(r->gvc, g, engine) != 0;
	gv_flush();
	if (bad || rg_diags_count(d, RG_ERROR) > errors) {
		rg_error(d, NULL, 0, 0, "layout with engine '%s' failed", engine);
		if (!bad)
			gvFreeLayout(r->gvc, g);
		return RG_ESYS;
	}
	r->laid_out = g;
	return RG_OK;
}

rg_status rg_render_positions(rg_render *r, Agraph_t *g, rg_diags *d)
{
	char *data = NULL;
	unsigned int len = 0;
	/* rendering to DOT attaches pos, lp and bb to the graph's objects */
	if (r->laid_out != g || gvRenderData(r->gvc, g, "dot", &data, &len) != 0) {
		gv_flush();
		rg_error(d, NULL, 0, 0, "cannot read the layout's positions");
		return RG_ESYS;
	}
	gv_flush();
	gvFreeRenderData(data);
	return RG_OK;
}

void rg_render_free_layout(rg_render *r)
{
	if (r->laid_out)
		gvFreeLayout(r->gvc, r->laid_out);
	r->laid_out = NULL;
}

/* Renders every output of g to memory, then writes each file output to
 * a temporary file beside its target; nothing is renamed yet.  On failure
 * this call's temporary files are gone again. */
rg_status rg_render_stage(rg_render *r, Agraph_t *g, const char *engine, const rg_output *outs,
			  size_t n, rg_diags *d)
{
	rendered *res = rg_xcalloc(n ? n : 1, sizeof *res);
	rg_status st = RG_OK;

	for (size_t i = 0; i < n; i++) {
		if (strcmp(outs[i].format, "dot") != 0)
			continue;
		res[i].data = dot_text(g, &res[i].len);
		if (!res[i].data) {
			rg_error(d, NULL, 0, 0, "cannot write the graph as DOT");
			st = RG_ESYS;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (res[i].data)
			continue;
		if (r->laid_out != g && (st = rg_render_layout(r, g, engine, d)) != RG_OK)
			goto out;
		unsigned int len = 0;
		size_t errors = rg_diags_count(d, RG_ERROR);
		int bad = gvRenderData(r->gvc, g, outs[i].format, &res[i].data, &len) != 0;
		gv_flush();
		if (bad || !res[i].data || rg_diags_count(d, RG_ERROR) > errors) {
			if (res[i].data)
				res[i].from_gv = 1;
			rg_error(d, NULL, 0, 0, "rendering to '%s' failed", outs[i].format);
			st = RG_ESYS;
			goto out;
		}
		res[i].len = len;
		res[i].from_gv = 1;
		if (strncmp(outs[i].format, "pdf", 3) == 0)
			fix_pdf_date(res[i].data, res[i].len);
	}
	/* A rename fails only where the target cannot be replaced by a file (a
	 * folder of that name): find that before anything is replaced. */
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (outs[i].path && stat(outs[i].path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			rg_error(d, outs[i].path, 0, 0, "cannot write: it is a folder");
			st = RG_ESYS;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!outs[i].path)
			continue;
		res[i].tmp = write_tmp(outs[i].path, res[i].data, res[i].len, d);
		if (!res[i].tmp) {
			st = RG_ESYS;
			goto out;
		}
	}
	/* Staged: the batch owns the temporary files (and standard output's
	 * bytes) from here on. */
	for (size_t i = 0; i < n; i++) {
		if (r->nstaged == r->capstaged) {
			r->capstaged = r->capstaged ? 2 * r->capstaged : 8;
			r->staged = rg_xrealloc(r->staged, r->capstaged * sizeof *r->staged);
		}
		staged *x = &r->staged[r->nstaged++];
		memset(x, 0, sizeof *x);
		if (outs[i].path) {
			x->tmp = res[i].tmp;
			x->path = rg_xstrdup(outs[i].path);
			res[i].tmp = NULL;
		} else {
			x->data = rg_xmalloc(res[i].len ? res[i].len : 1);
			memcpy(x->data, res[i].data, res[i].len);
			x->len = res[i].len;
		}
	}
out:
	for (size_t i = 0; i < n; i++) {
		if (res[i].tmp) {
			unlink(res[i].tmp);
			tmp_untrack(res[i].tmp);
			free(res[i].tmp);
		}
		if (res[i].from_gv)
			gvFreeRenderData(res[i].data);
		else
			free(res[i].data);
	}
	free(res);
	rg_render_free_layout(r);
	return st;
}

static void clear_staged(rg_render *r)
{
	for (size_t i = 0; i < r->nstaged; i++) {
		if (r->staged[i].tmp) {
			unlink(r->staged[i].tmp);
			tmp_untrack(r->staged[i].tmp);
		}
		free(r->staged[i].tmp);
		free(r->staged[i].path);
		free(r->staged[i].data);
	}
	r->nstaged = 0;
}

void rg_render_abort(rg_render *r)
{
	clear_staged(r);
}

rg_status rg_render_commit(rg_render *r, rg_diags *d)
{
	rg_status st = RG_OK;
	for (size_t i = 0; i < r->nstaged && st == RG_OK; i++) {
		staged *x = &r->staged[i];
		if (!x->path) {
			st = write_stdout(x->data, x->len, d);
			continue;
		}
		if (rename(x->tmp, x->path) != 0) {
			rg_error(d, x->path, 0, 0, "cannot write: %s", strerror(errno));
			st = RG_ESYS;
			continue;
		}
		tmp_untrack(x->tmp);
		free(x->tmp);
		x->tmp = NULL;
	}
	clear_staged(r);
	return st;
}

rg_status rg_render_outputs(rg_render *r, Agraph_t *g, const char *engine,
			    const rg_output *outs, size_t n, rg_diags *d)
{
	rg_status st = rg_render_stage(r, g, engine, outs, n, d);
	if (st != RG_OK) {
		rg_render_abort(r);
		return st;
	}
	return rg_render_commit(r, d);
}
