/* util.h: small helpers private to relgraph's modules.
 * Allocation failure is the one thing relgraph does not recover from: the
 * x-functions print a message and exit(3), as there is nothing sane to do. */
#ifndef RELGRAPH_UTIL_H
#define RELGRAPH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

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

/* ASCII case-insensitive comparison, for header names. */
int rg_strieq(const char *a, const char *b);
/* A 64-bit hash of n bytes, for hash tables (not stable across
 * versions: nothing relgraph writes depends on its values); _seed gives
 * an independent one for each seed. */
unsigned long rg_hash(const char *s, size_t n);
unsigned long rg_hash_seed(const char *s, size_t n, unsigned long seed);
/* Two independent 64-bit hashes of n bytes in one pass. */
void rg_hash2(const char *s, size_t n, uint64_t out[2]);

#endif
