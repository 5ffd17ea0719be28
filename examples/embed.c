/* embed.c: relgraph as a library, in a program of its own.
 *
 * Draws a folder of relationship CSV files to an SVG file and a PNG kept
 * in memory, through the job of relgraph.h, and prints what went wrong in
 * the data, if anything.  Build it against an installed relgraph:
 *
 *     cc embed.c $(pkg-config --cflags --libs relgraph) -o embed
 *     ./embed graphs/xi-putin xi-putin.svg
 */
#include <stdio.h>
#include <stdlib.h>

#include <relgraph.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: embed FOLDER OUT.svg\n");
		return 2;
	}
	rg_diags *d = rg_diags_new();
	rg_job *job = rg_job_new(d);
	rg_job_add_input(job, argv[1]);

	/* the years from 2020 on, drawn left to right, with a title */
	rg_filters f = RG_FILTERS_INIT;
	rg_date_parse("2020", &f.from);
	rg_job_set_filters(job, &f);
	rg_setting lr = {"rankdir", "LR"};
	rg_look look = {.title = "Since 2020", .gset = &lr, .ngset = 1};
	rg_job_set_look(job, &look);

	char *png = NULL;
	size_t png_len = 0;
	rg_output outs[] = {
		{.format = "svg", .path = argv[2]},
		{.format = "png", .data = &png, .len = &png_len},
	};
	rg_status st = rg_job_draw(job, outs, 2);
	rg_diags_print(d, stderr, 0, 20);
	if (st == RG_OK) {
		const rg_view *v = rg_job_view(job);
		printf("%s: %zu nodes, %zu edges; PNG of %zu bytes in memory\n", argv[2], v->nnodes,
		       v->nedges, png_len);
		printf("%s\n", rg_job_desc(job));
	}
	free(png);
	rg_job_free(job);
	rg_diags_free(d);
	return st == RG_OK ? 0 : 1;
}
