/* memory.h: a layout memory, where the last drawing put each node.
 *
 * A drawing made again after an edit starts from its memory (layout.h):
 * the nodes it remembers stay where they were, new ones find room near
 * their neighbours, and the drawing's frame (canvas) and legend stay.
 * The memory is a small text file, one line a node, sorted by id, so
 * that a user can commit it beside the figure:
 *
 *     relgraph-layout 1
 *     canvas LLX LLY URX URY
 *     legend X Y
 *     style NARROW TEXT_SCALE
 *     fit NOTE
 *     node X Y ID
 *
 * Positions are in points, written with RG_MEMORY_DIGITS decimals; the
 * layout rounds every position it remembers to that precision first, so
 * that a memory read back gives exactly the drawing it came from.  An ID
 * keeps its spaces; a backslash, a newline and a carriage return are
 * written \\, \n and \r.  Lines starting with '#' are comments.
 *
 * The fit line is the layout's own note (printable ASCII): which way a
 * small dot drawing was made to read on the page, or the scale an
 * emphasised drawing's labels were chosen for, and a key of what it was
 * chosen for, so that the next drawing of the same graph is laid out
 * once instead of searched for again (layout.c: fit_text, label_rounds).
 */
#ifndef RELGRAPH_MEMORY_H
#define RELGRAPH_MEMORY_H

#include <stddef.h>

#include "relgraph/diag.h"

/* Decimals of a position in a memory; rg_memory_round rounds to them. */
#define RG_MEMORY_DIGITS 2

typedef struct rg_memory rg_memory;

/* A new, empty memory; free it with rg_memory_free. */
rg_memory *rg_memory_new(void);
void rg_memory_free(rg_memory *mem);

/* Reads a memory from len bytes named name (for messages).  A text that
 * is not a memory, or is damaged, gives a warning in d and NULL: the
 * drawing is then laid out afresh.  The caller frees the result. */
rg_memory *rg_memory_parse(const char *name, const char *data, size_t len, rg_diags *d);
/* Reads the memory file at path: NULL without a word when there is none,
 * NULL with a warning when it cannot be read or is no memory. */
rg_memory *rg_memory_load(const char *path, rg_diags *d);
/* The memory as its file's text (a new string, *len its length). */
char *rg_memory_format(const rg_memory *mem, size_t *len);
/* Writes the memory to path atomically (a temporary file, then rename). */
rg_status rg_memory_save(const rg_memory *mem, const char *path, rg_diags *d);

/* x rounded to the memory's precision. */
double rg_memory_round(double x);

/* Nodes: put adds or moves one (the id is copied; the position rounded);
 * get returns 1 and its position, or 0 when the memory has no such node. */
void rg_memory_put(rg_memory *mem, const char *id, double x, double y);
int rg_memory_get(const rg_memory *mem, const char *id, double *x, double *y);
size_t rg_memory_count(const rg_memory *mem);

/* The drawing's frame (llx, lly, urx, ury in points) and its legend's
 * centre; get returns 0 when the memory has none. */
void rg_memory_set_canvas(rg_memory *mem, const double box[4]);
int rg_memory_canvas(const rg_memory *mem, double box[4]);
void rg_memory_set_legend(rg_memory *mem, double x, double y);
int rg_memory_legend(const rg_memory *mem, double *x, double *y);

/* How the drawing was built (rg_build_opts' narrow and text_scale, the
 * latter rounded to 4 decimals), so that the nodes keep their sizes;
 * get returns 0 when the memory does not say. */
void rg_memory_set_style(rg_memory *mem, int narrow, double text_scale);
int rg_memory_style(const rg_memory *mem, int *narrow, double *text_scale);
/* The layout's note on its text fitting (see above): set copies it
 * (NULL, or a note that is not printable ASCII of at most
 * RG_MEMORY_FIT_MAX characters, forgets it); get returns NULL for none. */
#define RG_MEMORY_FIT_MAX 200
void rg_memory_set_fit(rg_memory *mem, const char *note);
const char *rg_memory_fit(const rg_memory *mem);
/* text_scale as a memory keeps it (1 for 0, which means 1). */
double rg_memory_round_scale(double text_scale);

/* Copies src into dst (both made with rg_memory_new). */
void rg_memory_copy(rg_memory *dst, const rg_memory *src);

#endif
