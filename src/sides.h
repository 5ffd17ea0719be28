/* sides.h: people and events drawn on two sides (see sides.c); private to
 * the build and layout stages. */
#ifndef RELGRAPH_SIDES_H
#define RELGRAPH_SIDES_H

#include "relgraph/build.h"

/* Whether v is a people-and-events graph: at least RG_SIDES_MIN_EVENTS
 * meetings drawn as nodes, their `attended` edges at least half of the
 * edges.  Such a graph reads as a column of events with the people on
 * either side (rg_build_opts.two_sided). */
#define RG_SIDES_MIN_EVENTS 3
/* ... and the sides balance: they differ by at most this many people and
 * a third of them */
#define RG_SIDES_MAX_GAP 2
int rg_sides_fit(const rg_model *m, const rg_view *v);

/* Where each entity of v goes, entity-indexed: RG_SIDE_NONE (free), the
 * events' column, or the people's left or right side, so that each side
 * holds half of the people, spread along the events they attended.  The
 * caller frees it. */
enum { RG_SIDE_NONE, RG_SIDE_EVENTS, RG_SIDE_LEFT, RG_SIDE_RIGHT };
unsigned char *rg_sides_of(const rg_model *m, const rg_view *v);

#endif
