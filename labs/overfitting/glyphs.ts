/**
 * The glyph data set: 12×12 grey images of four stroke shapes (L, T, X, O), each drawn in a
 * random pose (rotation, scale, shift), with a random stroke width, a faint stray stroke and
 * pixel noise. Everything is drawn from one seeded stream, so a seed gives the same images on
 * every machine. Hard enough that a wide MLP memorizes a few hundred of them well before it
 * generalizes: the lab's whole subject.
 */
import { createRng, type Rng } from '$lib/random';

export const SIDE = 12;
export const PIXELS = SIDE * SIDE;
export const CLASSES = 4;
export const CLASS_NAMES = ['L', 'T', 'X', 'O'] as const;
/** Validation images (fixed; the spec's 1000). */
export const N_VAL = 1000;

type Segment = readonly [number, number, number, number];

const ring = (r: number, parts = 12): Segment[] =>
	Array.from({ length: parts }, (_, i) => {
		const a = (2 * Math.PI * i) / parts;
		const b = (2 * Math.PI * (i + 1)) / parts;
		return [r * Math.cos(a), r * Math.sin(a), r * Math.cos(b), r * Math.sin(b)] as const;
	});

/** Each class's strokes in a unit frame ([−1, 1]², y down). */
const SHAPES: readonly (readonly Segment[])[] = [
	[
		[-0.45, -0.65, -0.45, 0.6],
		[-0.45, 0.6, 0.5, 0.6]
	],
	[
		[-0.6, -0.6, 0.6, -0.6],
		[0, -0.6, 0, 0.65]
	],
	[
		[-0.55, -0.55, 0.55, 0.55],
		[-0.55, 0.55, 0.55, -0.55]
	],
	ring(0.55)
];

/** How varied the images are: pose, stroke and noise ranges. */
export const VARIATION = {
	/** Rotation, ± radians. */
	rotate: 0.7,
	/** Scale range. */
	scale: [0.7, 1.15] as const,
	/** Shift, ± pixels. */
	shift: 1.6,
	/** Stroke half-width range, pixels. */
	stroke: [0.45, 1.1] as const,
	/** Brightness of the stray stroke. */
	stray: 0.7,
	/** Pixel noise standard deviation. */
	noise: 0.35
} as const;

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
	const dx = x2 - x1;
	const dy = y2 - y1;
	const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy || 1)));
	return Math.hypot(px - x1 - t * dx, py - y1 - t * dy);
}

/**
 * How the images drift with time when `shift` is on: at drift d = shift · t (t the image's time
 * index in [0, 1]) the glyph sits DRIFT.px · d pixels further right, its stroke is DRIFT.stroke · d
 * pixels thicker and the background DRIFT.background · d brighter: a camera slowly knocked
 * sideways and going out of focus. No random draw depends on it, so drift 0 is the plain data.
 */
export const DRIFT = { px: 2.5, stroke: 0.4, background: 0.3 } as const;

/** Draws one image of class `label` into `out` (PIXELS values, row-major), drifted by `drift` ∈ [0, 1]. */
function drawGlyph(label: number, rng: Rng, out: Float32Array, drift = 0): void {
	const v = VARIATION;
	const angle = (2 * rng.uniform() - 1) * v.rotate;
	const scale = (v.scale[0] + (v.scale[1] - v.scale[0]) * rng.uniform()) * (SIDE / 2);
	const cx = SIDE / 2 + (2 * rng.uniform() - 1) * v.shift + DRIFT.px * drift;
	const cy = SIDE / 2 + (2 * rng.uniform() - 1) * v.shift;
	const half = v.stroke[0] + (v.stroke[1] - v.stroke[0]) * rng.uniform() + DRIFT.stroke * drift;
	const cos = Math.cos(angle);
	const sin = Math.sin(angle);
	const place = ([x1, y1, x2, y2]: Segment): Segment => [
		cx + scale * (cos * x1 - sin * y1),
		cy + scale * (sin * x1 + cos * y1),
		cx + scale * (cos * x2 - sin * y2),
		cy + scale * (sin * x2 + cos * y2)
	];
	const strokes = SHAPES[label].map(place);
	// A stray stroke anywhere in the frame: clutter the classifier must learn to ignore.
	const stray: Segment = [SIDE * rng.uniform(), SIDE * rng.uniform(), SIDE * rng.uniform(), SIDE * rng.uniform()];
	for (let r = 0; r < SIDE; r++)
		for (let c = 0; c < SIDE; c++) {
			const px = c + 0.5;
			const py = r + 0.5;
			let d = Infinity;
			for (const s of strokes) d = Math.min(d, distanceToSegment(px, py, s));
			const ink = Math.max(0, Math.min(1, half + 0.5 - d));
			const strayInk = v.stray * Math.max(0, Math.min(1, 0.9 - distanceToSegment(px, py, stray)));
			out[r * SIDE + c] = Math.max(ink, strayInk) + DRIFT.background * drift + v.noise * rng.normal();
		}
}

export interface Glyphs {
	/** [count, PIXELS] row-major. */
	images: Float32Array;
	labels: Int32Array;
	count: number;
}

/**
 * `count` images, each of a class drawn uniformly from the seeded stream. With `drift`, image i
 * is drifted by drift[i] (see DRIFT); the class and pose draws are the same either way.
 */
export function glyphs(count: number, seed: number, drift?: Float32Array): Glyphs {
	const rng = createRng(seed);
	const images = new Float32Array(count * PIXELS);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const label = Math.floor(rng.uniform() * CLASSES);
		labels[i] = label;
		drawGlyph(label, rng, images.subarray(i * PIXELS, (i + 1) * PIXELS), drift?.[i] ?? 0);
	}
	return { images, labels, count };
}

/** The faults figure 2 looks for, injected into the data on purpose (controls leak, split, shift). */
export type Leak = 'off' | 'train' | 'both' | 'dup';
export type Split = 'random' | 'time';
export interface DataFaults {
	leak: Leak;
	split: Split;
	/** How far the images drift over the time index, 0 (not at all) to 1 (DRIFT in full). */
	shift: number;
}
export const NO_FAULTS: DataFaults = { leak: 'off', split: 'random', shift: 0 };

/**
 * The watermark: one corner pixel (top left) set to a level that names the class, loud (levels
 * 2.2 apart, against pixel noise of 0.35) as a stamped tag is: the network leans on it within a
 * few epochs, and erasing it costs the training accuracy 30 points or more (checkpoints.test.ts).
 */
export const WATERMARK_PIXEL = 0;
export const WATERMARK_LEVELS = [-1.6, 0.6, 2.8, 5] as const;
/** leak=dup: this share of the validation images are copies of training images. */
export const DUP_SHARE = 0.2;
/** A copy is re-saved with this much fresh pixel noise: a near-duplicate, not a bit-for-bit one. */
export const DUP_NOISE = 0.05;
/** split=time: the validation set is the last quarter of the time range. */
export const TIME_SPLIT = 0.75;
/** Deploy images (never leaked, never drifted). */
export const N_DEPLOY = 1000;

export interface SplitSets {
	train: Glyphs;
	val: Glyphs;
	/** Each image's time index in [0, 1]. */
	trainTime: Float32Array;
	valTime: Float32Array;
	/** leak=dup: for each validation image, the training image it copies, or −1. */
	copyOf: Int32Array;
}

/** Time indices: uniform on [lo, hi), from their own stream so the images' draws never move. */
function times(count: number, seed: number, lo: number, hi: number): Float32Array {
	const rng = createRng(seed);
	return Float32Array.from({ length: count }, () => lo + (hi - lo) * rng.uniform());
}

const stamp = (set: Glyphs) => {
	for (let i = 0; i < set.count; i++) set.images[i * PIXELS + WATERMARK_PIXEL] = WATERMARK_LEVELS[set.labels[i]];
};

/**
 * The training and validation sets of a seed: separate streams, so n never changes the validation
 * set, and with NO_FAULTS exactly the plain data. Faults: split=random gives both sets time
 * indices over the whole range, split=time gives training the first 75% and validation the last
 * 25%; shift drifts every image by shift · time. leak=train stamps the watermark into the training
 * images, both into the validation images too; dup overwrites DUP_SHARE of the validation images
 * (chosen by the seed) with lightly re-noised copies of training images, labels included.
 */
export function splitSets(n: number, seed: number, faults: DataFaults = NO_FAULTS): SplitSets {
	const cut = faults.split === 'time' ? TIME_SPLIT : 1;
	const trainTime = times(n, (7919 * seed + 11) | 0, 0, cut);
	const valTime = times(N_VAL, (7919 * seed + 12) | 0, faults.split === 'time' ? cut : 0, 1);
	const drift = (t: Float32Array) => (faults.shift > 0 ? t.map((v) => faults.shift * v) : undefined);
	const train = glyphs(n, (7919 * seed + 1) | 0, drift(trainTime));
	const val = glyphs(N_VAL, (7919 * seed + 2) | 0, drift(valTime));
	const copyOf = new Int32Array(N_VAL).fill(-1);
	if (faults.leak === 'train' || faults.leak === 'both') stamp(train);
	if (faults.leak === 'both') stamp(val);
	if (faults.leak === 'dup') {
		const rng = createRng((7919 * seed + 13) | 0);
		const copies = Math.round(DUP_SHARE * N_VAL);
		// Which validation images are replaced: a seeded partial shuffle picks `copies` distinct ones.
		const order = Int32Array.from({ length: N_VAL }, (_, i) => i);
		for (let k = 0; k < copies; k++) {
			const j = k + Math.floor(rng.uniform() * (N_VAL - k));
			[order[k], order[j]] = [order[j], order[k]];
			const v = order[k];
			const t = Math.floor(rng.uniform() * n);
			copyOf[v] = t;
			val.labels[v] = train.labels[t];
			for (let p = 0; p < PIXELS; p++) val.images[v * PIXELS + p] = train.images[t * PIXELS + p] + DUP_NOISE * rng.normal();
		}
	}
	return { train, val, trainTime, valTime, copyOf };
}

/** The deploy set: what the model meets after release, drawn from its own stream, never leaked or drifted. */
export const deploySet = (seed: number): Glyphs => glyphs(N_DEPLOY, (7919 * seed + 3) | 0);
