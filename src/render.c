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

#include "html.h"
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
	rg_doc doc;
	/* Graphviz's messages of the call under way go to diags; the pieces
	 * of one message gather in pending (see on_gv_message) */
	rg_diags *diags;
	rg_buf pending;
};

/* Graphviz reports through a callback with no user pointer (agseterrf),
 * so the context that owns its messages is process-wide: the one alive.
 * This is the one global Graphviz forces on relgraph (render.h). */
static rg_render *gv_owner;

/* Graphviz's context, made once and kept for the life of the process:
 * Graphviz 2.42's text layout plugin keeps font names that the context
 * owns in a static cache, so a second context after the first is freed
 * reads freed memory.  Graphviz's own demos make one per process too. */
static GVC_t *gv_context;

/* The pieces of a message ("Error", ": ", the message, continuations)
 * become one diagnostic when the next message starts or the layout or
 * rendering is over. */
static void gv_flush(rg_render *r)
{
	if (!r->pending.len)
		return;
	char *p = r->pending.s;
	size_t n = r->pending.len;
	while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
		p[--n] = '\0';
	rg_severity sev = RG_WARNING;
	if (strncmp(p, "Error: ", 7) == 0) {
		p += 7;
		sev = RG_ERROR;
	} else if (strncmp(p, "Warning: ", 9) == 0) {
		p += 9;
	}
	if (r->diags && *p)
		rg_diag_add(r->diags, sev, 0, NULL, 0, 0, "Graphviz: %s", p);
	rg_buf_reset(&r->pending);
}

static int on_gv_message(char *msg)
{
	rg_render *r = gv_owner;
	if (!r)
		return 0;
	/* a message starts with its level; anything else continues the last */
	if (strcmp(msg, "Error") == 0 || strcmp(msg, "Warning") == 0)
		gv_flush(r);
	else if (r->pending.len && r->pending.s[r->pending.len - 1] == '\n')
		r->pending.s[r->pending.len - 1] = ' ';
	rg_buf_puts(&r->pending, msg);
	return 0;
}

static void clear_staged(rg_render *r);

rg_render *rg_render_new(rg_diags *d)
{
	if (gv_owner)
		return NULL;
	rg_render *r = rg_xcalloc(1, sizeof *r);
	r->diags = d;
	gv_owner = r;
	agseterrf(on_gv_message);
	if (!gv_context)
		gv_context = gvContext();
	r->gvc = gv_context;
	return r;
}

void rg_render_free(rg_render *r)
{
	if (!r)
		return;
	rg_render_free_layout(r);
	clear_staged(r);
	free(r->staged);
	gv_flush(r);
	free(r->pending.s);
	gv_owner = NULL;
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

void rg_render_set_doc(rg_render *r, const rg_doc *doc)
{
	r->doc = doc ? *doc : (rg_doc){0};
}

rg_doc rg_render_doc(const rg_render *r)
{
	return r->doc;
}

/* The format's name without its ":renderer:library" part equals name. */
static int format_is(const char *format, const char *name)
{
	size_t n = strlen(name);
	return strncmp(format, name, n) == 0 && (format[n] == '\0' || format[n] == ':');
}

int rg_render_is_bitmap(const char *format)
{
	static const char *const bitmaps[] = {"png", "jpg",  "jpeg", "jpe",  "gif",
					      "bmp", "tif",  "tiff", "webp", "ico",
					      "tga", "wbmp", "gd",   "gd2",  NULL};
	for (size_t i = 0; bitmaps[i]; i++)
		if (format_is(format, bitmaps[i]))
			return 1;
	return 0;
}

int rg_render_has_format(rg_render *r, const char *format)
{
	if (strcmp(format, "dot") == 0 || strcmp(format, "html") == 0)
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
	/* relgraph's own page format, in its place in the sorted list */
	int html = strcmp(kind, "device") == 0;
	for (int i = 0; i < n; i++) {
		if (html && strcmp(l[i], "html") > 0) {
			rg_buf_printf(&b, "%shtml", b.len ? " " : "");
			html = 0;
		}
		if (!interactive(l[i]) && !(strcmp(kind, "layout") == 0 && positions_only(l[i])))
			rg_buf_printf(&b, "%s%s", b.len ? " " : "", l[i]);
		free(l[i]);
	}
	if (html)
		rg_buf_printf(&b, "%shtml", b.len ? " " : "");
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
			*p = *p == '\''			? '\''
			     : (*p >= '0' && *p <= '9') ? '0'
			     : *p == '-'		? '+'
							: *p;
		break;
	}
}

/* cairo also stamps PDFs with the local time zone: "Z" in UTC and
 * "+05'30'" elsewhere, six bytes longer, which moves every offset after
 * it.  Rendering in UTC gives the same length everywhere, and
 * fix_pdf_date then the same bytes.  The time zone is the process's, so
 * it is set for the rendering only and given back after (Graphviz
 * renders on this thread alone).  Returns the zone to give back. */
static char *utc_begin(void)
{
	const char *tz = getenv("TZ");
	char *saved = tz ? rg_xstrdup(tz) : NULL;
	setenv("TZ", "UTC0", 1);
	tzset();
	return saved;
}

static void utc_end(char *saved)
{
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
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
	/* mkstemp makes the file private; it gets the mode a new file
	 * would.  Reading the umask means setting it: relgraph starts no
	 * thread that could create a file in between. */
	mode_t um = umask(022);
	umask(um);
	int ok = fchmod(fd, 0666 & ~um) == 0 && write_all(fd, data, len) == 0;
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

rg_status rg_render_layout(rg_render *r, Agraph_t *g, const char *engine, rg_diags *d)
{
	/* Graphviz's messages go to the diagnostics of this run (watch
	 * draws many times with one context) */
	r->diags = d;
	if (r->laid_out)
		gvFreeLayout(r->gvc, r->laid_out);
	r->laid_out = NULL;
	size_t errors = rg_diags_count(d, RG_ERROR);
	int bad = gvLayout(r->gvc, g, engine) != 0;
	gv_flush(r);
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
		gv_flush(r);
		rg_error(d, NULL, 0, 0, "cannot read the layout's positions");
		return RG_ESYS;
	}
	gv_flush(r);
	gvFreeRenderData(data);
	return RG_OK;
}

int rg_render_laid_out(const rg_render *r, Agraph_t *g)
{
	return r->laid_out == g;
}

void rg_render_free_layout(rg_render *r)
{
	if (r->laid_out)
		gvFreeLayout(r->gvc, r->laid_out);
	r->laid_out = NULL;
}

/* The drawing's size in points, margins (pad) included, as Graphviz
 * gives it to a device before any scaling. */
static void drawing_size(Agraph_t *g, double *w, double *h)
{
	boxf bb = GD_bb(g);
	double px = 4, py = 4; /* Graphviz's default pad */
	const char *pad = agget(g, (char *)"pad");
	if (pad && *pad) {
		int n = sscanf(pad, "%lf,%lf", &px, &py);
		if (n >= 1) {
			px *= 72;
			py = n == 2 ? py * 72 : px;
		}
	}
	*w = bb.UR.x - bb.LL.x + 2 * px;
	*h = bb.UR.y - bb.LL.y + 2 * py;
}

/* A CSS length that is a number of pixels ("800", "800px"), or -1. */
static double pixels(const char *s)
{
	char *end;
	double v = s ? strtod(s, &end) : -1;
	if (!s || end == s || !(v > 0) || (*end && strcmp(end, "px") != 0))
		return -1;
	return v;
}

/* cairo draws bitmaps of at most 32,767 pixels a side; Graphviz shrinks
 * a bigger one itself, saying so on stderr in its own words.  relgraph
 * keeps under it, a little short for rounding, and says so in its own. */
#define BITMAP_MAX 32000

/* The resolution of a bitmap: --dpi/--scale, else --width/--height in
 * pixels, else what the graph says (-Gdpi), else the device's own (0,
 * which is 96); never more than fits in BITMAP_MAX pixels. */
/* How much the page shrinks a drawing of w by h points: 1 when it fits,
 * or when there is no page or the document's size is given. */
static double page_scale(const rg_doc *doc, double w, double h)
{
	if (doc->width || doc->height || doc->page_width <= 0 || w <= 0 || h <= 0)
		return 1;
	double s = doc->page_width / w;
	if (doc->page_height > 0 && doc->page_height / h < s)
		s = doc->page_height / h;
	return s < 1 ? s : 1;
}

static double bitmap_dpi(const rg_render *r, Agraph_t *g, double graph_dpi, rg_diags *d)
{
	double w, h, pw = pixels(r->doc.width), ph = pixels(r->doc.height), dpi = r->doc.dpi;
	drawing_size(g, &w, &h);
	if (dpi <= 0) {
		if (pw > 0 && w > 0)
			dpi = 72 * pw / w;
		if (ph > 0 && h > 0 && (dpi == 0 || 72 * ph / h < dpi))
			dpi = 72 * ph / h;
		if ((r->doc.width && pw < 0) || (r->doc.height && ph < 0))
			rg_warn(d, NULL, 0, 0,
				"a bitmap's size is in pixels (--width 800), not '%s': "
				"drawn at %s",
				pw < 0 && r->doc.width ? r->doc.width : r->doc.height,
				dpi > 0 ? "the other size" : "its resolution (--dpi)");
	}
	if (dpi <= 0)
		dpi = graph_dpi;
	/* the page's size in pixels at that resolution */
	double shrink = page_scale(&r->doc, w, h);
	if (shrink < 1)
		dpi = (dpi > 0 ? dpi : 96) * shrink;
	double side = w > h ? w : h, at = dpi > 0 ? dpi : 96;
	if (side > 0 && side * at / 72 > BITMAP_MAX) {
		double most = floor(72.0 * BITMAP_MAX / side * 100) / 100;
		rg_warn(d, NULL, 0, 0,
			"the bitmap would be %.0f pixels wide and %.0f high, more than "
			"cairo draws: made at %.4g dpi instead of %.4g, %.0f by %.0f pixels (SVG "
			"and PDF "
			"have no such limit)",
			w * at / 72, h * at / 72, most, at, w * most / 72, h * most / 72);
		dpi = most;
	}
	return dpi;
}

/* Splits a CSS length into number and unit; 0 if it is not one. */
static int css_length(const char *s, double *v, const char **unit)
{
	char *end;
	*v = strtod(s, &end);
	if (end == s || !(*v >= 0))
		return 0;
	*unit = end;
	return strspn(end, "abcdefghijklmnopqrstuvwxyz%") == strlen(end);
}

/* The value of attribute name inside the tag [tag, end), or NULL. */
static const char *tag_attr(const char *tag, const char *end, const char *name, size_t *len)
{
	size_t n = strlen(name);
	for (const char *p = tag; p + n + 2 < end; p++) {
		if ((p[-1] == ' ' || p[-1] == '\n') && memcmp(p, name, n) == 0 && p[n] == '=' &&
		    p[n + 1] == '"') {
			const char *v = p + n + 2, *q = memchr(v, '"', (size_t)(end - v));
			if (!q)
				return NULL;
			*len = (size_t)(q - v);
			return v;
		}
	}
	return NULL;
}

/* Graphviz's SVG made ready for a document: a <title> and <desc> first in
 * the root element, and the displayed size asked for, the viewBox kept. */
static char *svg_finish(const rg_doc *doc, const char *svg, size_t len, size_t *outlen)
{
	const char *root = NULL;
	for (size_t i = 0; i + 5 < len && !root; i++)
		if (memcmp(svg + i, "<svg", 4) == 0 && (svg[i + 4] == ' ' || svg[i + 4] == '\n'))
			root = svg + i;
	const char *close = root ? memchr(root, '>', len - (size_t)(root - svg)) : NULL;
	if (!close)
		return NULL;
	const char *end = svg + len;
	size_t wl = 0, hl = 0, vl = 0;
	const char *wv = tag_attr(root, close, "width", &wl);
	const char *hv = tag_attr(root, close, "height", &hl);
	const char *vb = tag_attr(root, close, "viewBox", &vl);
	double vx, vy, vw = 0, vh = 0;
	if (vb)
		sscanf(vb, "%lf %lf %lf %lf", &vx, &vy, &vw, &vh);

	rg_buf b = {0};
	rg_buf_add(&b, svg, (size_t)(root - svg));
	rg_buf_puts(&b, "<svg");
	double shrink = page_scale(doc, vw, vh);
	if (!doc->width && !doc->height && shrink < 1) {
		/* the page's size; the viewBox keeps the drawing whole */
		rg_buf_printf(&b, " width=\"%.2fpt\" height=\"%.2fpt\"", vw * shrink, vh * shrink);
	} else if (doc->width || doc->height) {
		double v;
		const char *unit;
		if (doc->width)
			rg_buf_printf(&b, " width=\"%s\"", doc->width);
		if (doc->height)
			rg_buf_printf(&b, " height=\"%s\"", doc->height);
		/* one of the two: the other in proportion, but for a percentage,
		 * where the viewer keeps the proportions from the viewBox */
		const char *given = doc->width ? doc->width : doc->height;
		if (!(doc->width && doc->height) && vw > 0 && vh > 0 &&
		    css_length(given, &v, &unit) && strcmp(unit, "%") != 0) {
			double other = doc->width ? v * vh / vw : v * vw / vh;
			rg_buf_printf(&b, " %s=\"%.2f%s\"", doc->width ? "height" : "width", other,
				      unit);
		}
	} else {
		if (wv)
			rg_buf_printf(&b, " width=\"%.*s\"", (int)wl, wv);
		if (hv)
			rg_buf_printf(&b, " height=\"%.*s\"", (int)hl, hv);
	}
	/* the rest of the tag as Graphviz wrote it, but width and height */
	for (const char *p = root + 4; p < close;) {
		const char *q = p;
		while (q < close && (*q == ' ' || *q == '\n'))
			q++;
		const char *eq = memchr(q, '=', (size_t)(close - q));
		if (!eq || eq[1] != '"')
			break;
		const char *vend = memchr(eq + 2, '"', (size_t)(close - eq - 2));
		if (!vend)
			break;
		size_t nl = (size_t)(eq - q);
		if (!((nl == 5 && memcmp(q, "width", 5) == 0) ||
		      (nl == 6 && memcmp(q, "height", 6) == 0)))
			rg_buf_add(&b, p, (size_t)(vend + 1 - p));
		p = vend + 1;
	}
	rg_buf_puts(&b, ">\n");
	if (doc->title) {
		rg_buf_puts(&b, "<title>");
		rg_buf_xml(&b, doc->title);
		rg_buf_puts(&b, "</title>\n");
	}
	if (doc->desc) {
		rg_buf_puts(&b, "<desc>");
		rg_buf_xml(&b, doc->desc);
		rg_buf_puts(&b, "</desc>\n");
	}
	const char *rest = close + 1;
	if (rest < end && *rest == '\n')
		rest++;
	rg_buf_add(&b, rest, (size_t)(end - rest));
	*outlen = b.len;
	return b.s;
}

/* Renders g, laid out, to one output's bytes in *x: Graphviz's, then
 * relgraph's finish (the PDF date, the SVG's document, the HTML page). */
static rg_status render_one(rg_render *r, Agraph_t *g, const rg_output *out, rendered *x,
			    rg_diags *d)
{
	/* -Thtml is the SVG in a page */
	int html = strcmp(out->format, "html") == 0;
	const char *format = html ? "svg" : out->format;
	/* the resolution is the bitmaps' alone: given to SVG, Graphviz
	 * scales the drawing out of its viewBox */
	double graph_dpi = GD_drawing(g)->dpi;
	GD_drawing(g)->dpi = rg_render_is_bitmap(format) ? bitmap_dpi(r, g, graph_dpi, d) : 0;
	unsigned int len = 0;
	size_t errors = rg_diags_count(d, RG_ERROR);
	/* the page's size for the vector formats Graphviz scales (PDF,
	 * PostScript); SVG's is set in svg_finish, a bitmap's by its dpi */
	pointf size = GD_drawing(g)->size;
	if (!rg_render_is_bitmap(format) && !format_is(format, "svg")) {
		double w, h;
		drawing_size(g, &w, &h);
		double shrink = page_scale(&r->doc, w, h);
		if (shrink < 1)
			GD_drawing(g)->size = (pointf){w * shrink, h * shrink};
	}
	char *tz = utc_begin();
	int bad = gvRenderData(r->gvc, g, format, &x->data, &len) != 0;
	utc_end(tz);
	GD_drawing(g)->size = size;
	GD_drawing(g)->dpi = graph_dpi;
	gv_flush(r);
	if (bad || !x->data || rg_diags_count(d, RG_ERROR) > errors) {
		if (x->data)
			x->from_gv = 1;
		rg_error(d, NULL, 0, 0, "rendering to '%s' failed", out->format);
		return RG_ESYS;
	}
	x->len = len;
	x->from_gv = 1;
	if (format_is(format, "pdf"))
		fix_pdf_date(x->data, x->len);
	if (strcmp(format, "svg") == 0 || strcmp(format, "svg:svg") == 0 ||
	    strcmp(format, "svg:svg:core") == 0) {
		size_t flen;
		char *fixed = svg_finish(&r->doc, x->data, x->len, &flen);
		if (fixed) {
			gvFreeRenderData(x->data);
			x->data = fixed;
			x->len = flen;
			x->from_gv = 0;
		}
	}
	if (html) {
		size_t hlen;
		char *page = rg_html_page(x->data, x->len, r->doc.title, r->doc.desc, 0, &hlen);
		if (x->from_gv)
			gvFreeRenderData(x->data);
		else
			free(x->data);
		x->data = page;
		x->len = hlen;
		x->from_gv = 0;
	}
	return RG_OK;
}

/* A new, empty entry at the end of r's staged outputs. */
static staged *stage_push(rg_render *r)
{
	if (r->nstaged == r->capstaged) {
		r->capstaged = r->capstaged ? 2 * r->capstaged : 8;
		r->staged = rg_xrealloc(r->staged, r->capstaged * sizeof *r->staged);
	}
	staged *x = &r->staged[r->nstaged++];
	memset(x, 0, sizeof *x);
	return x;
}

rg_status rg_render_stage_bytes(rg_render *r, const char *path, const char *data, size_t len,
				rg_diags *d)
{
	int direct = 0;
	char *real = NULL, *tmp = NULL;
	if (path && !(real = target(path, &direct, d)))
		return RG_ESYS;
	if (real && !direct && !(tmp = write_tmp(real, data, len, d))) {
		free(real);
		return RG_ESYS;
	}
	staged *x = stage_push(r);
	x->path = real;
	x->tmp = tmp;
	if (!tmp) {
		x->data = rg_xmalloc(len ? len : 1);
		memcpy(x->data, data, len);
		x->len = len;
	}
	return RG_OK;
}

/* Renders every output of g to memory, then writes each file output to
 * a temporary file beside its target; nothing is renamed yet.  On failure
 * this call's temporary files are gone again. */
rg_status rg_render_stage(rg_render *r, Agraph_t *g, const char *engine, const rg_output *outs,
			  size_t n, rg_diags *d)
{
	r->diags = d;
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
		if ((st = render_one(r, g, &outs[i], &res[i], d)) != RG_OK)
			goto out;
	}
	/* outputs kept in memory are handed over; they need no file */
	for (size_t i = 0; i < n; i++) {
		if (!outs[i].data)
			continue;
		*outs[i].data = rg_xmalloc(res[i].len + 1);
		memcpy(*outs[i].data, res[i].data, res[i].len);
		(*outs[i].data)[res[i].len] = '\0';
		*outs[i].len = res[i].len;
	}
	/* Where each output goes; a folder there fails before anything is
	 * written.  Then a temporary file for each, beside its target. */
	char **real = rg_xcalloc(n ? n : 1, sizeof *real);
	int *direct = rg_xcalloc(n ? n : 1, sizeof *direct);
	for (size_t i = 0; i < n && st == RG_OK; i++)
		if (outs[i].path && !outs[i].data &&
		    !(real[i] = target(outs[i].path, &direct[i], d)))
			st = RG_ESYS;
	for (size_t i = 0; i < n && st == RG_OK; i++) {
		if (!outs[i].path || direct[i] || outs[i].data)
			continue;
		res[i].tmp = write_tmp(real[i], res[i].data, res[i].len, d);
		if (!res[i].tmp)
			st = RG_ESYS;
	}
	/* Staged: the batch owns the temporary files (and the bytes of
	 * direct and standard outputs) from here on. */
	for (size_t i = 0; i < n && st == RG_OK; i++) {
		if (outs[i].data)
			continue;
		staged *x = stage_push(r);
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

rg_status rg_render_outputs(rg_render *r, Agraph_t *g, const char *engine, const rg_output *outs,
			    size_t n, rg_diags *d)
{
	rg_status st = rg_render_stage(r, g, engine, outs, n, d);
	if (st != RG_OK) {
		rg_render_abort(r);
		return st;
	}
	return rg_render_commit(r, d);
}
