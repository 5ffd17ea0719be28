/* latency: how long `relgraph watch` takes from a save to the new image.
 *
 *   latency [-n SAVES] [-t TIMEOUT] [-f FIRST_TIMEOUT] [-F TABLE] [-k] [-v] RELGRAPH
 *           INPUT [-- WATCH_OPTION...]
 *
 * Copies the *.csv files of the folder INPUT into a temporary folder of
 * the same base name NAME, starts `RELGRAPH watch COPY -O --outdir OUT`,
 * waits for the first OUT/NAME.svg, then saves the meetings table (or the
 * file TABLE of the folder, which must have date and participants) SAVES
 * times, each time adding one dated meeting, alternately appended in place
 * and written beside the file and renamed over it (the two ways editors
 * save). Each latency runs from just before the save's write(2) or
 * rename(2) to the IN_MOVED_TO of NAME.svg in OUT that brings an image
 * different from the last one (relgraph renames every output into place),
 * on CLOCK_MONOTONIC; the next save waits for it, or for TIMEOUT seconds,
 * which counts as a failure. Then the watcher's peak RSS (VmHWM) is read,
 * it is stopped with SIGTERM, and OUT is searched for temporary files
 * left behind (names starting with '.').
 *
 * Prints what it saw, then one line for scripts:
 *   RESULT name=NAME saves=50 ok=50 failed=0 median_ms=.. p90_ms=.. ...
 * Exit status: 0 all saves drawn and a clean stop (exit status 0 soon
 * after SIGTERM, nothing left behind); 1 a failed save, a watcher that
 * died, would not stop or stopped with another status, or leftovers;
 * 2 usage; 3 a system error here.
 */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---------- small helpers ---------- */

static pid_t watcher; /* stopped by die(), so that no watcher outlives us */

static void die(const char *fmt, ...)
{
	if (watcher > 0)
		kill(watcher, SIGTERM);
	va_list ap;
	va_start(ap, fmt);
	fputs("latency: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(3);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

typedef struct {
	char *s;
	size_t n, cap;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void buf_adds(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* The whole file at path into b; -1 with errno set on failure. */
static int read_file(const char *path, buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char tmp[65536];
	ssize_t k;
	while ((k = read(fd, tmp, sizeof tmp)) > 0)
		buf_add(b, tmp, (size_t)k);
	int e = errno;
	close(fd);
	errno = e;
	return k < 0 ? -1 : 0;
}

/* Writes all of s to a new file at path; -1 with errno set on failure. */
static int write_file(const char *path, const char *s, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return close(fd);
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && !strcmp(s + a - b, tail);
}

/* Removes a folder of plain files (the temporary ones made here). */
static void remove_flat(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (!lstat(p, &st) && S_ISDIR(st.st_mode))
			remove_flat(p);
		else
			unlink(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

/* ---------- the meetings table: enough CSV to add a row ---------- */

typedef struct {
	char **f;
	size_t n;
} record;

/* Reads one RFC 4180 record from s at *pos (quoted fields, doubled
 * quotes, any line end); 0 at the end of the text. */
static int read_record(const char *s, size_t len, size_t *pos, char delim, record *r)
{
	size_t i = *pos;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i >= len)
		return 0;
	buf f = {0};
	int quoted = 0;
	for (;;) {
		char c = i < len ? s[i] : '\n';
		if (quoted) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"') {
				buf_add(&f, "\"", 1);
				i += 2;
			} else if (c == '"') {
				quoted = 0;
				i++;
			} else {
				buf_add(&f, &c, 1);
				i++;
			}
			if (i >= len)
				quoted = 0;
			continue;
		}
		if (c == '"') {
			quoted = 1;
			i++;
		} else if (c == delim || c == '\n' || c == '\r') {
			buf_add(&f, "", 0);
			r->f = xrealloc(r->f, (r->n + 1) * sizeof *r->f);
			r->f[r->n++] = f.s ? f.s : strdup("");
			f = (buf){0};
			i++;
			if (c != delim) {
				if (c == '\r' && i < len && s[i] == '\n')
					i++;
				break;
			}
		} else {
			buf_add(&f, &c, 1);
			i++;
		}
	}
	*pos = i;
	return 1;
}

/* relgraph's header matching: case-insensitive, spaces and dashes as _ */
static int header_is(const char *h, const char *name)
{
	if (!strncmp(h, "\xEF\xBB\xBF", 3))
		h += 3;
	for (; *h && *name; h++, name++) {
		char c = *h >= 'A' && *h <= 'Z' ? (char)(*h - 'A' + 'a') : *h;
		if (c == ' ' || c == '-')
			c = '_';
		if (c != *name)
			return 0;
	}
	return !*h && !*name;
}

static void add_field(buf *b, const char *s, char delim)
{
	if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
		buf_adds(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

/* A template for the rows to add: the header and the first meeting. */
typedef struct {
	char delim;
	record header, first;
	int c_date, c_list, c_format, c_occasion;
} table;

static void table_read(table *t, const char *path, const buf *text)
{
	/* the delimiter: whichever of , ; tab the header line has most of */
	size_t counts[3] = {0};
	const char *d = ",;\t";
	for (size_t i = 0; i < text->n && text->s[i] != '\n'; i++)
		for (int k = 0; k < 3; k++)
			counts[k] += text->s[i] == d[k];
	t->delim = counts[1] > counts[0] && counts[1] >= counts[2] ? ';'
		   : counts[2] > counts[0]			   ? '\t'
								   : ',';
	size_t pos = 0;
	if (!read_record(text->s, text->n, &pos, t->delim, &t->header) ||
	    !read_record(text->s, text->n, &pos, t->delim, &t->first))
		die("%s: needs a header and at least one meeting", path);
	t->c_date = t->c_list = t->c_format = t->c_occasion = -1;
	for (size_t i = 0; i < t->header.n; i++) {
		const char *h = t->header.f[i];
		if (header_is(h, "date") && t->c_date < 0)
			t->c_date = (int)i;
		else if ((header_is(h, "participants") || header_is(h, "attendees")) &&
			 t->c_list < 0)
			t->c_list = (int)i;
		else if (header_is(h, "format"))
			t->c_format = (int)i;
		else if (header_is(h, "occasion"))
			t->c_occasion = (int)i;
	}
	if (t->c_date < 0 || t->c_list < 0 || t->first.n != t->header.n)
		die("%s: needs date and participants columns, and a first row as wide as the "
		    "header",
		    path);
}

/* Save number i's row: the first meeting's date and participants again,
 * told apart by its occasion. Each is one more meeting, so the drawing
 * changes every time (without an occasion column the row repeats an
 * earlier one, which relgraph only warns about). */
static void table_row(const table *t, int i, buf *out)
{
	char occasion[64];
	snprintf(occasion, sizeof occasion, "latency benchmark save %d", i + 1);
	char delim[2] = {t->delim, 0};
	for (size_t k = 0; k < t->header.n; k++) {
		if (k)
			buf_adds(out, delim);
		int c = (int)k;
		const char *v = c == t->c_date || c == t->c_list ? t->first.f[k]
				: c == t->c_format		 ? "in-person"
				: c == t->c_occasion		 ? occasion
								 : "";
		add_field(out, v, t->delim);
	}
	buf_adds(out, "\n");
}

/* ---------- the watcher ---------- */

typedef struct {
	pid_t pid;
	int status, exited;
} child;

static int child_gone(child *c)
{
	if (c->exited)
		return 1;
	pid_t r = waitpid(c->pid, &c->status, WNOHANG);
	if (r == c->pid)
		c->exited = 1;
	return c->exited;
}

static void describe_exit(const child *c, char *b, size_t n)
{
	if (!c->exited)
		snprintf(b, n, "running");
	else if (WIFEXITED(c->status))
		snprintf(b, n, "exit %d", WEXITSTATUS(c->status));
	else if (WIFSIGNALED(c->status))
		snprintf(b, n, "killed by signal %d", WTERMSIG(c->status));
	else
		snprintf(b, n, "status %d", c->status);
}

static long vm_hwm_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

static uint64_t hash_file(const char *path)
{
	buf b = {0};
	uint64_t h = 1469598103934665603u;
	if (read_file(path, &b) == 0)
		for (size_t i = 0; i < b.n; i++) {
			h ^= (unsigned char)b.s[i];
			h *= 1099511628211u;
		}
	free(b.s);
	return h;
}

/* Waits until deadline (ms, monotonic) for an IN_MOVED_TO of name that
 * brings an image whose hash differs from *last; sets *at to its time.
 * Returns 1 on success, 0 on timeout, -1 when the watcher died. stale
 * counts images that arrived unchanged (a drawing of older data). */
static int wait_image(int ifd, const char *outdir, const char *name, double deadline, child *c,
		      uint64_t *last, double *at, int *renders, int *stale)
{
	char *path = xasprintf("%s/%s", outdir, name);
	int result = 0;
	for (;;) {
		double left = deadline - now_ms();
		if (left <= 0)
			break;
		struct pollfd p = {.fd = ifd, .events = POLLIN};
		int r = poll(&p, 1, left > 100 ? 100 : (int)left + 1);
		if (r < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (r <= 0) {
			if (child_gone(c)) {
				result = -1;
				break;
			}
			continue;
		}
		char events[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
		ssize_t k = read(ifd, events, sizeof events);
		if (k < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("inotify read: %s", strerror(errno));
		}
		int seen = 0;
		double t = now_ms();
		for (char *e = events; e < events + k;) {
			struct inotify_event *ev = (struct inotify_event *)e;
			if ((ev->mask & IN_MOVED_TO) && ev->len && !strcmp(ev->name, name))
				seen = 1;
			e += sizeof *ev + ev->len;
		}
		if (!seen)
			continue;
		(*renders)++;
		uint64_t h = hash_file(path);
		if (h == *last) {
			(*stale)++;
			continue;
		}
		*last = h;
		*at = t;
		result = 1;
		break;
	}
	free(path);
	return result;
}

static void drain(int ifd)
{
	char events[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	while (read(ifd, events, sizeof events) > 0)
		;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void usage(FILE *f)
{
	fputs("usage: latency [-n SAVES] [-t TIMEOUT] [-f FIRST_TIMEOUT] [-F TABLE] [-k] [-v]\n"
	      "               RELGRAPH INPUT [-- WATCH_OPTION...]\n"
	      "Times `RELGRAPH watch` from each save of INPUT's meetings table to the new\n"
	      "image. SAVES (default 50) saves, alternately appended and renamed over;\n"
	      "TIMEOUT seconds (default 10) per save, FIRST_TIMEOUT (default 120) for the\n"
	      "first image; -F saves INPUT's file TABLE instead; -k keeps the temporary folder; -v "
	      "shows the watcher's messages.\n",
	      f);
}

int main(int argc, char **argv)
{
	int saves = 50, keep = 0, verbose = 0;
	const char *table_name = NULL; /* -F: the file to save */
	double timeout = 10, first_timeout = 120;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		char *end = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-k")) {
			keep = 1;
		} else if (!strcmp(a, "-v")) {
			verbose = 1;
		} else if (!strcmp(a, "-F") && i + 1 < argc) {
			table_name = argv[++i];
		} else if (!strcmp(a, "-n") && i + 1 < argc) {
			saves = (int)strtol(argv[++i], &end, 10);
		} else if (!strcmp(a, "-t") && i + 1 < argc) {
			timeout = strtod(argv[++i], &end);
		} else if (!strcmp(a, "-f") && i + 1 < argc) {
			first_timeout = strtod(argv[++i], &end);
		} else {
			usage(stderr);
			return 2;
		}
		if (end && *end) {
			usage(stderr);
			return 2;
		}
	}
	if (argc - i < 2 || saves < 1 || timeout <= 0 || first_timeout <= 0) {
		usage(stderr);
		return 2;
	}
	const char *bin = argv[i], *input = argv[i + 1];
	char **extra = argv + i + 2;
	int nextra = argc - i - 2;
	if (nextra > 0 && !strcmp(extra[0], "--")) {
		extra++;
		nextra--;
	} else if (nextra > 0) {
		usage(stderr);
		return 2;
	}

	/* NAME: the input folder's base name, which -O names the image after */
	char *in = strdup(input);
	while (strlen(in) > 1 && in[strlen(in) - 1] == '/')
		in[strlen(in) - 1] = '\0';
	const char *name = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;

	const char *tmp = getenv("TMPDIR");
	char *work = xasprintf("%s/rg-latency-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(work))
		die("%s: %s", work, strerror(errno));
	/* WORK/in/NAME, WORK/out, WORK/watch.log: no name of the input clashes */
	char *indir = xasprintf("%s/in", work), *data = xasprintf("%s/%s", indir, name);
	char *outdir = xasprintf("%s/out", work), *log = xasprintf("%s/watch.log", work);
	if (mkdir(indir, 0755) || mkdir(data, 0755) || mkdir(outdir, 0755))
		die("%s: %s", work, strerror(errno));

	/* the copy: every *.csv of INPUT; the meetings table found on the way */
	DIR *dir = opendir(in);
	if (!dir)
		die("%s: %s", in, strerror(errno));
	char *meetings = NULL;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".csv"))
			continue;
		char *from = xasprintf("%s/%s", in, e->d_name),
		     *to = xasprintf("%s/%s", data, e->d_name);
		buf b = {0};
		if (read_file(from, &b) || write_file(to, b.s ? b.s : "", b.n))
			die("copying %s: %s", from, strerror(errno));
		free(b.s);
		if (table_name ? !strcmp(e->d_name, table_name)
			       : !strncmp(e->d_name, "meetings", 8) &&
					 (!meetings || strcmp(e->d_name, "meetings.csv") == 0)) {
			free(meetings);
			meetings = strdup(to);
		}
		free(from);
		free(to);
	}
	closedir(dir);
	if (!meetings)
		die("%s: no %s to save", in, table_name ? table_name : "meetings*.csv");
	buf text = {0};
	if (read_file(meetings, &text))
		die("%s: %s", meetings, strerror(errno));
	if (text.n && text.s[text.n - 1] != '\n' && text.s[text.n - 1] != '\r')
		buf_adds(&text, "\n");
	table t = {0};
	table_read(&t, meetings, &text);
	char *beside = xasprintf("%s/.%s.latency~", data, strrchr(meetings, '/') + 1);
	char *image = xasprintf("%s.svg", name);

	int ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ifd < 0 || inotify_add_watch(ifd, outdir, IN_MOVED_TO) < 0)
		die("inotify: %s", strerror(errno));

	/* the watcher */
	char **args = calloc((size_t)nextra + 8, sizeof *args);
	int na = 0;
	args[na++] = (char *)bin;
	args[na++] = (char *)"watch";
	args[na++] = data;
	args[na++] = (char *)"-O";
	args[na++] = (char *)"--outdir";
	args[na++] = outdir;
	for (int k = 0; k < nextra; k++)
		args[na++] = extra[k];
	args[na] = NULL;
	fflush(NULL);
	child c = {0};
	double spawned = now_ms();
	c.pid = fork();
	if (c.pid < 0)
		die("fork: %s", strerror(errno));
	if (c.pid > 0)
		watcher = c.pid;
	if (c.pid == 0) {
		int lfd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int nul = open("/dev/null", O_WRONLY);
		if (lfd >= 0 && !verbose)
			dup2(lfd, 2);
		if (nul >= 0)
			dup2(nul, 1);
		execv(bin, args);
		fprintf(stderr, "latency: %s: %s\n", bin, strerror(errno));
		_exit(127);
	}

	int renders = 0, stale = 0, failed = 0, ok = 0, died = 0, in_a_row = 0;
	uint64_t last = 0;
	double at = 0, first_ms = -1;
	double *lat = calloc((size_t)saves, sizeof *lat);
	int r = wait_image(ifd, outdir, image, spawned + first_timeout * 1e3, &c, &last, &at,
			   &renders, &stale);
	if (r <= 0) {
		fprintf(stderr, "latency: %s: %s\n", name,
			r < 0 ? "the watcher exited before the first image"
			      : "no first image within the time allowed");
		died = r < 0;
		failed = saves;
		goto stop;
	}
	first_ms = at - spawned;
	printf("%s: first image after %.1f ms\n", name, first_ms);

	for (int s = 0; s < saves; s++) {
		buf row = {0};
		table_row(&t, s, &row);
		drain(ifd);
		double t0;
		int append = s % 2 == 0;
		if (append) {
			int fd = open(meetings, O_WRONLY | O_APPEND | O_CLOEXEC);
			if (fd < 0)
				die("%s: %s", meetings, strerror(errno));
			t0 = now_ms();
			if (write(fd, row.s, row.n) != (ssize_t)row.n || close(fd))
				die("%s: %s", meetings, strerror(errno));
		} else {
			buf whole = {0};
			buf_add(&whole, text.s, text.n);
			buf_add(&whole, row.s, row.n);
			if (write_file(beside, whole.s, whole.n))
				die("%s: %s", beside, strerror(errno));
			free(whole.s);
			t0 = now_ms();
			if (rename(beside, meetings))
				die("%s: %s", meetings, strerror(errno));
		}
		buf_add(&text, row.s, row.n);
		free(row.s);
		r = wait_image(ifd, outdir, image, t0 + timeout * 1e3, &c, &last, &at, &renders,
			       &stale);
		if (r > 0) {
			lat[ok++] = at - t0;
			in_a_row = 0;
			if (verbose)
				printf("save %d (%s): %.1f ms\n", s + 1,
				       append ? "append" : "rename", at - t0);
			continue;
		}
		failed++;
		printf("save %d (%s): %s\n", s + 1, append ? "append" : "rename",
		       r < 0 ? "the watcher exited" : "no new image in time");
		if (r < 0) {
			died = 1;
			failed += saves - s - 1;
			break;
		}
		if (++in_a_row == 3) {
			printf("three failures in a row: giving up\n");
			failed += saves - s - 1;
			break;
		}
	}

stop:;
	long hwm = c.exited ? -1 : vm_hwm_kb(c.pid);
	int stopped = 1;
	if (!child_gone(&c)) {
		kill(c.pid, SIGTERM);
		double until = now_ms() + 5000;
		while (!child_gone(&c) && now_ms() < until) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
		if (!c.exited) {
			stopped = 0;
			kill(c.pid, SIGKILL);
			waitpid(c.pid, &c.status, 0);
			c.exited = 1;
			printf("the watcher did not stop within 5 s of SIGTERM: killed\n");
		}
	}
	char how[64];
	describe_exit(&c, how, sizeof how);

	/* temporary outputs left behind: names starting with '.' */
	int leftovers = 0;
	const char *places[2] = {outdir, data};
	for (int k = 0; k < 2; k++) {
		DIR *d = opendir(places[k]);
		while (d && (e = readdir(d)))
			if (e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
			    strcmp(e->d_name, "..")) {
				printf("left behind: %s/%s\n", places[k], e->d_name);
				leftovers++;
			}
		if (d)
			closedir(d);
	}
	int log_lines = 0;
	buf lg = {0};
	if (!verbose && read_file(log, &lg) == 0)
		for (size_t k = 0; k < lg.n; k++)
			log_lines += lg.s[k] == '\n';

	qsort(lat, (size_t)ok, sizeof *lat, cmp_double);
	double median = -1, p90 = -1, worst = -1;
	if (ok) {
		median = ok % 2 ? lat[ok / 2] : (lat[ok / 2 - 1] + lat[ok / 2]) / 2;
		int k = (9 * ok + 9) / 10 - 1; /* nearest rank: ceil(0.9 ok) - 1 */
		p90 = lat[k < 0 ? 0 : k];
		worst = lat[ok - 1];
	}
	printf("%s: %d saves, %d drawn, %d failed; median %.1f ms, p90 %.1f ms, worst %.1f ms; "
	       "%d images (%d unchanged); watcher peak RSS %ld kB; stopped: %s; %d left behind\n",
	       name, saves, ok, failed, median, p90, worst, renders, stale, hwm, how, leftovers);
	printf("RESULT name=%s saves=%d ok=%d failed=%d median_ms=%.1f p90_ms=%.1f worst_ms=%.1f "
	       "first_ms=%.1f images=%d unchanged=%d log_lines=%d hwm_kb=%ld exit=\"%s\" "
	       "leftovers=%d\n",
	       name, saves, ok, failed, median, p90, worst, first_ms, renders, stale,
	       verbose ? -1 : log_lines, hwm, how, leftovers);

	int clean = stopped && WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0;
	int bad = failed || died || !clean || leftovers;
	if (bad && !verbose && lg.n) {
		fprintf(stderr, "latency: the watcher's last messages (%s):\n", log);
		size_t from = lg.n > 2000 ? lg.n - 2000 : 0;
		fwrite(lg.s + from, 1, lg.n - from, stderr);
	}
	if (keep || bad)
		printf("kept: %s\n", work);
	else
		remove_flat(work);
	return bad ? 1 : 0;
}
