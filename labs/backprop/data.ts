/**
 * The lab's inputs, drawn from the state's seed: a batch of points from three 2-D blobs (one per
 * class, sample i in class i mod 3) and Xavier-initialized weights of the 2 → hidden → 3 MLP.
 * Biases start at zero. Everything is float32, as the graph is fed.
 */
import { createRng } from '$lib/random';

export const INPUTS = 2;
export const CLASSES = 3;
/** Blob centres on a circle of this radius; each blob has this standard deviation. */
const RADIUS = 1.5;
const SPREAD = 0.6;

/** The network's parameters as graph inputs, in feed order. */
export const PARAM_NAMES = ['W1', 'b1', 'W2', 'b2'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export interface Params {
	W1: Float32Array; // [2, hidden]
	b1: Float32Array; // [hidden]
	W2: Float32Array; // [hidden, 3]
	b2: Float32Array; // [3]
}

export interface Sample {
	params: Params;
	X: Float32Array; // [batch, 2]
	Y: Float32Array; // [batch, 3], one-hot
	labels: number[];
}

/** The graph's inputs for a sample: data, one-hot targets, the weights (shape.hidden wide) and, for the naive loss, the logit scale. */
export function feedsFor(
	sample: Sample,
	shape: { batch: number; hidden: number; naive?: boolean },
	scale = 1
): Record<string, { data: Float32Array; dims: number[] }> {
	const { W1, b1, W2, b2 } = sample.params;
	return {
		...(shape.naive ? { S: { data: Float32Array.of(scale), dims: [1] } } : {}),
		X: { data: sample.X, dims: [shape.batch, 2] },
		Y: { data: sample.Y, dims: [shape.batch, 3] },
		W1: { data: W1, dims: [2, shape.hidden] },
		b1: { data: b1, dims: [shape.hidden] },
		W2: { data: W2, dims: [shape.hidden, 3] },
		b2: { data: b2, dims: [3] }
	};
}

function xavier(rng: ReturnType<typeof createRng>, fanIn: number, fanOut: number): Float32Array {
	return rng.fillNormal(new Float32Array(fanIn * fanOut), Math.sqrt(2 / (fanIn + fanOut)));
}

export function drawSample(hidden: number, batch: number, seed: number): Sample {
	const rng = createRng(seed);
	const params: Params = {
		W1: xavier(rng, INPUTS, hidden),
		b1: new Float32Array(hidden),
		W2: xavier(rng, hidden, CLASSES),
		b2: new Float32Array(CLASSES)
	};
	const X = new Float32Array(batch * INPUTS);
	const Y = new Float32Array(batch * CLASSES);
	const labels: number[] = [];
	for (let i = 0; i < batch; i++) {
		const c = i % CLASSES;
		const angle = (2 * Math.PI * c) / CLASSES;
		X[2 * i] = RADIUS * Math.cos(angle) + SPREAD * rng.normal();
		X[2 * i + 1] = RADIUS * Math.sin(angle) + SPREAD * rng.normal();
		Y[CLASSES * i + c] = 1;
		labels.push(c);
	}
	return { params, X, Y, labels };
}
