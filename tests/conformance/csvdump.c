/* csvdump: prints what relgraph's reader makes of a CSV file, as JSON (an
 * array of objects, header name to field), for the csv-spectrum
 * conformance test.  Problems go to stderr; the exit status is the
 * reader's. */
#include <stdio.h>
#include <stdlib.h>

#include "relgraph/read.h"
#include "util.h"

typedef struct {
	char **header;
	size_t n;
	size_t rows;
} dump;

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static int on_row(void *ctx, const rg_row *row, size_t index)
{
	dump *d = ctx;
	if (index == 0) {
		d->header = rg_xcalloc(row->nfields, sizeof *d->header);
		for (size_t i = 0; i < row->nfields; i++)
			d->header[i] = rg_xstrdup(row->fields[i].s);
		d->n = row->nfields;
		return 0;
	}
	fputs(d->rows++ ? ",\n  {" : "\n  {", stdout);
	for (size_t i = 0; i < row->nfields && i < d->n; i++) {
		if (i)
			fputs(", ", stdout);
		json_string(d->header[i]);
		fputs(": ", stdout);
		json_string(row->fields[i].s);
	}
	putchar('}');
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: csvdump FILE.csv\n", stderr);
		return 2;
	}
	dump d = {NULL, 0, 0};
	rg_diags *diags = rg_diags_new();
	fputs("[", stdout);
	rg_status st = rg_read_csv(argv[1], argv[1], on_row, &d, diags);
	fputs(d.rows ? "\n]\n" : "]\n", stdout);
	rg_diags_print(diags, stderr, 1, 50);
	for (size_t i = 0; i < d.n; i++)
		free(d.header[i]);
	free(d.header);
	rg_diags_free(diags);
	return (int)st;
}
