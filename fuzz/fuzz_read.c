/* fuzz_read.c: libFuzzer target for the read, model and transform
 * stages, through the job as a program using the library runs them.
 *
 * The first byte picks the file name the input is loaded as (the name
 * decides a table's role as much as its header does) and, by its bit 3,
 * whether the input is also read with the parallel paths forced
 * (RG_READ_PARALLEL_ENV: parsed on a second thread in batches of a few
 * rows, and cut in two parts read at once): then both reads must give the
 * same model and the same diagnostics, or the target aborts.  The rest is
 * the CSV text.  Every input must end in a status and diagnostics, never
 * a crash, a hang or a leak. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relgraph.h"

static const char *const names[] = {
	"edges.csv",   "nodes.csv",	"meetings.csv", "agreements.csv",
	"leaders.csv", "countries.csv", "people.csv",	"data.csv",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a read made: the model's counts, strings and relations' places,
 * and the diagnostics, as one text (the caller frees it). */
static char *summary(const uint8_t *data, size_t size, const char *name, const char *mode)
{
	setenv(RG_READ_PARALLEL_ENV, mode, 1);
	rg_diags *d = rg_diags_new();
	rg_job *j = rg_job_new(d);
	rg_job_add_input_mem(j, name, (const char *)data, size);
	rg_status st = rg_job_select(j);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	const rg_model *m = rg_job_model(j);
	fprintf(f, "status %d\n", (int)st);
	if (m) {
		fprintf(f, "%zu entities, %zu relations\n", rg_model_nentities(m),
			rg_model_nrelations(m));
		for (size_t i = 0; i < rg_model_nentities(m); i++) {
			const rg_entity *e = rg_model_entity(m, i);
			fprintf(f, "e %s %s %s\n", rg_model_str(m, e->id), rg_model_str(m, e->kind),
				rg_model_str(m, e->label));
		}
		for (size_t i = 0; i < rg_model_nrelations(m); i++) {
			const rg_relation *r = rg_model_relation(m, i);
			fprintf(f, "r %u %u %s %u:%u %u\n", r->a, r->b, rg_model_str(m, r->kind),
				r->where.line, r->where.col, r->bcol);
		}
	}
	for (size_t i = 0; i < rg_diags_len(d); i++) {
		const rg_diag *x = rg_diags_at(d, i);
		fprintf(f, "%d %ld:%ld %s\n", (int)x->severity, x->line, x->col, x->msg);
	}
	fclose(f);
	rg_job_free(j);
	rg_diags_free(d);
	unsetenv(RG_READ_PARALLEL_ENV);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *name = names[data[0] % (sizeof names / sizeof *names)];
	char *one = summary(data + 1, size - 1, name, "never");
	if (data[0] & 8) {
		char *two = summary(data + 1, size - 1, name, "always");
		if (strcmp(one, two) != 0) {
			fprintf(stderr, "one pass:\n%s\nparallel paths:\n%s\n", one, two);
			abort();
		}
		free(two);
	}
	free(one);
	return 0;
}
