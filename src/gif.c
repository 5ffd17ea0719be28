/* gif.c: an animated GIF from a series' frames (see gif.h), by giflib. */
#include "gif.h"

#include <gif_lib.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Colours are counted in bins of 5 bits a channel; the palette is the
 * mean colour of the most used bins, so a flat colour of the drawing
 * (all of its bin) keeps its exact value. */
#define BIN_BITS 5
#define NBINS (1 << (3 * BIN_BITS))
#define PALETTE 256
/* GIF delays are in hundredths of a second */
#define GIF_TICKS 100.0

struct rg_gif {
	int w, h;
	/* each frame as it came, a PNG: a tenth of its pixels' size, read
	 * again once the palette is known */
	char **png;
	size_t *len, n;
	uint64_t count[NBINS], sum[NBINS][3];
};

rg_gif *rg_gif_new(void)
{
	return rg_xcalloc(1, sizeof(rg_gif));
}

void rg_gif_free(rg_gif *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		free(g->png[i]);
	free(g->png);
	free(g->len);
	free(g);
}

/* A PNG's pixels, 3 bytes each (a transparent background made white), as
 * a new buffer; its size in *w, *h.  NULL when libpng cannot read it. */
static unsigned char *decode(const char *data, size_t len, int *w, int *h)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return NULL;
	img.format = PNG_FORMAT_RGB;
	*w = (int)img.width;
	*h = (int)img.height;
	if (*w > 65535 || *h > 65535) {
		png_image_free(&img);
		return NULL;
	}
	unsigned char *rgb = rg_xmalloc(PNG_IMAGE_SIZE(img));
	png_color white = {255, 255, 255};
	if (!png_image_finish_read(&img, &white, rgb, 0, NULL)) {
		png_image_free(&img);
		free(rgb);
		return NULL;
	}
	return rgb;
}

static unsigned bin_of(const unsigned char *p)
{
	unsigned bin = 0;
	for (int c = 0; c < 3; c++)
		bin = bin << BIN_BITS | p[c] >> (8 - BIN_BITS);
	return bin;
}

int rg_gif_add_png(rg_gif *g, const char *data, size_t len)
{
	int w, h;
	unsigned char *rgb = decode(data, len, &w, &h);
	if (!rgb)
		return -1;
	if (g->n && (w != g->w || h != g->h)) {
		free(rgb);
		return -1;
	}
	g->w = w;
	g->h = h;
	size_t npx = (size_t)w * (size_t)h;
	for (size_t i = 0; i < npx; i++) {
		const unsigned char *p = rgb + 3 * i;
		unsigned bin = bin_of(p);
		g->count[bin]++;
		for (int c = 0; c < 3; c++)
			g->sum[bin][c] += p[c];
	}
	free(rgb);
	g->png = rg_xrealloc(g->png, (g->n + 1) * sizeof *g->png);
	g->len = rg_xrealloc(g->len, (g->n + 1) * sizeof *g->len);
	g->png[g->n] = rg_xmalloc(len ? len : 1);
	memcpy(g->png[g->n], data, len);
	g->len[g->n++] = len;
	return 0;
}

/* A bin and how often it is used; sorted most used first (ties: the
 * lower bin first), so the palette does not depend on qsort's order. */
typedef struct {
	uint64_t count;
	unsigned bin;
} use;

static int by_use(const void *a, const void *b)
{
	const use *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return (x->bin > y->bin) - (x->bin < y->bin);
}

/* The palette (the most used bins' means) and every bin's entry in it:
 * its own, or the nearest colour's.  Returns how many colours it has. */
static int palette(const rg_gif *g, GifColorType *pal, uint8_t *entry)
{
	use *order = rg_xmalloc(NBINS * sizeof *order);
	double(*mean)[3] = rg_xmalloc(NBINS * sizeof *mean);
	size_t used = 0;
	for (unsigned i = 0; i < NBINS; i++) {
		if (!g->count[i])
			continue;
		order[used++] = (use){g->count[i], i};
		for (int c = 0; c < 3; c++)
			mean[i][c] = (double)g->sum[i][c] / (double)g->count[i];
	}
	qsort(order, used, sizeof *order, by_use);
	int n = 0;
	for (; n < PALETTE && (size_t)n < used; n++) {
		unsigned bin = order[n].bin;
		pal[n] = (GifColorType){(GifByteType)(mean[bin][0] + 0.5),
					(GifByteType)(mean[bin][1] + 0.5),
					(GifByteType)(mean[bin][2] + 0.5)};
		entry[bin] = (uint8_t)n;
	}
	for (size_t k = (size_t)n; k < used; k++) {
		unsigned bin = order[k].bin;
		double best = 1e30;
		for (int i = 0; i < n; i++) {
			double dr = mean[bin][0] - pal[i].Red, dg = mean[bin][1] - pal[i].Green,
			       db = mean[bin][2] - pal[i].Blue;
			double dist = dr * dr + dg * dg + db * db;
			if (dist < best) {
				best = dist;
				entry[bin] = (uint8_t)i;
			}
		}
	}
	free(mean);
	free(order);
	return n;
}

static int to_buf(GifFileType *f, const GifByteType *data, int n)
{
	rg_buf_add(f->UserData, (const char *)data, (size_t)n);
	return n;
}

/* The rectangle in which frame cur differs from prev (all of it for the
 * first): only that is stored, the rest of the last frame stays. */
static void changed(const rg_gif *g, const uint8_t *prev, const uint8_t *cur, int r[4])
{
	int x0 = g->w, y0 = g->h, x1 = -1, y1 = -1;
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			size_t i = (size_t)y * (size_t)g->w + (size_t)x;
			if (prev && prev[i] == cur[i])
				continue;
			x0 = x < x0 ? x : x0;
			x1 = x > x1 ? x : x1;
			y0 = y < y0 ? y : y0;
			y1 = y > y1 ? y : y1;
		}
	if (x1 < 0) /* the same picture: one pixel, unchanged */
		x0 = x1 = y0 = y1 = 0;
	r[0] = x0;
	r[1] = y0;
	r[2] = x1 - x0 + 1;
	r[3] = y1 - y0 + 1;
}

/* Writes every frame after the header: its delay, then its changes. */
static int put_frames(GifFileType *f, const rg_gif *g, const uint8_t *entry, double delay)
{
	size_t npx = (size_t)g->w * (size_t)g->h;
	uint8_t *prev = NULL, *cur = rg_xmalloc(npx);
	int ok = 1;
	for (size_t k = 0; k < g->n && ok; k++) {
		int w, h;
		unsigned char *rgb = decode(g->png[k], g->len[k], &w, &h);
		if (!rgb) { /* it was read once: only memory can fail now */
			ok = 0;
			break;
		}
		for (size_t i = 0; i < npx; i++)
			cur[i] = entry[bin_of(rgb + 3 * i)];
		free(rgb);
		int r[4];
		changed(g, prev, cur, r);
		GraphicsControlBlock gcb = {.DisposalMode = DISPOSE_DO_NOT,
					    .UserInputFlag = false,
					    .DelayTime = (int)(delay * GIF_TICKS + 0.5),
					    .TransparentColor = NO_TRANSPARENT_COLOR};
		GifByteType ext[4];
		EGifGCBToExtension(&gcb, ext);
		ok = EGifPutExtension(f, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_OK &&
		     EGifPutImageDesc(f, r[0], r[1], r[2], r[3], false, NULL) == GIF_OK;
		for (int y = r[1]; y < r[1] + r[3] && ok; y++)
			ok = EGifPutLine(f, cur + (size_t)y * (size_t)g->w + (size_t)r[0], r[2]) ==
			     GIF_OK;
		uint8_t *t = prev ? prev : rg_xmalloc(npx);
		prev = cur;
		cur = t;
	}
	free(prev);
	free(cur);
	return ok;
}

char *rg_gif_finish(rg_gif *g, double delay, size_t *len)
{
	if (!g->n)
		return NULL;
	GifColorType pal[PALETTE] = {{0, 0, 0}};
	uint8_t *entry = rg_xcalloc(NBINS, 1);
	palette(g, pal, entry);
	rg_buf b = {0};
	int err = 0;
	GifFileType *f = EGifOpen(&b, to_buf, &err);
	ColorMapObject *map = GifMakeMapObject(PALETTE, pal);
	int ok = f && map;
	if (ok) {
		EGifSetGifVersion(f, true);
		ok = EGifPutScreenDesc(f, g->w, g->h, 8, 0, map) == GIF_OK;
	}
	/* loop for ever: the application extension browsers read */
	static const GifByteType loop[3] = {1, 0, 0};
	ok = ok && EGifPutExtensionLeader(f, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
	     EGifPutExtensionBlock(f, 11, "NETSCAPE2.0") == GIF_OK &&
	     EGifPutExtensionBlock(f, 3, loop) == GIF_OK && EGifPutExtensionTrailer(f) == GIF_OK &&
	     put_frames(f, g, entry, delay);
	if (f && EGifCloseFile(f, &err) != GIF_OK)
		ok = 0;
	GifFreeMapObject(map);
	free(entry);
	if (!ok) {
		free(b.s);
		return NULL;
	}
	*len = b.len;
	return b.s;
}
