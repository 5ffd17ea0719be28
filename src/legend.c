/* legend.c: the legend of the build stage, a cluster of samples when dot
 * draws top to bottom, else one node holding a table; also the names of
 * the nodes that are not data (see build_impl.h). */
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

/* The legend is a cluster of rows (ranks) of at most LEGEND_ROW samples,
 * as even as they can be (4 kinds are two rows of two, not 3 and 1): a
 * node of each kind present, then a short line for each relation kind
 * with its name above it.  Invisible edges keep the rows and the samples
 * in order; rows share their rank with the diagram, so few rows keep the
 * legend compact. */
#define LEGEND_ROW 3

typedef struct {
	builder *bd;
	Agraph_t *L, *row;
	Agnode_t *row_first, *last;
	int in_row, rows, per_row;
} legend;

static int even_rows(size_t entries)
{
	size_t rows = (entries + LEGEND_ROW - 1) / LEGEND_ROW;
	return rows ? (int)((entries + rows - 1) / rows) : LEGEND_ROW;
}

/* How many samples a section draws: kinds sharing one style are one. */
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

static size_t edge_entries(const builder *bd)
{
	size_t e = 0;
	int shared_done = 0;
	for (size_t i = 0; i < bd->nek; i++) {
		if (!listed(bd, i))
			continue;
		if (bd->ek[i].rank >= 1000 && bd->shared_edge_style && shared_done++)
			continue;
		e++;
	}
	return e;
}

static size_t entries(const kind_use *k, size_t n, int shared_style)
{
	size_t e = 0;
	for (size_t i = 0; i < n; i++)
		e += !(shared_style && k[i].rank >= 1000 && i && k[i - 1].rank >= 1000);
	return e;
}

static Agraph_t *legend_slot(legend *lg, int newrow)
{
	if (!lg->row || lg->in_row == lg->per_row || newrow) {
		char name[32];
		snprintf(name, sizeof name, "legend row %d", ++lg->rows);
		lg->row = agsubg(lg->L, name, 1);
		sset(lg->row, "rank", "same");
		lg->in_row = 0;
	}
	lg->in_row++;
	return lg->row;
}

/* Links n after the previous sample: in its row, or below the row before. */
static void legend_link(legend *lg, Agnode_t *first, Agnode_t *last)
{
	builder *bd = lg->bd;
	if (lg->in_row == 1) {
		if (lg->row_first)
			set(agedge(lg->L, lg->row_first, first, NULL, 1), bd->e_style, "invis");
		lg->row_first = first;
	} else if (lg->last) {
		set(agedge(lg->row, lg->last, first, NULL, 1), bd->e_style, "invis");
	}
	lg->last = last;
}

/* The legend's line for the relation kinds that share one style. */
#define SHARED_TEXT "other relations"

static void add_legend_cluster(builder *bd)
{
	legend lg = {bd, NULL, NULL, NULL, NULL, 0, 0, 0};
	lg.per_row = even_rows(entries(bd->nk, bd->nnk, bd->shared_node_style));
	lg.L = agsubg(bd->g, (char *)"cluster_legend", 1);
	sset(lg.L, "label", "Legend");
	sset(lg.L, "style", "rounded");
	sset(lg.L, "color", "#999999");
	sset(lg.L, "fontsize", "12");
	sset(lg.L, "margin", "10");
	char buf[64];
	for (size_t i = 0; i < bd->nnk; i++) {
		const char *k = S(bd, bd->nk[i].kind);
		int shared = bd->nk[i].rank >= 1000 && bd->shared_node_style;
		if (shared && i && bd->nk[i - 1].rank >= 1000)
			continue;
		Agraph_t *row = legend_slot(&lg, 0);
		Agnode_t *n = rg_legend_node(bd, row, "node", shared ? "other kinds" : k);
		rg_build_style_node(bd, n, bd->nk[i].style);
		rg_buf lb = {0};
		if (shared)
			rg_buf_puts(&lb, "other kinds");
		else
			rg_label_escstring(&lb, k, strlen(k));
		set(n, bd->n_label, lb.s);
		free(lb.s);
		snprintf(buf, sizeof buf, "%zu in the diagram", bd->nk[i].count);
		set(n, bd->n_tooltip, buf);
		set(n, bd->n_fsize, "10");
		legend_link(&lg, n, n);
	}
	int shared_done = 0, first = 1;
	for (size_t i = 0; i < bd->nek; i++) {
		const char *k = S(bd, bd->ek[i].kind);
		int shared = bd->ek[i].rank >= 1000 && bd->shared_edge_style;
		if (!listed(bd, i) || (shared && shared_done++))
			continue;
		if (first)
			lg.per_row = even_rows(edge_entries(bd));
		Agraph_t *row = legend_slot(&lg, first);
		first = 0;
		Agnode_t *a = rg_legend_node(bd, row, "edge", shared ? "other" : k);
		Agnode_t *b = rg_legend_node(bd, row, "edge-end", shared ? "other" : k);
		for (Agnode_t *n = a; n; n = n == a ? b : NULL) {
			set(n, bd->n_shape, "point");
			set(n, bd->n_width, "0.02");
			set(n, bd->n_height, "0.02");
			set(n, bd->n_style, "invis");
		}
		rg_buf lb = {0};
		if (shared)
			rg_buf_puts(&lb, SHARED_TEXT);
		else
			rg_label_escstring(&lb, k, strlen(k));
		Agedge_t *e = agedge(row, a, b, NULL, 1);
		rg_build_style_edge(bd, e, bd->ek[i].style);
		set(e, bd->e_label, lb.s);
		set(e, bd->e_fcolor, "#000000");
		set(e, bd->e_pen, "1.6");
		set(e, bd->e_dir, "none");
		set(e, bd->e_class, "legend");
		set(e, bd->e_minlen, "1");
		free(lb.s);
		legend_link(&lg, a, b);
	}
}

/* Engines other than dot ignore clusters, so there the legend is one node
 * holding a table: a swatch of each node kind's colour, a line drawn in
 * each relation kind's colour and style. */
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

static void add_legend_table(builder *bd)
{
	rg_buf b = {0};
	const rg_emphasis *em = bd->o->emphasis;
	rg_buf_puts(&b, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" "
			"STYLE=\"ROUNDED\" COLOR=\"#999999\" BGCOLOR=\"#FFFFFF\">");
	/* an emphasised drawing's legend is plain enough to go untitled */
	if (!(em && em->size))
		rg_buf_puts(&b, "<TR><TD COLSPAN=\"2\">Legend</TD></TR>");
	if (em && em->group)
		group_rows(bd, &b);
	for (size_t i = 0; i < bd->nnk && !(em && em->group); i++) {
		const rg_node_style *st = bd->nk[i].style;
		int shared = bd->nk[i].rank >= 1000 && bd->shared_node_style;
		if (shared && i && bd->nk[i - 1].rank >= 1000)
			continue;
		rg_buf_printf(
			&b,
			"<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"28\" HEIGHT=\"14\"> </TD>"
			"<TD ALIGN=\"LEFT\">",
			st->fill);
		if (shared)
			rg_buf_puts(&b, "other kinds");
		else
			rg_buf_xml_as(&b, S(bd, bd->nk[i].kind), RG_XML_HTML_LABEL);
		rg_buf_puts(&b, "</TD></TR>");
	}
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
		rg_buf_printf(&b,
			      "<TR><TD><FONT COLOR=\"%s\"><B>%s</B></FONT></TD><TD ALIGN=\"LEFT\">",
			      st->color, line);
		rg_buf_xml_as(&b, shared ? SHARED_TEXT : S(bd, bd->ek[i].kind), RG_XML_HTML_LABEL);
		rg_buf_puts(&b, "</TD></TR>");
	}
	if (em && em->key) {
		/* in the second column: a cell across both would widen the
		 * swatches' column by half its own width */
		rg_buf_puts(&b, "<TR><TD></TD><TD ALIGN=\"LEFT\"><I>");
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
	if (!says_something(bd))
		return;
	/* the cluster's rows of samples read well top to bottom only */
	int groups = bd->o->emphasis && bd->o->emphasis->group;
	if (bd->dot && !bd->o->legend_table && !groups && !bd->o->narrow &&
	    rg_strieq(bd->rankdir, "TB"))
		add_legend_cluster(bd);
	else
		add_legend_table(bd);
}
