/* serve.c: the web server of watch --serve (see serve.h). */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "html.h"
#include "util.h"

#define MAX_CONNS (RG_SERVE_MAX_FDS - 1)
#define MAX_REQUEST 8192

typedef struct {
	int fd;
	rg_buf in;
	rg_buf out; /* what is left to send starts at sent */
	size_t sent;
	int events; /* an event stream: stays open */
	int done;   /* close once out is sent */
} conn;

struct rg_server {
	int fd;
	int loopback;
	char *url;
	conn conns[MAX_CONNS];
	size_t nconns;
	char *svg;
	size_t svglen;
	char *title, *desc;
	char *problem;
	unsigned long version;
};

static void set_nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

rg_server *rg_serve_new(const char *addr, rg_diags *d)
{
	char host[256] = "127.0.0.1";
	char port[16];
	snprintf(port, sizeof port, "%d", RG_SERVE_PORT);
	if (addr && *addr) {
		const char *colon = strrchr(addr, ':');
		if (colon && colon > addr) {
			snprintf(host, sizeof host, "%.*s", (int)(colon - addr), addr);
			snprintf(port, sizeof port, "%s", colon + 1);
		} else if (colon) {
			snprintf(port, sizeof port, "%s", colon + 1);
		} else {
			snprintf(port, sizeof port, "%s", addr);
		}
	}
	/* [::1] as URLs write it */
	size_t hl = strlen(host);
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		memmove(host, host + 1, hl - 2);
		host[hl - 2] = '\0';
	}
	struct addrinfo hints = {0}, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	int gai = getaddrinfo(*host ? host : NULL, port, &hints, &res);
	if (gai != 0) {
		rg_error(d, NULL, 0, 0, "--serve %s: %s", addr ? addr : "", gai_strerror(gai));
		return NULL;
	}
	int fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
	int one = 1;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 16) != 0) {
		rg_error(d, NULL, 0, 0, "cannot serve on %s:%s: %s%s", host, port, strerror(errno),
			 errno == EADDRINUSE ? " (choose another port: --serve PORT)" : "");
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return NULL;
	}
	set_nonblocking(fd);
	rg_server *s = rg_xcalloc(1, sizeof *s);
	s->fd = fd;
	/* the port the system chose, for port 0 */
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char numhost[64] = "";
	int bound = 0;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET) {
			struct sockaddr_in *in = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &in->sin_addr, numhost, sizeof numhost);
			bound = ntohs(in->sin_port);
			s->loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
		} else if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &in6->sin6_addr, numhost, sizeof numhost);
			bound = ntohs(in6->sin6_port);
			s->loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
		}
	}
	freeaddrinfo(res);
	int v6 = strchr(numhost, ':') != NULL;
	/* listening on every address: browse to this machine by name */
	if (strcmp(numhost, "0.0.0.0") == 0 || strcmp(numhost, "::") == 0)
		s->url = rg_asprintf("http://localhost:%d/", bound);
	else
		s->url = rg_asprintf("http://%s%s%s:%d/", v6 ? "[" : "", numhost, v6 ? "]" : "",
				     bound);
	return s;
}

static void drop(rg_server *s, size_t i)
{
	close(s->conns[i].fd);
	free(s->conns[i].in.s);
	free(s->conns[i].out.s);
	s->conns[i] = s->conns[--s->nconns];
}

void rg_serve_free(rg_server *s)
{
	if (!s)
		return;
	while (s->nconns)
		drop(s, 0);
	close(s->fd);
	free(s->url);
	free(s->svg);
	free(s->title);
	free(s->desc);
	free(s->problem);
	free(s);
}

const char *rg_serve_url(const rg_server *s)
{
	return s->url;
}

size_t rg_serve_fds(rg_server *s, struct pollfd *fds)
{
	size_t n = 0;
	/* no new connection while all places are taken */
	fds[n++] = (struct pollfd){s->fd, s->nconns < MAX_CONNS ? POLLIN : 0, 0};
	for (size_t i = 0; i < s->nconns; i++) {
		conn *c = &s->conns[i];
		short ev = POLLIN;
		if (c->out.len > c->sent)
			ev |= POLLOUT;
		fds[n++] = (struct pollfd){c->fd, ev, 0};
	}
	return n;
}

static void respond(conn *c, const char *status, const char *type, const char *body, size_t len,
		    int head)
{
	rg_buf_printf(&c->out,
		      "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
		      "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
		      "Connection: close\r\n\r\n",
		      status, type, len);
	if (!head)
		rg_buf_add(&c->out, body, len);
	c->done = 1;
}

static void error_page(conn *c, const char *status, int head)
{
	char body[128];
	int n = snprintf(body, sizeof body, "%s\n", status);
	respond(c, status, "text/plain; charset=utf-8", body, (size_t)n, head);
}

/* An event in the text/event-stream format: each line of data its own
 * "data:" field. */
static void event(rg_buf *b, unsigned long id, const char *name, const char *data)
{
	rg_buf_printf(b, "id: %lu\nevent: %s\n", id, name);
	const char *p = data;
	do {
		size_t n = strcspn(p, "\n");
		rg_buf_puts(b, "data: ");
		rg_buf_add(b, p, n);
		rg_buf_putc(b, '\n');
		p += n + (p[n] == '\n');
	} while (*p);
	rg_buf_putc(b, '\n');
}

/* The value of header name in a request, or NULL (the caller frees). */
static char *header(const char *req, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(req, "\r\n"); p && p[2] != '\r'; p = strstr(p + 2, "\r\n")) {
		const char *h = p + 2;
		if (strncasecmp(h, name, n) == 0 && h[n] == ':') {
			h += n + 1;
			while (*h == ' ')
				h++;
			return rg_xstrndup(h, strcspn(h, "\r"));
		}
	}
	return NULL;
}

/* On loopback, only pages from this machine's own names: a web page
 * elsewhere must not reach the server through a name of its own that
 * points here (DNS rebinding). */
static int host_allowed(const rg_server *s, const char *req)
{
	if (!s->loopback)
		return 1;
	char *host = header(req, "Host");
	if (!host)
		return 1; /* HTTP/1.0 tools */
	/* the name without its port: "localhost:8000", "[::1]:8000" */
	char *end = host[0] == '[' ? strchr(host, ']') : strchr(host, ':');
	if (end)
		end[host[0] == '['] = '\0';
	struct in_addr a4;
	/* a loopback address written as one, never a name that merely
	 * starts like one (127.evil.example) */
	int ok = strcasecmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0 ||
		 (inet_pton(AF_INET, host, &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127);
	free(host);
	return ok;
}

static void answer(rg_server *s, conn *c)
{
	const char *req = c->in.s;
	size_t ml = strcspn(req, " "), pl;
	const char *path = req + ml + (req[ml] == ' ');
	pl = strcspn(path, " ?#\r");
	int head = ml == 4 && strncmp(req, "HEAD", 4) == 0;
	if (!head && !(ml == 3 && strncmp(req, "GET", 3) == 0)) {
		error_page(c, "405 Method Not Allowed", 0);
		return;
	}
	if (!host_allowed(s, req)) {
		error_page(c, "403 Forbidden", head);
		return;
	}
	if ((pl == 1 && path[0] == '/') || (pl == 11 && strncmp(path, "/index.html", 11) == 0)) {
		size_t len;
		static const char empty[] =
			"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>";
		char *page =
			rg_html_page(s->svg ? s->svg : empty, s->svg ? s->svglen : strlen(empty),
				     s->title, s->desc, 1, &len);
		respond(c, "200 OK", "text/html; charset=utf-8", page, len, head);
		free(page);
	} else if (pl == 10 && strncmp(path, "/image.svg", 10) == 0) {
		if (s->svg)
			respond(c, "200 OK", "image/svg+xml", s->svg, s->svglen, head);
		else
			error_page(c, "503 Service Unavailable", head);
	} else if (pl == 7 && strncmp(path, "/events", 7) == 0) {
		rg_buf_puts(&c->out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
				     "Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n");
		if (head) {
			c->done = 1;
			return;
		}
		rg_buf_puts(&c->out, "retry: 1000\n\n");
		if (s->problem && *s->problem)
			event(&c->out, s->version, "problem", s->problem);
		c->events = 1;
	} else {
		error_page(c, "404 Not Found", head);
	}
}

static void take_connections(rg_server *s)
{
	while (s->nconns < MAX_CONNS) {
		int fd = accept(s->fd, NULL, NULL);
		if (fd < 0)
			return;
		set_nonblocking(fd);
		int fl = fcntl(fd, F_GETFD);
		if (fl >= 0)
			fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
		s->conns[s->nconns++] = (conn){.fd = fd};
	}
}

void rg_serve_handle(rg_server *s, const struct pollfd *fds, size_t n)
{
	/* connections first, by descriptor: dropping one moves another */
	for (size_t k = 1; k < n; k++) {
		size_t i = 0;
		while (i < s->nconns && s->conns[i].fd != fds[k].fd)
			i++;
		if (i == s->nconns || !fds[k].revents)
			continue;
		conn *c = &s->conns[i];
		if (fds[k].revents & POLLIN) {
			char buf[2048];
			ssize_t r = recv(c->fd, buf, sizeof buf, 0);
			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
				drop(s, i);
				continue;
			}
			if (r > 0 && !c->events && !c->done) {
				rg_buf_add(&c->in, buf, (size_t)r);
				if (strstr(c->in.s, "\r\n\r\n") || strstr(c->in.s, "\n\n"))
					answer(s, c);
				else if (c->in.len > MAX_REQUEST)
					error_page(c, "431 Request Header Fields Too Large", 0);
			}
		}
		if (fds[k].revents & (POLLERR | POLLHUP) && !(fds[k].revents & POLLIN)) {
			drop(s, i);
			continue;
		}
		if (c->out.len > c->sent) {
			ssize_t w =
				send(c->fd, c->out.s + c->sent, c->out.len - c->sent, MSG_NOSIGNAL);
			if (w < 0 && errno != EAGAIN && errno != EINTR) {
				drop(s, i);
				continue;
			}
			if (w > 0)
				c->sent += (size_t)w;
			if (c->sent == c->out.len) {
				rg_buf_reset(&c->out);
				c->sent = 0;
				if (c->done) {
					drop(s, i);
					continue;
				}
			}
		}
	}
	if (n && fds[0].revents & POLLIN)
		take_connections(s);
}

static void broadcast(rg_server *s, const char *name, const char *data)
{
	for (size_t i = 0; i < s->nconns; i++)
		if (s->conns[i].events)
			event(&s->conns[i].out, s->version, name, data);
}

static void replace(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? rg_xstrdup(src) : NULL;
}

void rg_serve_image(rg_server *s, const char *svg, size_t len, const char *title, const char *desc)
{
	free(s->svg);
	s->svg = rg_xmalloc(len + 1);
	memcpy(s->svg, svg, len);
	s->svg[len] = '\0';
	s->svglen = len;
	replace(&s->title, title);
	replace(&s->desc, desc);
	replace(&s->problem, "");
	s->version++;
	char v[32];
	snprintf(v, sizeof v, "%lu", s->version);
	broadcast(s, "update", v);
}

void rg_serve_problem(rg_server *s, const char *text)
{
	replace(&s->problem, text);
	broadcast(s, "problem", text);
}
