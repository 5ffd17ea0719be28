/* theme.h: how each kind looks.  Private to the build stage.
 *
 * Node kinds get a shape and a fill from the Okabe-Ito palette, which
 * stays distinct under the common forms of colour blindness; relation
 * kinds get a line style and colour.  Kinds the theme does not know get
 * styles in turn from a spare list, so two unknown kinds still differ. */
#ifndef RELGRAPH_THEME_H
#define RELGRAPH_THEME_H

typedef struct {
	const char *kind;
	const char *shape;
	const char *fill;
	const char *font;  /* label colour */
	const char *style; /* extra style words, or "" */
} rg_node_style;

typedef struct {
	const char *kind;
	const char *color;
	const char *style; /* solid, dashed, dotted, bold */
	const char *noun;  /* plural for merged labels ("meetings"), or NULL */
} rg_edge_style;

/* Returns the style of a node kind.  ordinal numbers the unknown kinds in
 * order of first use, and picks their spare style. */
const rg_node_style *rg_theme_node(const char *kind, unsigned ordinal);
const rg_edge_style *rg_theme_edge(const char *kind, unsigned ordinal);
/* 1 if the theme knows kind (it then ranks before unknown kinds in the
 * legend, in the theme's order, given in *rank). */
int rg_theme_node_rank(const char *kind, unsigned *rank);
int rg_theme_edge_rank(const char *kind, unsigned *rank);

#define RG_FONT "Helvetica,Arial,sans-serif"

#endif
