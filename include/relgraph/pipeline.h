/* pipeline.h: the whole run, from CSV files to images, as one job.
 *
 * A job owns every stage's state for one drawing: the model read from
 * its inputs, the view its filters cut from it, the graph built and laid
 * out, and the Graphviz context.  Create it with a diagnostics list, add
 * inputs, set the filters and the look, draw to a list of outputs, free
 * it.  Every problem goes to the diagnostics list with its place; calls
 * return a status and never print or exit, out of memory included
 * (RG_ENOMEM, after which the job can only be freed).
 *
 * The stages run when they are first needed and are kept: rg_job_draw
 * reads and filters first if rg_job_load and rg_job_select have not.
 * rg_job_reset drops what was read, to read the inputs again (watch).
 *
 * Graphviz allows one job at a time in a process (its error callback and
 * its plugins are process-wide; see render.h).
 */
#ifndef RELGRAPH_PIPELINE_H
#define RELGRAPH_PIPELINE_H

#include <stddef.h>

#include "relgraph/build.h"
#include "relgraph/diag.h"
#include "relgraph/emphasis.h"
#include "relgraph/frames.h"
#include "relgraph/memory.h"
#include "relgraph/model.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

typedef struct rg_job rg_job;

/* What to keep of the data.  Zero is "keep everything" for every field
 * but depth, so start from RG_FILTERS_INIT. */
typedef struct {
	rg_date from, to; /* time window; year 0 leaves that side open */
	int dated_only;	  /* with a window, leave undated rows out too */
	/* node kinds to keep or leave out, relation kinds to keep; n = 0
	 * for no filter */
	const char *const *only;
	size_t nonly;
	const char *const *hide;
	size_t nhide;
	const char *const *relations;
	size_t nrelations;
	double min_weight; /* leave out merged edges lighter than this */
	/* ids or labels, as a user writes them: the view is their
	 * neighbourhood, depth steps out */
	const char *const *focus;
	size_t nfocus;
	int depth;
	int no_merge; /* draw every relation, not one edge per pair and kind */
	/* keep nodes whose relations the filters took away (a node with no
	 * relation at all in the data is drawn anyway) */
	int keep_isolated;
} rg_filters;
/* clang-format off */
#define RG_FILTERS_INIT {.depth = 1}
/* clang-format on */

/* How the drawing looks.  Zero is the default for every field. */
typedef struct {
	const char *name;   /* the drawing's name: the graph's, the document's
			       title without one; NULL: the first input's */
	const char *title;  /* drawn above the diagram; the document's title */
	const char *engine; /* "auto" (NULL) or a Graphviz layout engine */
	int no_legend;
	rg_label_mode edge_labels;
	const char *cluster_by; /* box nodes sharing this field's value */
	/* -G, -N and -E settings: they win over relgraph's theme */
	const rg_setting *gset, *nset, *eset;
	size_t ngset, nnset, neset;
	/* the document: displayed size and bitmap resolution (see rg_doc) */
	const char *width, *height;
	double dpi;
	/* the page the drawing is made for (emphasis.h): "column" (NULL),
	 * "page", "slide" or "square"; text on it is never smaller than
	 * RG_MIN_TEXT_PT */
	const char *page;
	/* draw every entity, even when the page cannot show them all (a
	 * summary of the most important otherwise) */
	int all;
	/* what colours nodes: kind where the data has kinds, else community
	 * (RG_COLOR_AUTO); or community, kind, or color_field's values */
	rg_color_by color_by;
	const char *color_field;
} rg_look;

/* What a job tells its host as it goes, for progress and -v. */
typedef enum {
	RG_STAGE_READ,
	RG_STAGE_TRANSFORM,
	RG_STAGE_BUILD,
	RG_STAGE_LAYOUT,
	RG_STAGE_RENDER
} rg_stage;

typedef enum {
	RG_EVENT_PROGRESS, /* under way: text says what ("reading x.csv: 1,000 rows") */
	RG_EVENT_DONE,	   /* a stage is over: text says what it made */
	RG_EVENT_NOTE,	   /* something worth saying when verbose */
	RG_EVENT_ADVICE	   /* not a problem of the data, but the user should
			      know (a drawing too big to read) */
} rg_event_kind;

typedef struct {
	rg_event_kind kind;
	rg_stage stage;
	const char *text;
	int slow; /* PROGRESS: what starts will take a while */
} rg_event;

typedef void (*rg_event_fn)(void *ctx, const rg_event *ev);

/* Returns a new job whose problems go to d (which the caller owns and
 * keeps alive until rg_job_free).  Its Graphviz context is made when it
 * first draws. */
rg_job *rg_job_new(rg_diags *d);
void rg_job_free(rg_job *j);

/* Adds an input: a folder of CSV files, a CSV file, or "-" for standard
 * input (path is copied).  _mem adds a table given as bytes, named name
 * (both copied).  Inputs are read by rg_job_load. */
void rg_job_add_input(rg_job *j, const char *path);
void rg_job_add_input_mem(rg_job *j, const char *name, const char *data, size_t len);

/* Column mappings for the inputs (model.h, rg_model_map_columns and
 * rg_model_map): a CSV on the Web metadata file (--columns), or
 * "[FILE:]header=role,..." (--map); both copied, read by rg_job_load. */
void rg_job_add_columns(rg_job *j, const char *path);
void rg_job_add_map(rg_job *j, const char *spec);

/* Forgets the inputs (and the name taken from them), to give others. */
void rg_job_clear_inputs(rg_job *j);

/* Sets the filters or the look.  The job keeps the pointers: the strings
 * and arrays must live until the job is freed or they are set again. */
void rg_job_set_filters(rg_job *j, const rg_filters *f);
void rg_job_set_look(rg_job *j, const rg_look *l);
/* Meetings of more than n participants become nodes (--event-nodes;
 * rg_model_set_event_nodes); 0 keeps RG_EVENT_NODES.  Read at loading. */
void rg_job_set_event_nodes(rg_job *j, unsigned n);
/* Every warning of the data is an error (relgraph --strict). */
void rg_job_set_strict(rg_job *j, int strict);
/* fn hears of progress and of each stage's end; NULL for silence. */
void rg_job_on_event(rg_job *j, rg_event_fn fn, void *ctx);

/* With keep on, the job keeps the model as loaded after each big file
 * (RG_KEEP_BYTES or more), before finishing, keyed by every file read so
 * far and what stat says of each (device, inode, size, modification
 * time): after rg_job_reset, the next load rolls the model back to the
 * latest kept state that no change touches (rg_model_mark_new) and reads
 * only the files from there on, and finishing reuses what it made of the
 * files before when the rest does not change it (rg_model_finish_kept).
 * Output is the same as a load from nothing.  Keeps the model between
 * loads, with a list of its relations by entity; for watch and serve.
 * Changing the inputs or event nodes drops what is kept; so do keep off
 * and rg_job_take_model. */
#define RG_KEEP_BYTES ((long long)1 << 20)
void rg_job_keep_loaded(rg_job *j, int keep);
/* How many files (or inputs given as bytes) the last load read; the
 * others came from what rg_job_keep_loaded kept. */
size_t rg_job_files_read(const rg_job *j);

/* Reads every input into the model: every problem of the data in d.
 * RG_EDATA if the data has errors (or warnings, when strict). */
rg_status rg_job_load(rg_job *j);
/* Cuts the view: loads first if needed, finds the focus entities (a name
 * that matches none is RG_EUSAGE, with the closest names suggested),
 * applies the filters. */
rg_status rg_job_select(rg_job *j);
/* Builds, lays out and renders the view to every output, all or none
 * (render.h): loads and selects first if needed.  "dot" is the graph as
 * built, before layout. */
rg_status rg_job_draw(rg_job *j, const rg_output *outs, size_t n);

/* The layout memory the next drawings start from (memory.h; layout.h
 * says how), NULL for fresh layouts; the job keeps the pointer until it
 * is set again.  With keep 1 the job remembers each drawing's places for
 * rg_job_memory.  Frames and DOT output neither use nor make a memory. */
void rg_job_set_memory(rg_job *j, const rg_memory *mem, int keep);
/* The places of the job's last drawing, to save (rg_memory_save) and
 * start the next from; NULL before a drawing, after one that failed, or
 * when the job does not keep them.  Owned by the job, valid until its
 * next drawing. */
const rg_memory *rg_job_memory(const rg_job *j);

/* One drawing per time slice, every node in the same place (frames.h):
 * by year, month, or the dates of list, inside the job's --from/--to
 * window; each file named by path ("gif" and "html" hold the whole series
 * in one file, see rg_frames_one_file).  All written or none.  RG_EDATA
 * when nothing is dated, RG_EUSAGE past max slices. */
typedef struct {
	rg_frames_by by;
	const rg_date *list;
	size_t nlist;
	size_t max;   /* 0: RG_FRAMES_DEFAULT_MAX */
	double delay; /* seconds a frame shows in an animation; 0: 1 */
} rg_frames_spec;
rg_status rg_job_draw_frames(rg_job *j, const rg_frames_spec *fs, const char *const *formats,
			     size_t nformats, rg_frame_path path, void *ctx);

/* From now on the job's problems go to d; returns the list they went
 * to before (watch reports each drawing on its own). */
rg_diags *rg_job_set_diags(rg_job *j, rg_diags *d);

/* How many entities the default drawing of the view keeps when it is
 * too big for its page (a summary of the most important; rg_look.all
 * draws them all); 0 when it draws every one.  Selects first if needed. */
size_t rg_job_summary(rg_job *j);

/* Drops the model and view: the next call reads the inputs again.  The
 * inputs, filters, look and Graphviz context stay. */
void rg_job_reset(rg_job *j);

/* The job's model and view, NULL before they are made; they belong to
 * the job and live until rg_job_reset or rg_job_free. */
const rg_model *rg_job_model(const rg_job *j);
const rg_view *rg_job_view(const rg_job *j);
/* Hands the model over: the caller frees it with rg_model_free, and the
 * job forgets it and its view (the next call reads again). */
rg_model *rg_job_take_model(rg_job *j);
/* The drawing's name (rg_look.name, or the first input's: graphs/x/ is
 * x, y.csv is y, - is stdin), its document title and description (the
 * sentence of SVG <desc>; NULL before a drawing).  Owned by the job. */
const char *rg_job_name(rg_job *j);
const char *rg_job_title(const rg_job *j);
const char *rg_job_desc(const rg_job *j);
/* The job's render context, for what the job does not wrap: the formats
 * and engines Graphviz offers here, its version.  NULL (with the reason
 * in the diagnostics) if Graphviz is in use elsewhere in the process. */
rg_render *rg_job_render(rg_job *j);

#endif
