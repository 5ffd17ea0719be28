/* glyphs.c: which characters no installed font draws.  Graphviz draws PNG
 * and PDF text through pango, which falls back across every font that
 * fontconfig knows; a character none of them has comes out as an empty
 * box, with no word from Graphviz.  fontconfig (a Graphviz dependency)
 * tells which characters each font covers (see glyphs.h). */
#include "glyphs.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

struct rg_glyphs {
	FcCharSet *all; /* the union of every installed font's characters */
};

rg_glyphs *rg_glyphs_new(void)
{
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	if (!cfg)
		return NULL;
	rg_glyphs *g = calloc(1, sizeof *g);
	FcFontSet *fs = FcConfigGetFonts(cfg, FcSetSystem);
	if (!g || !(g->all = FcCharSetCreate())) {
		free(g);
		FcConfigDestroy(cfg);
		return NULL;
	}
	for (int i = 0; fs && i < fs->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
			FcCharSetMerge(g->all, cs, NULL);
	}
	FcConfigDestroy(cfg);
	return g;
}

void rg_glyphs_free(rg_glyphs *g)
{
	if (!g)
		return;
	FcCharSetDestroy(g->all);
	free(g);
}

/* Characters that draw nothing whatever the font: controls, spaces and
 * joiners (a zero width joiner inside a Devanagari name, say). */
static int invisible(uint32_t c)
{
	return c < 0x21 || (c >= 0x7F && c < 0xA1) || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x2028 && c <= 0x202F) || c == 0xFEFF;
}

uint32_t rg_glyphs_missing(const rg_glyphs *g, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		FcChar32 c;
		int n = FcUtf8ToUcs4(p, &c, (int)strnlen((const char *)p, 4));
		if (n <= 0) {
			p++;
			continue;
		}
		p += n;
		if (!invisible(c) && !FcCharSetHasChar(g->all, c))
			return c;
	}
	return 0;
}

/* Unicode blocks by script, and the Debian fonts that draw them. */
static const struct {
	uint32_t first, last;
	const char *script, *package;
} blocks[] = {
	{0x0370, 0x03FF, "Greek", "fonts-noto-core"},
	{0x0400, 0x052F, "Cyrillic", "fonts-noto-core"},
	{0x0530, 0x058F, "Armenian", "fonts-noto-core"},
	{0x0590, 0x05FF, "Hebrew", "fonts-noto-core"},
	{0x0600, 0x06FF, "Arabic", "fonts-noto-core"},
	{0x0700, 0x074F, "Syriac", "fonts-noto-core"},
	{0x0780, 0x07BF, "Thaana", "fonts-noto-core"},
	{0x0900, 0x097F, "Devanagari", "fonts-noto-core"},
	{0x0980, 0x09FF, "Bengali", "fonts-noto-core"},
	{0x0A00, 0x0A7F, "Gurmukhi", "fonts-noto-core"},
	{0x0A80, 0x0AFF, "Gujarati", "fonts-noto-core"},
	{0x0B00, 0x0B7F, "Oriya", "fonts-noto-core"},
	{0x0B80, 0x0BFF, "Tamil", "fonts-noto-core"},
	{0x0C00, 0x0C7F, "Telugu", "fonts-noto-core"},
	{0x0C80, 0x0CFF, "Kannada", "fonts-noto-core"},
	{0x0D00, 0x0D7F, "Malayalam", "fonts-noto-core"},
	{0x0D80, 0x0DFF, "Sinhala", "fonts-noto-core"},
	{0x0E00, 0x0E7F, "Thai", "fonts-noto-core"},
	{0x0E80, 0x0EFF, "Lao", "fonts-noto-core"},
	{0x0F00, 0x0FFF, "Tibetan", "fonts-noto-core"},
	{0x1000, 0x109F, "Myanmar", "fonts-noto-core"},
	{0x10A0, 0x10FF, "Georgian", "fonts-noto-core"},
	{0x1100, 0x11FF, "Hangul", "fonts-wqy-microhei"},
	{0x1200, 0x139F, "Ethiopic", "fonts-noto-core"},
	{0x1780, 0x17FF, "Khmer", "fonts-noto-core"},
	{0x1800, 0x18AF, "Mongolian", "fonts-noto-core"},
	{0x2E80, 0x2FDF, "CJK", "fonts-wqy-microhei"},
	{0x3000, 0x30FF, "Japanese kana", "fonts-wqy-microhei"},
	{0x3100, 0x9FFF, "CJK", "fonts-wqy-microhei"},
	{0xAC00, 0xD7AF, "Hangul", "fonts-wqy-microhei"},
	{0xE000, 0xF8FF, "a private use character", NULL},
	{0xF900, 0xFAFF, "CJK", "fonts-wqy-microhei"},
	{0x1F000, 0x1FAFF, "emoji and symbols", "fonts-noto-color-emoji"},
	{0x20000, 0x3134F, "CJK", "fonts-wqy-microhei"},
	{0xF0000, 0x10FFFF, "a private use character", NULL},
};

const char *rg_glyphs_script(uint32_t c, const char **package)
{
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (c >= blocks[i].first && c <= blocks[i].last) {
			*package = blocks[i].package;
			return blocks[i].script;
		}
	*package = "fonts-noto-core";
	return "a rare script";
}
