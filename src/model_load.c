/* model_load.c: tables to the model.
 *
 * A table's role comes from its header, helped by its file name: a node
 * table (an id column), an edge table (a pair of endpoint columns), a
 * meetings table (participants, or a pair, and a date) or an agreements
 * table (a name and its parties).  Columns are recognised under the names
 * the tools users export from give them; every other column is kept as an
 * attribute.  docs/FORMAT.md describes all of it for users.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "mapping.h"
#include "model_impl.h"
#include "relgraph/read.h"
#include "relgraph/suggest.h"
#include "util.h"

typedef enum { T_UNKNOWN, T_NODES, T_EDGES, T_MEETINGS, T_AGREEMENTS, T_GROUPS } role;

enum {
	C_ID,
	C_LABEL,
	C_KIND,
	C_GROUP,
	C_COUNTRY,
	C_URL,
	C_DESC,
	C_DATE,
	C_START,
	C_END,
	C_A,
	C_B,
	C_ATYPE,
	C_BTYPE,
	C_LIST,
	C_WEIGHT,
	C_COUNT,
	C_DIRECTED,
	C_DIRECTION,
	C_OFFICE,   /* a leader's office: the label of their `leads` (kept as an attribute too) */
	C_GROUP_ID, /* a membership table's grouping column (version4id) */
	C_NCOLS
};

#define MAXCOLS 100000

typedef struct {
	rg_model *m;
	rg_diags *d;
	const char *file;
	const char *path; /* NULL for bytes in memory */
	uint32_t fileno;
	role role;
	int col[C_NCOLS]; /* column index of each role, or -1 */
	size_t ncols;
	rg_str *names;	     /* header names, as attribute keys */
	unsigned char *used; /* 1 for a column with a role, 0 for an attribute */
	/* a column mapping (mapping.h): per column, 1 when the mapping
	 * names its role (it wins over columns found by their own names), 2
	 * when it drops it, 3 when it lists it as it is; the value of its empty cells; how many
	 * columns come from the file (the rest are the mapping's virtual ones) */
	unsigned char *mapped;
	char **orig; /* a mapped column's own header, normalised */
	const char **defaults;
	size_t nfile_cols;
	rg_field *ext;	     /* a row with the mapping's values filled in */
	int alliance_col;    /* a membership table's group column says alliance */
	int meeting_col;     /* ... or meeting: its groups are meetings */
	rg_str default_kind; /* node kind from the file name, or relation kind */
	int pair_by_shape;   /* the ends are a NAME1/NAME2 pair of columns */
	int kind_is_type;    /* the kind column is "type", which Gephi uses for
				directed/undirected */
	const char *base;    /* the file name without folders, lower case */
	rg_str *list;	     /* names split from one cell */
	size_t list_cap;
	int failed;
	/* dates split over columns: for C_DATE, C_START and C_END (in that
	 * order), the year, month and day columns, -1 for none */
	int ymd[3][3];
	rg_str member_guess; /* a membership table: the kind its members are */
	/* a membership table's rows, made into relations once all are read */
	struct member_row {
		rg_str group, member, type;
		rg_span when;
		rg_loc where;
	} * mrow;
	size_t nmrow, capmrow;
	/* relations of a lasting kind given a date alone: how many, the
	 * first's kind and place (one hint for the table) */
	size_t lasting;
	rg_str lasting_kind;
	long lasting_line, lasting_col;
	/* kinds looked at for lasting(), and the answer, by the kind's
	 * low bits: a column of kinds repeats a few values */
	struct lasting_memo {
		rg_str kind;
		int is;
	} lasting_memo[16];
	/* rows seen, by a hash of their text, for duplicate rows: open
	 * addressing of (hash, line) */
	/* per column, the last value interned and its bytes: categorical
	 * columns (format, source, kind) repeat, and a compare is cheaper
	 * than hashing again */
	struct memo {
		rg_str value;
		char *bytes;
		size_t len, cap;
	} * memo, *kind_memo;
	struct seen {
		uint32_t hash, hash2, line; /* line 0: an empty slot */
	} * seen;
	size_t nseen, capseen;
	/* the second part of the file, read on another thread into a model
	 * of its own (read.h, rg_split_hooks), or NULL */
	struct part *part;
	/* in that part's table: its rows that repeat an earlier row of the
	 * part, not warned of yet (the first part may hold an earlier copy) */
	int is_part;
	struct dup {
		uint32_t line, first;
	} * dups;
	size_t ndups, capdups;
} table;

/* A table's second part: its own model and table, the same columns. */
struct part {
	rg_model *m;
	table t;
	rg_read_hooks hooks;
};

/* Header names are compared lower-cased, trimmed, with spaces and dashes
 * as underscores: "Entity A Type" is entity_a_type. */
static char *norm(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *n = rg_xstrdup(s);
	size_t len = strlen(n);
	while (len && (n[len - 1] == ' ' || n[len - 1] == '\t'))
		n[--len] = '\0';
	for (char *p = n; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
		else if (*p == ' ' || *p == '-')
			*p = '_';
	}
	return n;
}

/* The first column named one of names: a column the mapping names
 * first, then any. */
static int find_in(const unsigned char *mapped, char **h, size_t n, const char *const *names)
{
	for (int pass = mapped ? 0 : 1; pass < 2; pass++)
		for (const char *const *k = names; *k; k++)
			for (size_t i = 0; i < n; i++)
				if ((pass || mapped[i] == 1) && strcmp(h[i], *k) == 0)
					return (int)i;
	return -1;
}
#define find(h, n, names) find_in(t->mapped, h, n, names)

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Finds a pair of endpoint columns; returns 1 and sets *a, *b.  A pair
 * the mapping names both of wins. */
static int find_pair(const table *t, char **h, size_t n, int *a, int *b)
{
	static const char *const pairs[][2] = {
		{"source", "target"},	      {"from", "to"},		{"a", "b"},
		{"leader_a", "leader_b"},     {"entity_a", "entity_b"}, {"entity1", "entity2"},
		{"entity1_id", "entity2_id"}, {"node1", "node2"},	{"source_id", "target_id"},
		{"from_id", "to_id"},
	};
	for (int pass = t->mapped ? 0 : 1; pass < 2; pass++)
		for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
			const char *x[] = {pairs[k][0], NULL}, *y[] = {pairs[k][1], NULL};
			*a = find(h, n, x);
			*b = find(h, n, y);
			if (*a >= 0 && *b >= 0 &&
			    (pass || (t->mapped[*a] == 1 && t->mapped[*b] == 1)))
				return 1;
		}
	/* Any NAME1/NAME2 or NAME_a/NAME_b pair, as in character1,character2,
	 * but not StartMonth1/StartMonth2: dates and counts are no ends. */
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(h[i]);
		if (len < 2 || strstr(h[i], "year") || strstr(h[i], "month") ||
		    strstr(h[i], "day") || strstr(h[i], "date") || strstr(h[i], "time") ||
		    strstr(h[i], "num") || strstr(h[i], "count"))
			continue;
		char last = h[i][len - 1];
		char want = last == '1' ? '2' : last == 'a' && h[i][len - 2] == '_' ? 'b' : 0;
		if (!want)
			continue;
		for (size_t j = 0; j < n; j++)
			if (j != i && strlen(h[j]) == len && strncmp(h[i], h[j], len - 1) == 0 &&
			    h[j][len - 1] == want) {
				*a = (int)i;
				*b = (int)j;
				return 2; /* found by shape, not by name: worth a note */
			}
	}
	return 0;
}

/* The column "<endpoint>_type" (or _kind) that gives an endpoint's kind. */
static int find_type_of(char **h, size_t n, int endpoint)
{
	if (endpoint < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(h[endpoint]);
		if (strncmp(h[i], h[endpoint], len) == 0 &&
		    (strcmp(h[i] + len, "_type") == 0 || strcmp(h[i] + len, "_kind") == 0))
			return (int)i;
	}
	return -1;
}

static const char *kind_from_filename(const char *base)
{
	static const char *const map[][2] = {
		{"leader", "leader"},	 {"countr", "country"},	 {"state", "country"},
		{"people", "person"},	 {"person", "person"},	 {"organi", "organization"},
		{"org", "organization"}, {"event", "event"},	 {"agreement", "agreement"},
		{"treat", "agreement"},	 {"meeting", "meeting"},
	};
	for (size_t k = 0; k < sizeof map / sizeof *map; k++)
		if (starts(base, map[k][0]))
			return map[k][1];
	return NULL;
}

static int nodeish_filename(const char *base)
{
	return kind_from_filename(base) != NULL || starts(base, "node") || starts(base, "entit") ||
	       starts(base, "vert") || strstr(base, "nodes");
}

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Columns named for a leader, as Wikidata's query results name them
 * (officeholder, officeholderLabel): a node table of leaders. */
#define LEADER_IDS NAMES("officeholder", "leader", "head_of_state", "head_of_government")
/* Columns that name a state (the Correlates of War's statenme): an id when
 * no id, name, label or title column is given. */
#define STATE_IDS NAMES("statenme", "state_name", "country_name")

/* A membership table: one row per member per group (Correlates of War's
 * alliance file: version4id groups the members of one alliance). */
#define GROUP_IDS                                                                                  \
	NAMES("group_id", "groupid", "alliance_id", "allianceid", "version4id", "atopid",          \
	      "agreement_id", "treaty_id", "meeting_id")
#define MEMBER_COLS                                                                                \
	NAMES("member", "member_name", "state_name", "statename", "country_name", "country",       \
	      "state", "party", "name")

/* What a prefix of a day/month/year group of columns says: start
 * (st_year, start_year, all_st_year), end (end_year) or the date itself
 * (year, date_year); -1 for anything else. */
static int ymd_role(const char *prefix, size_t len)
{
	size_t w = len;
	while (w && prefix[w - 1] != '_')
		w--;
	const char *word = prefix + w;
	size_t wl = len - w;
#define IS(x) (wl == strlen(x) && strncmp(word, x, wl) == 0)
	if (IS("st") || IS("start") || IS("begin") || IS("from") || IS("since"))
		return C_START;
	if (IS("end") || IS("until") || IS("to"))
		return C_END;
	if (len == 0 || IS("date"))
		return C_DATE;
#undef IS
	return -1;
}

/* The column PREFIX_NAME or PREFIXNAME (one the mapping names first),
 * or -1. */
static int find_part(const table *t, char **h, size_t n, const char *prefix, size_t len,
		     const char *name)
{
	for (int pass = t->mapped ? 0 : 1; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			size_t hl = strlen(h[i]);
			if (hl <= len || strncmp(h[i], prefix, len) != 0 ||
			    (!pass && t->mapped[i] != 1))
				continue;
			const char *rest = h[i] + len;
			if (len && *rest == '_')
				rest++;
			if (strcmp(rest, name) == 0)
				return (int)i;
		}
	return -1;
}

/* Dates split over columns: PREFIX_year with PREFIX_month and PREFIX_day
 * (both optional), the prefix saying start, end or date.  Where several
 * groups say the same, a membership table reads the member's (mem_...),
 * any other table the first.  Only for roles no single column fills. */
static void find_ymd(table *t, char **h, size_t n)
{
	for (int r = 0; r < 3; r++)
		t->ymd[r][0] = t->ymd[r][1] = t->ymd[r][2] = -1;
	for (size_t i = 0; i < n; i++) {
		size_t hl = strlen(h[i]);
		if (hl < 4 || strcmp(h[i] + hl - 4, "year") != 0)
			continue;
		size_t len = hl - 4;
		if (len && h[i][len - 1] == '_')
			len--;
		int what = ymd_role(h[i], len);
		if (what < 0 || t->col[what] >= 0)
			continue;
		int *y = t->ymd[what - C_DATE];
		int member = starts(h[i], "mem");
		/* a column the mapping names wins over any other */
		int mine = t->mapped && t->mapped[i] == 1,
		    theirs = y[0] >= 0 && t->mapped && t->mapped[y[0]] == 1;
		if (y[0] >= 0 && (theirs || !mine) &&
		    !(t->role == T_GROUPS && member && !starts(h[y[0]], "mem") && !theirs))
			continue;
		y[0] = (int)i;
		y[1] = find_part(t, h, n, h[i], len, "month");
		y[2] = find_part(t, h, n, h[i], len, "day");
	}
}

/* The label column of a Wikidata id column X: XLabel. */
static int find_label_of(char **h, size_t n, int id)
{
	if (id < 0)
		return -1;
	size_t len = strlen(h[id]);
	for (size_t i = 0; i < n; i++)
		if (strncmp(h[i], h[id], len) == 0 && strcmp(h[i] + len, "label") == 0)
			return (int)i;
	return -1;
}

static void classify(table *t, char **h, size_t n)
{
	int *c = t->col;
	for (int k = 0; k < C_NCOLS; k++)
		c[k] = -1;
	for (int r = 0; r < 3; r++)
		t->ymd[r][0] = t->ymd[r][1] = t->ymd[r][2] = -1;
	const char *base = t->base;
	int list_p = find(h, n, NAMES("participants", "attendees"));
	int list_a = find(h, n, NAMES("parties", "signatories"));
	int a, b;
	int pair = find_pair(t, h, n, &a, &b);
	t->pair_by_shape = pair == 2;
	if (pair && strcmp(h[a], "from") == 0 && nodeish_filename(base))
		pair = 0; /* from/to are the dates of a node table */

	int has_id = find(h, n, NAMES("id", "name", "label", "title")) >= 0 ||
		     find(h, n, LEADER_IDS) >= 0 || find(h, n, STATE_IDS) >= 0;
	int group = find(h, n, GROUP_IDS), member = find(h, n, MEMBER_COLS);
	/* a meetings.csv holding meeting nodes (an id, no ends) is a node table */
	/* not a node table with a group column (id,name,group_id): those have
	 * an id column or a file name that says nodes */
	if (!pair && list_p < 0 && list_a < 0 && group >= 0 && member >= 0 &&
	    find(h, n, NAMES("id")) < 0 && !nodeish_filename(base)) {
		t->role = T_GROUPS;
		c[C_GROUP_ID] = group;
		t->alliance_col = starts(h[group], "allian");
		t->meeting_col = starts(h[group], "meeting");
		c[C_LIST] = member;
		c[C_KIND] =
			find(h, n, NAMES("kind", "type", "ss_type", "alliance_type", "category"));
		t->member_guess = strstr(h[member], "state") || strstr(h[member], "country")
					  ? rg_model_intern_z(t->m, "country")
				  : t->meeting_col ? rg_model_intern_z(t->m, "leader")
						   : 0;
		c[C_DATE] = find(h, n, NAMES("date"));
		c[C_START] = find(h, n, NAMES("start", "start_date", "since", "begin"));
		c[C_END] = find(h, n, NAMES("end", "end_date", "until"));
		find_ymd(t, h, n);
		return;
	}
	if (list_p >= 0 || (starts(base, "meeting") && (pair || !has_id))) {
		t->role = T_MEETINGS;
		c[C_LIST] = list_p;
	} else if (list_a >= 0 || starts(base, "agreement") || starts(base, "treat")) {
		t->role = T_AGREEMENTS;
		c[C_LIST] = list_a >= 0 ? list_a : find(h, n, NAMES("members", "signatories"));
	} else if (pair) {
		t->role = T_EDGES;
	} else if (has_id) {
		t->role = T_NODES;
	} else {
		t->role = T_UNKNOWN;
		return;
	}
	if (pair && t->role != T_AGREEMENTS) {
		c[C_A] = a;
		c[C_B] = b;
		c[C_ATYPE] = find_type_of(h, n, a);
		c[C_BTYPE] = find_type_of(h, n, b);
	}
	/* a column the mapping calls leader (or statenme ...) is the id of a
	 * node table of leaders (countries), beside any label */
	int lead = t->mapped ? find_in(t->mapped, h, n, LEADER_IDS) : -1;
	int state = t->mapped ? find_in(t->mapped, h, n, STATE_IDS) : -1;
	if (lead >= 0 && !t->mapped[lead])
		lead = -1;
	if (state >= 0 && !t->mapped[state])
		state = -1;
	if (t->role == T_NODES && (lead >= 0 || state >= 0) &&
	    find_in(t->mapped, h, n, NAMES("id")) < 0) {
		c[C_ID] = lead >= 0 ? lead : state;
		c[C_LABEL] = find(h, n, NAMES("label", "name", "title"));
		t->default_kind = rg_model_intern_z(t->m, lead >= 0 ? "leader" : "country");
	} else if (t->role == T_NODES || t->role == T_AGREEMENTS) {
		c[C_ID] = find(h, n, NAMES("id", "name", "label", "title", "agreement"));
		c[C_LABEL] = find(h, n, NAMES("label", "name", "title"));
		if (c[C_LABEL] == c[C_ID])
			c[C_LABEL] = -1;
		if (c[C_ID] < 0 && t->role == T_NODES) {
			/* Wikidata: officeholder is the id, officeholderLabel the name */
			c[C_ID] = find(h, n, LEADER_IDS);
			c[C_LABEL] = find_label_of(h, n, c[C_ID]);
			t->default_kind = rg_model_intern_z(t->m, "leader");
		}
		if (c[C_ID] < 0 && t->role == T_NODES) {
			c[C_ID] = find(h, n, STATE_IDS);
			t->default_kind = rg_model_intern_z(t->m, "country");
		}
	} else {
		/* an edge's id (Gephi) is not drawn; its label is */
		c[C_ID] = find(h, n, NAMES("id"));
		c[C_LABEL] = find(h, n, NAMES("label"));
	}
	if (t->role == T_NODES || t->role == T_AGREEMENTS)
		c[C_KIND] = find(h, n, NAMES("kind", "type", "category"));
	else
		c[C_KIND] = find(h, n,
				 NAMES("kind", "relation", "relationship", "relation_type",
				       "connection", "type", "category"));
	t->kind_is_type = c[C_KIND] >= 0 && strcmp(h[c[C_KIND]], "type") == 0;
	c[C_GROUP] = find(h, n, NAMES("group"));
	c[C_COUNTRY] = find(h, n, NAMES("country"));
	c[C_URL] = find(h, n, NAMES("url", "link", "website", "href"));
	c[C_DESC] = find(h, n, NAMES("description", "desc"));
	c[C_DATE] = find(h, n, NAMES("date", "at", "when", "timestamp"));
	c[C_START] = find(h, n, NAMES("start", "start_date", "startdate", "since", "begin"));
	c[C_END] = find(h, n, NAMES("end", "end_date", "enddate", "until"));
	if (t->role == T_NODES && c[C_START] < 0 && c[C_END] < 0) {
		c[C_START] = find(h, n, NAMES("from"));
		c[C_END] = find(h, n, NAMES("to"));
	}
	if (t->role == T_EDGES && pair && strcmp(h[a], "from") != 0 && c[C_START] < 0) {
		c[C_START] = find(h, n, NAMES("from")); /* Onodo: Source,Target,...,From,To */
		c[C_END] = find(h, n, NAMES("to"));
	}
	c[C_WEIGHT] = find(h, n, NAMES("weight", "value", "strength"));
	c[C_COUNT] = find(h, n, NAMES("count", "times"));
	c[C_DIRECTED] = find(h, n, NAMES("directed"));
	c[C_DIRECTION] = find(h, n, NAMES("direction"));
	if (t->role == T_NODES || t->role == T_AGREEMENTS) {
		c[C_WEIGHT] = c[C_COUNT] = c[C_DIRECTED] = c[C_DIRECTION] = -1;
	}
	if (t->role != T_NODES)
		c[C_COUNTRY] = c[C_GROUP] = -1;
	else
		c[C_OFFICE] = find(h, n, NAMES("positionlabel", "position", "office"));
	find_ymd(t, h, n);
}

static void table_err(table *t, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void table_err(table *t, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vadd(t->d, RG_ERROR, 0, t->file, line, col, fmt, ap);
	va_end(ap);
	t->failed = 1;
}

/* Where a mapping's column is not in the file: the file's headers
 * closest to it, else the first of them, for the message. */
static char *header_list(const rg_row *row, const char *want)
{
	enum { SHOWN = 12, NEAR = 2 };
	const char **heads = rg_xcalloc(row->nfields, sizeof *heads);
	for (size_t i = 0; i < row->nfields; i++)
		heads[i] = row->fields[i].s;
	size_t near[NEAR];
	const char *names[NEAR];
	size_t nn = rg_nearest(want, heads, row->nfields, near, NEAR);
	for (size_t i = 0; i < nn; i++)
		names[i] = heads[near[i]];
	free(heads);
	if (nn)
		return rg_did_you_mean(names, nn, "");
	rg_buf cols = {0};
	rg_buf_puts(&cols, " (its columns: ");
	for (size_t i = 0; i < row->nfields && i < SHOWN; i++)
		rg_buf_printf(&cols, "%s%s", i ? ", " : "", row->fields[i].s);
	rg_buf_puts(&cols, row->nfields > SHOWN ? ", ...)" : ")");
	return cols.s;
}

/* One column of a mapping applied to the header h (mapping.h): the
 * header it lists renamed to its role (mapped 1) or dropped (2), or, for
 * a virtual column, a column added at h[*n]. */
static void map_column(table *t, const rg_row *row, char **h, size_t *n, const rg_map_table *mt,
		       rg_map_col *c)
{
	int j = -1;
	for (size_t i = 0; i < row->nfields && j < 0 && !c->virt; i++)
		for (size_t k = 0; k < c->nkeys && j < 0; k++)
			if (strcmp(t->mapped[i] ? t->orig[i] : h[i], c->keys[k]) == 0)
				j = (int)i;
	if (j < 0 && !c->virt) {
		if (mt->url) {
			char *cols = header_list(row, c->title);
			rg_error(t->d, mt->file, c->line, c->col, "'%s' is not a column of %s%s",
				 c->title, t->file, cols);
			free(cols);
			t->failed = 1;
		}
		return;
	}
	c->hits += !c->virt;
	if (j >= 0 && t->mapped[j])
		return; /* an earlier mapping said what it is */
	/* a role an earlier mapping gave another column stays that one's */
	for (size_t i = 0; i < *n && c->role && *c->role; i++)
		if (t->mapped[i] == 1 && strcmp(h[i], c->role) == 0)
			return;
	if (c->virt) {
		h[*n] = rg_xstrdup(c->role);
		t->names[*n] = rg_model_intern_z(t->m, c->role);
		t->mapped[*n] = 1;
		t->defaults[(*n)++] = c->def;
		return;
	}
	t->orig[j] = h[j];
	t->mapped[j] = !c->role ? 3 : !*c->role ? 2 : 1;
	t->defaults[j] = c->def;
	if (c->role)
		h[j] = rg_xstrdup(c->role);
	else
		h[j] = rg_xstrdup(h[j]);
}

/* The mappings of this file, first the one that wins; returns the
 * number of columns, the file's and the virtual ones. */
static size_t apply_mapping(table *t, const rg_row *row, char **h, rg_map_table **mt, size_t nmt)
{
	size_t n = row->nfields;
	for (size_t k = 0; k < nmt; k++)
		for (size_t i = 0; i < mt[k]->ncols; i++)
			map_column(t, row, h, &n, mt[k], &mt[k]->cols[i]);
	for (size_t i = 0; i < n; i++)
		if (t->mapped[i] == 2)
			h[i][0] = '\0'; /* dropped: matches no column relgraph knows */
	return n;
}

/* Columns with a role, by the name docs/FORMAT.md gives them first, and
 * the tables they belong to (a mask of 1 << role): a header a typo away
 * from one whose role the table lacks is most likely that one, misspelt
 * ('dat' for 'date' leaves every meeting undated). */
static void suggest_headers(table *t, const rg_row *row)
{
	enum { ALL = 0x1F, NODES = 1 << T_NODES | 1 << T_UNKNOWN | 1 << T_AGREEMENTS };
	enum { RELS = 1 << T_EDGES | 1 << T_MEETINGS | 1 << T_UNKNOWN };
	static const struct {
		const char *name;
		int slot, roles;
	} known[] = {
		{"name", C_ID, NODES},
		{"label", C_LABEL, ALL},
		{"kind", C_KIND, ALL},
		{"relation", C_KIND, 1 << T_EDGES | 1 << T_UNKNOWN},
		{"group", C_GROUP, 1 << T_NODES | 1 << T_UNKNOWN},
		{"country", C_COUNTRY, 1 << T_NODES | 1 << T_UNKNOWN},
		{"description", C_DESC, ALL},
		{"date", C_DATE, ALL},
		{"start", C_START, ALL},
		{"end", C_END, ALL},
		{"participants", C_LIST, 1 << T_MEETINGS | 1 << T_UNKNOWN},
		{"parties", C_LIST, 1 << T_AGREEMENTS | 1 << T_UNKNOWN},
		{"source", C_A, 1 << T_UNKNOWN},
		{"target", C_B, 1 << T_UNKNOWN},
		{"weight", C_WEIGHT, RELS},
		{"count", C_COUNT, RELS},
		{"directed", C_DIRECTED, RELS},
	};
	enum { NKNOWN = sizeof known / sizeof *known, MIN_HEADER = 3 };
	const char *open[NKNOWN];
	for (size_t k = 0; k < NKNOWN; k++)
		open[k] = (known[k].roles >> t->role & 1) && t->col[known[k].slot] < 0
				  ? known[k].name
				  : NULL;
	for (size_t i = 0; i < row->nfields; i++) {
		const rg_field *f = &row->fields[i];
		if (t->used[i] || f->len < MIN_HEADER || (t->mapped && t->mapped[i]))
			continue; /* a column a mapping lists is what it says */
		/* the known names are folded already: fold the header once */
		char *h = rg_fold(f->s);
		size_t k = 0, at = NKNOWN;
		/* a column named as one with a role elsewhere is no typo, nor
		 * is one that adds to such a name (description1, date_added) */
		while (k < NKNOWN && strncmp(h, known[k].name, strlen(known[k].name)) != 0)
			k++;
		int best = 0;
		for (size_t c = 0; k == NKNOWN && c < NKNOWN; c++) {
			int score = open[c] ? rg_match_folded(h, open[c]) : 0;
			if (score > best) {
				best = score;
				at = c;
			}
		}
		free(h);
		if (at == NKNOWN)
			continue;
		rg_warn(t->d, t->file, f->line, f->col,
			"column '%s' is none that relgraph reads, so it is kept as an attribute; "
			"did you mean '%s'?",
			f->s, open[at]);
		open[at] = NULL; /* one column for each */
	}
}

static int header(table *t, const rg_row *row)
{
	if (row->nfields > MAXCOLS) {
		table_err(t, row->line, 1, "%zu columns is more than relgraph reads (%d)",
			  row->nfields, MAXCOLS);
		return 1;
	}
	rg_map_table **mt;
	int broken;
	size_t nmt = rg_mapping_tables(rg_model_mapping(t->m), t->path ? t->path : "-", t->d, &mt,
				       &broken);
	if (broken) {
		t->failed = 1; /* its mapping's mistakes are reported */
		return 1;
	}
	size_t room = row->nfields;
	for (size_t k = 0; k < nmt; k++)
		room += mt[k]->ncols; /* at most this many virtual columns */
	t->ncols = t->nfile_cols = row->nfields;
	char **h = rg_xcalloc(room, sizeof *h);
	t->names = rg_xcalloc(room, sizeof *t->names);
	t->used = rg_xcalloc(room, 1);
	int stop = 0;
	for (size_t i = 0; i < row->nfields; i++) {
		h[i] = norm(row->fields[i].s);
		t->names[i] = rg_model_intern(t->m, row->fields[i].s, row->fields[i].len);
	}
	/* duplicate names, through a hash of the normalised names: headers
	 * may have many thousand columns */
	size_t cap = 16;
	while (cap < 2 * row->nfields)
		cap *= 2;
	size_t *seen = rg_xcalloc(cap, sizeof *seen); /* column + 1 */
	for (size_t i = 0; i < row->nfields; i++) {
		if (!h[i][0])
			continue;
		size_t k = rg_hash(h[i], strlen(h[i])) & (cap - 1);
		while (seen[k] && strcmp(h[seen[k] - 1], h[i]) != 0)
			k = (k + 1) & (cap - 1);
		if (seen[k])
			table_err(t, row->line, row->fields[i].col,
				  "duplicate column '%s' (also column %zu)", row->fields[i].s,
				  seen[k]);
		else
			seen[k] = i + 1;
	}
	free(seen);
	if (nmt) {
		t->mapped = rg_xcalloc(room, 1);
		t->defaults = rg_xcalloc(room, sizeof *t->defaults);
		t->orig = rg_xcalloc(room, sizeof *t->orig);
		t->ncols = apply_mapping(t, row, h, mt, nmt);
		for (size_t i = 0; i < t->ncols; i++)
			if (t->mapped[i] == 2)
				t->used[i] = 1;
	}
	classify(t, h, t->ncols);
	if (t->pair_by_shape && t->role != T_NODES && t->role != T_AGREEMENTS)
		rg_lint(t->d, t->file, row->line, row->fields[t->col[C_A]].col,
			"reading columns '%s' and '%s' as the two ends of each edge",
			row->fields[t->col[C_A]].s, row->fields[t->col[C_B]].s);
	switch (t->role) {
	case T_UNKNOWN: {
		rg_buf cols = {0};
		for (size_t i = 0; i < row->nfields && i < 8; i++)
			rg_buf_printf(&cols, "%s%s", i ? ", " : "", row->fields[i].s);
		if (row->nfields > 8)
			rg_buf_puts(&cols, ", ...");
		table_err(t, row->line, 1,
			  "cannot tell what this table holds (columns: %s): a node table needs an "
			  "id or name column, an edge table source and target columns; rename "
			  "them, or say what they are with --map or a metadata file (see "
			  "docs/FORMAT.md, \"Column mappings\")",
			  cols.s);
		free(cols.s);
		stop = 1;
		break;
	}
	case T_MEETINGS:
		if (t->col[C_LIST] < 0 && t->col[C_A] < 0) {
			table_err(t, row->line, 1,
				  "a meetings table needs a participants column or two columns "
				  "a,b (or leader_a,leader_b)");
			stop = 1;
		}
		t->default_kind = rg_model_intern_z(t->m, "met");
		break;
	case T_AGREEMENTS:
		if (t->col[C_ID] < 0 || t->col[C_LIST] < 0) {
			table_err(t, row->line, 1,
				  "an agreements table needs a name column and a parties column");
			stop = 1;
		}
		t->default_kind = rg_model_intern_z(t->m, "signed");
		break;
	case T_EDGES: t->default_kind = rg_model_intern_z(t->m, "related"); break;
	case T_NODES: {
		rg_model_saw_node_table(t->m);
		const char *k = kind_from_filename(t->base);
		if (k || !t->default_kind)
			t->default_kind = rg_model_intern_z(t->m, k ? k : "other");
		break;
	}
	case T_GROUPS: {
		const char *g = rg_model_str(t->m, t->names[t->col[C_GROUP_ID]]);
		int alliance = starts(t->base, "allian") || strncasecmp(g, "allian", 6) == 0 ||
			       t->alliance_col;
		t->default_kind = rg_model_intern_z(t->m, t->meeting_col ? "met"
							  : alliance	 ? "alliance"
									 : "same group");
		break;
	}
	}
	for (int k = 0; k < C_NCOLS; k++)
		if (t->col[k] >= 0 && k != C_OFFICE)
			t->used[t->col[k]] = 1;
	for (int r = 0; r < 3; r++)
		for (int k = 0; k < 3; k++)
			if (t->ymd[r][k] >= 0)
				t->used[t->ymd[r][k]] = 1;
	suggest_headers(t, row);
	for (size_t i = 0; i < t->ncols; i++) {
		free(h[i]);
		if (t->orig)
			free(t->orig[i]);
	}
	free(h);
	free(t->orig);
	t->orig = NULL;
	return stop;
}

static const rg_field *field(const table *t, const rg_row *row, int k)
{
	return t->col[k] >= 0 ? &row->fields[t->col[k]] : NULL;
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* *s and *n narrowed to the text without surrounding white space. */
static void trim(const char **s, size_t *n)
{
	while (*n && blank(**s))
		(*s)++, (*n)--;
	while (*n && blank((*s)[*n - 1]))
		(*n)--;
}

/* Interns the field's text without surrounding white space. */
static rg_str trimmed(rg_model *m, const char *s, size_t n)
{
	trim(&s, &n);
	return rg_model_intern(m, s, n);
}

/* 1 if the n bytes at s may hold white space other than ASCII: a quick
 * look before the UTF-8 one of rg_odd_spaces. */
static int maybe_odd(const char *s, size_t n)
{
	for (const unsigned char *p = (const unsigned char *)s; n--; p++)
		if (*p >= 0x80)
			return 1;
	return 0;
}

/* A name, trimmed.  One with a non-breaking or other odd space in it
 * looks like the name with plain spaces and would be another entity: it
 * is read with plain spaces, and a warning shows what was there
 * ('Xi\u00A0Jinping'). */
static rg_str name_text(table *t, const char *s, size_t n, const rg_field *where)
{
	rg_str x = trimmed(t->m, s, n);
	/* the field's bytes, in the cache, not the interned copy, which may
	 * not be */
	if (!x || !maybe_odd(s, n))
		return x;
	const char *v = rg_model_str(t->m, x);
	if (!rg_odd_spaces(v))
		return x;
	char *plain = rg_plain_spaces(v), *shown = rg_show_spaces(v);
	rg_lint_about(t->d, "name with odd white space|names with odd white space", t->file,
		      where->line, where->col, "'%s' read as '%s': its white space made plain",
		      shown, plain);
	x = trimmed(t->m, plain, strlen(plain));
	free(plain);
	free(shown);
	return x;
}

static rg_str text(table *t, const rg_row *row, int k)
{
	const rg_field *f = field(t, row, k);
	return f ? trimmed(t->m, f->s, f->len) : 0;
}

/* Kinds are compared lower case: Person and person are one kind. */
static rg_str kind_text(table *t, const char *s, size_t n)
{
	char *low = rg_xstrndup(s, n);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	rg_str k = trimmed(t->m, low, strlen(low));
	free(low);
	return k;
}

/* A whole number of at most digits digits in f, 0 for an empty field, -1
 * for anything else. */
static long part(const rg_field *f, int digits)
{
	const char *s = f->s;
	size_t n = f->len;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return 0;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || (int)i >= digits)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A date split over year, month and day columns (see find_ymd). */
static int ymd_field(table *t, const rg_row *row, const int *c, rg_date *out)
{
	const rg_field *yf = &row->fields[c[0]];
	long y = part(yf, 4);
	long mo = c[1] >= 0 ? part(&row->fields[c[1]], 2) : 0;
	long d = c[2] >= 0 ? part(&row->fields[c[2]], 2) : 0;
	if (!y && !mo && !d)
		return 0;
	char buf[64];
	if (mo > 0 && d > 0)
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)y, (int)mo, (int)d);
	else if (mo > 0 && !d)
		snprintf(buf, sizeof buf, "%04d-%02d", (int)y, (int)mo);
	else
		snprintf(buf, sizeof buf, "%04d", (int)y);
	if (y <= 0 || mo < 0 || d < 0 || (d && !mo) || rg_date_parse(buf, out) != 0) {
		table_err(t, yf->line, yf->col, "year '%s', month '%s', day '%s' are not a date",
			  yf->s, c[1] >= 0 ? row->fields[c[1]].s : "",
			  c[2] >= 0 ? row->fields[c[2]].s : "");
		*out = (rg_date){0, 0, 0};
		return -1;
	}
	return 0;
}

/* Dates are parsed from the field's bytes, not interned: a dated table
 * has a date on every row, and none of them is shown as text. */
#define DATE_BUF 64

static int date_field(table *t, const rg_row *row, int k, rg_date *out)
{
	const rg_field *f = field(t, row, k);
	*out = (rg_date){0, 0, 0};
	if (!f && t->ymd[k - C_DATE][0] >= 0)
		return ymd_field(t, row, t->ymd[k - C_DATE], out);
	if (!f)
		return 0;
	const char *s = f->s;
	size_t n = f->len;
	trim(&s, &n);
	if (!n)
		return 0;
	char buf[DATE_BUF];
	char *v = n < sizeof buf ? buf : rg_xmalloc(n + 1);
	memcpy(v, s, n);
	v[n] = '\0';
	int bad = rg_date_parse(v, out) != 0;
	if (bad)
		table_err(t, f->line, f->col,
			  "'%s' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)", v);
	if (v != buf)
		free(v);
	return bad ? -1 : 0;
}

/* Reads date, start and end into a span: a single date is a one-day (or
 * one-month, one-year) span. */
static int span_fields(table *t, const rg_row *row, rg_span *w)
{
	rg_date date, start, end;
	int bad = date_field(t, row, C_DATE, &date) | date_field(t, row, C_START, &start) |
		  date_field(t, row, C_END, &end);
	w->start = start.year ? start : date;
	w->end = end.year ? end : date;
	if (!bad && w->start.year && w->end.year &&
	    rg_date_last_day(w->end) < rg_date_first_day(w->start)) {
		const rg_field *f = field(t, row, C_END);
		table_err(t, row->line, f ? f->col : 1, "end date is before start date");
		bad = -1;
	}
	return bad;
}

/* The value of column col in this row, through the column's memo: the
 * last bytes seen there and what they gave.  kinds asks for kind_text's
 * lower-cased value, with a memo of its own. */
static rg_str memo_value(table *t, size_t col, const rg_field *f, int kinds)
{
	if (!f->len)
		return 0; /* what trimmed and kind_text give an empty field */
	struct memo **all = kinds ? &t->kind_memo : &t->memo;
	if (!*all)
		*all = rg_xcalloc(t->ncols ? t->ncols : 1, sizeof **all);
	struct memo *c = &(*all)[col];
	if (c->bytes && c->len == f->len && memcmp(c->bytes, f->s, f->len) == 0)
		return c->value;
	if (f->len > c->cap) {
		c->cap = f->len < 64 ? 64 : f->len;
		free(c->bytes);
		c->bytes = rg_xmalloc(c->cap);
	}
	memcpy(c->bytes, f->s, f->len);
	c->len = f->len;
	return c->value = kinds ? kind_text(t, f->s, f->len) : trimmed(t->m, f->s, f->len);
}

static rg_str memo_intern(table *t, size_t col, const rg_field *f)
{
	return memo_value(t, col, f, 0);
}

/* kind_text of column k of the row (0 when the table has no such column) */
static rg_str kind_of(table *t, const rg_row *row, int k)
{
	return t->col[k] >= 0 ? memo_value(t, (size_t)t->col[k], &row->fields[t->col[k]], 1) : 0;
}

static void add_attrs(table *t, const rg_row *row, uint32_t *attr0, uint32_t *nattr)
{
	*attr0 = (uint32_t)rg_model_nattrs(t->m);
	*nattr = 0;
	for (size_t i = 0; i < row->nfields; i++) {
		if (t->used[i] || !t->names[i] || row->fields[i].len == 0)
			continue;
		rg_str v = memo_intern(t, i, &row->fields[i]);
		if (v) {
			rg_model_add_attr(t->m, t->names[i], v);
			(*nattr)++;
		}
	}
}

static rg_loc loc(const table *t, const rg_field *f, const rg_row *row)
{
	rg_loc l = {t->fileno, (uint32_t)row->line, f ? (uint32_t)f->col : 1};
	return l;
}

static int truthy(const char *v)
{
	return rg_strieq(v, "1") || rg_strieq(v, "true") || rg_strieq(v, "yes") ||
	       rg_strieq(v, "directed") || rg_strieq(v, "y");
}

/* Links in the output may only lead to web pages, mail or relative paths:
 * a javascript: or data: link in an SVG would run in the reader's page. */
static int safe_url(const char *u)
{
	size_t scheme = strcspn(u, ":/?#");
	if (u[scheme] != ':')
		return 1; /* relative */
	/* schemes are case-insensitive: HTTPS:// is https:// */
	return (scheme == 4 && strncasecmp(u, "http", 4) == 0) ||
	       (scheme == 5 && strncasecmp(u, "https", 5) == 0) ||
	       (scheme == 6 && strncasecmp(u, "mailto", 6) == 0);
}

static rg_str url_field(table *t, const rg_row *row)
{
	rg_str u = text(t, row, C_URL);
	if (u && !safe_url(rg_model_str(t->m, u))) {
		const rg_field *f = field(t, row, C_URL);
		rg_warn(t->d, t->file, row->line, f->col,
			"link '%s' left out: only http, https, mailto and relative links are kept",
			rg_model_str(t->m, u));
		return 0;
	}
	return u;
}

/* The span of an entity declared by several rows (a leader's two terms)
 * holds all of them; an open side of any row stays open. */
static void widen_span(rg_span *e, rg_span w)
{
	if (!w.start.year && !w.end.year)
		return;
	if (!e->start.year && !e->end.year) {
		*e = w;
		return;
	}
	if (!w.start.year || (e->start.year && rg_date_cmp_lo(w.start, e->start) < 0))
		e->start = w.start;
	if (!w.end.year || (e->end.year && rg_date_cmp_hi(w.end, e->end) > 0))
		e->end = w.end;
}

static void node_row(table *t, const rg_row *row)
{
	const rg_field *idf = field(t, row, C_ID);
	rg_str id = name_text(t, idf->s, idf->len, idf);
	if (!id) {
		table_err(t, row->line, idf->col, "empty id: every node needs a name");
		return;
	}
	rg_str kind = kind_of(t, row, C_KIND);
	if (!kind)
		kind = t->default_kind;
	/* a row with a bad date still declares its name: its uses elsewhere
	 * are not "declared in no node table" (the error is reported) */
	rg_span when;
	int bad = span_fields(t, row, &when);
	uint32_t i = rg_model_declare(t->m, id, kind, loc(t, idf, row), t->d);
	if (i == RG_NONE) {
		t->failed = 1;
		return;
	}
	if (bad)
		return;
	rg_entity *e = rg_model_entity_mut(t->m, i);
	int fresh = e->where.file == t->fileno && e->where.line == (uint32_t)row->line;
#define FILL(field_, k)                                                                            \
	do {                                                                                       \
		if (!e->field_)                                                                    \
			e->field_ = text(t, row, k);                                               \
	} while (0)
	FILL(label, C_LABEL);
	FILL(group, C_GROUP);
	FILL(country, C_COUNTRY);
	if (!e->url)
		e->url = url_field(t, row);
	FILL(description, C_DESC);
#undef FILL
	widen_span(&e->when, when);
	if (when.start.year || when.end.year)
		rg_model_add_period(t->m, i, when);
	if (fresh)
		add_attrs(t, row, &e->attr0, &e->nattr);
	rg_str country = text(t, row, C_COUNTRY);
	if (country)
		rg_model_add_country_row(t->m, i, country, text(t, row, C_OFFICE), when,
					 loc(t, field(t, row, C_COUNTRY), row));
}

/* Splits a list cell at any of the separators seps into trimmed,
 * interned names, kept in t->list (reused from row to row).  Returns how
 * many were found. */
/* seps: one or two separator characters */
static size_t split_list(table *t, const rg_field *f, const char *seps)
{
	size_t n = 0;
	const char *s = f->s, *end = f->s + f->len;
	while (s <= end) {
		const char *p = s;
		while (p < end && *p != seps[0] && (!seps[1] || *p != seps[1]))
			p++;
		rg_str x = name_text(t, s, (size_t)(p - s), f);
		if (x) {
			if (n == t->list_cap) {
				t->list_cap = t->list_cap ? 2 * t->list_cap : 16;
				t->list = rg_xrealloc(t->list, t->list_cap * sizeof *t->list);
			}
			t->list[n++] = x;
		}
		s = p + 1;
	}
	return n;
}

static uint32_t count_field(table *t, const rg_row *row)
{
	const rg_field *f = field(t, row, C_COUNT);
	if (!f || !f->len)
		return 1;
	char *endp;
	errno = 0;
	long v = strtol(f->s, &endp, 10);
	while (*endp == ' ' || *endp == '\t')
		endp++;
	if (endp == f->s || *endp || errno || v < 1 || v > 1000000) {
		table_err(t, f->line, f->col, "count '%s' is not a whole number from 1 up", f->s);
		return 0;
	}
	return (uint32_t)v;
}

static int weight_field(table *t, const rg_row *row, double *w)
{
	const rg_field *f = field(t, row, C_WEIGHT);
	*w = 1;
	if (!f || !f->len)
		return 0;
	char *endp;
	errno = 0;
	double v = strtod(f->s, &endp);
	if (*endp == ',' && !strchr(endp + 1, ',')) {
		/* a decimal comma, as semicolon-separated files write them */
		char *dot = rg_xstrdup(f->s);
		dot[endp - f->s] = '.';
		char *e2;
		v = strtod(dot, &e2);
		endp = (char *)f->s + (e2 - dot);
		free(dot);
	}
	while (*endp == ' ')
		endp++;
	if (endp == f->s || *endp || errno || !(v >= 0) || v > 1e12) {
		table_err(t, f->line, f->col, "weight '%s' is not a number of 0 or more", f->s);
		return -1;
	}
	*w = v;
	return 0;
}

static rg_relation *relation(table *t, const rg_row *row, rg_str a, rg_str b, const rg_field *where,
			     const rg_field *bwhere)
{
	rg_relation *r = rg_model_add_relation(t->m);
	r->aname = a;
	r->bname = b;
	r->where = loc(t, where, row);
	r->bcol = loc(t, bwhere, row).col;
	return r;
}

/* A summit's node: named by its occasion or place and date. */
static uint32_t summit(table *t, const rg_row *row, rg_span when, uint32_t attr0, uint32_t nattr,
		       const rg_field *where)
{
	rg_str what = rg_model_attr(t->m, attr0, nattr, "occasion");
	if (!what)
		what = rg_model_attr(t->m, attr0, nattr, "place");
	char d[11];
	rg_date_format(when.start.year ? when.start : when.end, d);
	rg_buf id = {0};
	if (what)
		rg_buf_puts(&id, rg_model_str(t->m, what));
	else
		rg_buf_printf(&id, "meeting of %s:%ld", t->file, row->line);
	if (*d)
		rg_buf_printf(&id, ", %s", d);
	uint32_t i = rg_model_declare(t->m, rg_model_intern(t->m, id.s, id.len),
				      rg_model_intern_z(t->m, "meeting"), loc(t, where, row), t->d);
	free(id.s);
	if (i != RG_NONE) {
		rg_entity *e = rg_model_entity_mut(t->m, i);
		if (!e->nattr) {
			e->attr0 = attr0;
			e->nattr = nattr;
			e->when = when;
		}
	}
	return i;
}

static void meeting_row(table *t, const rg_row *row)
{
	const rg_field *where = field(t, row, C_LIST);
	size_t n = split_list(t, where, ";|");
	rg_str *names = t->list;
	if (n < 2) {
		table_err(t, where->line, where->col,
			  "a meeting needs at least two participants (separate names with ';')");
		return;
	}
	rg_span when;
	uint32_t count = count_field(t, row);
	if (span_fields(t, row, &when) || !count)
		return;
	uint32_t attr0, nattr;
	add_attrs(t, row, &attr0, &nattr);
	rg_str kind = t->default_kind, leader = rg_model_intern_z(t->m, "leader");
	/* past rg_model_event_nodes participants (RG_EVENT_NODES, or
	 * --event-nodes) a meeting is a node of its own joined to each of
	 * them: the pairs of a summit of twenty would be 190 edges nobody can
	 * read (and of two thousand, two million) */
	if (n > rg_model_event_nodes(t->m)) {
		uint32_t hub = summit(t, row, when, attr0, nattr, where);
		if (hub == RG_NONE) {
			t->failed = 1;
			return;
		}
		rg_str hub_id = rg_model_entity(t->m, hub)->id;
		rg_str attended = rg_model_intern_z(t->m, "attended");
		for (size_t i = 0; i < n; i++) {
			rg_relation *r = relation(t, row, names[i], hub_id, where, where);
			r->kind = attended;
			r->when = when;
			r->count = count;
			r->aguess = leader;
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (names[i] == names[j])
				continue;
			rg_relation *r = relation(t, row, names[i], names[j], where, where);
			r->kind = kind;
			r->when = when;
			r->count = count;
			r->attr0 = attr0;
			r->nattr = nattr;
			r->aguess = r->bguess = leader;
		}
}

static void agreement_row(table *t, const rg_row *row)
{
	const rg_field *idf = field(t, row, C_ID);
	rg_str id = name_text(t, idf->s, idf->len, idf);
	if (!id) {
		table_err(t, row->line, idf->col, "empty agreement name");
		return;
	}
	/* declared before its other cells are checked: a row with an error
	 * still makes its name known (no "declared in no node table" after) */
	uint32_t i = rg_model_declare(t->m, id, rg_model_intern_z(t->m, "agreement"),
				      loc(t, idf, row), t->d);
	if (i == RG_NONE) {
		t->failed = 1;
		return;
	}
	const rg_field *lf = field(t, row, C_LIST);
	size_t n = split_list(t, lf, ";|");
	rg_str *names = t->list;
	if (n == 0) {
		table_err(t, lf->line, lf->col,
			  "an agreement needs at least one party (separate names with ';')");
		return;
	}
	rg_span when;
	if (span_fields(t, row, &when))
		return;
	rg_entity *e = rg_model_entity_mut(t->m, i);
	e->label = text(t, row, C_LABEL);
	e->url = url_field(t, row);
	e->description = text(t, row, C_DESC);
	e->when = when;
	add_attrs(t, row, &e->attr0, &e->nattr);
	const rg_field *kf = field(t, row, C_KIND);
	if (kf && kf->len) {
		/* the agreement's own type (treaty, plan, ...) is an attribute */
		rg_model_add_attr(t->m, rg_model_intern_z(t->m, "type"),
				  kind_text(t, kf->s, kf->len));
		e = rg_model_entity_mut(t->m, i);
		if (!e->nattr)
			e->attr0 = (uint32_t)rg_model_nattrs(t->m) - 1;
		e->nattr++;
	}
	rg_str country = rg_model_intern_z(t->m, "country");
	for (size_t k = 0; k < n; k++) {
		rg_relation *r = relation(t, row, names[k], id, lf, idf);
		r->kind = t->default_kind;
		r->when = when;
		r->aguess = country;
	}
}

/* Kinds that name a lasting tie rather than an event: given a date alone
 * they are drawn on that day only, which is seldom what was meant. */
static int lasting(const char *kind)
{
	static const char *const words[] = {
		"member",   "alliance", "allied",  "allies", "leads",	 "leader of", "head of",
		"partner",  "party to", "belongs", "spouse", "married",	 "employ",    "works for",
		"works at", "serves",	"governs", "rules",  "occupies", "part of",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strstr(kind, words[i]))
			return 1;
	return 0;
}

/* Counts a relation of a lasting kind given only a date (see lasting). */
static void note_lasting(table *t, const rg_row *row, rg_str kind)
{
	const rg_field *df = field(t, row, C_DATE), *sf = field(t, row, C_START),
		       *ef = field(t, row, C_END);
	if (!df || !df->len || (sf && sf->len) || (ef && ef->len))
		return;
	struct lasting_memo *lm = &t->lasting_memo[kind % 16];
	if (!lm->kind || lm->kind != kind) {
		lm->kind = kind;
		lm->is = lasting(rg_model_str(t->m, kind));
	}
	if (!lm->is)
		return;
	if (!t->lasting++) {
		t->lasting_kind = kind;
		t->lasting_line = row->line;
		t->lasting_col = df->col;
	}
}

static void edge_row(table *t, const rg_row *row)
{
	const rg_field *af = field(t, row, C_A), *bf = field(t, row, C_B);
	rg_str a = name_text(t, af->s, af->len, af);
	if (!a || !bf->len) {
		table_err(t, row->line, a ? bf->col : af->col,
			  "empty '%s': every edge needs two ends",
			  rg_model_str(t->m, t->names[t->col[a ? C_B : C_A]]));
		return;
	}
	size_t n = split_list(t, bf, "|"); /* Kumu: several targets */
	rg_str *targets = t->list;
	if (n == 0) {
		table_err(t, row->line, bf->col, "empty '%s': every edge needs two ends",
			  rg_model_str(t->m, t->names[t->col[C_B]]));
		return;
	}
	rg_span when;
	double weight;
	uint32_t count = count_field(t, row);
	if (span_fields(t, row, &when) | weight_field(t, row, &weight) || !count)
		return;
	int directed = t->role != T_MEETINGS;
	rg_str kind = t->role == T_MEETINGS ? t->default_kind : 0;
	const rg_field *kf = field(t, row, C_KIND);
	if (kf && kf->len && t->role != T_MEETINGS) {
		rg_str k = kind_of(t, row, C_KIND);
		const char *ks = rg_model_str(t->m, k);
		/* Gephi's Type column says directed or undirected, not a kind. */
		if (t->kind_is_type && (strcmp(ks, "undirected") == 0 || strcmp(ks, "mutual") == 0))
			directed = 0;
		else if (!t->kind_is_type || strcmp(ks, "directed") != 0)
			kind = k;
	}
	const rg_field *df = field(t, row, C_DIRECTED);
	if (df && df->len)
		directed = truthy(df->s);
	const rg_field *dirf = field(t, row, C_DIRECTION);
	if (dirf && dirf->len)
		directed = rg_strieq(dirf->s, "directed");
	if (!kind)
		kind = t->default_kind;
	rg_str at = 0, bt = 0;
	at = kind_of(t, row, C_ATYPE);
	bt = kind_of(t, row, C_BTYPE);
	if (t->role == T_MEETINGS)
		at = bt = rg_model_intern_z(t->m, "leader");
	uint32_t attr0, nattr;
	add_attrs(t, row, &attr0, &nattr);
	rg_str label = text(t, row, C_LABEL);
	note_lasting(t, row, kind);
	for (size_t k = 0; k < n; k++) {
		rg_relation *r = relation(t, row, a, targets[k], af, bf);
		r->kind = kind;
		r->label = label;
		r->when = when;
		r->weight = weight;
		r->count = count;
		r->directed = (unsigned)directed;
		r->attr0 = attr0;
		r->nattr = nattr;
		r->aguess = at;
		r->bguess = bt;
	}
}

/* A membership table's row: kept until every row is read, since the
 * members of one group may lie anywhere in the file. */
static void member_row(table *t, const rg_row *row)
{
	const rg_field *gf = field(t, row, C_GROUP_ID), *mf = field(t, row, C_LIST);
	rg_str g = trimmed(t->m, gf->s, gf->len), who = trimmed(t->m, mf->s, mf->len);
	if (!g || !who) {
		table_err(t, row->line, g ? mf->col : gf->col, "empty '%s': every row names a %s",
			  rg_model_str(t->m, t->names[t->col[g ? C_LIST : C_GROUP_ID]]),
			  g ? "member" : "group");
		return;
	}
	rg_span when;
	if (span_fields(t, row, &when))
		return;
	const rg_field *kf = field(t, row, C_KIND);
	if (t->nmrow == t->capmrow) {
		t->capmrow = t->capmrow ? 2 * t->capmrow : 256;
		t->mrow = rg_xrealloc(t->mrow, t->capmrow * sizeof *t->mrow);
	}
	t->mrow[t->nmrow++] = (struct member_row){g, who, kf ? trimmed(t->m, kf->s, kf->len) : 0,
						  when, loc(t, mf, row)};
}

static int by_group(const void *x, const void *y)
{
	const struct member_row *p = x, *q = y;
	if (p->group != q->group)
		return p->group < q->group ? -1 : 1;
	return (p->where.line > q->where.line) - (p->where.line < q->where.line);
}

static int by_first_line(const void *x, const void *y)
{
	const struct member_row *const *p = x, *const *q = y;
	return ((*p)->where.line > (*q)->where.line) - ((*p)->where.line < (*q)->where.line);
}

/* The time two members were in the group together: the overlap of their
 * spans, an open side open; returns 0 when they never overlapped. */
static int overlap(rg_span a, rg_span b, rg_span *out)
{
	*out = a;
	if (b.start.year && (!a.start.year || rg_date_cmp_lo(b.start, a.start) > 0))
		out->start = b.start;
	if (b.end.year && (!a.end.year || rg_date_cmp_hi(b.end, a.end) < 0))
		out->end = b.end;
	return !out->start.year || !out->end.year ||
	       rg_date_first_day(out->start) <= rg_date_last_day(out->end);
}

/* One group's members, rows g[0..n): each pair related while both were in
 * it, or, past rg_model_event_nodes members (6, or --event-nodes, as for a
 * meeting), a node of its own (an agreement) that
 * each member is a `member of`, as a summit is for its participants. */
static void make_group(table *t, const struct member_row *g, size_t n)
{
	rg_model *m = t->m;
	if (n > rg_model_event_nodes(m)) {
		/* a meeting's node and its attendees, as a meetings table
		 * draws a summit; else an agreement and its members */
		char *id = rg_asprintf(
			"%s %s", t->meeting_col ? "meeting" : rg_model_str(m, t->default_kind),
			rg_model_str(m, g[0].group));
		rg_str gid = rg_model_intern_z(m, id);
		free(id);
		uint32_t e = rg_model_declare(
			m, gid, rg_model_intern_z(m, t->meeting_col ? "meeting" : "agreement"),
			g[0].where, t->d);
		if (e == RG_NONE) {
			t->failed = 1;
			return;
		}
		rg_entity *x = rg_model_entity_mut(m, e);
		for (size_t i = 0; i < n; i++)
			widen_span(&x->when, g[i].when);
		if (g[0].type) {
			x->attr0 = rg_model_add_attr(m, rg_model_intern_z(m, "type"), g[0].type);
			x->nattr = 1;
		}
		for (size_t i = 0; i < n; i++) {
			rg_relation *r = rg_model_add_relation(m);
			r->aname = g[i].member;
			r->bname = gid;
			r->kind = rg_model_intern_z(m, t->meeting_col ? "attended" : "member of");
			r->when = g[i].when;
			r->where = g[i].where;
			/* a meeting's attendees are its first row's, as one
			 * row of a meetings table (stats counts the meetings
			 * two shared by their hub and row) */
			if (t->meeting_col)
				r->where.line = g[0].where.line;
			r->bcol = g[i].where.col;
			r->directed = !t->meeting_col;
			r->aguess = t->member_guess;
		}
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			rg_span w;
			if (g[i].member == g[j].member || !overlap(g[i].when, g[j].when, &w))
				continue;
			rg_relation *r = rg_model_add_relation(m);
			r->aname = g[i].member;
			r->bname = g[j].member;
			r->kind = t->default_kind;
			r->label = g[i].type;
			r->when = w;
			r->where = g[i].where;
			r->bcol = g[j].where.col;
			r->aguess = r->bguess = t->member_guess;
		}
}

/* Every group of a membership table, in the order of their first rows. */
static void make_groups(table *t)
{
	if (!t->nmrow)
		return;
	qsort(t->mrow, t->nmrow, sizeof *t->mrow, by_group);
	struct member_row **first = rg_xmalloc(t->nmrow * sizeof *first);
	size_t ng = 0;
	for (size_t i = 0; i < t->nmrow; i++)
		if (!i || t->mrow[i].group != t->mrow[i - 1].group)
			first[ng++] = &t->mrow[i];
	qsort(first, ng, sizeof *first, by_first_line);
	for (size_t k = 0; k < ng; k++) {
		size_t n = 1;
		while (first[k] + n < t->mrow + t->nmrow && first[k][n].group == first[k][0].group)
			n++;
		make_group(t, first[k], n);
	}
	free(first);
}

static uint32_t line32(long line)
{
	return line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

static void note_dup(table *t, long line, uint32_t first)
{
	if (t->ndups == t->capdups) {
		t->capdups = t->capdups ? 2 * t->capdups : 64;
		t->dups = rg_xrealloc(t->dups, t->capdups * sizeof *t->dups);
	}
	t->dups[t->ndups++] = (struct dup){line32(line), first};
}

/* The line of the first row the duplicate table holds with these hashes,
 * or 0. */
static uint32_t seen_line(const table *t, uint32_t h, uint32_t h2)
{
	if (!t->capseen)
		return 0;
	for (size_t k = h & (t->capseen - 1); t->seen[k].line; k = (k + 1) & (t->capseen - 1))
		if (t->seen[k].hash == h && t->seen[k].hash2 == h2)
			return t->seen[k].line;
	return 0;
}

/* A row that repeats an earlier one to the letter is most often a
 * copy-and-paste slip: check says so (it still counts, as written). */
static void check_duplicate(table *t, const rg_row *row)
{
	/* 32 bits of each of two independent 64-bit hashes of the fields: rows
	 * are not kept, and a false "repeats" would have to fool both (among a
	 * million rows, odds of about 1 in 30 million); 12 bytes a row */
	/* the row's bytes in one piece, fields and the NULs between them
	 * (read.h), so that "a,bc" and "ab,c" differ */
	const rg_field *last = &row->fields[row->nfields - 1];
	uint64_t hh[2];
	rg_hash2(row->fields[0].s, (size_t)(last->s + last->len - row->fields[0].s), hh);
	uint32_t h = (uint32_t)(hh[0] >> 32);
	uint32_t h2 = (uint32_t)hh[1];
	/* at most three quarters full */
	if (4 * (t->nseen + 1) > 3 * t->capseen) {
		size_t cap = t->capseen ? 2 * t->capseen : 1024;
		struct seen *n = rg_xcalloc(cap, sizeof *n);
		for (size_t i = 0; i < t->capseen; i++) {
			if (!t->seen[i].line)
				continue;
			size_t k = t->seen[i].hash & (cap - 1);
			while (n[k].line)
				k = (k + 1) & (cap - 1);
			n[k] = t->seen[i];
		}
		free(t->seen);
		t->seen = n;
		t->capseen = cap;
	}
	size_t k = h & (t->capseen - 1);
	for (; t->seen[k].line; k = (k + 1) & (t->capseen - 1))
		if (t->seen[k].hash == h && t->seen[k].hash2 == h2) {
			if (t->is_part)
				note_dup(t, row->line, t->seen[k].line);
			else
				rg_lint_about(t->d, "repeated row|repeated rows", t->file,
					      row->line, 1, "this row repeats line %ld",
					      (long)t->seen[k].line);
			return;
		}
	t->seen[k].hash = h;
	t->seen[k].hash2 = h2;
	t->seen[k].line = line32(row->line);
	t->nseen++;
}

/* The row with the mapping's defaults in its empty cells and its
 * virtual columns added (in t->ext, reused from row to row). */
static const rg_row *with_defaults(table *t, const rg_row *row, rg_row *ext)
{
	if (!t->ext)
		t->ext = rg_xcalloc(t->ncols, sizeof *t->ext);
	for (size_t i = 0; i < t->ncols; i++) {
		rg_field *f = &t->ext[i];
		if (i < row->nfields)
			*f = row->fields[i];
		else
			*f = (rg_field){"", 0, row->line, 0};
		if (t->defaults[i] && !f->len) {
			f->s = t->defaults[i];
			f->len = strlen(f->s);
		}
	}
	*ext = *row;
	ext->fields = t->ext;
	ext->nfields = t->ncols;
	return ext;
}

static int on_row(void *ctx, const rg_row *row, size_t index)
{
	table *t = ctx;
	rg_model_row_read(t->m, t->file);
	if (index == 0)
		return header(t, row);
	check_duplicate(t, row);
	rg_row ext;
	if (t->defaults)
		row = with_defaults(t, row, &ext);
	switch (t->role) {
	case T_NODES: node_row(t, row); break;
	case T_EDGES: edge_row(t, row); break;
	case T_MEETINGS:
		if (t->col[C_LIST] >= 0)
			meeting_row(t, row);
		else
			edge_row(t, row);
		break;
	case T_AGREEMENTS: agreement_row(t, row); break;
	case T_GROUPS: member_row(t, row); break;
	case T_UNKNOWN: return 1;
	}
	return rg_diags_count(t->d, RG_ERROR) >= RG_DIAGS_MAX;
}

/* How many (undeclared, declared) pairs of names rg_model_near_names
 * compares at most: the first undeclared names, as many as this allows
 * against every declared one (a slip is looked for in hand-made data, not
 * in an export of a million names). */
#define NEAR_NAMES_BUDGET 400000
/* Below this many letters a name found only by edits is no suggestion:
 * Iran is not a typo of Iraq. */
#define NEAR_NAMES_MIN_EDIT 8
/* Near names named at most in one warning. */
#define NEAR_NAMES_SHOWN 3

/* A declared entity, sorted by kind then index for the near names. */
typedef struct {
	rg_str kind;
	size_t i;
} kind_entity;

static int by_kind(const void *a, const void *b)
{
	const kind_entity *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void rg_model_near_names(rg_model *m, rg_diags *d, unsigned char *near)
{
	size_t looks = RG_NEAR_LOOKS_FIRST;
	rg_model_near_names_in(m, d, near, 0, rg_model_nentities(m), &looks);
}

void rg_model_near_names_in(rg_model *m, rg_diags *d, unsigned char *near, size_t from, size_t to,
			    size_t *budget)
{
	size_t nent = rg_model_nentities(m), ndecl = 0;
	for (size_t i = 0; i < nent; i++)
		ndecl += rg_model_entity(m, i)->declared;
	if (*budget == RG_NEAR_LOOKS_FIRST)
		*budget = ndecl ? NEAR_NAMES_BUDGET / ndecl : 0;
	size_t looks = *budget;
	if (ndecl == nent || !looks || from >= to)
		return;
	/* each declared entity twice, by id and by label, the declared ones
	 * only (a look then costs what the budget counts), grouped by kind:
	 * a name is only near one of its own kind (a country named in a
	 * leader's title is no typo of that leader); owner: whose */
	kind_entity *owner = rg_xmalloc(ndecl * sizeof *owner);
	for (size_t i = 0, c = 0; i < nent; i++)
		if (rg_model_entity(m, i)->declared)
			owner[c++] = (kind_entity){rg_model_entity(m, i)->kind, i};
	qsort(owner, ndecl, sizeof *owner, by_kind);
	char **cands = rg_xcalloc(2 * ndecl, sizeof *cands); /* folded */
	for (size_t c = 0; c < ndecl; c++) {
		const rg_entity *e = rg_model_entity(m, owner[c].i);
		cands[2 * c] = rg_fold(rg_model_str(m, e->id));
		cands[2 * c + 1] = e->label ? rg_fold(rg_model_str(m, e->label)) : NULL;
	}
	for (size_t i = from; i < to; i++) {
		const rg_entity *e = rg_model_entity(m, i);
		size_t at[NEAR_NAMES_SHOWN], n = 0, lo = 0, hi = ndecl;
		const char *name = rg_model_str(m, e->id);
		int close = 0;
		if (!e->declared && looks) {
			looks--;
			/* the declared ones of e's kind: owner[lo, hi) */
			while (lo < ndecl && owner[lo].kind < e->kind)
				lo++;
			hi = lo;
			while (hi < ndecl && owner[hi].kind == e->kind)
				hi++;
			char *fname = rg_fold(name);
			n = hi > lo ? rg_nearest_folded(fname, (const char *const *)cands + 2 * lo,
							2 * (hi - lo), at, NEAR_NAMES_SHOWN)
				    : 0;
			close = n &&
				(rg_match_folded(fname, cands[2 * lo + at[0]]) > RG_MATCH_EDITS ||
				 strlen(name) >= NEAR_NAMES_MIN_EDIT);
			free(fname);
		}
		if (!close)
			continue;
		rg_buf msg = {0};
		for (size_t k = 0, shown = 0; k < n; k++) {
			const rg_entity *ne = rg_model_entity(m, owner[lo + at[k] / 2].i);
			size_t j = 0;
			while (j < k && at[j] / 2 != at[k] / 2)
				j++;
			if (j < k)
				continue; /* its id and its label */
			/* as it was matched: by its label (with the id to write,
			 * which tells two of one label apart), or its id */
			const char *file = rg_model_file(m, ne->where.file);
			if (at[k] % 2 && ne->label && ne->label != ne->id)
				rg_buf_printf(&msg, "%s'%s' (id %s, %s:%u)", shown++ ? " or " : "",
					      rg_model_str(m, ne->label), rg_model_str(m, ne->id),
					      file, ne->where.line);
			else
				rg_buf_printf(&msg, "%s'%s' (%s:%u)", shown++ ? " or " : "",
					      rg_model_str(m, ne->id), file, ne->where.line);
		}
		rg_warn(d, rg_model_file(m, e->where.file), e->where.line, e->where.col,
			"'%s' is declared in no node table; did you mean %s?", name, msg.s);
		near[i] = 1;
		free(msg.s);
	}
	for (size_t i = 0; i < 2 * ndecl; i++)
		free(cands[i]);
	free(cands);
	free(owner);
	*budget = looks;
}

/* Rows ahead: every name of the row's name columns (the field trimmed,
 * and each part of a list) starts on its way from memory, and the slot of
 * the row in the duplicate table, so that interning and checking find them
 * in the cache (with names by the hundred thousand they are rarely there).
 * Other columns repeat a few values, which stay in the cache anyway. */
static void ahead(void *ctx, const rg_row *row, int stage)
{
	static const int names[] = {C_ID, C_A, C_B, C_LIST};
	table *t = ctx;
	if (!t->ncols || t->role == T_UNKNOWN)
		return; /* the header is not read yet */
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		int c = t->col[names[k]];
		if (c < 0 || (size_t)c >= row->nfields)
			continue;
		const char *s = row->fields[c].s, *end = s + row->fields[c].len;
		while (s <= end) {
			const char *p = s;
			while (p < end && *p != ';' && *p != '|')
				p++;
			const char *a = s;
			size_t len = (size_t)(p - s);
			trim(&a, &len);
			rg_model_prefetch(t->m, a, len, stage);
			s = p + 1;
		}
	}
	if (stage == 0 && t->capseen && row->nfields) {
		const rg_field *last = &row->fields[row->nfields - 1];
		uint64_t hh[2];
		rg_hash2(row->fields[0].s, (size_t)(last->s + last->len - row->fields[0].s), hh);
		__builtin_prefetch(&t->seen[(uint32_t)(hh[0] >> 32) & (t->capseen - 1)]);
	}
}

static char *lower_base(const char *path)
{
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	char *s = norm(b);
	return s;
}

/* What a table says once all of it is read: a membership table's groups,
 * the hint for lasting ties given a date alone, and whether names it may
 * declare were lost (read is the reader's status). */
static void after_table(table *t, rg_status read)
{
	if (t->role == T_GROUPS)
		make_groups(t);
	if (t->lasting)
		rg_lint(t->d, t->file, t->lasting_line, t->lasting_col,
			"'%s' is a lasting tie, but %zu row%s give%s it only a date, so it is "
			"drawn "
			"as an event on that day; write when it began and ended with start and end "
			"columns",
			rg_model_str(t->m, t->lasting_kind), t->lasting, t->lasting > 1 ? "s" : "",
			t->lasting > 1 ? "" : "s");
	/* a file refused as a whole, or a node table the reader could not
	 * read to its end, may have declared any name */
	if (t->role == T_UNKNOWN ||
	    (read != RG_OK && (t->role == T_NODES || t->role == T_AGREEMENTS)))
		rg_model_declarations_lost(t->m, t->fileno);
}

/* What reading rows leaves in a table: buffers, memos, the duplicate
 * table. */
static void free_row_state(table *t)
{
	free(t->mrow);
	free(t->ext);
	free(t->list);
	free(t->seen);
	free(t->dups);
	for (size_t i = 0; t->memo && i < t->ncols; i++)
		free(t->memo[i].bytes);
	for (size_t i = 0; t->kind_memo && i < t->ncols; i++)
		free(t->kind_memo[i].bytes);
	free(t->memo);
	free(t->kind_memo);
}

/* rg_split_hooks.begin: an edge list (or a meetings table of two name
 * columns) without a column mapping is read in two parts; the second goes
 * to a model of its own, with the same columns, their names interned
 * there.  Its rows stand each on their own and make relations only.  (A
 * meetings table with lists of participants is not: its rows make many
 * relations each and summits' nodes, and measured on two cores it reads
 * faster with its parsing on a second thread, read.c.) */
static const rg_read_hooks *part_begin(void *ctx, rg_diags *pd)
{
	table *t = ctx;
	int rows_alone = t->role == T_EDGES || (t->role == T_MEETINGS && t->col[C_LIST] < 0);
	if (!rows_alone || t->mapped || t->defaults || t->failed || !t->ncols)
		return NULL;
	struct part *p = rg_xcalloc(1, sizeof *p);
	p->m = rg_model_new();
	rg_model_set_event_nodes(p->m, rg_model_event_nodes(t->m));
	table *u = &p->t;
	*u = *t;
	u->m = p->m;
	u->d = pd;
	u->names = rg_xcalloc(t->ncols, sizeof *u->names);
	for (size_t i = 0; i < t->ncols; i++)
		u->names[i] = rg_model_intern_z(p->m, rg_model_str(t->m, t->names[i]));
	u->default_kind = rg_model_intern_z(p->m, rg_model_str(t->m, t->default_kind));
	u->member_guess = rg_model_intern_z(p->m, rg_model_str(t->m, t->member_guess));
	u->mrow = NULL, u->nmrow = u->capmrow = 0;
	u->list = NULL, u->list_cap = 0;
	u->memo = u->kind_memo = NULL;
	u->seen = NULL, u->nseen = u->capseen = 0;
	u->lasting = 0, u->lasting_kind = 0;
	memset(u->lasting_memo, 0, sizeof u->lasting_memo);
	u->part = NULL;
	u->is_part = 1;
	u->dups = NULL, u->ndups = u->capdups = 0;
	p->hooks = (rg_read_hooks){on_row, ahead, u, NULL};
	t->part = p;
	return &p->hooks;
}

static int by_line(const void *a, const void *b)
{
	const struct dup *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

/* The second part's repeated rows as one pass finds them: a row whose
 * first copy in the part has an earlier one in the first part repeats
 * that one.  Returns them in line order (the caller frees them). */
static struct dup *part_dups(const table *t, table *u, size_t *n)
{
	struct dup *cross = NULL;
	size_t ncross = 0, cap = 0;
	for (size_t k = 0; k < u->capseen; k++) {
		uint32_t first =
			u->seen[k].line ? seen_line(t, u->seen[k].hash, u->seen[k].hash2) : 0;
		if (!first)
			continue;
		if (ncross == cap) {
			cap = cap ? 2 * cap : 64;
			cross = rg_xrealloc(cross, cap * sizeof *cross);
		}
		cross[ncross++] = (struct dup){u->seen[k].line, first};
	}
	if (ncross)
		qsort(cross, ncross, sizeof *cross, by_line);
	struct dup *all = rg_xmalloc((ncross + u->ndups + 1) * sizeof *all);
	size_t i = 0, j = 0;
	*n = 0;
	while (i < ncross || j < u->ndups) {
		if (j == u->ndups || (i < ncross && cross[i].line < u->dups[j].line)) {
			all[(*n)++] = cross[i++];
			continue;
		}
		struct dup d = u->dups[j++];
		struct dup key = {d.first, 0};
		const struct dup *x =
			ncross ? bsearch(&key, cross, ncross, sizeof *cross, by_line) : NULL;
		if (x)
			d.first = x->first;
		all[(*n)++] = d;
	}
	free(cross);
	return all;
}

/* rg_split_hooks.end: the second part's relations, strings and problems
 * join the table's, in their place after the first part's. */
static int part_end(void *ctx, int keep, rg_diags *pd)
{
	table *t = ctx;
	struct part *p = t->part;
	table *u = &p->t;
	t->part = NULL;
	if (keep) {
		rg_model_take_part(t->m, p->m);
		size_t ndup;
		struct dup *dup = part_dups(t, u, &ndup);
		/* the part's problems, with its repeated rows in their place */
		rg_diags *all = rg_diags_new();
		size_t k = 0;
		for (size_t i = 0; i <= rg_diags_len(pd); i++) {
			const rg_diag *g = i < rg_diags_len(pd) ? rg_diags_at(pd, i) : NULL;
			for (; k < ndup && (!g || dup[k].line <= g->line); k++)
				rg_lint_about(all, "repeated row|repeated rows", t->file,
					      dup[k].line, 1, "this row repeats line %ld",
					      (long)dup[k].first);
			if (g && g->topic)
				rg_lint_about(all, g->topic, g->file, g->line, g->col, "%s",
					      g->msg);
			else if (g)
				rg_diag_add(all, g->severity, g->flags, g->file, g->line, g->col,
					    "%s", g->msg);
		}
		rg_diags_append(t->d, all);
		rg_diags_free(all);
		free(dup);
		if (u->lasting && !t->lasting) {
			t->lasting_kind =
				rg_model_lookup(t->m, rg_model_str(p->m, u->lasting_kind));
			t->lasting_line = u->lasting_line;
			t->lasting_col = u->lasting_col;
		}
		t->lasting += u->lasting;
	}
	free(u->names);
	free_row_state(u);
	rg_model_free(p->m);
	free(p);
	return keep;
}

static const rg_split_hooks split_hooks = {part_begin, part_end};

static rg_status load(rg_model *m, const char *path, const char *display, const char *data,
		      size_t len, rg_diags *d)
{
	table t;
	memset(&t, 0, sizeof t);
	t.m = m;
	t.d = d;
	t.file = display;
	t.path = path;
	t.fileno = rg_model_add_file(m, display);
	char *base = lower_base(display);
	t.base = base;
	rg_read_hooks hooks = {on_row, ahead, &t, &split_hooks};
	rg_status s = data ? rg_read_csv_mem_with(data, len, display, &hooks, d)
			   : rg_read_csv_with(path, display, &hooks, d);
	after_table(&t, s);
	free_row_state(&t);
	free(base);
	free(t.names);
	free(t.used);
	free(t.mapped);
	free(t.defaults);
	if (s == RG_OK && t.failed)
		s = RG_EDATA;
	return s;
}

rg_status rg_model_load_mem(rg_model *m, const char *name, const char *data, size_t len,
			    rg_diags *d)
{
	return load(m, NULL, name, data ? data : "", len, d);
}

int rg_model_reads_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && rg_strieq(name + n - 4, ".csv");
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

rg_status rg_model_list(const char *path, char ***files, size_t *n, rg_diags *d)
{
	struct stat st;
	*files = NULL;
	*n = 0;
	if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
		rg_error(d, path, 0, 0, "cannot read: %s", strerror(errno));
		return errno == ENOENT ? RG_EUSAGE : RG_ESYS;
	}
	if (strcmp(path, "-") == 0 || !S_ISDIR(st.st_mode)) {
		*files = rg_xmalloc(sizeof **files);
		(*files)[(*n)++] = rg_xstrdup(path);
		return RG_OK;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		rg_error(d, path, 0, 0, "cannot read folder: %s", strerror(errno));
		return RG_ESYS;
	}
	char **names = NULL;
	size_t k = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (!rg_model_reads_file(de->d_name))
			continue;
		names = rg_xrealloc(names, (k + 1) * sizeof *names);
		names[k++] = rg_xstrdup(de->d_name);
	}
	closedir(dir);
	if (k == 0) {
		rg_error(d, path, 0, 0, "no .csv files in this folder");
		free(names);
		return RG_EDATA;
	}
	qsort(names, k, sizeof *names, by_name);
	size_t plen = strlen(path);
	int slash = plen && path[plen - 1] == '/';
	for (size_t i = 0; i < k; i++) {
		char *full = rg_asprintf("%s%s%s", path, slash ? "" : "/", names[i]);
		free(names[i]);
		names[i] = full;
	}
	*files = names;
	*n = k;
	return RG_OK;
}

rg_status rg_model_load_file(rg_model *m, const char *path, rg_diags *d)
{
	if (strcmp(path, "-") == 0)
		return load(m, "-", "<stdin>", NULL, 0, d);
	return load(m, path, path, NULL, 0, d);
}

rg_status rg_model_load(rg_model *m, const char *path, rg_diags *d)
{
	char **files;
	size_t n;
	rg_status worst = rg_model_list(path, &files, &n, d);
	for (size_t i = 0; i < n; i++) {
		rg_status s = rg_model_load_file(m, files[i], d);
		if (s > worst)
			worst = s;
		free(files[i]);
	}
	free(files);
	return worst;
}

char *rg_model_norm_header(const char *s)
{
	return norm(s);
}

/* Every column name a table recognises (classify, find_ymd, the meeting
 * and summit attributes), for a mapping's roles. */
int rg_model_known_column(const char *c)
{
	const char *const *const lists[] = {
		NAMES("id", "name", "label", "title", "agreement", "kind", "type", "category",
		      "relation", "relationship", "relation_type", "connection", "group", "country",
		      "url", "link", "website", "href", "description", "desc"),
		NAMES("date", "at", "when", "timestamp", "start", "start_date", "startdate",
		      "since", "begin", "end", "end_date", "enddate", "until", "from", "to"),
		NAMES("weight", "value", "strength", "count", "times", "directed", "direction",
		      "positionlabel", "position", "office", "ss_type", "alliance_type"),
		NAMES("participants", "attendees", "parties", "signatories", "members", "format",
		      "place", "occasion"),
		NAMES("source", "target", "a", "b", "leader_a", "leader_b", "entity_a", "entity_b",
		      "entity1", "entity2", "entity1_id", "entity2_id", "node1", "node2",
		      "source_id", "target_id", "from_id", "to_id"),
		LEADER_IDS,
		STATE_IDS,
		GROUP_IDS,
		MEMBER_COLS,
	};
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
		for (const char *const *k = lists[l]; *k; k++)
			if (strcmp(c, *k) == 0)
				return 1;
	/* an end's kind: source_type, target_kind ... */
	size_t len = strlen(c);
	for (const char *const *k = NAMES("_type", "_kind"); *k; k++)
		if (len > 5 && strcmp(c + len - 5, *k) == 0) {
			char *end = rg_xstrndup(c, len - 5);
			int ok = rg_model_known_column(end) && strcmp(end, "relation") != 0;
			free(end);
			if (ok)
				return 1;
		}
	/* a part of a date: year, start_month, end_day ... */
	for (const char *const *k = NAMES("year", "month", "day"); *k; k++) {
		size_t kl = strlen(*k);
		if (len < kl || strcmp(c + len - kl, *k) != 0)
			continue;
		size_t plen = len - kl;
		if (plen && c[plen - 1] == '_')
			plen--;
		if (ymd_role(c, plen) >= 0)
			return 1;
	}
	return 0;
}
