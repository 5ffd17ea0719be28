/* suggest.c: folding names and ranking the near ones (see suggest.h).
 * It knows nothing of the model: callers hand it plain strings. */
#include "relgraph/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Ranks of the rules (suggest.h), best first; within a rule the score
 * goes down with the difference. */
enum {
	SCORE_WORDS = 900,  /* every word written is a word of the name */
	SCORE_FEWER = 850,  /* every word of the name is among those written */
	SCORE_PREFIX = 800, /* the start of the name or of one of its words */
	SCORE_WORD_TYPO = 600,
	SCORE_EDIT = RG_MATCH_EDITS,
	MIN_PREFIX = 3,	   /* letters before a start of a word counts */
	MIN_WORD_TYPO = 5, /* letters a word needs before a typo in it counts */
	TIER = 50,	   /* scores this far apart come from different rules */
};

/* --- UTF-8 code points */

/* Decodes one code point at s (len bytes left); returns its length, or 1
 * with *cp = the byte for a malformed one. */
static size_t decode(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0];
	size_t n = c < 0x80		? 1
		   : (c & 0xE0) == 0xC0 ? 2
		   : (c & 0xF0) == 0xE0 ? 3
		   : (c & 0xF8) == 0xF0 ? 4
					: 0;
	if (n == 0 || n > len) {
		*cp = c;
		return 1;
	}
	unsigned v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = c;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return n;
}

/* 1 for white space a name may hold by mistake or as a space: ASCII
 * white space, the non-breaking space and the other Unicode spaces;
 * 2 for the ones that show nothing (zero-width space, joiner, BOM). */
static int space_kind(unsigned cp)
{
	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return 1;
	if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF)
		return 2;
	return 0;
}

/* The plain letters of an accented Latin letter (Latin-1 Supplement,
 * Latin Extended-A, and the Romanian comma letters), lower case; NULL
 * for anything else. */
static const char *unaccent(unsigned cp)
{
	static const struct {
		unsigned lo, hi;
		const char *plain;
	} map[] = {
		{0xC0, 0xC5, "a"},    {0xC6, 0xC6, "ae"},  {0xC7, 0xC7, "c"},
		{0xC8, 0xCB, "e"},    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},
		{0xD1, 0xD1, "n"},    {0xD2, 0xD6, "o"},   {0xD8, 0xD8, "o"},
		{0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
		{0xDF, 0xDF, "ss"},   {0xE0, 0xE5, "a"},   {0xE6, 0xE6, "ae"},
		{0xE7, 0xE7, "c"},    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},
		{0xF0, 0xF0, "d"},    {0xF1, 0xF1, "n"},   {0xF2, 0xF6, "o"},
		{0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
		{0xFE, 0xFE, "th"},   {0xFF, 0xFF, "y"},   {0x100, 0x105, "a"},
		{0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
		{0x11C, 0x123, "g"},  {0x124, 0x127, "h"}, {0x128, 0x131, "i"},
		{0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
		{0x139, 0x142, "l"},  {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},
		{0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
		{0x162, 0x167, "t"},  {0x168, 0x173, "u"}, {0x174, 0x175, "w"},
		{0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
		{0x218, 0x219, "s"},  {0x21A, 0x21B, "t"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].plain;
	return NULL;
}

/* Rewrites s for matching (fold): every run of white space one ASCII
 * space, none at the ends, invisible spaces gone, letters folded. */
static char *folded(const char *s)
{
	size_t len = strlen(s);
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	int pending = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = decode((const unsigned char *)s + i, len - i, &cp);
		int sp = space_kind(cp);
		if (sp == 1) {
			pending = b.len > 0;
		} else if (sp == 0) {
			if (pending)
				rg_buf_putc(&b, ' ');
			pending = 0;
			const char *plain = unaccent(cp);
			if (plain)
				rg_buf_puts(&b, plain);
			else if (cp >= 'A' && cp <= 'Z')
				rg_buf_putc(&b, (char)(cp + 32));
			else
				rg_buf_add(&b, s + i, n);
		}
		i += n;
	}
	return b.s;
}

char *rg_plain_spaces(const char *s)
{
	size_t len = strlen(s);
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = decode((const unsigned char *)s + i, len - i, &cp);
		if (!space_kind(cp)) {
			rg_buf_add(&b, s + i, n);
			i += n;
			continue;
		}
		/* a run of white space: as it is when plain ASCII, else one
		 * space (or nothing, for invisible ones alone) */
		size_t j = i;
		int odd = 0, visible = 0;
		while (j < len) {
			size_t m = decode((const unsigned char *)s + j, len - j, &cp);
			int k = space_kind(cp);
			if (!k)
				break;
			odd |= cp >= 0x80;
			visible |= k == 1;
			j += m;
		}
		if (!odd)
			rg_buf_add(&b, s + i, j - i);
		else if (visible)
			rg_buf_putc(&b, ' ');
		i = j;
	}
	return b.s;
}

char *rg_fold(const char *s)
{
	return folded(s);
}

int rg_odd_spaces(const char *s)
{
	char *plain = rg_plain_spaces(s);
	int odd = strcmp(plain, s) != 0;
	free(plain);
	return odd;
}

char *rg_show_spaces(const char *s)
{
	size_t len = strlen(s);
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = decode((const unsigned char *)s + i, len - i, &cp);
		if (cp != ' ' && space_kind(cp))
			rg_buf_printf(&b, "\\u%04X", cp);
		else
			for (size_t k = 0; k < n; k++)
				rg_buf_putc(&b, s[i + k]);
		i += n;
	}
	return b.s;
}

/* --- distances */

/* The Damerau-Levenshtein distance (optimal string alignment: a swap of
 * two neighbours is one edit) of a and b, or limit + 1 once it is sure
 * to be more than limit. */
static size_t edits(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t *rows = rg_xmalloc(3 * (lb + 1) * sizeof *rows);
	size_t *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	size_t d = limit + 1;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		size_t best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t v = sub < del ? sub : del;
			v = v < ins ? v : ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			goto out;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb] <= limit ? prev[lb] : limit + 1;
out:
	free(rows);
	return d;
}

/* How many edits a name of len letters may be off by and still be
 * meant: none for one or two letters, one up to five, two up to nine,
 * three past. */
static size_t edit_limit(size_t len)
{
	return len < 3 ? 0 : len < 6 ? 1 : len < 10 ? 2 : 3;
}

/* --- words of a folded name (split at its single spaces) */

typedef struct {
	const char *s;
	size_t len;
} word;

#define MAX_WORDS 16

static size_t words(const char *s, word *w)
{
	size_t n = 0;
	while (*s && n < MAX_WORDS) {
		size_t len = strcspn(s, " ");
		w[n++] = (word){s, len};
		s += len;
		s += *s == ' ';
	}
	return n;
}

static int has_word(const word *w, size_t n, word x)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].len == x.len && memcmp(w[i].s, x.s, x.len) == 0)
			return 1;
	return 0;
}

/* The rules on folded names, whole words first. */
static int by_words(const word *ww, size_t nw, const word *wc, size_t nc)
{
	size_t in = 0;
	for (size_t i = 0; i < nw; i++)
		in += has_word(wc, nc, ww[i]);
	if (in == nw && nc > nw)
		return SCORE_WORDS - (int)(nc - nw);
	in = 0;
	for (size_t i = 0; i < nc; i++)
		in += has_word(ww, nw, wc[i]);
	if (in == nc && nw > nc)
		return SCORE_FEWER - (int)(nw - nc);
	return 0;
}

static int match_folded(const char *fw, const char *fc)
{
	if (!*fw || !*fc)
		return 0;
	if (strcmp(fw, fc) == 0)
		return RG_MATCH_EXACT;
	word ww[MAX_WORDS], wc[MAX_WORDS];
	size_t nw = words(fw, ww), nc = words(fc, wc);
	int s = by_words(ww, nw, wc, nc);
	if (s)
		return s;
	size_t lw = strlen(fw), lc = strlen(fc);
	if (lw >= MIN_PREFIX && lw < lc) {
		for (size_t i = 0; i < nc; i++)
			if (wc[i].len > lw && strncmp(wc[i].s, fw, lw) == 0)
				return SCORE_PREFIX - (int)(wc[i].len - lw);
		if (strncmp(fc, fw, lw) == 0)
			return SCORE_PREFIX - (int)(lc - lw);
	}
	/* one word written, a typo away from a word of the name */
	if (nw == 1 && nc > 1 && lw >= MIN_WORD_TYPO) {
		size_t wl = edit_limit(lw) > 1 ? 2 : 1, best = wl + 1;
		for (size_t i = 0; i < nc; i++) {
			size_t d = edits(fw, lw, wc[i].s, wc[i].len, wl);
			if (d < best)
				best = d;
		}
		if (best <= wl)
			return SCORE_WORD_TYPO - 10 * (int)best;
	}
	size_t limit = edit_limit(lw < lc ? lw : lc);
	size_t d = edits(fw, lw, fc, lc, limit);
	if (d <= limit)
		return SCORE_EDIT - 50 * (int)d;
	return 0;
}

int rg_match_folded(const char *want, const char *candidate)
{
	return match_folded(want, candidate);
}

int rg_match(const char *want, const char *candidate)
{
	char *fw = rg_fold(want), *fc = rg_fold(candidate);
	int s = match_folded(fw, fc);
	free(fw);
	free(fc);
	return s;
}

/* rg_nearest with want folded, the candidates folded when folded is set. */
static size_t nearest(const char *fw, const char *const *cands, size_t ncands, int folded,
		      size_t *out, size_t n)
{
	if (!n)
		return 0;
	int *score = rg_xmalloc(n * sizeof *score);
	size_t found = 0;
	for (size_t k = 0; k < ncands; k++) {
		if (!cands[k])
			continue;
		char *fc = folded ? NULL : rg_fold(cands[k]);
		int s = match_folded(fw, fc ? fc : cands[k]);
		free(fc);
		if (!s)
			continue;
		/* insert in order of score, keeping the n best */
		size_t at = found;
		while (at > 0 && score[at - 1] < s)
			at--;
		if (at == n)
			continue;
		if (found == n)
			found--;
		memmove(score + at + 1, score + at, (found - at) * sizeof *score);
		memmove(out + at + 1, out + at, (found - at) * sizeof *out);
		score[at] = s;
		out[at] = k;
		found++;
	}
	/* a clear winner hides the rest: Joe Biden, not Joe Biden or Jo
	 * Bidet, when only one matched by whole words */
	size_t keep = found;
	for (size_t i = 1; i < found; i++)
		if (score[i] <= score[0] - TIER && score[0] >= SCORE_PREFIX) {
			keep = i;
			break;
		}
	free(score);
	return keep;
}

size_t rg_nearest(const char *want, const char *const *cands, size_t ncands, size_t *out, size_t n)
{
	char *fw = rg_fold(want);
	size_t k = nearest(fw, cands, ncands, 0, out, n);
	free(fw);
	return k;
}

size_t rg_nearest_folded(const char *want, const char *const *cands, size_t ncands, size_t *out,
			 size_t n)
{
	return nearest(want, cands, ncands, 1, out, n);
}

char *rg_did_you_mean(const char *const *names, size_t n, const char *prefix)
{
	rg_buf b = {0};
	rg_buf_puts(&b, "");
	for (size_t k = 0; k < n; k++)
		rg_buf_printf(&b, "%s'%s%s'", k ? (k + 1 == n ? " or " : ", ") : "; did you mean ",
			      prefix ? prefix : "", names[k]);
	if (n)
		rg_buf_puts(&b, "?");
	return b.s;
}
