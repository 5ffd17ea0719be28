/* cgraph_naive.c: the obvious way to load relationship CSV files into
 * Graphviz, as an anchor for relgraph's ingest: libcsv reads each file,
 * every name becomes a node by agnode(g, name, 1), every relation an edge
 * by agedge(g, a, b, NULL, 1); no dates, kinds, attributes or merging.
 *
 *   cgraph_naive FILE...     (prints the nodes, edges and rows read)
 *
 * A table's role comes from its header, for the tables gen writes: `name`
 * declares a node (and in leaders*.csv, `country` an edge to it), `from,to`
 * is an edge, `name,parties` an agreement joined to each party,
 * `participants` a meeting: each pair of up to six, else a node for the
 * meeting joined to each of them, as relgraph draws it. */
#include <csv.h>
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PAIRWISE 6

enum role { R_NODES, R_EDGES, R_AGREEMENTS, R_MEETINGS };

typedef struct {
	Agraph_t *g;
	char **field; /* this row's fields, copied */
	size_t nfield, cap;
	int header;
	int leaders; /* a leader's country is an edge, a person's is not */
	enum role role;
	int c_name, c_country, c_from, c_to, c_parties, c_list, c_occasion, c_place, c_date;
	size_t rows;
	const char *file;
	int failed;
} loader;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("cgraph_naive: out of memory\n", stderr);
		exit(3);
	}
	return p;
}

static void on_field(void *s, size_t len, void *data)
{
	loader *l = data;
	if (l->nfield == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->field = xrealloc(l->field, l->cap * sizeof *l->field);
	}
	char *c = xrealloc(NULL, len + 1);
	memcpy(c, s, len);
	c[len] = 0;
	l->field[l->nfield++] = c;
}

static int column(const loader *l, const char *name)
{
	for (size_t i = 0; i < l->nfield; i++)
		if (!strcmp(l->field[i], name))
			return (int)i;
	return -1;
}

static const char *get(const loader *l, int c)
{
	return c >= 0 && (size_t)c < l->nfield ? l->field[c] : "";
}

static void edge(loader *l, const char *a, const char *b)
{
	if (!*a || !*b)
		return;
	agedge(l->g, agnode(l->g, (char *)a, 1), agnode(l->g, (char *)b, 1), NULL, 1);
}

/* Splits s in place at ';' and '|' into names (at most n); their count. */
static size_t split(char *s, char **names, size_t n)
{
	size_t k = 0;
	for (char *p = s;; p++)
		if (*p == ';' || *p == '|' || !*p) {
			int end = !*p;
			*p = 0;
			if (k < n)
				names[k++] = s;
			if (end)
				break;
			s = p + 1;
		}
	return k;
}

static void header(loader *l)
{
	l->c_name = column(l, "name");
	l->c_country = column(l, "country");
	l->c_from = column(l, "from");
	l->c_to = column(l, "to");
	l->c_parties = column(l, "parties");
	l->c_list = column(l, "participants");
	l->c_occasion = column(l, "occasion");
	l->c_place = column(l, "place");
	l->c_date = column(l, "date");
	if (l->c_list >= 0)
		l->role = R_MEETINGS;
	else if (l->c_parties >= 0 && l->c_name >= 0)
		l->role = R_AGREEMENTS;
	else if (l->c_from >= 0 && l->c_to >= 0)
		l->role = R_EDGES;
	else if (l->c_name >= 0)
		l->role = R_NODES;
	else {
		fprintf(stderr, "cgraph_naive: %s: cannot tell what this table holds\n", l->file);
		l->failed = 1;
	}
}

static void on_row(int c, void *data)
{
	(void)c;
	loader *l = data;
	if (l->header) {
		header(l);
		l->header = 0;
	} else if (!l->failed) {
		static char *names[4096];
		l->rows++;
		switch (l->role) {
		case R_NODES:
			if (*get(l, l->c_name))
				agnode(l->g, l->field[l->c_name], 1);
			if (l->leaders && l->c_country >= 0)
				edge(l, get(l, l->c_name), get(l, l->c_country));
			break;
		case R_EDGES: edge(l, get(l, l->c_from), get(l, l->c_to)); break;
		case R_AGREEMENTS: {
			if ((size_t)l->c_parties >= l->nfield)
				break;
			size_t n = split(l->field[l->c_parties], names, 4096);
			for (size_t i = 0; i < n; i++)
				edge(l, names[i], get(l, l->c_name));
			break;
		}
		case R_MEETINGS: {
			if ((size_t)l->c_list >= l->nfield)
				break;
			size_t n = split(l->field[l->c_list], names, 4096);
			if (n > MAX_PAIRWISE) {
				const char *what = get(l, l->c_occasion);
				if (!*what)
					what = get(l, l->c_place);
				const char *date = get(l, l->c_date);
				char *hub = xrealloc(NULL, strlen(what) + strlen(date) + 3);
				sprintf(hub, "%s, %s", what, date);
				for (size_t i = 0; i < n; i++)
					edge(l, names[i], hub);
				free(hub);
			} else {
				for (size_t i = 0; i < n; i++)
					for (size_t j = i + 1; j < n; j++)
						edge(l, names[i], names[j]);
			}
			break;
		}
		}
	}
	for (size_t i = 0; i < l->nfield; i++)
		free(l->field[i]);
	l->nfield = 0;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	loader l = {0};
	char name[] = "naive";
	l.g = agopen(name, Agundirected, NULL);
	for (int i = 1; i < argc && !l.failed; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		struct csv_parser p;
		csv_init(&p, CSV_APPEND_NULL);
		l.header = 1;
		l.file = argv[i];
		const char *base = strrchr(argv[i], '/');
		l.leaders = !strncmp(base ? base + 1 : argv[i], "leaders", 7);
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			if (csv_parse(&p, buf, n, on_field, on_row, &l) != n) {
				fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
				return 1;
			}
		csv_fini(&p, on_field, on_row, &l);
		csv_free(&p);
		fclose(f);
	}
	if (l.failed)
		return 1;
	printf("%d nodes, %d edges from %zu rows\n", agnnodes(l.g), agnedges(l.g), l.rows);
	/* the graph is left to the exit, as a program that stops here would */
	return 0;
}
