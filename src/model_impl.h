/* model_impl.h: what model.c offers the table loader (model_load.c), and
 * the loader model.c, and nothing else. */
#ifndef RELGRAPH_MODEL_IMPL_H
#define RELGRAPH_MODEL_IMPL_H

#include "relgraph/model.h"

/* Starts fetching from memory what interning s will read: its hash slot
 * (stage 0), then the string the slot holds (stage 1, once the slot has
 * come).  Changes nothing. */
void rg_model_prefetch(const rg_model *m, const char *s, size_t len, int stage);
uint32_t rg_model_add_file(rg_model *m, const char *name);
/* Declares entity id with kind at where.  A second declaration with another
 * kind is an error naming both places; with the same kind it fills in what
 * the first left empty.  Returns the entity's index, or RG_NONE on error. */
uint32_t rg_model_declare(rg_model *m, rg_str id, rg_str kind, rg_loc where, rg_diags *d);
rg_entity *rg_model_entity_mut(rg_model *m, uint32_t i);
/* Appends a zeroed relation (weight 1, count 1, no endpoints) and returns it;
 * the pointer is valid until the next call. */
rg_relation *rg_model_add_relation(rg_model *m);
/* Appends to m what part holds (relations and their attributes) and
 * counts its rows, as loading the same rows into m after its own would
 * have: part's strings are interned in m in the order part first used
 * them.  part is a model the loader read a table's second part into, on
 * another thread (read.h, rg_split_hooks), holding no entities; its
 * relations are freed as they are copied (free part itself after). */
void rg_model_take_part(rg_model *m, rg_model *part);
/* Appends an attribute; returns its index in rg_model_attrs(). */
uint32_t rg_model_add_attr(rg_model *m, rg_str key, rg_str value);
size_t rg_model_nattrs(const rg_model *m);
/* Counts a node table loaded: with none at all, nodes coming only from
 * edges are the norm (an edge-list export), not a mistake to warn of one by
 * one. */
void rg_model_saw_node_table(rg_model *m);
/* A row of a node table that names the entity's country (a leader's
 * `country`): finish draws a `leads` relation for each such row of a
 * leader (a leader may hold several offices, or one twice), labelled with
 * the office when given.  where is the country's cell.  Owner: the
 * semantics of tables (kinds from columns, time). */
void rg_model_add_country_row(rg_model *m, uint32_t ent, rg_str country, rg_str office,
			      rg_span when, rg_loc where);
/* One period of entity ent, from one node table row (rg_model_periods). */
void rg_model_add_period(rg_model *m, uint32_t ent, rg_span when);
/* Says that the file could not be read whole and may have declared names:
 * finish then leaves out the "declared in no node table" warnings, which
 * would be follow-on noise, and says why in one line. */
void rg_model_declarations_lost(rg_model *m, uint32_t file);
/* The column mapping loading follows (mapping.h), made on first use;
 * owned by the model. */
struct rg_mapping *rg_model_mapping(rg_model *m);
/* A header as tables compare it: lower case, trimmed, spaces and dashes
 * as underscores (the caller frees it). */
char *rg_model_norm_header(const char *s);
/* 1 when some table reads a column of this (normalised) name: a role a
 * mapping may give. */
int rg_model_known_column(const char *name);
/* One more row read from file (for rg_model_on_progress). */
void rg_model_row_read(rg_model *m, const char *file);

/* After the relations are resolved: a warning for each name no node table
 * declares that is close to one declared ('Narendra Modhi' in a meeting,
 * 'Narendra Modi' in leaders.csv), naming it and where it is declared.
 * Marks each such entity in near, indexed by entity. (model_load.c) */
void rg_model_near_names(rg_model *m, rg_diags *d, unsigned char *near);
/* The same for the entities [from, to) only, with *budget the looks left
 * (RG_NEAR_LOOKS_FIRST before the first call: the whole budget), updated;
 * a search in parts says what one search over all would. */
#define RG_NEAR_LOOKS_FIRST ((size_t)-1)
void rg_model_near_names_in(rg_model *m, rg_diags *d, unsigned char *near, size_t from, size_t to,
			    size_t *budget);

#endif
