/* frames.h: one image per time slice, every node in the same place.
 *
 * Orchestrates the transform, build and render stages for a series: the
 * union of all slices is laid out once (with the chosen engine), then each
 * slice is drawn with every node pinned where that layout put it, the
 * nodes of other slices faded or, before they first appear, hidden, so
 * that the frames line up when flipped through.  The whole series is
 * written at once, or not at all.
 */
#ifndef RELGRAPH_FRAMES_H
#define RELGRAPH_FRAMES_H

#include <stddef.h>

#include "relgraph/build.h"
#include "relgraph/emphasis.h"
#include "relgraph/model.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

typedef enum { RG_FRAMES_YEAR, RG_FRAMES_MONTH, RG_FRAMES_LIST } rg_frames_by;

typedef struct {
	char label[24]; /* "2013", "2013-03", or a date of the list */
	rg_date from, to;
} rg_slice;

/* The slices from the first to the last date in v (year or month), or
 * one per date of list.  Returns a new array the caller frees, and its
 * length in *n (0 when v has no dates).  Past RG_MAX_FRAMES slices it
 * returns NULL with their number in *n. */
#define RG_MAX_FRAMES 1000
rg_slice *rg_frames_slices(const rg_view *v, rg_frames_by by, const rg_date *list, size_t nlist,
			   size_t *n);

/* Names an output: the caller's function returns a new string. */
typedef char *(*rg_frame_path)(void *ctx, const char *slice, const char *format);

/* Draws every slice of m (filtered by base) to every format, names each
 * file with path, and writes them all or none.  bo is the build options of
 * a single drawing; engine lays out the union, made to read on page (see
 * layout.h; keep_rankdir: the user chose the direction). */
rg_status rg_frames_render(rg_render *r, const rg_model *m, const rg_transform_opts *base,
			   const rg_build_opts *bo, const char *engine, const rg_page *page,
			   int keep_rankdir, const rg_slice *slices, size_t nslices,
			   const char *const *formats, size_t nformats, rg_frame_path path,
			   void *ctx, rg_diags *d);

#endif
