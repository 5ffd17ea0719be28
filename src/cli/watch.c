/* watch.c: inotify on the inputs' folders, and when a change is ready to
 * draw (see watch.h). */
#include "watch.h"

#include "relgraph/model.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define EVENTS                                                                                     \
	(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |        \
	 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

/* A watched folder: every CSV file in it counts (an input folder), or
 * only the named ones (file inputs). */
typedef struct {
	char *path;
	int wd; /* -1 while the folder is gone */
	int any_csv;
	char **names;
	size_t nnames;
} folder;

/* A file seen created or modified but not closed, or deleted or renamed
 * away and not back; the change waits for it. */
typedef struct {
	int wd;
	char *name;
	int missing;
} unsettled;

struct rg_watch {
	int fd;
	folder *folders;
	size_t nfolders;
	unsettled *open;
	size_t nopen;
	int pending;  /* something changed since the last rg_watch_taken */
	double last;  /* time of the last event */
	double retry; /* when to look for lost folders again */
};

static folder *add_folder(rg_watch *w, const char *path)
{
	for (size_t i = 0; i < w->nfolders; i++)
		if (strcmp(w->folders[i].path, path) == 0)
			return &w->folders[i];
	w->folders = rg_xrealloc(w->folders, (w->nfolders + 1) * sizeof *w->folders);
	folder *f = &w->folders[w->nfolders++];
	memset(f, 0, sizeof *f);
	f->path = rg_xstrdup(path);
	f->wd = -1;
	return f;
}

static int start(rg_watch *w, folder *f)
{
	f->wd = inotify_add_watch(w->fd, f->path, EVENTS | IN_ONLYDIR);
	return f->wd;
}

rg_watch *rg_watch_new(char *const *inputs, size_t n, rg_diags *d)
{
	rg_watch *w = rg_xcalloc(1, sizeof *w);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		rg_error(d, NULL, 0, 0, "cannot watch files: %s", strerror(errno));
		free(w);
		return NULL;
	}
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		const char *in = inputs[i];
		if (stat(in, &sb) != 0) {
			rg_error(d, in, 0, 0, "cannot watch: %s", strerror(errno));
			bad = 1;
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			add_folder(w, in)->any_csv = 1;
			continue;
		}
		/* a file: its folder, for the file's name */
		const char *slash = strrchr(in, '/');
		char *dir = slash ? rg_xstrndup(in, (size_t)(slash - in)) : rg_xstrdup(".");
		if (!*dir) {
			free(dir);
			dir = rg_xstrdup("/");
		}
		folder *f = add_folder(w, dir);
		free(dir);
		f->names = rg_xrealloc(f->names, (f->nnames + 1) * sizeof *f->names);
		f->names[f->nnames++] = rg_xstrdup(slash ? slash + 1 : in);
	}
	for (size_t i = 0; i < w->nfolders && !bad; i++)
		if (start(w, &w->folders[i]) < 0) {
			rg_error(d, w->folders[i].path, 0, 0, "cannot watch this folder: %s",
				 strerror(errno));
			bad = 1;
		}
	if (bad) {
		rg_watch_free(w);
		return NULL;
	}
	return w;
}

void rg_watch_free(rg_watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nfolders; i++) {
		for (size_t k = 0; k < w->folders[i].nnames; k++)
			free(w->folders[i].names[k]);
		free(w->folders[i].names);
		free(w->folders[i].path);
	}
	for (size_t i = 0; i < w->nopen; i++)
		free(w->open[i].name);
	free(w->open);
	free(w->folders);
	close(w->fd);
	free(w);
}

int rg_watch_fd(const rg_watch *w)
{
	return w->fd;
}

size_t rg_watch_folders(const rg_watch *w)
{
	return w->nfolders;
}

static folder *by_wd(rg_watch *w, int wd)
{
	for (size_t i = 0; i < w->nfolders; i++)
		if (w->folders[i].wd == wd)
			return &w->folders[i];
	return NULL;
}

static int counts(const folder *f, const char *name)
{
	/* in a folder, the files the loader reads: editors' own files
	 * (.x.csv.swp, x.csv~, 4913) and relgraph's temporary files are no
	 * change */
	size_t n = strlen(name);
	const char *meta = "csv-metadata.json"; /* a column mapping beside the data */
	if (n >= strlen(meta) && strcmp(name + n - strlen(meta), meta) == 0 && name[0] != '.')
		return 1;
	if (f->any_csv)
		return rg_model_reads_file(name);
	for (size_t i = 0; i < f->nnames; i++)
		if (strcmp(f->names[i], name) == 0)
			return 1;
	return 0;
}

/* Marks (wd, name) unsettled (missing or half-written), or settled. */
static void mark(rg_watch *w, int wd, const char *name, int unsettle, int missing)
{
	for (size_t i = 0; i < w->nopen; i++) {
		if (w->open[i].wd != wd || strcmp(w->open[i].name, name) != 0)
			continue;
		if (unsettle) {
			w->open[i].missing = missing;
		} else {
			free(w->open[i].name);
			w->open[i] = w->open[--w->nopen];
		}
		return;
	}
	if (!unsettle)
		return;
	w->open = rg_xrealloc(w->open, (w->nopen + 1) * sizeof *w->open);
	w->open[w->nopen++] = (unsettled){wd, rg_xstrdup(name), missing};
}

void rg_watch_read(rg_watch *w, double now)
{
	/* aligned as inotify's events are */
	char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len <= 0)
			break;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			folder *f = by_wd(w, ev->wd);
			if (ev->mask & IN_Q_OVERFLOW) {
				/* events were lost: draw anyway */
				w->pending = 1;
				w->last = now;
				continue;
			}
			if (!f)
				continue;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
				/* the folder itself is gone: look for it again from
				 * time to time (rg_watch_due) */
				if (ev->mask & IN_MOVE_SELF)
					inotify_rm_watch(w->fd, f->wd);
				f->wd = -1;
				w->pending = 1;
				w->last = now;
				continue;
			}
			if (!ev->len || !counts(f, ev->name))
				continue;
			w->pending = 1;
			w->last = now;
			if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
				mark(w, ev->wd, ev->name, 1, 1);
			else if (ev->mask & (IN_CREATE | IN_MODIFY))
				mark(w, ev->wd, ev->name, 1, 0);
			else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
				mark(w, ev->wd, ev->name, 0, 0);
		}
	}
}

int rg_watch_due(rg_watch *w, double now)
{
	int lost = 0;
	for (size_t i = 0; i < w->nfolders; i++)
		lost |= w->folders[i].wd < 0;
	if (lost && now >= w->retry) {
		/* a folder deleted or renamed: back under its name? */
		w->retry = now + RG_WATCH_PATIENCE_MS / 1000.0;
		for (size_t i = 0; i < w->nfolders; i++)
			if (w->folders[i].wd < 0 && start(w, &w->folders[i]) >= 0) {
				w->pending = 1;
				w->last = now;
			}
	}
	if (!w->pending)
		return lost ? RG_WATCH_PATIENCE_MS : -1;
	double wait = (w->nopen ? RG_WATCH_PATIENCE_MS : RG_WATCH_SETTLE_MS) / 1000.0;
	double left = w->last + wait - now;
	return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

void rg_watch_taken(rg_watch *w)
{
	w->pending = 0;
	for (size_t i = 0; i < w->nopen; i++)
		free(w->open[i].name);
	w->nopen = 0;
}
