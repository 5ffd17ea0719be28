/* fuzz_mapping.c: libFuzzer target for the column mappings: the JSON
 * reader of metadata files (json.h), the CSV on the Web metadata read as
 * a file beside a small table, and --map's specs.  The first byte picks
 * which; the rest is the text.  Every input must end in a status and
 * diagnostics, never a crash, a hang or a leak. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "relgraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table[] = "who,whom,when_y,when_m\nAnn,Bob,2020,5\nBob,Cy,,\n";

static char dir[64], path[128], meta[160];

/* The folder is the process's own: gone when it ends. */
static void clean(void)
{
	unlink(meta);
	unlink(path);
	rmdir(dir);
}

/* The metadata as x.csv-metadata.json beside x.csv, in a folder of the
 * process's own. */
static void beside(const char *text, size_t len, rg_diags *d)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fuzz_mapping.%ld", (long)getpid());
		mkdir(dir, 0700);
		snprintf(path, sizeof path, "%s/x.csv", dir);
		snprintf(meta, sizeof meta, "%s-metadata.json", path);
		atexit(clean);
	}
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fputs(table, f);
	fclose(f);
	if (!(f = fopen(meta, "w")))
		return;
	fwrite(text, 1, len, f);
	fclose(f);
	rg_job *j = rg_job_new(d);
	rg_job_add_input(j, path);
	rg_job_load(j);
	rg_job_free(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	rg_diags *d = rg_diags_new();
	switch (data[0] % 3) {
	case 0: rg_json_free(rg_json_parse(text, len, "m.json", d)); break;
	case 1: beside(text, len, d); break;
	default: {
		char *spec = strndup(text, len);
		rg_job *j = rg_job_new(d);
		rg_job_add_input_mem(j, "x.csv", table, sizeof table - 1);
		rg_job_add_map(j, spec);
		rg_job_load(j);
		rg_job_free(j);
		free(spec);
	}
	}
	rg_diags_free(d);
	return 0;
}
