/* stats.h: a summary of a view instead of a drawing (`relgraph stats`).
 *
 * Sits after the transform stage, beside build and render: the same
 * filters apply.  Reports nodes and relations per kind, each node's degree,
 * the most frequent pairs with their first and last date, isolated nodes
 * and connected components, as an aligned table or as CSV.
 */
#ifndef RELGRAPH_STATS_H
#define RELGRAPH_STATS_H

#include "relgraph/model.h"
#include "relgraph/transform.h"

typedef enum { RG_STATS_TABLE, RG_STATS_CSV } rg_stats_format;

/* Returns the report as a new string the caller frees.  top limits the
 * pairs listed (0: all). */
char *rg_stats(const rg_model *m, const rg_view *v, rg_stats_format f, size_t top);

#endif
