/* util.h: small helpers private to relgraph's modules.
 *
 * Allocation: the x-functions never return NULL.  When memory runs out
 * they jump to the innermost trap set with rg_oom_enter on this thread
 * (the job API sets one around each call and returns RG_ENOMEM), as Lua's
 * allocator raises LUA_ERRMEM; what the interrupted call had allocated is
 * lost.  With no trap set they abort(): a stage called directly, outside
 * a job, has no status to return it through.  The library never exits. */
#ifndef RELGRAPH_UTIL_H
#define RELGRAPH_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rg_oom_trap {
	jmp_buf env;
	struct rg_oom_trap *prev;
} rg_oom_trap;
/* Use as: rg_oom_trap t; if (setjmp(t.env)) { ...out of memory... }
 * rg_oom_enter(&t); ...work...; rg_oom_leave(&t);  The jump has left
 * the trap already. */
void rg_oom_enter(rg_oom_trap *t);
void rg_oom_leave(rg_oom_trap *t);
/* Jumps to this thread's innermost trap (or aborts) as if memory had run
 * out: for memory that ran out on a helper thread, reported on the thread
 * that set the trap. */
_Noreturn void rg_oom_raise(void);

void *rg_xmalloc(size_t n);
void *rg_xcalloc(size_t n, size_t size);
void *rg_xrealloc(void *p, size_t n);
char *rg_xstrdup(const char *s);
char *rg_xstrndup(const char *s, size_t n);
/* Returns a new string the caller frees. */
char *rg_vasprintf(const char *fmt, va_list ap);
char *rg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte string, always NUL-terminated.  Zero-initialise it; the
 * owner frees .s. */
typedef struct {
	char *s;
	size_t len, cap;
} rg_buf;
void rg_buf_add(rg_buf *b, const char *s, size_t n);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_printf(rg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rg_buf_reset(rg_buf *b);
/* Appends s as XML/HTML text or attribute value: & < > " ' escaped. */
void rg_buf_xml(rg_buf *b, const char *s);
/* Where text inside a Graphviz HTML-like label differs: ' stays as it is
 * (relgraph's DOT has always written it so), and a newline becomes <BR/>,
 * the label's line break. */
#define RG_XML_HTML_LABEL 1u
/* rg_buf_xml with the differences named in how (0 for none): the one
 * escaper for XML and HTML text. */
void rg_buf_xml_as(rg_buf *b, const char *s, unsigned how);

/* 1234567 as "1,234,567" in buf (32 bytes); returns buf. */
const char *rg_thousands(uint64_t n, char *buf);

/* Breaks s into lines of about width characters at spaces, as relgraph
 * wraps a label: calls fn with each word (RG_WRAP_WORD), each run of
 * spaces kept between two words of a line (RG_WRAP_SPACE), and each line
 * break, made or in s (RG_WRAP_BREAK: text NULL, n 0).  Spaces where a
 * line breaks, or that begin one, are dropped.  A word longer than
 * RG_WRAP_LONG_WORD lines is cut into lines of width characters, and the
 * text stops at RG_WRAP_MAX_LINES lines, the last ending with an ellipsis
 * "…" when more would follow: any label draws, the whole of it stays in
 * the tooltip. */
enum { RG_WRAP_WORD, RG_WRAP_SPACE, RG_WRAP_BREAK };
#define RG_WRAP_LONG_WORD 2
#define RG_WRAP_MAX_LINES 6
typedef void (*rg_wrap_fn)(void *ctx, int what, const char *text, size_t n);
void rg_wrap(const char *s, size_t width, rg_wrap_fn fn, void *ctx);

/* ASCII case-insensitive comparison, for header names. */
int rg_strieq(const char *a, const char *b);
/* A 64-bit hash of n bytes, for hash tables (not stable across
 * versions: nothing relgraph writes depends on its values); _seed gives
 * an independent one for each seed. */
uint64_t rg_hash(const char *s, size_t n);
uint64_t rg_hash_seed(const char *s, size_t n, uint64_t seed);
/* Two independent 64-bit hashes of n bytes in one pass. */
void rg_hash2(const char *s, size_t n, uint64_t out[2]);

#endif
