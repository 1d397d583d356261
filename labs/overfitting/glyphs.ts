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

/** Draws one image of class `label` into `out` (PIXELS values, row-major). */
function drawGlyph(label: number, rng: Rng, out: Float32Array): void {
	const v = VARIATION;
	const angle = (2 * rng.uniform() - 1) * v.rotate;
	const scale = (v.scale[0] + (v.scale[1] - v.scale[0]) * rng.uniform()) * (SIDE / 2);
	const cx = SIDE / 2 + (2 * rng.uniform() - 1) * v.shift;
	const cy = SIDE / 2 + (2 * rng.uniform() - 1) * v.shift;
	const half = v.stroke[0] + (v.stroke[1] - v.stroke[0]) * rng.uniform();
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
			out[r * SIDE + c] = Math.max(ink, strayInk) + v.noise * rng.normal();
		}
}

export interface Glyphs {
	/** [count, PIXELS] row-major. */
	images: Float32Array;
	labels: Int32Array;
	count: number;
}

/** `count` images, each of a class drawn uniformly from the seeded stream. */
export function glyphs(count: number, seed: number): Glyphs {
	const rng = createRng(seed);
	const images = new Float32Array(count * PIXELS);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const label = Math.floor(rng.uniform() * CLASSES);
		labels[i] = label;
		drawGlyph(label, rng, images.subarray(i * PIXELS, (i + 1) * PIXELS));
	}
	return { images, labels, count };
}

/** The training and validation sets of a seed: separate streams, so n never changes the validation set. */
export function splitSets(n: number, seed: number): { train: Glyphs; val: Glyphs } {
	return { train: glyphs(n, (7919 * seed + 1) | 0), val: glyphs(N_VAL, (7919 * seed + 2) | 0) };
}
