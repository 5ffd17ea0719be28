/* glyphs.h: which characters of a text no installed font draws (see
 * glyphs.c); private to the library. */
#ifndef RELGRAPH_GLYPHS_H
#define RELGRAPH_GLYPHS_H

#include <stdint.h>

/* The characters every installed font covers together, read from
 * fontconfig once; NULL if fontconfig cannot be read. */
typedef struct rg_glyphs rg_glyphs;
rg_glyphs *rg_glyphs_new(void);
void rg_glyphs_free(rg_glyphs *g);

/* The first character of the UTF-8 text s that no installed font has, or
 * 0 when every one is drawn (invalid bytes are skipped). */
uint32_t rg_glyphs_missing(const rg_glyphs *g, const char *s);

/* The script of character c ("Devanagari", "CJK", "a private use
 * character") and the Debian package whose fonts draw it (NULL when no
 * font package does). */
const char *rg_glyphs_script(uint32_t c, const char **package);

#endif
