/* mapping.h: column mappings, private to the model.  A mapping says what
 * a file's columns are when relgraph cannot tell from their names: a
 * CSV on the Web metadata file (W3C, "Metadata Vocabulary for Tabular
 * Data") beside the data or named by --columns, or header=role pairs of
 * --map.  Each listed header is read as a column relgraph knows
 * (docs/FORMAT.md, "Column mappings"). */
#ifndef RELGRAPH_MAPPING_H
#define RELGRAPH_MAPPING_H

#include <stddef.h>

#include "relgraph/diag.h"

/* One column of a mapping. */
typedef struct {
	char **keys; /* the headers it is for (CSVW titles), normalised */
	size_t nkeys;
	char *title;	/* the first, as written, for messages */
	char *role;	/* the column relgraph reads it as, normalised; "" to drop
			   the column (suppressOutput); NULL to keep its meaning */
	char *def;	/* CSVW default: the value of an empty cell */
	int virt;	/* CSVW virtual: a column the file lacks, every cell def */
	long line, col; /* where it is given */
	size_t hits;	/* tables it was found in */
} rg_map_col;

/* The columns of one table, or of every input (--map without FILE:). */
typedef struct {
	char *url;	  /* the file name it is for (CSVW url), NULL for every input */
	const char *file; /* the mapping's file ("--map" for the option) */
	long line, col;	  /* where url is */
	rg_map_col *cols;
	size_t ncols;
	size_t hits; /* inputs it applied to */
	int given;   /* named on the command line, not found beside the data */
} rg_map_table;

typedef struct rg_mapping rg_mapping;

rg_mapping *rg_mapping_new(void);
void rg_mapping_free(rg_mapping *mp);
/* 1 when mp holds no table: no --map, --columns or file found beside the
 * data (then it is as a new one). */
int rg_mapping_empty(const rg_mapping *mp);
/* Reads a CSVW metadata file (--columns).  RG_EUSAGE when it cannot be
 * opened, RG_EDATA when it has mistakes (each in d). */
rg_status rg_mapping_add_file(rg_mapping *mp, const char *path, rg_diags *d);
/* Adds --map's "[FILE:]header=role,..." (role - drops the column). */
rg_status rg_mapping_add_spec(rg_mapping *mp, const char *spec, rg_diags *d);
/* The tables that apply to the input at path ("-" for standard input),
 * first the one that wins: --map, --columns, then the metadata file
 * beside the data (PATH-metadata.json, else csv-metadata.json in its
 * folder).  *out belongs to mp, valid until the next call.  A metadata
 * file found beside the data is read here, its mistakes go to d, and
 * *broken is then 1: the file is not to be read without it. */
size_t rg_mapping_tables(rg_mapping *mp, const char *path, rg_diags *d, rg_map_table ***out,
			 int *broken);
/* After every input: a --map header no input has, a --columns table no
 * input is named for.  RG_EUSAGE for the first. */
rg_status rg_mapping_check(rg_mapping *mp, rg_diags *d);
#endif
