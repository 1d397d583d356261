/**
 * Figure 2's image: a small picture drawn procedurally (the project owns it: a sky, a sun, a
 * house, hills and a fence whose thin slats are the first detail noise erases), the reader's
 * own image downscaled to the same size, and the forward process applied to it:
 *   x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, pixels in [−1, 1], ε from the seed (the same ε for both
 *   schedules, so the two sides differ only by ᾱ_t).
 * Images are RGB interleaved, row-major, size × size × 3.
 */
import { createRng } from '$lib/random';

export const IMAGE_SIZE = 64;

export type Rgb = [number, number, number];

export function builtInImage(size = IMAGE_SIZE): Float32Array {
	const img = new Float32Array(size * size * 3);
	const put = (x: number, y: number, [r, g, b]: Rgb) => {
		const i = 3 * (y * size + x);
		img[i] = r;
		img[i + 1] = g;
		img[i + 2] = b;
	};
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const u = x / size;
			const v = y / size;
			// Sky, lighter towards the horizon.
			let c: Rgb = [0.25 + 0.5 * v, 0.5 + 0.35 * v, 0.95];
			// Sun.
			if ((u - 0.78) ** 2 + (v - 0.2) ** 2 < 0.012) c = [1, 0.85, 0.2];
			// Hills.
			const hill = 0.62 + 0.06 * Math.sin(u * 9) + 0.03 * Math.sin(u * 23);
			if (v > hill) c = [0.2, 0.55 + 0.2 * (v - hill), 0.2];
			// House: walls, roof, door, window.
			if (u > 0.18 && u < 0.46 && v > 0.48 && v < 0.78) c = [0.85, 0.3, 0.25];
			if (v > 0.3 && v <= 0.48 && Math.abs(u - 0.32) < (v - 0.3) * 0.95) c = [0.35, 0.2, 0.15];
			if (u > 0.29 && u < 0.36 && v > 0.62 && v < 0.78) c = [0.3, 0.2, 0.1];
			if (u > 0.21 && u < 0.27 && v > 0.54 && v < 0.6) c = [0.95, 0.95, 0.7];
			// Fence: thin slats, the finest detail in the picture.
			if (v > 0.8 && v < 0.9 && u > 0.52 && Math.floor(u * size) % 3 === 0) c = [0.95, 0.95, 0.9];
			if (v > 0.83 && v < 0.85 && u > 0.52) c = [0.95, 0.95, 0.9];
			put(x, y, [c[0] * 2 - 1, c[1] * 2 - 1, c[2] * 2 - 1]);
		}
	}
	return img;
}

/** One ε per pixel and channel, from the seed. */
export function imageNoise(seed: number, size = IMAGE_SIZE): Float32Array {
	return createRng(seed).fillNormal(new Float32Array(size * size * 3));
}

export function noised(img: Float32Array, eps: Float32Array, alphaBar: number): Float32Array {
	const a = Math.sqrt(alphaBar);
	const b = Math.sqrt(1 - alphaBar);
	const out = new Float32Array(img.length);
	for (let i = 0; i < img.length; i++) out[i] = a * img[i] + b * eps[i];
	return out;
}

/** RGBA bytes for a canvas, [−1, 1] mapped to [0, 255] and clamped. */
export function toRgba(img: Float32Array): Uint8ClampedArray<ArrayBuffer> {
	const n = img.length / 3;
	const out = new Uint8ClampedArray(new ArrayBuffer(n * 4));
	for (let i = 0; i < n; i++) {
		out[4 * i] = (img[3 * i] + 1) * 127.5;
		out[4 * i + 1] = (img[3 * i + 1] + 1) * 127.5;
		out[4 * i + 2] = (img[3 * i + 2] + 1) * 127.5;
		out[4 * i + 3] = 255;
	}
	return out;
}

/** Files larger than this are refused before decoding (a photo of a few MB is fine). */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

/**
 * The reader's image, centre-cropped to a square and downscaled to size × size, in [−1, 1].
 * Decoded in the page; nothing is uploaded. Throws an Error with a sentence for the reader.
 */
export async function imageFromFile(file: File, size = IMAGE_SIZE): Promise<Float32Array> {
	if (!file.type.startsWith('image/')) throw new Error(`“${file.name}” is not an image (its type is ${file.type || 'unknown'}). Try a PNG, JPEG, GIF or WebP file.`);
	if (file.size > MAX_FILE_BYTES) throw new Error(`“${file.name}” is ${Math.round(file.size / 1048576)} MB; please use an image under ${MAX_FILE_BYTES / 1048576} MB.`);
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		throw new Error(`“${file.name}” could not be decoded as an image.`);
	}
	const canvas = document.createElement('canvas');
	canvas.width = size;
	canvas.height = size;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw to a canvas.');
	const side = Math.min(bitmap.width, bitmap.height);
	ctx.imageSmoothingQuality = 'high';
	ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
	bitmap.close();
	const { data } = ctx.getImageData(0, 0, size, size);
	const img = new Float32Array(size * size * 3);
	for (let i = 0; i < size * size; i++) {
		img[3 * i] = data[4 * i] / 127.5 - 1;
		img[3 * i + 1] = data[4 * i + 1] / 127.5 - 1;
		img[3 * i + 2] = data[4 * i + 2] / 127.5 - 1;
	}
	return img;
}
