/* watch.h: noticing that an input changed, for `relgraph watch`.
 *
 * Not a stage of the pipeline but what reruns it: inotify watches the
 * folder of every input (a folder input itself; the folder holding a file
 * input), so that a file saved in place, written beside and renamed over,
 * or deleted and created again is seen the same way, and watching goes
 * on after any of them.  Only the CSV files relgraph would read count (in
 * a folder: the *.csv files not hidden; otherwise the files named).
 *
 * Editors save in several steps.  A change is ready to draw once no input
 * file is half-written (created or modified but not yet closed) or
 * missing (deleted or renamed away but not yet back), and nothing more
 * has happened for a short moment; a file that stays half-written or
 * missing is taken as it is after a second.
 */
#ifndef RELGRAPH_WATCH_H
#define RELGRAPH_WATCH_H

#include <stddef.h>

#include "relgraph/diag.h"

typedef struct rg_watch rg_watch;

/* Quiet time after the last event of a save, and the longest wait for a
 * file to be closed or to come back, in milliseconds. */
#define RG_WATCH_SETTLE_MS 10
#define RG_WATCH_PATIENCE_MS 1000

/* Starts watching the folders of inputs[0..n) (not "-").  Returns NULL
 * with the reasons in d if a folder cannot be watched. */
rg_watch *rg_watch_new(char *const *inputs, size_t n, rg_diags *d);
void rg_watch_free(rg_watch *w);

/* The descriptor to poll for input (POLLIN). */
int rg_watch_fd(const rg_watch *w);

/* Reads the events waiting; now is a monotonic time in seconds. */
void rg_watch_read(rg_watch *w, double now);

/* How long to wait before drawing, in milliseconds: -1 when nothing has
 * changed, 0 when a change is ready to draw now. */
int rg_watch_due(rg_watch *w, double now);

/* The change is being drawn: what happens from here is a new change. */
void rg_watch_taken(rg_watch *w);

/* How many folders are being watched (a watched folder that is deleted
 * or renamed is watched again when it is back). */
size_t rg_watch_folders(const rg_watch *w);

#endif
