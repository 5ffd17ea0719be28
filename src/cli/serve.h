/* serve.h: the small web server of `relgraph watch --serve`.
 *
 * Serves three things on one address (loopback unless told otherwise):
 *   /            a page showing the current drawing (html.h), live
 *   /image.svg   the current drawing
 *   /events      server-sent events: "update" when the drawing changed,
 *                "problem" with the errors when the data went bad (the
 *                last good drawing stays); an empty problem clears it
 * HTTP/1.0-style: one request per connection, GET and HEAD only, no
 * threads; the caller's poll loop drives it.
 */
#ifndef RELGRAPH_SERVE_H
#define RELGRAPH_SERVE_H

#include <poll.h>
#include <stddef.h>

#include "relgraph/diag.h"

typedef struct rg_server rg_server;

#define RG_SERVE_PORT 8000
#define RG_SERVE_MAX_FDS 65 /* the listener and 64 connections */

/* Listens on addr: "PORT", "HOST:PORT" or NULL (127.0.0.1, port
 * RG_SERVE_PORT); port 0 picks a free one.  Returns NULL with the reason
 * in d. */
rg_server *rg_serve_new(const char *addr, rg_diags *d);
void rg_serve_free(rg_server *s);

/* "http://127.0.0.1:8000/"; owned by s. */
const char *rg_serve_url(const rg_server *s);

/* Fills fds (at least RG_SERVE_MAX_FDS) with what the server waits on;
 * returns how many.  After poll, give the same fds back to
 * rg_serve_handle. */
size_t rg_serve_fds(rg_server *s, struct pollfd *fds);
void rg_serve_handle(rg_server *s, const struct pollfd *fds, size_t n);

/* A new drawing (svg, len bytes, copied): pages reload it. */
void rg_serve_image(rg_server *s, const char *svg, size_t len, const char *title, const char *desc);
/* What is wrong with the data now, or "" when nothing is. */
void rg_serve_problem(rg_server *s, const char *text);

#endif
