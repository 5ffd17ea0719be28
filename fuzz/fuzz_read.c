/* fuzz_read.c: libFuzzer target for the read and model stages.
 *
 * The first byte picks the file name the input is loaded as (the name
 * decides a table's role as much as its header does); the rest is the CSV
 * text.  Every input must end in a status and diagnostics, never a crash,
 * a hang or a leak. */
#include <stddef.h>
#include <stdint.h>

#include "relgraph/model.h"
#include "relgraph/transform.h"

static const char *const names[] = {
	"edges.csv", "nodes.csv", "meetings.csv", "agreements.csv",
	"leaders.csv", "countries.csv", "people.csv", "data.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *name = names[data[0] % (sizeof names / sizeof *names)];
	rg_diags *d = rg_diags_new();
	rg_model *m = rg_model_new();
	rg_model_load_mem(m, name, (const char *)data + 1, size - 1, d);
	rg_model_finish(m, d);
	rg_transform_opts o = {.merge = 1};
	rg_view *v = rg_transform(m, &o);
	rg_view_free(v);
	rg_model_free(m);
	rg_diags_free(d);
	return 0;
}
