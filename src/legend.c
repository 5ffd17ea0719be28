/* legend.c: the legend of the build stage, one node holding a table sized
 * to its content (a swatch of each node kind's colour, a line drawn in each
 * relation kind's colour and style, in columns when there are many), in
 * the drawing's type; also the names of the nodes that are not data (see
 * build_impl.h).  It names kinds only: no Graphviz shape, nothing that
 * needs a browser. */
#include "build_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A name for a legend node that no data node has. */
Agnode_t *rg_legend_node(builder *bd, Agraph_t *sub, const char *what, const char *kind)
{
	rg_buf name = {0};
	rg_buf_printf(&name, "legend: %s %s", what, kind);
	while (agnode(bd->g, name.s, 0))
		rg_buf_putc(&name, '\'');
	Agnode_t *n = agnode(sub, name.s, 1);
	set(n, bd->n_id, rg_build_unique_id(bd, "legend-", what, kind));
	set(n, bd->n_class, "legend");
	free(name.s);
	return n;
}

/* Whether the legend lists relation kind i: not when every edge of it is
 * drawn with a label, which names it already. */
static int listed(const builder *bd, size_t i)
{
	/* a series' frames share one legend, whatever each labels */
	if (bd->ek[i].unnamed || bd->p->kinds_from)
		return 1;
	/* the shared row stands for every kind past the theme */
	if (bd->ek[i].rank >= 1000 && bd->shared_edge_style)
		for (size_t k = 0; k < bd->nek; k++)
			if (bd->ek[k].rank >= 1000 && bd->ek[k].unnamed)
				return 1;
	return 0;
}

/* The legend's line for the relation kinds that share one style. */
#define SHARED_TEXT "other relations"

/* A group's name in the legend is cut at this many characters, with an
 * ellipsis: a community is named after a member, and a name may be long. */
#define LEGEND_NAME_CHARS 40

static void put_group_name(rg_buf *b, const char *name)
{
	size_t i = 0, chars = 0;
	for (; name[i]; i++)
		if (((unsigned char)name[i] & 0xC0) != 0x80 && chars++ == LEGEND_NAME_CHARS)
			break;
	char *cut = rg_xstrndup(name, i);
	rg_buf_xml_as(b, cut, RG_XML_HTML_LABEL);
	if (name[i])
		rg_buf_puts(b, "\xE2\x80\xA6");
	free(cut);
}

/* The colour groups of an emphasised drawing, the first RG_GROUP_COLORS
 * by name, the others together in grey. */
static void group_rows(const builder *bd, rg_buf *b)
{
	const rg_emphasis *em = bd->o->emphasis;
	for (size_t k = 0; k < em->ngroups && k <= RG_GROUP_COLORS; k++) {
		rg_buf_printf(
			b,
			"<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"16\" HEIGHT=\"10\"> </TD>"
			"<TD ALIGN=\"LEFT\">",
			rg_build_group_fill(k));
		if (k == RG_GROUP_COLORS)
			rg_buf_printf(b, "%zu others", em->ngroups - RG_GROUP_COLORS);
		else
			put_group_name(b, em->group_names[k]);
		rg_buf_puts(b, "</TD></TR>");
	}
}

/* A table legend of many rows runs in columns side by side: past
 * LEGEND_TABLE_ROWS entries a single column would be a tall strip beside a
 * drawing that runs left to right. */
#define LEGEND_TABLE_ROWS 8
#define LEGEND_TABLE_COLS 3

/* The entries of a table legend, each its two cells (swatch and words). */
typedef struct {
	rg_buf *cells;
	size_t n, cap;
} entries_t;

static rg_buf *next_entry(entries_t *e)
{
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->cells = rg_xrealloc(e->cells, e->cap * sizeof *e->cells);
	}
	e->cells[e->n] = (rg_buf){0};
	return &e->cells[e->n++];
}

static void node_entries(const builder *bd, entries_t *en)
{
	const rg_emphasis *em = bd->o->emphasis;
	for (size_t i = 0; i < bd->nnk && !(em && em->group); i++) {
		const rg_node_style *st = bd->nk[i].style;
		int shared = bd->nk[i].rank >= 1000 && bd->shared_node_style;
		if (shared && i && bd->nk[i - 1].rank >= 1000)
			continue;
		rg_buf *b = next_entry(en);
		rg_buf_printf(b,
			      "<TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"28\" HEIGHT=\"14\"> </TD>"
			      "<TD ALIGN=\"LEFT\">",
			      st->fill);
		if (shared)
			rg_buf_puts(b, "other kinds");
		else
			rg_buf_xml_as(b, S(bd, bd->nk[i].kind), RG_XML_HTML_LABEL);
		rg_buf_puts(b, "</TD>");
	}
}

static void edge_entries_table(const builder *bd, entries_t *en)
{
	const rg_emphasis *em = bd->o->emphasis;
	int shared_done = 0;
	/* an emphasised drawing's edges are faint: their kinds are in the
	 * tooltips, not the legend */
	for (size_t i = 0; i < bd->nek && !(em && em->size); i++) {
		const rg_edge_style *st = bd->ek[i].style;
		int shared = bd->ek[i].rank >= 1000 && bd->shared_edge_style;
		if (!listed(bd, i) || (shared && shared_done++))
			continue;
		const char *line = strcmp(st->style, "dashed") == 0 ? "- - - -"
				   : strcmp(st->style, "dotted") == 0
					   ? "&#183; &#183; &#183; &#183;"
					   : "&#8212;&#8212;&#8212;";
		rg_buf *b = next_entry(en);
		rg_buf_printf(b, "<TD><FONT COLOR=\"%s\"><B>%s</B></FONT></TD><TD ALIGN=\"LEFT\">",
			      st->color, line);
		rg_buf_xml_as(b, shared ? SHARED_TEXT : S(bd, bd->ek[i].kind), RG_XML_HTML_LABEL);
		rg_buf_puts(b, "</TD>");
	}
}

/* The legend: one table node, which the layout places like any node (and
 * the layout stage may move it where the drawing leaves room). */
static void add_legend_table(builder *bd)
{
	rg_buf b = {0};
	const rg_emphasis *em = bd->o->emphasis;
	entries_t en = {0};
	node_entries(bd, &en);
	size_t nodes = en.n;
	edge_entries_table(bd, &en);
	size_t cols = (en.n + LEGEND_TABLE_ROWS - 1) / LEGEND_TABLE_ROWS;
	cols = cols < 1 ? 1 : cols > LEGEND_TABLE_COLS ? LEGEND_TABLE_COLS : cols;
	size_t rows = (en.n + cols - 1) / cols;
	if (cols == 2 && nodes && nodes <= LEGEND_TABLE_ROWS && en.n - nodes <= LEGEND_TABLE_ROWS) {
		/* node kinds in the first column, relation kinds in the second */
		rows = nodes > en.n - nodes ? nodes : en.n - nodes;
		for (size_t k = nodes; k < rows; k++)
			next_entry(&en); /* blank cells under the node kinds */
		memmove(en.cells + rows, en.cells + nodes, (en.n - rows) * sizeof *en.cells);
		for (size_t k = nodes; k < rows; k++)
			en.cells[k] = (rg_buf){0};
	}
	rg_buf_puts(&b, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" "
			"STYLE=\"ROUNDED\" COLOR=\"#999999\" BGCOLOR=\"#FFFFFF\">");
	/* an emphasised drawing's legend is plain enough to go untitled */
	if (!(em && em->size))
		rg_buf_printf(&b, "<TR><TD COLSPAN=\"%zu\">Legend</TD></TR>", 2 * cols);
	if (em && em->group)
		group_rows(bd, &b);
	/* column by column: node kinds first, then relation kinds */
	for (size_t r = 0; r < rows; r++) {
		rg_buf_puts(&b, "<TR>");
		for (size_t c = 0; c < cols; c++) {
			size_t k = c * rows + r;
			if (k < en.n && en.cells[k].len)
				rg_buf_add(&b, en.cells[k].s, en.cells[k].len);
			else if (cols > 1)
				rg_buf_puts(&b, "<TD></TD><TD></TD>");
		}
		rg_buf_puts(&b, "</TR>");
	}
	for (size_t k = 0; k < en.n; k++)
		free(en.cells[k].s);
	free(en.cells);
	if (em && em->key) {
		/* in the second column: a cell across both would widen the
		 * swatches' column by half its own width */
		rg_buf_puts(&b, "<TR><TD></TD><TD ALIGN=\"LEFT\"");
		if (cols > 1)
			rg_buf_printf(&b, " COLSPAN=\"%zu\"", 2 * cols - 1);
		rg_buf_puts(&b, "><I>");
		rg_buf_xml_as(&b, em->key, RG_XML_HTML_LABEL);
		rg_buf_puts(&b, "</I></TD></TR>");
	}
	rg_buf_puts(&b, "</TABLE>");
	Agnode_t *n = rg_legend_node(bd, bd->g, "table", "");
	if (bd->p->legend_pin.set) {
		rg_pin p = bd->p->legend_pin;
		char buf[64];
		snprintf(buf, sizeof buf, "%.2f,%.2f", p.x, p.y);
		agsafeset(n, (char *)"pos", buf, (char *)"");
	}
	set(n, bd->n_shape, "plaintext");
	set(n, bd->n_style, "solid");
	char pt[32];
	snprintf(pt, sizeof pt, "%.1f", em && em->text_pt > 0 ? em->text_pt : 10.0);
	set(n, bd->n_fsize, pt);
	if (em && em->size)
		set(n, bd->n_fixed, "false");
	char *h = agstrdup_html(bd->g, b.s);
	set(n, bd->n_label, h);
	agstrfree(bd->g, h);
	free(b.s);
}

/* A legend of one grey "other" node and one plain "related" line (an
 * edge list with no kinds at all) would explain nothing. */
static int says_something(const builder *bd)
{
	if (bd->o->emphasis && (bd->o->emphasis->group || bd->o->emphasis->size))
		return 1;
	for (size_t i = 0; i < bd->nnk; i++)
		if (strcmp(S(bd, bd->nk[i].kind), "other") != 0)
			return 1;
	for (size_t i = 0; i < bd->nek; i++)
		if (listed(bd, i) && strcmp(S(bd, bd->ek[i].kind), "related") != 0)
			return 1;
	return 0;
}

void rg_legend_add(builder *bd)
{
	if (says_something(bd))
		add_legend_table(bd);
}
