/* json.h: a small strict JSON reader (RFC 8259) for the column mapping
 * files, private to the library.  Every value keeps its line and column,
 * so that a mistake in a mapping is reported where it is. */
#ifndef RELGRAPH_JSON_H
#define RELGRAPH_JSON_H

#include <stddef.h>

#include "relgraph/diag.h"

typedef enum {
	RG_JSON_NULL,
	RG_JSON_BOOL,
	RG_JSON_NUMBER,
	RG_JSON_STRING,
	RG_JSON_ARRAY,
	RG_JSON_OBJECT
} rg_json_type;

typedef struct rg_json rg_json;
struct rg_json {
	rg_json_type type;
	long line, col;	 /* where the value starts, both from 1 */
	char *s;	 /* a string's UTF-8 text, a number as written */
	int b;		 /* a boolean */
	rg_json **items; /* an array's or object's values */
	size_t n;
	char *key;	  /* in an object: this value's name */
	long kline, kcol; /* and where the name is */
};

/* Parses text (len bytes) named file in diagnostics: the value, owned by
 * the caller (rg_json_free), or NULL after one error in d (the first
 * mistake: what follows it cannot be read). */
rg_json *rg_json_parse(const char *text, size_t len, const char *file, rg_diags *d);
void rg_json_free(rg_json *v);
/* An object's value named key, or NULL. */
const rg_json *rg_json_get(const rg_json *obj, const char *key);

#endif
