/**
 * A grid of pixels as a PNG data URL, encoded in plain JavaScript (fast-png), for the server:
 * a prerendered page carries the pixels a canvas would paint in the browser, so a pixel figure
 * shows with JavaScript off and in link-preview cards. Browsers encode with their canvas (much
 * faster); this runs where there is none.
 */
import { color } from 'd3';
import { encode } from 'fast-png';

/**
 * RGBA bytes (rows × cols × 4) from one CSS colour per cell. A colour the parser does not know
 * (a `url(#pattern)` or `var(--x)`, which a canvas cannot paint either) is left transparent.
 */
export function rgbaFromFill(rows: number, cols: number, fill: (row: number, col: number) => string): Uint8ClampedArray<ArrayBuffer> {
	const out = new Uint8ClampedArray(new ArrayBuffer(rows * cols * 4));
	// Maps repeat their colours (ramps, masks): parse each string once.
	const parsed = new Map<string, [number, number, number, number]>();
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const css = fill(r, c);
			let rgba = parsed.get(css);
			if (!rgba) {
				const rgb = color(css)?.rgb();
				rgba = rgb ? [rgb.r, rgb.g, rgb.b, Math.round(rgb.opacity * 255)] : [0, 0, 0, 0];
				parsed.set(css, rgba);
			}
			out.set(rgba, 4 * (r * cols + c));
		}
	}
	return out;
}

/** A PNG data URL of RGBA bytes (width × height × 4); stored without alpha when every pixel is opaque (smaller HTML). */
export function pngDataUrl(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): string {
	if (rgba.length !== width * height * 4) throw new Error(`pngDataUrl: ${rgba.length} bytes for ${width}×${height} pixels`);
	let opaque = true;
	for (let i = 3; i < rgba.length && opaque; i += 4) opaque = rgba[i] === 255;
	let data: Uint8Array = Uint8Array.from(rgba);
	if (opaque) {
		data = new Uint8Array(width * height * 3);
		for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
			data[j] = rgba[i];
			data[j + 1] = rgba[i + 1];
			data[j + 2] = rgba[i + 2];
		}
	}
	const png = encode({ width, height, data, channels: opaque ? 3 : 4, depth: 8 }, { zlib: { level: 9 } });
	return `data:image/png;base64,${base64(png)}`;
}

function base64(bytes: Uint8Array): string {
	let binary = '';
	// In slices: one String.fromCharCode call per byte is slow, one for all can overflow the stack.
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}
