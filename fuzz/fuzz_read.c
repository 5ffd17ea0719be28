/* fuzz_read.c: libFuzzer target for the read, model and transform
 * stages, through the job as a program using the library runs them.
 *
 * The first byte picks the file name the input is loaded as (the name
 * decides a table's role as much as its header does) and, by its bit 3,
 * whether the input is parsed on a second thread in batches of a few rows
 * (RG_READ_PARALLEL_ENV) or on one; the rest is the CSV text.  Every input must end in a status and
 * diagnostics, never a crash, a hang or a leak. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "relgraph.h"

static const char *const names[] = {
	"edges.csv",   "nodes.csv",	"meetings.csv", "agreements.csv",
	"leaders.csv", "countries.csv", "people.csv",	"data.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *name = names[data[0] % (sizeof names / sizeof *names)];
	if (data[0] & 8)
		setenv(RG_READ_PARALLEL_ENV, "always", 1);
	else
		unsetenv(RG_READ_PARALLEL_ENV);
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	rg_job_add_input_mem(j, name, (const char *)data + 1, size - 1);
	rg_job_select(j);
	rg_job_free(j);
	rg_diags_free(d);
	return 0;
}
