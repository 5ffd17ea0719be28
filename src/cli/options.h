/* options.h: the relgraph command's options, from argv to one struct.
 *
 * One table (options.c) names every option, what it takes, the field it
 * sets and how its value is checked; one function then checks the rules
 * on which options go together.  Errors go to the diagnostics like any
 * other problem; main prints them and exits 2.
 */
#ifndef RELGRAPH_CLI_OPTIONS_H
#define RELGRAPH_CLI_OPTIONS_H

#include <stdio.h>

#include "relgraph.h"

#define MAX_SET 64
#define MAX_FORMATS 16
#define MAX_LIST 64

typedef enum { CMD_RENDER, CMD_CHECK, CMD_STATS, CMD_WATCH } command;

struct options {
	command cmd;
	char **inputs;
	size_t ninputs;
	const char *formats[MAX_FORMATS];
	size_t nformats;
	const char *engine;
	const char *output; /* NULL: standard output */
	int auto_name;	    /* -O */
	const char *outdir;
	rg_setting gset[MAX_SET], nset[MAX_SET], eset[MAX_SET];
	size_t ngset, nnset, neset;
	int quiet, verbose;
	int no_legend, no_merge;
	const char *title;
	const char *width, *height;
	double dpi; /* --dpi, --scale */
	const char *cluster_by;
	const char *page; /* --page */
	int all;	  /* --all */
	int color_by;	  /* rg_color_by */
	const char *color_field;
	int strict;
	const char *depfile;	/* -M */
	int serve;		/* watch --serve */
	const char *serve_addr; /* its PORT or HOST:PORT, or NULL */
	int frames;		/* rg_frames_by + 1, 0 for none */
	rg_date frame_dates[MAX_LIST];
	size_t nframe_dates;
	double max_frames; /* --max-frames, 0: RG_FRAMES_DEFAULT_MAX */
	double delay;	   /* --delay, seconds; 0: 1 */
	rg_label_mode labels;
	int list_formats, list_engines, version, help;
	int format_from_name; /* no -T: the format is -o's extension */
	char ext[16];	      /* that extension, lower case */
	/* filters (see pipeline.h) */
	rg_date from, to;
	int dated_only;
	char *only[MAX_LIST], *hide[MAX_LIST], *relations[MAX_LIST];
	size_t nonly, nhide, nrelations;
	const char *focus[MAX_LIST];
	size_t nfocus;
	/* column mappings, in order: --columns FILE ('f' in map_kind) and
	 * --map SPEC ('=') */
	const char *maps[MAX_LIST];
	char map_kind[MAX_LIST];
	size_t nmaps;
	int depth;
	double min_weight;
	double event_nodes; /* --event-nodes; 0: the library's default */
	int keep_isolated;
	/* the layout memory: --fresh, --layout FILE, --no-memory */
	int fresh, no_memory;
	const char *layout_file;
	char **args; /* argv as parsed, owned */
};

/* Parses argv into o and checks it.  Returns RG_OK, or RG_EUSAGE with
 * the reason in d.  o owns copies of what it keeps; free them with
 * options_free (also after an error). */
rg_status options_parse(int argc, char **argv, struct options *o, rg_diags *d);
void options_free(struct options *o);

/* The --help text. */
void options_usage(FILE *f);

#endif
