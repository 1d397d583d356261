/**
 * The training benchmark's model and data, shared by both implementations so they run the same
 * step from the same numbers: an MLP 2 → 128 → 128 → 128 → 1 (ReLU, He-normal weights, zero
 * biases), mean squared error on a fixed batch of 256 points (a smooth function of the point),
 * one Adam step (lr 1e-3, β 0.9/0.999, ε 1e-8) per iteration.
 */
import { meanSquaredError } from '$lib/onnx/losses';
import { initialParams, type ParamValues, type TrainableModel } from '$lib/onnx/training/model';
import { createRng } from '$lib/random';

export const BENCH = { sizes: [2, 128, 128, 128, 1], batch: 256, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, seed: 7 } as const;

const LAYERS = BENCH.sizes.length - 1;

export function benchModel(): TrainableModel {
	const { sizes, batch } = BENCH;
	return {
		name: 'bench_mlp',
		params: Array.from({ length: LAYERS }, (_, l) => [
			{ name: `w${l}`, shape: [sizes[l], sizes[l + 1]], init: { kind: 'normal' as const, std: Math.sqrt(2 / sizes[l]) } },
			{ name: `b${l}`, shape: [sizes[l + 1]], init: { kind: 'zeros' as const } }
		]).flat(),
		inputs: [{ name: 'x', shape: [batch, sizes[0]] }],
		targets: [{ name: 'y', shape: [batch, sizes[LAYERS]] }],
		predict(g, p, { x }) {
			let h = x;
			for (let l = 0; l < LAYERS; l++) {
				h = g.add(g.matMul(h, p[`w${l}`]), p[`b${l}`]);
				if (l < LAYERS - 1) h = g.relu(h);
			}
			return h;
		},
		loss: (g, prediction, { y }) => meanSquaredError(g, prediction, y)
	};
}

export const benchParams = (): ParamValues => initialParams(benchModel(), BENCH.seed);

/** 256 points in [−1, 1]² and a target y = sin(3x₀)·cos(2x₁). */
export function benchData(): { x: Float32Array; y: Float32Array } {
	const rng = createRng(BENCH.seed + 1);
	const x = Float32Array.from({ length: BENCH.batch * 2 }, () => 2 * rng.uniform() - 1);
	const y = Float32Array.from({ length: BENCH.batch }, (_, i) => Math.sin(3 * x[2 * i]) * Math.cos(2 * x[2 * i + 1]));
	return { x, y };
}

/** What one implementation measured on one backend. */
export interface BenchResult {
	stepsPerSecond: number;
	steps: number;
	/** Loss before the first step (equal across implementations: same weights, same data). */
	firstLoss: number;
	lastLoss: number;
}

/**
 * Warm-up until both `warmupSteps` and `warmupMs` have passed (V8 compiles a large .wasm's hot
 * functions with its optimizing tier only after they have run a while: the first second of the
 * runtime's 14–27 MB module runs at half speed or worse), then time at least `minSteps` steps and
 * `minMs` milliseconds.
 */
export interface BenchBudget {
	warmupSteps: number;
	warmupMs: number;
	minSteps: number;
	minMs: number;
}

export const BUDGET: BenchBudget = { warmupSteps: 10, warmupMs: 2000, minSteps: 10, minMs: 4000 };

/** On WebGPU (SwiftShader here: about a step per second) a short run says as much. */
export const GPU_BUDGET: BenchBudget = { warmupSteps: 3, warmupMs: 1000, minSteps: 5, minMs: 3000 };

export const budgetFor = (backend: string): BenchBudget => (backend === 'webgpu' ? GPU_BUDGET : BUDGET);

/**
 * A first, unmeasured run per WASM runtime. V8 compiles a .wasm module's functions with its
 * baseline tier first and re-compiles the hot ones with its optimizing tier in the background;
 * for onnxruntime's 14–27 MB modules that takes seconds, during which steps run 2–5× slower. The
 * benchmark reports the steady state after it.
 */
export const PRIME: BenchBudget = { warmupSteps: 10, warmupMs: 4000, minSteps: 1, minMs: 0 };

/**
 * The timing loop both implementations share: `step(read)` runs one training step and, when
 * `read` is true, returns its loss (which waits for the device to finish).
 */
export async function timeSteps(step: (read: boolean) => Promise<number | null>, budget: BenchBudget): Promise<BenchResult> {
	const firstLoss = (await step(true))!;
	const warmStart = performance.now();
	for (let i = 1; ; i++) {
		const enough = i >= budget.warmupSteps && performance.now() - warmStart >= budget.warmupMs;
		await step(enough);
		if (enough) break;
	}
	const started = performance.now();
	let steps = 0;
	for (;;) {
		steps++;
		const done = steps >= budget.minSteps && performance.now() - started >= budget.minMs;
		const loss = await step(done);
		if (done) return { stepsPerSecond: (1000 * steps) / (performance.now() - started), steps, firstLoss, lastLoss: loss! };
	}
}
