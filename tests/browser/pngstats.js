#!/usr/bin/env node
// Reads a PNG (8-bit grey, RGB, palette, grey+alpha or RGBA; not
// interlaced) with nothing but node's zlib, and prints one line of JSON:
//   width, height
//   ink      fraction of pixels that are not near-white (any channel below
//            WHITE after compositing over white)
//   colors   distinct colours, each channel quantised to 16 levels
//   bbox     {x0, y0, x1, y1} of the non-white pixels, inclusive; null if none
//   filters  how many rows used each filter type (None, Sub, Up, Average,
//            Paeth): which ones this file exercised
//   palette  with --palette '#RRGGBB,...': the fraction of pixels within
//            NEAR of each colour
// With --crop X,Y,W,H only that rectangle counts (one panel of a
// screenshot); bbox stays in the coordinates of the whole image.
// Usage: node pngstats.js FILE [--palette HEX,HEX...] [--crop X,Y,W,H]
// Exits 1 with a message on stderr for a file it cannot read or decode.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const WHITE = 240;
const NEAR = 12;
const USAGE = 'usage: node pngstats.js FILE [--palette HEX,HEX...] [--crop X,Y,W,H]';

function fail(msg) {
	process.stderr.write(`pngstats: ${msg}\n`);
	process.exit(1);
}

const CRC_TABLE = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();

function crc32(buf, start, end) {
	let c = 0xffffffff;
	for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

// Returns {width, height, rgba (Uint8Array, 4 bytes a pixel), filters}.
function decode(buf) {
	const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (buf.length < 8 || sig.some((b, i) => buf[i] !== b)) throw new Error('not a PNG (bad signature)');
	let pos = 8;
	let ihdr = null;
	let plte = null;
	let trns = null;
	const idat = [];
	let ended = false;
	while (pos < buf.length) {
		if (pos + 12 > buf.length) throw new Error(`truncated chunk header at byte ${pos}`);
		const len = buf.readUInt32BE(pos);
		const type = buf.toString('latin1', pos + 4, pos + 8);
		if (pos + 12 + len > buf.length) throw new Error(`chunk ${type} runs past the end of the file`);
		const data = buf.subarray(pos + 8, pos + 8 + len);
		if (crc32(buf, pos + 4, pos + 8 + len) !== buf.readUInt32BE(pos + 8 + len))
			throw new Error(`bad CRC in chunk ${type} at byte ${pos}`);
		pos += 12 + len;
		if (type === 'IHDR') {
			ihdr = {
				width: data.readUInt32BE(0),
				height: data.readUInt32BE(4),
				depth: data[8],
				colorType: data[9],
				interlace: data[12],
			};
		} else if (type === 'PLTE') {
			plte = data;
		} else if (type === 'tRNS') {
			trns = data;
		} else if (type === 'IDAT') {
			idat.push(data);
		} else if (type === 'IEND') {
			ended = true;
			break;
		}
	}
	if (!ihdr) throw new Error('no IHDR chunk');
	if (!ended) throw new Error('no IEND chunk (truncated file?)');
	const { width, height, depth, colorType, interlace } = ihdr;
	const channels = CHANNELS[colorType];
	if (channels === undefined) throw new Error(`unknown colour type ${colorType}`);
	if (depth !== 8) throw new Error(`bit depth ${depth} is not supported (only 8)`);
	if (interlace !== 0) throw new Error('interlaced PNGs are not supported');
	if (colorType === 3 && !plte) throw new Error('palette image without PLTE');
	if (width === 0 || height === 0) throw new Error(`empty image ${width}x${height}`);

	const raw = zlib.inflateSync(Buffer.concat(idat));
	const bpp = channels;
	const stride = width * bpp;
	if (raw.length < height * (stride + 1))
		throw new Error(`image data too short: ${raw.length} bytes for ${height} rows of ${stride + 1}`);
	const cur = new Uint8Array(height * stride);
	const filters = [0, 0, 0, 0, 0];
	for (let y = 0; y < height; y++) {
		const f = raw[y * (stride + 1)];
		if (f > 4) throw new Error(`row ${y}: unknown filter type ${f}`);
		filters[f]++;
		const src = y * (stride + 1) + 1;
		const row = y * stride;
		const prev = row - stride;
		for (let i = 0; i < stride; i++) {
			const x = raw[src + i];
			const a = i >= bpp ? cur[row + i - bpp] : 0;
			const b = y > 0 ? cur[prev + i] : 0;
			const c = y > 0 && i >= bpp ? cur[prev + i - bpp] : 0;
			let v;
			switch (f) {
			case 0: v = x; break;
			case 1: v = x + a; break;
			case 2: v = x + b; break;
			case 3: v = x + ((a + b) >> 1); break;
			default: {
				const p = a + b - c;
				const pa = Math.abs(p - a);
				const pb = Math.abs(p - b);
				const pc = Math.abs(p - c);
				v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
			}
			}
			cur[row + i] = v & 0xff;
		}
	}

	const rgba = new Uint8Array(width * height * 4);
	for (let p = 0, s = 0; p < width * height; p++, s += bpp) {
		let r, g, b, al = 255;
		switch (colorType) {
		case 0: r = g = b = cur[s]; break;
		case 2: r = cur[s]; g = cur[s + 1]; b = cur[s + 2]; break;
		case 3: {
			const k = cur[s];
			if (3 * k + 2 >= plte.length) throw new Error(`palette index ${k} out of range`);
			r = plte[3 * k]; g = plte[3 * k + 1]; b = plte[3 * k + 2];
			if (trns && k < trns.length) al = trns[k];
			break;
		}
		case 4: r = g = b = cur[s]; al = cur[s + 1]; break;
		default: r = cur[s]; g = cur[s + 1]; b = cur[s + 2]; al = cur[s + 3];
		}
		rgba.set([r, g, b, al], p * 4);
	}
	return { width, height, rgba, filters };
}

function parseHex(h) {
	const m = /^#?([0-9a-f]{6})$/i.exec(h.trim());
	if (!m) fail(`'${h}' is not a colour like #E69F00`);
	const n = parseInt(m[1], 16);
	return [n >> 16, (n >> 8) & 0xff, n & 0xff];
}

function stats(img, palette, crop) {
	const { width, height, rgba } = img;
	const cx = crop ? crop[0] : 0;
	const cy = crop ? crop[1] : 0;
	const cw = crop ? Math.min(crop[2], width - cx) : width;
	const ch = crop ? Math.min(crop[3], height - cy) : height;
	if (cw <= 0 || ch <= 0) fail(`crop ${crop} lies outside the ${width}x${height} image`);
	let ink = 0;
	let x0 = width, y0 = height, x1 = -1, y1 = -1;
	const seen = new Set();
	const near = palette.map(() => 0);
	for (let y = cy; y < cy + ch; y++) {
		for (let x = cx, p = (y * width + cx) * 4; x < cx + cw; x++, p += 4) {
			// composite over white, as a page behind the image would show it
			const al = rgba[p + 3];
			const r = Math.round((rgba[p] * al + 255 * (255 - al)) / 255);
			const g = Math.round((rgba[p + 1] * al + 255 * (255 - al)) / 255);
			const b = Math.round((rgba[p + 2] * al + 255 * (255 - al)) / 255);
			seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
			if (r < WHITE || g < WHITE || b < WHITE) {
				ink++;
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				if (y > y1) y1 = y;
			}
			for (let k = 0; k < palette.length; k++) {
				const c = palette[k];
				if (Math.abs(r - c[0]) <= NEAR && Math.abs(g - c[1]) <= NEAR && Math.abs(b - c[2]) <= NEAR)
					near[k]++;
			}
		}
	}
	const total = cw * ch;
	const out = {
		width,
		height,
		ink: +(ink / total).toFixed(6),
		colors: seen.size,
		bbox: x1 < 0 ? null : { x0, y0, x1, y1 },
		filters: img.filters,
	};
	if (crop) out.crop = { x: cx, y: cy, w: cw, h: ch };
	if (palette.length) {
		out.palette = {};
		palette.forEach((c, k) => {
			const hex = '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
			out.palette[hex] = +(near[k] / total).toFixed(6);
		});
	}
	return out;
}

function main(argv) {
	let file = null;
	let palette = [];
	let crop = null;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--palette' && i + 1 < argv.length) {
			palette = argv[++i].split(',').map(parseHex);
		} else if (argv[i] === '--crop' && i + 1 < argv.length) {
			crop = argv[++i].split(',').map(Number);
			if (crop.length !== 4 || crop.some((v) => !Number.isInteger(v) || v < 0))
				fail(`--crop wants X,Y,W,H in whole pixels, not '${argv[i]}'`);
		} else if (file === null && !argv[i].startsWith('--')) {
			file = argv[i];
		} else {
			fail(`unexpected argument '${argv[i]}'\n${USAGE}`);
		}
	}
	if (file === null) fail(USAGE);
	let buf;
	try {
		buf = fs.readFileSync(file);
	} catch (e) {
		fail(`${file}: ${e.message}`);
	}
	let img;
	try {
		img = decode(buf);
	} catch (e) {
		fail(`${file}: ${e.message}`);
	}
	process.stdout.write(JSON.stringify(stats(img, palette, crop)) + '\n');
}

if (require.main === module) main(process.argv.slice(2));
module.exports = { decode, stats };
