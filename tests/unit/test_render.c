/* test_render.c: stage 5, layout and atomic output files. */
#include "unit.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "relgraph/build.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

typedef struct {
	rg_diags *d;
	char dir[64]; /* a fresh temporary folder */
	char path[4][128];
	rg_model *m;
	rg_view *v;
	Agraph_t *g;
} fixture;

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		char sub[512];
		while (d && (de = readdir(d))) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			remove_tree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	f->d = rg_diags_new();
	strcpy(f->dir, "/tmp/relgraph-test.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	if (f->g)
		agclose(f->g);
	rg_view_free(f->v);
	rg_model_free(f->m);
	remove_tree(f->dir);
	rg_diags_free(f->d);
	free(f);
	return 0;
}

/* f->path[i] = DIR/name */
static const char *at(fixture *f, int i, const char *name)
{
	snprintf(f->path[i], sizeof f->path[i], "%s/%s", f->dir, name);
	return f->path[i];
}

/* The whole file, NUL-terminated, or NULL; the caller frees it. */
static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = 2 * cap + 8192;
			buf = realloc(buf, cap);
		}
		size_t k = fread(buf + n, 1, 4096, fp);
		n += k;
		if (k < 4096)
			break;
	}
	fclose(fp);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void assert_file_is(const char *path, const char *want)
{
	size_t len;
	char *s = slurp(path, &len);
	assert_non_null(s);
	assert_int_equal(len, strlen(want));
	assert_string_equal(s, want);
	free(s);
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* How many entries the folder holds whose names start with prefix. */
static size_t entries(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
		    strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

static void assert_only_error_about(const rg_diags *d, const char *file, const char *text)
{
	assert_int_equal(rg_diags_count(d, RG_ERROR), 1);
	const rg_diag *x = unit_diag(d, text);
	assert_non_null(x);
	assert_int_equal(x->severity, RG_ERROR);
	if (file) {
		assert_non_null(x->file);
		assert_string_equal(x->file, file);
	}
}

/* Builds the graph of the files for the dot engine. */
static void graph(fixture *f, const unit_csv *files, size_t n)
{
	rg_status st;
	f->m = unit_model(f->d, &st, files, n);
	assert_int_equal(st, RG_OK);
	rg_transform_opts to = {.merge = 1};
	f->v = rg_transform(f->m, &to);
	rg_build_opts bo = {.name = "t", .engine = "dot", .legend = 1};
	f->g = rg_build(f->m, f->v, &bo);
	assert_non_null(f->g);
	rg_diags_clear(f->d);
}

#define GRAPH(f, ...)                                                                              \
	graph(f, (const unit_csv[]){__VA_ARGS__},                                                  \
	      sizeof((const unit_csv[]){__VA_ARGS__}) / sizeof(unit_csv))

static const unit_csv leaders = {"leaders.csv", "id,name\nxi,Xi Jinping\nputin,Vladimir Putin\n"};
static const unit_csv meetings = {"meetings.csv", "date,participants\n"
						  "2013-03-22,xi;putin\n2019-06-05,putin;xi\n"};

/* ---- rg_write_file ---- */

static void test_write_file_writes_content(void **state)
{
	fixture *f = *state;
	const char *p = at(f, 0, "out.txt");
	assert_int_equal(rg_write_file(p, "hello\nworld\n", 12, f->d), RG_OK);
	assert_int_equal(rg_diags_len(f->d), 0);
	assert_file_is(p, "hello\nworld\n");
	assert_int_equal(entries(f->dir, ""), 1);
}

static void test_write_file_replaces_existing(void **state)
{
	fixture *f = *state;
	const char *p = at(f, 0, "out.svg");
	put(p, "an old and longer picture\n");
	assert_int_equal(rg_write_file(p, "new", 3, f->d), RG_OK);
	assert_file_is(p, "new");
	assert_int_equal(entries(f->dir, ""), 1);
}

static void test_write_file_mode_follows_umask(void **state)
{
	fixture *f = *state;
	const char *p = at(f, 0, "out.svg");
	mode_t old = umask(022);
	rg_status st = rg_write_file(p, "x", 1, f->d);
	umask(old);
	assert_int_equal(st, RG_OK);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
}

static void test_write_file_into_missing_folder_fails_cleanly(void **state)
{
	fixture *f = *state;
	const char *old = at(f, 0, "out.svg");
	put(old, "OLD");
	const char *p = at(f, 1, "missing/out.svg");
	assert_int_equal(rg_write_file(p, "new", 3, f->d), RG_ESYS);
	assert_only_error_about(f->d, p, "cannot write");
	assert_int_equal(entries(f->dir, ""), 1); /* no temporary file */
	assert_file_is(old, "OLD");
}

/* When the rename fails (the target is a folder), the temporary file does
 * not stay behind and the target is untouched. */
static void test_write_file_rename_failure_leaves_no_temporary(void **state)
{
	fixture *f = *state;
	const char *p = at(f, 0, "out.svg");
	assert_int_equal(mkdir(p, 0755), 0);
	const char *inside = at(f, 1, "out.svg/keep");
	put(inside, "KEEP");
	assert_int_equal(rg_write_file(p, "new", 3, f->d), RG_ESYS);
	assert_only_error_about(f->d, p, "cannot write");
	assert_int_equal(entries(f->dir, ".out.svg."), 0);
	assert_int_equal(entries(f->dir, ""), 1);
	assert_file_is(inside, "KEEP");
}

/* ---- plugins ---- */

static void test_has_formats(void **state)
{
	(void)state;
	assert_true(rg_render_has_format(unit_gv, "svg"));
	assert_true(rg_render_has_format(unit_gv, "png"));
	assert_true(rg_render_has_format(unit_gv, "pdf"));
	assert_true(rg_render_has_format(unit_gv, "dot"));
	assert_true(rg_render_has_format(unit_gv, "svg:cairo"));
	assert_false(rg_render_has_format(unit_gv, "nope"));
	assert_false(rg_render_has_format(unit_gv, ""));
}

static void test_has_engines(void **state)
{
	(void)state;
	assert_true(rg_render_has_engine(unit_gv, "dot"));
	assert_true(rg_render_has_engine(unit_gv, "neato"));
	assert_false(rg_render_has_engine(unit_gv, "nope"));
}

static void test_list_devices_names_svg(void **state)
{
	(void)state;
	char *l = rg_render_list(unit_gv, "device");
	assert_non_null(l);
	/* a space-separated list holding svg as a word */
	char *copy = strdup(l);
	int found = 0;
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
		found |= strcmp(w, "svg") == 0;
	assert_true(found);
	free(copy);
	free(l);
}

/* ---- rg_render_outputs ---- */

static void test_outputs_svg_and_dot(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg")},
			    {.format = "dot", .path = at(f, 1, "t.dot")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_OK);
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 0);
	char *svg = slurp(f->path[0], NULL);
	char *dot = slurp(f->path[1], NULL);
	assert_non_null(svg);
	assert_non_null(dot);
	assert_true(strncmp(svg, "<?xml", 5) == 0);
	assert_non_null(strstr(svg, "</svg>"));
	assert_non_null(strstr(svg, "Xi Jinping"));
	assert_true(strncmp(dot, "digraph", 7) == 0);
	assert_non_null(strstr(dot, "xi"));
	assert_non_null(strstr(dot, "putin"));
	assert_non_null(strstr(dot, "Vladimir Putin"));
	/* "dot" is the graph before layout, even when laid out for svg */
	assert_null(strstr(dot, "pos="));
	assert_int_equal(entries(f->dir, "."), 0);
	free(svg);
	free(dot);
}

static void test_svg_has_ids_and_kind_classes(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 1, f->d), RG_OK);
	char *svg = slurp(f->path[0], NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "id=\"xi\" class=\"node leader\""));
	assert_non_null(strstr(svg, "class=\"edge met\""));
	free(svg);
}

static void test_svg_shows_names_as_text(void **state)
{
	fixture *f = *state;
	GRAPH(f, {"nodes.csv", "id\n<b>\n\"\"\"]; x [\"\na\\b\n"});
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 1, f->d), RG_OK);
	char *svg = slurp(f->path[0], NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, ">&lt;b&gt;</text>"));
	assert_null(strstr(svg, "<b>"));
	assert_non_null(strstr(svg, ">&quot;]; x [</text>"));
	assert_non_null(strstr(svg, ">a\\b</text>"));
	/* the tooltip shows the backslash once, as written */
	assert_non_null(strstr(svg, "xlink:title=\"a\\b"));
	assert_null(strstr(svg, "a\\\\b"));
	free(svg);
}

static void test_pdf_and_png_are_what_they_say(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_output outs[] = {{.format = "pdf", .path = at(f, 0, "t.pdf")},
			    {.format = "png", .path = at(f, 1, "t.png")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_OK);
	size_t len;
	char *pdf = slurp(f->path[0], &len);
	assert_non_null(pdf);
	assert_true(len > 5 && memcmp(pdf, "%PDF-", 5) == 0);
	char *png = slurp(f->path[1], &len);
	assert_non_null(png);
	assert_true(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
	free(pdf);
	free(png);
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = slurp(a, &la), *y = slurp(b, &lb);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(la > 0);
	assert_int_equal(la, lb);
	if (memcmp(x, y, la) != 0)
		fail_msg("%s and %s differ", a, b);
	free(x);
	free(y);
}

static void test_two_renders_give_same_bytes(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_output one[] = {{.format = "svg", .path = at(f, 0, "1.svg")},
			   {.format = "pdf", .path = at(f, 1, "1.pdf")}};
	rg_output two[] = {{.format = "svg", .path = at(f, 2, "2.svg")},
			   {.format = "pdf", .path = at(f, 3, "2.pdf")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", one, 2, f->d), RG_OK);
	sleep(1); /* a time stamp would now differ */
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", two, 2, f->d), RG_OK);
	assert_same_file(f->path[0], f->path[2]);
	assert_same_file(f->path[1], f->path[3]);
}

static void test_neato_renders_deterministically(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings, {"countries.csv", "id\nCN\nRU\n"});
	rg_output one[] = {{.format = "svg", .path = at(f, 0, "1.svg")}};
	rg_output two[] = {{.format = "svg", .path = at(f, 1, "2.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "neato", one, 1, f->d), RG_OK);
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "neato", two, 1, f->d), RG_OK);
	assert_same_file(f->path[0], f->path[1]);
}

static void test_unknown_format_fails_and_writes_nothing(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders);
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg")},
			    {.format = "nope", .path = at(f, 1, "t.nope")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_ESYS);
	assert_non_null(unit_diag(f->d, "rendering to 'nope' failed"));
	assert_int_equal(entries(f->dir, ""), 0);
}

static void test_unknown_engine_fails_and_writes_nothing(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders);
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "nope", outs, 1, f->d), RG_ESYS);
	assert_non_null(unit_diag(f->d, "layout with engine 'nope' failed"));
	assert_int_equal(entries(f->dir, ""), 0);
}

/* One output that cannot be written means none is: the old picture stays. */
static void test_outputs_all_or_none_on_missing_folder(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders);
	put(at(f, 0, "t.svg"), "OLD");
	rg_output outs[] = {{.format = "svg", .path = f->path[0]},
			    {.format = "dot", .path = at(f, 1, "missing/t.dot")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_ESYS);
	assert_only_error_about(f->d, f->path[1], "cannot write");
	assert_file_is(f->path[0], "OLD");
	assert_int_equal(entries(f->dir, ""), 1);
}

static void test_outputs_all_or_none_when_a_rename_fails(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders);
	put(at(f, 0, "t.svg"), "OLD");
	assert_int_equal(mkdir(at(f, 1, "t.dot"), 0755), 0);
	put(at(f, 2, "t.dot/keep"), "KEEP");
	rg_output outs[] = {{.format = "svg", .path = f->path[0]},
			    {.format = "dot", .path = f->path[1]}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_ESYS);
	assert_non_null(unit_diag(f->d, "cannot write"));
	assert_int_equal(entries(f->dir, "."), 0);
	assert_file_is(f->path[2], "KEEP");
	assert_file_is(f->path[0], "OLD");
}

static void test_graph_renders_again_after_a_failure(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders);
	rg_output bad[] = {{.format = "svg", .path = at(f, 0, "missing/t.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", bad, 1, f->d), RG_ESYS);
	rg_output good[] = {{.format = "svg", .path = at(f, 1, "t.svg")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", good, 1, f->d), RG_OK);
	char *svg = slurp(f->path[1], NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "Xi Jinping"));
	free(svg);
}

/* ---- document-ready output (rg_doc) ---- */

/* Renders f->g to memory in format under doc; the caller frees. */
static char *render_mem(fixture *f, const char *format, const rg_doc *doc, size_t *len)
{
	char *data = NULL;
	size_t n = 0;
	rg_render_set_doc(unit_gv, doc);
	rg_output out = {.format = format, .path = NULL, .data = &data, .len = &n};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", &out, 1, f->d), RG_OK);
	rg_render_set_doc(unit_gv, NULL);
	assert_non_null(data);
	if (len)
		*len = n;
	return data;
}

/* The value of attribute name in the root <svg> tag, or "" */
static void root_attr(const char *svg, const char *name, char *buf, size_t size)
{
	const char *tag = strstr(svg, "<svg");
	const char *end = tag ? strchr(tag, '>') : NULL;
	char key[32];
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = tag ? strstr(tag, key) : NULL;
	if (!p || p > end) {
		/* also after a line break */
		snprintf(key, sizeof key, "\n%s=\"", name);
		p = tag ? strstr(tag, key) : NULL;
	}
	buf[0] = '\0';
	if (p && p < end)
		snprintf(buf, size, "%.*s", (int)strcspn(p + strlen(key), "\""), p + strlen(key));
}

static unsigned png_width(const char *png)
{
	const unsigned char *p = (const unsigned char *)png + 16;
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static void test_svg_title_and_desc_come_first_escaped(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_doc doc = {.title = "Xi & <Putin>", .desc = "2 nodes \"quoted\""};
	char *svg = render_mem(f, "svg", &doc, NULL);
	const char *root_end = strchr(strstr(svg, "<svg"), '>');
	assert_true(strncmp(root_end,
			    ">\n<title>Xi &amp; &lt;Putin&gt;</title>\n<desc>2 nodes "
			    "&quot;quoted&quot;</desc>\n",
			    78) == 0);
	free(svg);
}

static void test_svg_width_sets_size_and_keeps_viewbox(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_doc plain = {0}, wide = {.width = "600"}, pct = {.width = "100%"},
	       both = {.width = "10cm", .height = "5cm"};
	char *a = render_mem(f, "svg", &plain, NULL);
	char *b = render_mem(f, "svg", &wide, NULL);
	char *c = render_mem(f, "svg", &pct, NULL);
	char *e = render_mem(f, "svg", &both, NULL);
	char va[64], vb[64], w[32], h[32];
	root_attr(a, "viewBox", va, sizeof va);
	root_attr(b, "viewBox", vb, sizeof vb);
	assert_string_equal(va, vb);
	double x, y, vw, vh;
	assert_int_equal(sscanf(va, "%lf %lf %lf %lf", &x, &y, &vw, &vh), 4);
	root_attr(b, "width", w, sizeof w);
	root_attr(b, "height", h, sizeof h);
	assert_string_equal(w, "600");
	/* the height in proportion to the viewBox */
	assert_true(fabs(atof(h) - 600 * vh / vw) < 0.01);
	root_attr(c, "width", w, sizeof w);
	root_attr(c, "height", h, sizeof h);
	assert_string_equal(w, "100%");
	assert_string_equal(h, "");
	root_attr(e, "width", w, sizeof w);
	root_attr(e, "height", h, sizeof h);
	assert_string_equal(w, "10cm");
	assert_string_equal(h, "5cm");
	free(a);
	free(b);
	free(c);
	free(e);
}

static void test_dpi_is_for_bitmaps_only(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_doc plain = {0}, sharp = {.dpi = 192}, px = {.width = "500"};
	char *svg1 = render_mem(f, "svg", &plain, NULL);
	char *svg2 = render_mem(f, "svg", &sharp, NULL);
	/* Graphviz scales SVG out of its viewBox when given a resolution */
	assert_string_equal(svg1, svg2);
	char *png1 = render_mem(f, "png", &plain, NULL);
	char *png2 = render_mem(f, "png", &sharp, NULL);
	char *png3 = render_mem(f, "png", &px, NULL);
	assert_true(abs((int)png_width(png2) - 2 * (int)png_width(png1)) <= 2);
	assert_true(abs((int)png_width(png3) - 500) <= 1);
	free(svg1);
	free(svg2);
	free(png1);
	free(png2);
	free(png3);
}

static void test_html_is_one_file_with_the_svg(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_doc doc = {.title = "Leaders", .desc = "who met"};
	char *html = render_mem(f, "html", &doc, NULL);
	assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(html, "<title>Leaders</title>"));
	assert_non_null(strstr(html, "<svg"));
	assert_non_null(strstr(html, "Xi Jinping"));
	assert_non_null(strstr(html, "</html>"));
	/* nothing from elsewhere: no XML prolog inside HTML, no URLs to load */
	assert_null(strstr(html, "<?xml"));
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "https:"));
	/* not live: no event stream */
	assert_null(strstr(html, "rgLive = true"));
	free(html);
}

static void test_memory_output_writes_no_file(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	char *data = NULL;
	size_t n = 0;
	rg_output outs[] = {{.format = "svg", .path = at(f, 0, "t.svg"), .data = &data, .len = &n},
			    {.format = "pdf", .path = at(f, 1, "t.pdf")}};
	assert_int_equal(rg_render_outputs(unit_gv, f->g, "dot", outs, 2, f->d), RG_OK);
	assert_non_null(data);
	assert_int_equal(strlen(data), n);
	assert_int_equal(entries(f->dir, "t.svg"), 0);
	assert_int_equal(entries(f->dir, "t.pdf"), 1);
	free(data);
}

static void test_pdf_page_is_the_drawing(void **state)
{
	fixture *f = *state;
	GRAPH(f, leaders, meetings);
	rg_doc plain = {0};
	size_t len;
	char *svg = render_mem(f, "svg", &plain, NULL);
	char *pdf = render_mem(f, "pdf", &plain, &len);
	char w[32], h[32];
	root_attr(svg, "width", w, sizeof w);
	root_attr(svg, "height", h, sizeof h);
	const char *mb = NULL;
	for (size_t i = 0; i + 10 < len && !mb; i++)
		if (memcmp(pdf + i, "/MediaBox", 9) == 0)
			mb = pdf + i;
	assert_non_null(mb);
	double x0, y0, x1, y1;
	assert_int_equal(sscanf(mb, "/MediaBox [ %lf %lf %lf %lf ]", &x0, &y0, &x1, &y1), 4);
	/* no margin around the drawing: the page is the SVG's size */
	assert_true(fabs(x1 - x0 - atof(w)) <= 1);
	assert_true(fabs(y1 - y0 - atof(h)) <= 1);
	free(svg);
	free(pdf);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_write_file_writes_content),
		T(test_write_file_replaces_existing),
		T(test_write_file_mode_follows_umask),
		T(test_write_file_into_missing_folder_fails_cleanly),
		T(test_write_file_rename_failure_leaves_no_temporary),
		T(test_has_formats),
		T(test_has_engines),
		T(test_list_devices_names_svg),
		T(test_outputs_svg_and_dot),
		T(test_svg_has_ids_and_kind_classes),
		T(test_svg_shows_names_as_text),
		T(test_pdf_and_png_are_what_they_say),
		T(test_two_renders_give_same_bytes),
		T(test_neato_renders_deterministically),
		T(test_unknown_format_fails_and_writes_nothing),
		T(test_unknown_engine_fails_and_writes_nothing),
		T(test_outputs_all_or_none_on_missing_folder),
		T(test_outputs_all_or_none_when_a_rename_fails),
		T(test_graph_renders_again_after_a_failure),
		T(test_svg_title_and_desc_come_first_escaped),
		T(test_svg_width_sets_size_and_keeps_viewbox),
		T(test_dpi_is_for_bitmaps_only),
		T(test_html_is_one_file_with_the_svg),
		T(test_memory_output_writes_no_file),
		T(test_pdf_page_is_the_drawing),
	};
	return cmocka_run_group_tests(tests, unit_gv_setup, unit_gv_teardown);
}
