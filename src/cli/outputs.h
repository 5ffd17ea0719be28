/* outputs.h: where the relgraph command writes: the files' names (-o,
 * -O, --outdir, frames), their folders, and -M's make rule. */
#ifndef RELGRAPH_CLI_OUTPUTS_H
#define RELGRAPH_CLI_OUTPUTS_H

#include "options.h"

/* Makes --outdir, and the folders of -o's and -M's paths, like mkdir -p: once the
 * data has been read and filtered without error (so that a run that fails
 * on the data leaves no new folder), before the layout. */
rg_status outputs_prepare(const struct options *o, rg_diags *d);

/* The path of the output in format for a drawing named name: -o's, or
 * with -O NAME.FORMAT in --outdir; NULL for standard output.  A new
 * string the caller frees. */
char *outputs_path(const struct options *o, const char *name, const char *format);

/* Where the layout memory of a drawing named name is kept: --layout's
 * file, or beside the output (-o x.svg: x.layout; -O: NAME.layout in
 * --outdir); NULL for none (standard output, --no-memory, frames, or an
 * output named like the memory).  A new string the caller frees. */
char *outputs_memory_path(const struct options *o, const char *name);

/* For frames (rg_frame_path): NAME-SLICE.FORMAT in --outdir for -O; for
 * -o x.svg, x-SLICE.svg.  A format holding the whole series (slice NULL:
 * GIF, HTML) is NAME.FORMAT, or -o's file itself.  ctx is a struct
 * frame_naming. */
struct frame_naming {
	const struct options *o;
	const char *name;
};
char *outputs_frame_path(void *ctx, const char *slice, const char *format);

/* Writes -M's make rule: targets depend on every CSV file m read and on
 * the input folders.  */
rg_status outputs_depfile(const char *path, const rg_model *m, char **targets, size_t ntargets,
			  char **inputs, size_t ninputs, rg_diags *d);

/* 1 for a format whose bytes are not text (not written to a terminal). */
int outputs_binary(const char *format);

#endif
