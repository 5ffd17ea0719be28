/* theme.c: the built-in look (see theme.h). */
#include "theme.h"

#include <string.h>

/* The tables keep one style a line: clang-format would pack them. */
/* clang-format off */
/* Okabe-Ito: orange, sky blue, yellow, reddish purple, bluish green,
 * vermillion, blue, grey.  Fills are the palette's colours; the darker ones
 * take white text. */
static const rg_node_style nodes[] = {
	{"leader", "ellipse", "#E69F00", "#000000", ""},
	{"country", "box", "#56B4E9", "#000000", "rounded"},
	{"agreement", "note", "#F0E442", "#000000", ""},
	{"meeting", "hexagon", "#CC79A7", "#000000", ""},
	{"organization", "component", "#009E73", "#000000", ""},
	{"event", "octagon", "#D55E00", "#000000", ""},
	{"person", "ellipse", "#0072B2", "#FFFFFF", ""},
	{"other", "ellipse", "#DDDDDD", "#000000", ""},
};

static const rg_node_style spare_nodes[] = {
	{NULL, "octagon", "#EEEEEE", "#000000", ""},
	{NULL, "parallelogram", "#EEEEEE", "#000000", ""},
	{NULL, "house", "#EEEEEE", "#000000", ""},
	{NULL, "trapezium", "#EEEEEE", "#000000", ""},
	{NULL, "box", "#EEEEEE", "#000000", "dashed"},
	{NULL, "ellipse", "#EEEEEE", "#000000", "dashed"},
	{NULL, "hexagon", "#EEEEEE", "#000000", "dashed"},
	{NULL, "invhouse", "#EEEEEE", "#000000", ""},
};

static const rg_edge_style edges[] = {
	{"met", "#B35806", "solid", "meetings"},
	{"leads", "#555555", "dashed", NULL},
	{"signed", "#8C7A00", "solid", NULL},
	{"attended", "#CC79A7", "solid", NULL},
	{"related", "#666666", "solid", NULL},
};

static const rg_edge_style spare_edges[] = {
	{NULL, "#0072B2", "solid", NULL},
	{NULL, "#009E73", "dashed", NULL},
	{NULL, "#CC79A7", "solid", NULL},
	{NULL, "#D55E00", "dotted", NULL},
	{NULL, "#56B4E9", "solid", NULL},
	{NULL, "#000000", "dotted", NULL},
	{NULL, "#E69F00", "dashed", NULL},
	{NULL, "#999999", "dotted", NULL},
};
/* clang-format on */

#define LEN(a) (sizeof a / sizeof *a)

int rg_theme_node_rank(const char *kind, unsigned *rank)
{
	for (unsigned i = 0; i < LEN(nodes); i++)
		if (strcmp(nodes[i].kind, kind) == 0) {
			*rank = i;
			return 1;
		}
	return 0;
}

int rg_theme_edge_rank(const char *kind, unsigned *rank)
{
	for (unsigned i = 0; i < LEN(edges); i++)
		if (strcmp(edges[i].kind, kind) == 0) {
			*rank = i;
			return 1;
		}
	return 0;
}

const rg_node_style *rg_theme_node(const char *kind, unsigned ordinal)
{
	unsigned r;
	if (rg_theme_node_rank(kind, &r))
		return &nodes[r];
	return &spare_nodes[ordinal % LEN(spare_nodes)];
}

const rg_edge_style *rg_theme_edge(const char *kind, unsigned ordinal)
{
	unsigned r;
	if (rg_theme_edge_rank(kind, &r))
		return &edges[r];
	return &spare_edges[ordinal % LEN(spare_edges)];
}
