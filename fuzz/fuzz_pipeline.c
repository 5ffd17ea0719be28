/* fuzz_pipeline.c: libFuzzer target for the whole pipeline up to the
 * canonical DOT text: read, model, transform (with a time window and
 * merging), build with the legend, and cgraph's writer.  Layout is left
 * out: it is Graphviz's, and slow. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "relgraph/build.h"
#include "relgraph/model.h"
#include "relgraph/render.h"
#include "relgraph/transform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rg_render *gv;
static rg_diags *gv_diags;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	if (!gv) {
		gv_diags = rg_diags_new();
		gv = rg_render_new(gv_diags); /* one context for the whole run */
	}
	static const char *const names[] = {"edges.csv", "meetings.csv", "agreements.csv",
					    "leaders.csv"};
	const char *name = names[data[0] & 3];
	int options = data[1];
	rg_diags *d = rg_diags_new();
	rg_model *m = rg_model_new();
	if (rg_model_load_mem(m, name, (const char *)data + 2, size - 2, d) == RG_OK &&
	    rg_model_finish(m, d) == RG_OK) {
		rg_transform_opts o = {.merge = !(options & 1)};
		if (options & 2)
			rg_date_parse("2000", &o.from);
		rg_view *v = rg_transform(m, &o);
		rg_build_opts bo = {.name = "fuzz", .engine = (options & 4) ? "neato" : "dot",
				    .legend = !(options & 8), .title = (options & 16) ? "T\\N<b>" : NULL,
				    .cluster_by = (options & 32) ? "country" : NULL};
		Agraph_t *g = rg_build(m, v, &bo);
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (f) {
			agwrite(g, f);
			fclose(f);
		}
		free(buf);
		agclose(g);
		rg_view_free(v);
	}
	rg_model_free(m);
	rg_diags_free(d);
	rg_diags_clear(gv_diags);
	return 0;
}
