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
	char label[24];	  /* "2013", "2013-03", or a date of the list: file names */
	char caption[32]; /* "2013", "March 2013", "12 March 2013": drawn on the frame */
	rg_date from, to;
} rg_slice;

/* How many frames a series makes unless the caller allows more
 * (rg_frames_spec.max, --max-frames), and how many it never makes. */
#define RG_FRAMES_DEFAULT_MAX 100
#define RG_MAX_FRAMES 100000

/* The slices (year or month) from from to to, a side left open (a zero
 * year) taken from the first or last date in v; or one per date of list
 * inside the window from..to.
 * Returns a new array the caller frees, and its length in *n (0 when
 * nothing in v, or of list, is dated inside the window).  Past max slices
 * (at most RG_MAX_FRAMES) it returns NULL with their number in *n. */
rg_slice *rg_frames_slices(const rg_view *v, rg_frames_by by, const rg_date *list, size_t nlist,
			   rg_date from, rg_date to, size_t max, size_t *n);

/* The words a frame carries for its period: "2013", "March 2013",
 * "12 March 2013" (English month names, whatever the locale). */
void rg_frames_caption(rg_date d, char out[32]);

/* Names an output: the caller's function returns a new string.  slice is
 * NULL for a format that holds the whole series in one file (see
 * rg_frames_one_file). */
typedef char *(*rg_frame_path)(void *ctx, const char *slice, const char *format);

/* 1 for the formats a series writes as one file: "gif" (an animation) and
 * "html" (a page with a time slider); every other format is a file per
 * slice. */
int rg_frames_one_file(const char *format);

/* Draws every slice of m (filtered by base) to every format, names each
 * file with path, and writes them all or none.  bo is the build options of
 * a single drawing; engine lays out the union, made to read on page (see
 * layout.h; keep_rankdir: the user chose the direction).  Every frame has
 * the same size and carries its slice's caption in its title.  delay:
 * seconds a frame shows in the animated GIF and in the page's player. */
rg_status rg_frames_render(rg_render *r, const rg_model *m, const rg_transform_opts *base,
			   const rg_build_opts *bo, const char *engine, const rg_page *page,
			   int keep_rankdir, const rg_slice *slices, size_t nslices,
			   const char *const *formats, size_t nformats, double delay,
			   rg_frame_path path, void *ctx, rg_diags *d);

#endif
