/* gif.h: an animated GIF made from a series' frames, part of the frames
 * stage; private to the library.
 *
 * The frames come as PNG bytes (Graphviz renders them to memory with
 * cairo), all of one size.  One palette of at most 256 colours serves every frame, so a
 * colour does not flicker from one frame to the next; it is chosen from
 * the colours of all the frames alone, so the same frames give the same
 * bytes.  The animation loops for ever.
 */
#ifndef RELGRAPH_GIF_H
#define RELGRAPH_GIF_H

#include <stddef.h>

typedef struct rg_gif rg_gif;

/* An empty animation; free with rg_gif_free (NULL is fine). */
rg_gif *rg_gif_new(void);
void rg_gif_free(rg_gif *g);

/* Adds a frame: a PNG of len bytes (transparency made white).  Returns 0,
 * or -1 when the bytes are not a PNG libpng reads or not of the first
 * frame's size.  The bytes stay the caller's. */
int rg_gif_add_png(rg_gif *g, const char *data, size_t len);

/* The GIF of every frame added, each shown delay seconds: new bytes the
 * caller frees, their number in *len; NULL when there is no frame or
 * giflib fails. */
char *rg_gif_finish(rg_gif *g, double delay, size_t *len);

#endif
