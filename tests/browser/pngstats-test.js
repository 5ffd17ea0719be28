#!/usr/bin/env node
// Checks pngstats.js against PNGs made here, pixel by pixel: every colour
// type at 8 bits, each of the five filter types on every row and all of
// them mixed, image data split over several IDAT chunks; the statistics
// of a picture whose answer is known; and a clear refusal of what it does
// not read. Prints one line per failure and "N passed, N failed".
'use strict';
const zlib = require('zlib');
const path = require('path');
const { decode, stats } = require(path.join(__dirname, 'pngstats.js'));

let pass = 0;
let fail = 0;
function check(cond, msg) {
	if (cond) pass++;
	else {
		fail++;
		console.log(`FAIL: ${msg}`);
	}
}

const CRC = (() => {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
})();
function crc32(b) {
	let c = 0xffffffff;
	for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

// The filter of row y, applied the way an encoder does (on raw bytes).
function filterRow(f, cur, prev, bpp) {
	const out = Buffer.alloc(cur.length + 1);
	out[0] = f;
	for (let i = 0; i < cur.length; i++) {
		const a = i >= bpp ? cur[i - bpp] : 0;
		const b = prev ? prev[i] : 0;
		const c = prev && i >= bpp ? prev[i - bpp] : 0;
		let pred = 0;
		if (f === 1) pred = a;
		else if (f === 2) pred = b;
		else if (f === 3) pred = (a + b) >> 1;
		else if (f === 4) {
			const p = a + b - c;
			const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
			pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
		}
		out[i + 1] = (cur[i] - pred) & 0xff;
	}
	return out;
}

// opts: colorType, width, height, pixels (raw samples), filter (0-4 or
// 'mixed'), idatParts, plte, trns, depth, interlace
function encode(o) {
	const ch = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[o.colorType];
	const stride = o.width * ch;
	const rows = [];
	for (let y = 0; y < o.height; y++) {
		const cur = o.pixels.subarray(y * stride, (y + 1) * stride);
		const prev = y ? o.pixels.subarray((y - 1) * stride, y * stride) : null;
		rows.push(filterRow(o.filter === 'mixed' ? y % 5 : o.filter, cur, prev, ch));
	}
	const z = zlib.deflateSync(Buffer.concat(rows));
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(o.width, 0);
	ihdr.writeUInt32BE(o.height, 4);
	ihdr[8] = o.depth || 8;
	ihdr[9] = o.colorType;
	ihdr[12] = o.interlace || 0;
	const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
	if (o.plte) parts.push(chunk('PLTE', o.plte));
	if (o.trns) parts.push(chunk('tRNS', o.trns));
	const n = o.idatParts || 1;
	const step = Math.ceil(z.length / n);
	for (let i = 0; i < z.length; i += step) parts.push(chunk('IDAT', z.subarray(i, i + step)));
	parts.push(chunk('IEND', Buffer.alloc(0)));
	return Buffer.concat(parts);
}

// A deterministic generator, so a failure is the same failure every time.
let seed = 12345;
function rnd() {
	seed = (seed * 1103515245 + 12345) & 0x7fffffff;
	return seed >> 16;
}

function expectedRGBA(o) {
	const ch = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[o.colorType];
	const out = Buffer.alloc(o.width * o.height * 4);
	for (let p = 0; p < o.width * o.height; p++) {
		const s = o.pixels.subarray(p * ch, p * ch + ch);
		let px;
		if (o.colorType === 0) px = [s[0], s[0], s[0], 255];
		else if (o.colorType === 2) px = [s[0], s[1], s[2], 255];
		else if (o.colorType === 3) px = [o.plte[3 * s[0]], o.plte[3 * s[0] + 1], o.plte[3 * s[0] + 2], s[0] < o.trns.length ? o.trns[s[0]] : 255];
		else if (o.colorType === 4) px = [s[0], s[0], s[0], s[1]];
		else px = [s[0], s[1], s[2], s[3]];
		out.set(px, p * 4);
	}
	return out;
}

for (const colorType of [0, 2, 3, 4, 6]) {
	for (const filter of [0, 1, 2, 3, 4, 'mixed']) {
		const ch = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
		const width = 13, height = 9;
		const pixels = Buffer.alloc(width * height * ch);
		for (let i = 0; i < pixels.length; i++) pixels[i] = colorType === 3 ? rnd() % 6 : rnd() & 0xff;
		const o = { colorType, width, height, pixels, filter, idatParts: filter === 'mixed' ? 3 : 1 };
		if (colorType === 3) {
			o.plte = Buffer.from([0, 0, 0, 255, 255, 255, 230, 159, 0, 86, 180, 233, 240, 228, 66, 213, 94, 0]);
			o.trns = Buffer.from([255, 128, 0]);
		}
		const what = `colour type ${colorType}, filter ${filter}`;
		let img;
		try {
			img = decode(encode(o));
		} catch (e) {
			check(false, `${what}: ${e.message}`);
			continue;
		}
		check(img.width === width && img.height === height, `${what}: size ${img.width}x${img.height}`);
		const want = expectedRGBA(o);
		let bad = -1;
		for (let i = 0; i < want.length && bad < 0; i++) if (img.rgba[i] !== want[i]) bad = i;
		check(bad < 0, `${what}: pixel ${bad >> 2} channel ${bad & 3} is ${img.rgba[bad]}, expected ${want[bad]}`);
		const used = img.filters.map((n, f) => (n ? f : -1)).filter((f) => f >= 0).join(',');
		check(used === (filter === 'mixed' ? '0,1,2,3,4' : String(filter)), `${what}: filters counted ${img.filters}`);
	}
}

// Known statistics: 20x10 white, a 3x2 block of #E69F00 at (5,4), a
// transparent black pixel (white once composited) and a half-transparent
// black one at (19,9).
{
	const w = 20, h = 10;
	const px = Buffer.alloc(w * h * 4, 255);
	const set = (x, y, c) => px.set(c, (y * w + x) * 4);
	for (let y = 4; y < 6; y++) for (let x = 5; x < 8; x++) set(x, y, [0xe6, 0x9f, 0x00, 255]);
	set(0, 0, [0, 0, 0, 0]);
	set(19, 9, [0, 0, 0, 128]);
	const img = decode(encode({ colorType: 6, width: w, height: h, pixels: px, filter: 'mixed' }));
	const s = stats(img, [[0xe6, 0x9f, 0x00], [0x56, 0xb4, 0xe9]], null);
	check(s.ink === 7 / 200, `known picture: ink ${s.ink}, expected ${7 / 200}`);
	check(JSON.stringify(s.bbox) === '{"x0":5,"y0":4,"x1":19,"y1":9}', `known picture: bbox ${JSON.stringify(s.bbox)}`);
	check(s.colors === 3, `known picture: ${s.colors} colours, expected 3 (white, orange, grey)`);
	check(s.palette['#E69F00'] === 6 / 200 && s.palette['#56B4E9'] === 0, `known picture: palette ${JSON.stringify(s.palette)}`);
	const c = stats(img, [], [4, 3, 5, 4]);
	check(c.ink === 6 / 20 && c.bbox.x0 === 5 && c.bbox.y1 === 5, `known picture cropped: ${JSON.stringify(c)}`);
	const blank = stats(decode(encode({ colorType: 2, width: 4, height: 4, pixels: Buffer.alloc(48, 250), filter: 0 })), [], null);
	check(blank.ink === 0 && blank.bbox === null && blank.colors === 1, `near-white picture: ${JSON.stringify(blank)}`);
}

// What it must refuse, with a reason.
{
	const base = { colorType: 2, width: 4, height: 4, pixels: Buffer.alloc(48, 7), filter: 1 };
	const refuse = (buf, re, what) => {
		try {
			decode(buf);
			check(false, `${what}: decoded`);
		} catch (e) {
			check(re.test(e.message), `${what}: message '${e.message}'`);
		}
	};
	refuse(encode({ ...base, interlace: 1 }), /interlaced/, 'interlaced');
	refuse(encode({ ...base, depth: 16 }), /bit depth 16/, '16-bit');
	const good = encode(base);
	refuse(good.subarray(0, good.length - 20), /truncated|past the end|IEND/, 'truncated');
	const flipped = Buffer.from(good);
	flipped[40] ^= 1;
	refuse(flipped, /CRC/, 'a flipped bit');
	refuse(Buffer.from('GIF89a......'), /signature/, 'not a PNG');
}

console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
