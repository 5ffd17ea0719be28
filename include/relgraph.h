/* relgraph.h: the relgraph library, relationship data kept in CSV files
 * to network diagrams laid out by Graphviz.
 *
 * Most programs need only the job (relgraph/pipeline.h): add inputs, set
 * filters and the look, draw to files or memory.  The stages it runs are
 * public too, in pipeline order, for programs that want one of them:
 *
 *   read       relgraph/read.h       CSV bytes to rows, with their places
 *   model      relgraph/model.h      rows to entities and relations
 *   transform  relgraph/transform.h  filters and merging: what is drawn
 *   measures   relgraph/measures.h   importance and communities (igraph)
 *   emphasis   relgraph/emphasis.h   sizes, colours, labels for the page
 *   build      relgraph/build.h      the view to a cgraph graph, styled
 *   layout     relgraph/layout.h     layout policy (-K auto, page fitting)
 *   render     relgraph/render.h     Graphviz layout and atomic output
 *   memory     relgraph/memory.h     a layout memory: the last drawing's places
 *
 * beside them: diag.h (every problem with its place), suggest.h ("did you
 * mean": near names), stats.h (a summary
 * instead of a drawing), frames.h (one drawing per time slice).
 *
 * Build against it with pkg-config: cc prog.c $(pkg-config --cflags
 * --libs relgraph).
 */
#ifndef RELGRAPH_H
#define RELGRAPH_H

#define RELGRAPH_VERSION "1.2.0"
#define RELGRAPH_VERSION_MAJOR 1
#define RELGRAPH_VERSION_MINOR 2
#define RELGRAPH_VERSION_PATCH 0

#include "relgraph/diag.h"
#include "relgraph/suggest.h"
#include "relgraph/read.h"
#include "relgraph/model.h"
#include "relgraph/transform.h"
#include "relgraph/stats.h"
#include "relgraph/measures.h"
#include "relgraph/emphasis.h"
#include "relgraph/build.h"
#include "relgraph/layout.h"
#include "relgraph/render.h"
#include "relgraph/memory.h"
#include "relgraph/frames.h"
#include "relgraph/pipeline.h"

#endif
