/* suggest.h: "did you mean": one way to match a name a user wrote against
 * the names that exist, used wherever relgraph matches a name (entity
 * names, kinds, column headers, options, commands).
 *
 * Names are compared folded: lower case, the accents of Latin letters
 * taken off (Erdoğan is erdogan, ß is ss), every run of white space,
 * the non-breaking and other Unicode spaces among it, one ASCII space,
 * none at either end.  A candidate then matches, best first: folded
 * exactly; by whole words (Biden is Joe Biden, a surname or given name);
 * as the start of a word (meet is meeting); by a typo in one word; by a
 * few edits of the whole (Damerau-Levenshtein: contry is country, foucs
 * focus), the fewer the better.
 */
#ifndef RELGRAPH_SUGGEST_H
#define RELGRAPH_SUGGEST_H

#include <stddef.h>

/* The folded form of s (UTF-8), as described above.  The caller frees
 * it. */
char *rg_fold(const char *s);

/* s with each run of white space that holds a non-ASCII space (the
 * non-breaking space U+00A0, U+202F, U+3000, ...) one ASCII space, and
 * zero-width spaces and joiners gone; ASCII white space alone (a tab, a
 * line break in a label, two spaces) is kept.  The caller frees it. */
char *rg_plain_spaces(const char *s);
/* 1 if rg_plain_spaces would change s: a name that looks the same as
 * another and is not. */
int rg_odd_spaces(const char *s);
/* s with each white space other than the ASCII space written \u00A0,
 * \u0009 and so on, to show it.  The caller frees it. */
char *rg_show_spaces(const char *s);

/* How close a name is to what the user wrote, as the rules above rank it:
 * 0 for not close at all, more for closer; RG_MATCH_EXACT when the two
 * fold to the same text. */
#define RG_MATCH_EXACT 1000
/* The best score of a match by edits of the whole name, no word in
 * common: above it, the two share whole words or the start of one. */
#define RG_MATCH_EDITS 500
int rg_match(const char *want, const char *candidate);
/* rg_match for two names rg_fold has folded already (a caller comparing
 * one name with many folds each once). */
int rg_match_folded(const char *want, const char *candidate);

/* Up to n indices into cands (ncands names, NULL ones skipped) of the
 * names closest to want, best first (ties: the earlier), into out; when
 * the best matched by words, only those about as close.  Returns how
 * many.  A thing listed under two names (an id and a label) may come
 * twice: the caller merges. */
size_t rg_nearest(const char *want, const char *const *cands, size_t ncands, size_t *out, size_t n);
/* rg_nearest for want and cands folded already. */
size_t rg_nearest_folded(const char *want, const char *const *cands, size_t ncands, size_t *out,
			 size_t n);

/* "; did you mean 'A'?" or "; did you mean 'A' or 'B'?" for the
 * names given (none: ""), for the end of a message.  prefix goes before
 * each name (e.g. "--").  The caller frees it. */
char *rg_did_you_mean(const char *const *names, size_t n, const char *prefix);

#endif
