/* render.c: Graphviz layout and atomic output (see render.h). */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include "relgraph/render.h"

#include <errno.h>
#include <fcntl.h>
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
 * to rename over path, or bytes to write to path directly (a device or a
 * pipe) or to standard output (no path). */
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

/* The mode new files get, read once before Graphviz starts any thread
 * (reading the umask means setting it). */
static mode_t file_mode = 0644;

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
	mode_t um = umask(022);
	umask(um);
	file_mode = 0666 & ~um;
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

/* nop, nop1 and nop2 only draw positions a layout already made: relgraph
 * uses nop2 itself for frames, and offers the real engines. */
static int positions_only(const char *e)
{
	return strncmp(e, "nop", 3) == 0;
}

int rg_render_has_engine(rg_render *r, const char *engine)
{
	return !positions_only(engine) && in_list(r, "layout", engine);
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
		if (!interactive(l[i]) && !(strcmp(kind, "layout") == 0 && positions_only(l[i])))
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
	char *end;
	long long secs = sde ? strtoll(sde, &end, 10) : 0;
	/* an unreadable SOURCE_DATE_EPOCH is ignored, as reproducible-builds.org
	 * asks; the fixed date stands */
	if (sde && *sde && !*end && secs >= 0) {
		time_t t = (time_t)secs;
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

/* The graph as built, before layout: a layout already made (to choose
 * the drawing's direction) has left its bounding box as an attribute,
 * which is kept out. */
static char *dot_text(Agraph_t *g, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	char *bb = agget(g, (char *)"bb");
	char *keep = bb && *bb ? rg_xstrdup(bb) : NULL;
	if (keep)
		agset(g, (char *)"bb", (char *)"");
	int bad = agwrite(g, f) != 0;
	if (keep) {
		agset(g, (char *)"bb", keep);
		free(keep);
	}
	if (fclose(f) != 0 || bad) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Temporary files that exist right now, so that a signal handler can
 * remove them.  A list that only grows: an entry's name is set before its
 * file is created and cleared once the file is renamed or removed, and an
 * entry is linked in only when complete, so the handler may walk it at any
 * moment (unlink is async-signal-safe). */
typedef struct live {
	char *volatile name;
	struct live *volatile next;
} live;
static live *volatile live_tmp;

static void tmp_track(char *name)
{
	for (live *l = live_tmp; l; l = l->next)
		if (!l->name) {
			l->name = name;
			return;
		}
	live *l = rg_xcalloc(1, sizeof *l);
	l->name = name;
	l->next = live_tmp;
	live_tmp = l;
}

static void tmp_untrack(const char *name)
{
	for (live *l = live_tmp; l; l = l->next)
		if (l->name == name)
			l->name = NULL;
}

void rg_render_remove_temporaries(void)
{
	for (live *l = live_tmp; l; l = l->next)
		if (l->name)
			unlink(l->name);
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

/* Where an output really goes.  A symbolic link is followed, so that the
 * file it points to is replaced and the link stays; a device, a pipe or a
 * socket (/dev/stdout, a FIFO) cannot be replaced and is written directly
 * (*direct = 1); a folder is an error.  Returns a new string, or NULL. */
static char *target(const char *path, int *direct, rg_diags *d)
{
	struct stat sb;
	*direct = 0;
	if (lstat(path, &sb) != 0)
		return rg_xstrdup(path); /* a new file */
	if (S_ISLNK(sb.st_mode)) {
		char *real = realpath(path, NULL);
		if (!real)
			return rg_xstrdup(path); /* a dangling link: replace it */
		char *t = target(real, direct, d);
		free(real);
		return t;
	}
	if (S_ISDIR(sb.st_mode)) {
		rg_error(d, path, 0, 0, "cannot write: it is a folder");
		return NULL;
	}
	if (!S_ISREG(sb.st_mode))
		*direct = 1;
	return rg_xstrdup(path);
}

/* Writes all of data to an open file; 0 or -1 with errno. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static rg_status write_direct(const char *path, const char *data, size_t len, rg_diags *d)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0 || write_all(fd, data, len) != 0) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return RG_ESYS;
	}
	if (close(fd) != 0) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		return RG_ESYS;
	}
	return RG_OK;
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
	int ok = fchmod(fd, file_mode) == 0 && write_all(fd, data, len) == 0;
	int saved = errno;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		rg_error(d, path, 0, 0, "cannot write: %s", strerror(saved ? saved : errno));
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

/* Renames while Ctrl-C and kill wait: a set of outputs is replaced
 * whole, not cut off halfway. */
static int rename_quietly(const char *from, const char *to)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	int rv = rename(from, to);
	int saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return rv;
}

rg_status rg_write_file(const char *path, const char *data, size_t len, rg_diags *d)
{
	if (!path)
		return write_stdout(data, len, d);
	int direct;
	char *real = target(path, &direct, d);
	if (!real)
		return RG_ESYS;
	rg_status st = RG_OK;
	if (direct) {
		st = write_direct(real, data, len, d);
	} else {
		char *tmp = write_tmp(real, data, len, d);
		if (!tmp) {
			st = RG_ESYS;
		} else {
			if (rename_quietly(tmp, real) != 0) {
				rg_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
				unlink(tmp);
				st = RG_ESYS;
			}
			tmp_untrack(tmp);
			free(tmp);
		}
	}
	free(real);
	return st;
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
	/* Where each output goes; a folder there fails before anything is
	 * written.  Then a temporary file for each, beside its target. */
	char **real = rg_xcalloc(n ? n : 1, sizeof *real);
	int *direct = rg_xcalloc(n ? n : 1, sizeof *direct);
	for (size_t i = 0; i < n && st == RG_OK; i++)
		if (outs[i].path && !(real[i] = target(outs[i].path, &direct[i], d)))
			st = RG_ESYS;
	for (size_t i = 0; i < n && st == RG_OK; i++) {
		if (!outs[i].path || direct[i])
			continue;
		res[i].tmp = write_tmp(real[i], res[i].data, res[i].len, d);
		if (!res[i].tmp)
			st = RG_ESYS;
	}
	/* Staged: the batch owns the temporary files (and the bytes of
	 * direct and standard outputs) from here on. */
	for (size_t i = 0; i < n && st == RG_OK; i++) {
		if (r->nstaged == r->capstaged) {
			r->capstaged = r->capstaged ? 2 * r->capstaged : 8;
			r->staged = rg_xrealloc(r->staged, r->capstaged * sizeof *r->staged);
		}
		staged *x = &r->staged[r->nstaged++];
		memset(x, 0, sizeof *x);
		x->path = real[i];
		real[i] = NULL;
		if (res[i].tmp) {
			x->tmp = res[i].tmp;
			res[i].tmp = NULL;
		} else {
			x->data = rg_xmalloc(res[i].len ? res[i].len : 1);
			memcpy(x->data, res[i].data, res[i].len);
			x->len = res[i].len;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(real[i]);
	free(real);
	free(direct);
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
		} else if (!x->tmp) {
			st = write_direct(x->path, x->data, x->len, d);
		} else if (rename_quietly(x->tmp, x->path) != 0) {
			rg_error(d, x->path, 0, 0, "cannot write: %s", strerror(errno));
			st = RG_ESYS;
		} else {
			tmp_untrack(x->tmp);
			free(x->tmp);
			x->tmp = NULL;
		}
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
