/* fuzz_pipeline.c: libFuzzer target for the whole pipeline up to the
 * canonical DOT text, through the job: read, model, transform (with a
 * time window and merging), build with the legend, and cgraph's writer.
 * Layout is left out for dot and neato: it is Graphviz's, and slow (the
 * direction is given, so no layout is made to choose it); -K auto's
 * emphasised drawing of kindless data lays out small inputs, to cover
 * the measures, the labels and the bends. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "relgraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One job for the whole run: its Graphviz context is made once. */
static rg_job *job;
static rg_diags *job_diags;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (!job) {
		job_diags = rg_diags_new();
		job = rg_job_new(job_diags);
	}
	static const char *const names[] = {"edges.csv", "meetings.csv", "agreements.csv",
					    "leaders.csv"};
	static const rg_setting top_down = {"rankdir", "TB"};
	const char *name = names[data[0] & 3];
	int options = data[1];
	rg_job_reset(job);
	rg_job_clear_inputs(job);
	rg_job_add_input_mem(job, name, (const char *)data + 2, size - 2);
	rg_filters f = RG_FILTERS_INIT;
	f.no_merge = options & 1;
	if (options & 2)
		rg_date_parse("2000", &f.from);
	rg_look l = {.name = "fuzz",
		     .engine = (options & 64)  ? "auto"
			       : (options & 4) ? "neato"
					       : "dot",
		     .no_legend = options & 8,
		     .title = (options & 16) ? "T\\N<b>" : NULL,
		     .cluster_by = (options & 32) ? "country" : NULL,
		     .gset = &top_down,
		     .ngset = 1,
		     /* no page: the text is not fitted by laying dot out again;
		      * auto still draws kindless data emphasised (igraph's
		      * measures, labels, edges bent round nodes) */
		     .page = "none",
		     .color_by = (options & 128) ? RG_COLOR_COMMUNITY : RG_COLOR_AUTO};
	rg_job_set_filters(job, &f);
	rg_job_set_look(job, &l);
	char *dot = NULL;
	size_t len = 0;
	rg_output out = {.format = "dot", .data = &dot, .len = &len};
	rg_job_draw(job, &out, 1);
	free(dot);
	rg_diags_clear(job_diags);
	return 0;
}
