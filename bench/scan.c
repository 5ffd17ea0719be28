/* scan.c: the floor for reading CSV, libcsv scanning files with callbacks
 * that only count: what relgraph's ingest is measured against.
 * usage: scan FILE... (prints fields and rows) */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(*(size_t *)data)++;
}

static void on_row(int c, void *data)
{
	(void)c;
	((size_t *)data)[1]++;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t counts[2] = {0, 0};
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		struct csv_parser p;
		csv_init(&p, CSV_APPEND_NULL);
		csv_set_blk_size(&p, 1 << 16);
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			if (csv_parse(&p, buf, n, on_field, on_row, counts) != n) {
				fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
				return 1;
			}
		csv_fini(&p, on_field, on_row, counts);
		csv_free(&p);
		fclose(f);
	}
	printf("%zu fields, %zu rows\n", counts[0], counts[1]);
	return 0;
}
