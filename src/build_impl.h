/* build_impl.h: what the three files of the build stage share, and
 * nothing else: build.c makes the graph, label.c the text in and around
 * it, legend.c the legend. */
#ifndef RELGRAPH_BUILD_IMPL_H
#define RELGRAPH_BUILD_IMPL_H

#include <stddef.h>

#include "relgraph/build.h"
#include "placement.h"
#include "sides.h"
#include "theme.h"
#include "util.h"

/* A kind present in the drawing, with its style and place in the legend. */
typedef struct {
	rg_str kind;
	unsigned rank;	/* theme order, or past the theme for unknown kinds */
	unsigned spare; /* ordinal among unknown kinds */
	size_t count;
	size_t unnamed;	   /* edges of the kind drawn with no label, which
			      would name it */
	const void *style; /* rg_node_style or rg_edge_style */
} kind_use;

/* One graph being built. */
typedef struct {
	const rg_model *m;
	const rg_view *v;
	const rg_build_opts *o;
	const rg_placement *p; /* never NULL: nothing placed is all zero */
	Agraph_t *g;
	kind_use *nk, *ek; /* in legend order */
	size_t nnk, nek;
	int shared_edge_style; /* too many unknown relation kinds */
	int shared_node_style;
	struct taken {
		char *id;      /* an element id given out */
		unsigned next; /* the suffix to try next for id-2, id-3, ... */
	} * ids;	       /* open addressing */
	size_t nids, capids;
	int labels; /* every edge may carry a label: few edges, or asked */
	Agsym_t *n_id, *n_class, *n_label, *n_shape, *n_fill, *n_font, *n_style, *n_tooltip, *n_url,
		*n_width, *n_height, *n_fsize, *n_fixed;
	int dot;	     /* laid out by dot, which places edge labels itself */
	const char *rankdir; /* the direction dot draws in, -Grankdir included */
	int across;	     /* dot's ranks run left to right (rankdir LR or RL) */
	unsigned char *side; /* two_sided: each entity's column (sides.h), or NULL */
	Agsym_t *e_xlabel;
	Agsym_t *e_id, *e_class, *e_label, *e_pen, *e_color, *e_fcolor, *e_style, *e_dir,
		*e_tooltip, *e_arrow, *e_weight, *e_minlen;
} builder;

static inline const char *S(const builder *bd, rg_str s)
{
	return rg_model_str(bd->m, s);
}

/* Sets a subgraph's own attribute (agsafeset takes char *, not const). */
static inline void sset(Agraph_t *sub, const char *name, const char *value)
{
	agsafeset(sub, (char *)name, (char *)value, (char *)"");
}

/* Sets an attribute; a value never made (an empty rg_buf, such as the
 * slug of a kind that is all punctuation) is the empty string, never a
 * NULL that cgraph's writer would read (found by fuzzing). */
static inline void set(void *obj, Agsym_t *sym, const char *value)
{
	agxset(obj, sym, (char *)(value ? value : ""));
}

/* build.c */

/* Returns a unique element id: prefix, then the slugs of a and b (b may be
 * NULL), then "-N" if needed.  The builder owns it. */
const char *rg_build_unique_id(builder *bd, const char *prefix, const char *a, const char *b);
/* The fill of a colour group (rg_emphasis). */
const char *rg_build_group_fill(size_t group);
/* Gives n or e the look of its kind. */
void rg_build_style_node(builder *bd, Agnode_t *n, const rg_node_style *st);
void rg_build_style_edge(builder *bd, Agedge_t *e, const rg_edge_style *st);

/* label.c: all text is appended to b, which the caller owns. */

/* Appends n bytes of s as a Graphviz escString (a label) that shows them
 * as written. */
void rg_label_escstring(rg_buf *b, const char *s, size_t n);
/* Appends s as a label, broken at spaces into lines of about width
 * characters, each line starting with indent (may be NULL). */
void rg_label_wrapped(rg_buf *b, const char *s, size_t width, const char *indent);
/* Appends a data node's label: its name, and the date of an agreement or
 * an event. */
void rg_label_node(const builder *bd, rg_buf *b, const rg_entity *en);
/* Appends the tooltip of a data node, or of edge x whose label is label. */
void rg_label_node_tooltip(const builder *bd, rg_buf *b, const rg_entity *en);
void rg_label_edge_tooltip(const builder *bd, rg_buf *b, const rg_edge *x, const char *label);
/* For engines that draw the edges between two nodes on top of each other:
 * moves the labels shown[i] of the edges of v (NULL: none; the caller owns
 * them) so that one edge of each pair carries them all. */
void rg_label_combine_pairs(const rg_view *v, char **shown);

/* legend.c */

/* Returns a new node in sub (the graph or one of its subgraphs) whose name
 * no data node has, of class "legend"; the graph owns it. */
Agnode_t *rg_legend_node(builder *bd, Agraph_t *sub, const char *what, const char *kind);
/* Adds the legend of the kinds in bd, if it says something. */
void rg_legend_add(builder *bd);

#endif
