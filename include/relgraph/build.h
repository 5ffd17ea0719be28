/* build.h: stage 4 of the pipeline, the view to a cgraph graph.
 *
 * Each entity becomes a node and each edge of the view an edge, styled by
 * kind from the built-in theme, with SVG ids made from the data ids and
 * classes from the kinds.  A legend explaining the kinds present is drawn
 * into the graph as a cluster.  User text is always plain text, never
 * Graphviz escapes or HTML labels.
 */
#ifndef RELGRAPH_BUILD_H
#define RELGRAPH_BUILD_H

#include <graphviz/cgraph.h>
#include <stddef.h>

#include "relgraph/diag.h"
#include "relgraph/model.h"
#include "relgraph/transform.h"

typedef struct {
	const char *name, *value;
} rg_setting;

/* Node labels wrap at this many characters a line (a narrow drawing's
 * at RG_LABEL_WRAP_NARROW), edge labels at RG_EDGE_WRAP. */
#define RG_LABEL_WRAP 22
#define RG_LABEL_WRAP_NARROW 12
#define RG_EDGE_WRAP 40
#define RG_EDGE_WRAP_NARROW 20

/* Which edges carry a label: auto (what says something the legend does
 * not, for a drawing of not too many edges), all, none, or only merged
 * ones (the count of several relations: "40 meetings, 2013-2023"). */
typedef enum { RG_LABELS_AUTO, RG_LABELS_ALL, RG_LABELS_NONE, RG_LABELS_MERGED } rg_label_mode;

/* What a drawing stresses (emphasis.h makes it): entity-indexed arrays,
 * NULL to keep the theme's look. */
typedef struct {
	double *size;	 /* node width in points, the label inside or across it */
	double *font;	 /* label size in points; 0: no label drawn (the tooltip
			    and the SVG <title> keep the name) */
	uint32_t *group; /* colour group (community, or a column's value) */
	size_t ngroups;
	char **group_names; /* the legend's words for each coloured group */
	char *key;	    /* the legend's line on what size and colour mean */
	char *caption;	    /* a line under the drawing: what is left out */
	double text_pt;	    /* the size of the legend's and caption's text; 0:
			       the theme's */
} rg_emphasis;

/* Colours for groups, most members first; the rest are grey. */
#define RG_GROUP_COLORS 7

typedef struct {
	const char *name;    /* the graph's name: the input's base name */
	const char *title;   /* drawn above the graph, or NULL */
	const char *engine;  /* the layout engine the graph is built for */
	const char *rankdir; /* dot's direction: TB (NULL) or LR; the legend
				follows it */
	int legend;
	rg_label_mode edge_labels;
	/* draw entities that share a value of this field (country, group,
	 * kind or any column) in one labelled box; NULL for none */
	const char *cluster_by;
	/* A big graph (-K auto chose sfdp): straight edges, overlapping
	 * nodes pushed apart by prism. */
	int large;
	/* The legend as one table node: it always is now (a compact table
	 * in every engine and direction); kept for the callers that ask. */
	int legend_table;
	/* sizes, colours and labels by importance and community; NULL for
	 * the theme's look by kind */
	const rg_emphasis *emphasis;
	/* A compact drawing, to read on a small page: labels wrapped
	 * narrower, nodes and ranks closer, the legend (a table) under the
	 * drawing. */
	int narrow;
	/* every text's size times this (0: 1), for a drawing that the page
	 * shrinks; -N/-E/-G fontsize still win */
	double text_scale;

	/* people and events on two sides (sides.h): dot draws left to right
	 * with the meetings in one column and the people alternately on
	 * either side of it; set by the layout policy */
	int two_sided;
	/* the entities a view is centred on (--focus), marked in the drawing
	 * by a thick dark outline and a bold label; none when nfocus is 0 */
	const uint32_t *focus;
	size_t nfocus;
	/* a caption saying what the view is ("within 1 step of Jared
	 * Kushner"), drawn under the drawing before the emphasis' one; NULL
	 * for none */
	const char *view_caption;

	/* -G, -N and -E settings, applied last so they win over the theme */
	const rg_setting *gset, *nset, *eset;
	size_t ngset, nnset, neset;
} rg_build_opts;

/* Builds the graph for v, with every default it needs declared on it, so
 * no Graphviz context (rg_render_new) is needed to build or write it; one
 * is to lay it out.  The caller closes the graph with agclose. */
Agraph_t *rg_build(const rg_model *m, const rg_view *v, const rg_build_opts *o);

/* The name of the legend's node when it is a table (legend_table), to
 * find where a layout put it. */
#define RG_LEGEND_TABLE "legend: table "

/* Edge label text for an edge of the view ("40 meetings, 2013–2023");
 * the caller frees it. */
char *rg_edge_label(const rg_model *m, const rg_view *v, const rg_edge *e);

/* One sentence saying what the drawing of v shows, for a document's
 * text alternative (SVG <desc>): "20 nodes (person 8, country 6) and 25
 * edges (met 15, leads 6, signed 4), dated 2013–2023."  The caller frees
 * it. */
char *rg_build_describe(const rg_model *m, const rg_view *v);

#endif
