/** Figure 2b's reading of the nearest-training distances (pure: the figure imports it without the model). */
import { PIXELS, VARIATION } from './glyphs';

/** The distance two images' pixel noise alone puts between them: √(2 · PIXELS) · σ. */
export const NOISE_DISTANCE = Math.sqrt(2 * PIXELS) * VARIATION.noise;
/** A validation image closer than this to a training image is flagged as a (near-)duplicate. */
export const FLAG_DISTANCE = NOISE_DISTANCE / 3;
/** The histogram's bins: this wide, from 0 up to the last (which also counts anything beyond). */
export const BIN_WIDTH = 0.5;
export const BINS = 30;

export interface NearestSummary {
	/** Counts per bin of BIN_WIDTH from 0 (the last bin also holds everything beyond it). */
	counts: number[];
	/** Validation images flagged (nearest distance under FLAG_DISTANCE). */
	flagged: number;
	/** Of them, known copies (leak=dup), and how many copies there are. */
	copiesFlagged: number;
	copies: number;
	median: number;
}

export function summarizeNearest(distances: Float32Array, copyOf: Int32Array): NearestSummary {
	const counts = new Array<number>(BINS).fill(0);
	let flagged = 0;
	let copiesFlagged = 0;
	let copies = 0;
	distances.forEach((d, i) => {
		counts[Math.min(BINS - 1, Math.floor(d / BIN_WIDTH))]++;
		const flag = d < FLAG_DISTANCE;
		if (flag) flagged++;
		if (copyOf[i] >= 0) {
			copies++;
			if (flag) copiesFlagged++;
		}
	});
	const sorted = Float64Array.from(distances).sort();
	const median = sorted.length ? (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2 : NaN;
	return { counts, flagged, copiesFlagged, copies, median };
}
