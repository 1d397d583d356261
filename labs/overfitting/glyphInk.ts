/** How figure 2 shows a training image: its ink, as the alpha of RGBA bytes (GlyphStrip.svelte). */
import { PIXELS } from './glyphs';

/** Pixel values are ink plus noise: shown on a fixed −0.5…1.5 scale, ink dark. */
const shade = (v: number): number => Math.max(0, Math.min(1, (v + 0.5) / 2));

/** One image's ink, as the alpha channel of RGBA bytes (the colour channels are not read). */
export function inkAlpha(pixels: readonly number[]): Uint8ClampedArray<ArrayBuffer> {
	if (pixels.length !== PIXELS) throw new Error(`inkAlpha: ${pixels.length} pixels, not ${PIXELS}`);
	const rgba = new Uint8ClampedArray(new ArrayBuffer(PIXELS * 4));
	pixels.forEach((v, p) => (rgba[4 * p + 3] = Math.round(255 * shade(v))));
	return rgba;
}
