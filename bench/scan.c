/* scan.c: the floor for reading CSV, libcsv scanning files with callbacks
 * that only count: what relgraph's ingest is measured against.
 * usage: scan FILE... (prints fields, rows and the seconds the scan took,
 * from the first open to the last close, like relgraph -v's read stage) */
#define _POSIX_C_SOURCE 200809L

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	size_t counts[2] = {0, 0};
	double t0 = now();
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
	printf("%zu fields, %zu rows in %.6f s\n", counts[0], counts[1], now() - t0);
	return 0;
}
