/**
 * Does pruning make a layer faster? One linear layer y = x·W timed by ONNX Runtime three ways:
 * W dense; W with 90% of its entries set to zero (unstructured: the same shape, so the same dense
 * kernel multiplies the zeros); and W with half its columns removed (structured: a matrix half
 * the size). Sized like a real transformer's layer, not this lab's small one, so the kernel's
 * time is not lost in the call's overhead.
 */
import type { Backend } from '$lib/onnx/backend';
import { GraphBuilder } from '$lib/onnx/graph';
import { createRng } from '$lib/random';
import { TIMED, TIMING, type Timed, type TimingSpec } from './timingSpec';

export { TIMED, TIMING, type Timed, type TimingSpec } from './timingSpec';

export interface TimedLayer {
	/** Row-major [k, cols]. */
	w: Float32Array;
	cols: number;
}

/** The three weight matrices: the dense one, it with 90% of entries zeroed, its first half of columns. */
export function timedLayers({ k, n, zeros, seed }: TimingSpec = TIMING): Record<Timed, TimedLayer> {
	const rng = createRng(seed);
	const dense = new Float32Array(k * n);
	rng.fillNormal(dense, 1 / Math.sqrt(k));
	const sparse = dense.slice();
	// Exactly round(zeros·k·n) entries, chosen by a seeded shuffle of the indices.
	const order = Int32Array.from({ length: k * n }, (_, i) => i);
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(rng.uniform() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	for (let i = 0; i < Math.round(zeros * k * n); i++) sparse[order[i]] = 0;
	const half = n / 2;
	const columns = new Float32Array(k * half);
	for (let r = 0; r < k; r++) columns.set(dense.subarray(r * n, r * n + half), r * half);
	return { dense: { w: dense, cols: n }, zeros: { w: sparse, cols: n }, columns: { w: columns, cols: half } };
}

/** x [tokens, k] → x·W, with W an initializer (as a model ships its weights). */
export function layerGraph(layer: TimedLayer, { tokens, k }: Pick<TimingSpec, 'tokens' | 'k'> = TIMING): Uint8Array {
	const g = new GraphBuilder('timed_linear');
	const x = g.input('x', [tokens, k]);
	g.output(g.matMul(x, g.initializer('w', layer.w, [k, layer.cols])), 'y');
	return g.toBytes();
}

export interface TimingResult {
	/** Median milliseconds per run, by layer. */
	ms: Record<Timed, number>;
	backend: Backend;
	reps: number;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times the three layers on `backend`: a warm-up run each, then `reps` rounds that run each once,
 * in turn (so a slow moment of the machine falls on all three alike); the median per layer.
 * `proceed` is asked between runs and stops the timing when it says false.
 */
export async function timeLayers(backend: Backend, proceed: (done: number, total: number) => boolean = () => true, reps: number = TIMING.reps): Promise<TimingResult | null> {
	const { getSession, runSession, runSessionTimed } = await import('$lib/onnx/runtime');
	const layers = timedLayers();
	const x = new Float32Array(TIMING.tokens * TIMING.k);
	createRng(TIMING.seed + 1).fillNormal(x, 1);
	const feeds = { x: { data: x, dims: [TIMING.tokens, TIMING.k] } };
	const sessions = await Promise.all(TIMED.map((t) => getSession(backend, `quantization:timed:${t}`, () => layerGraph(layers[t]))));
	for (const session of sessions) await runSession(session, feeds);
	const times: Record<Timed, number[]> = { dense: [], zeros: [], columns: [] };
	for (let rep = 0; rep < reps; rep++) {
		for (const [i, t] of TIMED.entries()) {
			if (!proceed(rep * TIMED.length + i, reps * TIMED.length)) return null;
			// Timed from the start of the run's turn: a wait behind the page's other runs is not counted.
			times[t].push((await runSessionTimed(sessions[i], feeds)).ms);
		}
	}
	return { ms: { dense: median(times.dense), zeros: median(times.zeros), columns: median(times.columns) }, backend, reps };
}
