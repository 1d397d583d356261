/**
 * Compact numbers for build-time recordings: what a figure draws, rounded to what it can show.
 * Curves keep a few significant digits; a grid of values in a known range (probabilities, a
 * picture) is quantized to bytes and stored as base64. Pure, so figures decode it at first paint
 * (on the server too) and the recording test compares the encoded form exactly.
 */

/** `x` to `digits` significant digits (non-finite values stay as they are: JSON turns them into null). */
export function roundSig(x: number, digits = 4): number {
	if (!Number.isFinite(x) || x === 0) return x;
	return Number(x.toPrecision(digits));
}

/** `x` to `decimals` places (for coordinates drawn on a fixed axis). */
export function roundTo(x: number, decimals = 2): number {
	if (!Number.isFinite(x)) return x;
	const scale = 10 ** decimals;
	return Math.round(x * scale) / scale;
}

/** `values` in [lo, hi] as bytes (0 = lo, 255 = hi, clamped), base64-encoded. */
export function packBytes(values: ArrayLike<number>, lo = 0, hi = 1): string {
	const bytes = new Uint8Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		const t = Number.isFinite(v) ? (v - lo) / (hi - lo) : 0.5;
		bytes[i] = Math.round(255 * Math.min(1, Math.max(0, t)));
	}
	let text = '';
	for (const b of bytes) text += String.fromCharCode(b);
	return btoa(text);
}

/** The inverse of `packBytes`, to the nearest 1/255 of the range. */
export function unpackBytes(packed: string, lo = 0, hi = 1): Float32Array {
	const text = atob(packed);
	const out = new Float32Array(text.length);
	for (let i = 0; i < text.length; i++) out[i] = lo + ((hi - lo) * text.charCodeAt(i)) / 255;
	return out;
}
