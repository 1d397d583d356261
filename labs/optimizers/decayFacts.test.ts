/**
 * The spec's weight-decay facts (Loshchilov & Hutter 2019), on the project's own optimizer graphs
 * (src/lib/onnx/optimizers.ts, the ones figure 6 trains with) fed a gradient as an input, against
 * float64 TypeScript copies of PyTorch's updates written here:
 *   with zero loss gradient, AdamW scales θ by 1 − ηλ per step, and Adam + L2 moves each weight
 *   by ≈ η whatever λ; plain SGD + L2 is SGDW (≤ 1e-6).
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '$lib/onnx/graph';
import { optimizerStep, type OptimizerConfig } from '$lib/onnx/optimizers';
import { createSession, runSession, type Session } from '../../tests/support/ort';
import { createRng } from '$lib/random';

const N = 16;
const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

/** θ, g → θ' with the optimizer's state carried as graph inputs and outputs. */
function stepGraph(config: OptimizerConfig): { bytes: Uint8Array; state: { input: string; output: string; shape: number[] }[]; hyper: Record<string, number> } {
	const g = new GraphBuilder('decay_fact');
	const theta = g.input('theta', [N]);
	const grad = g.input('grad', [N]);
	const nodes = optimizerStep(g, config, [{ name: 'theta', value: theta, grad, decay: true }]);
	g.output(nodes.params[0].next, 'theta_next');
	const state = nodes.state.map((s) => {
		g.output(s.next, `${s.input.name}.next`);
		return { input: s.input.name, output: `${s.input.name}.next`, shape: s.input.shape as number[] };
	});
	const hyper = Object.fromEntries(nodes.hyper.map((h) => [h.input.name, h.value]));
	return { bytes: g.toBytes(), state, hyper };
}

/** Runs the graph `steps` times from θ₀ with gradients grads(t, θ); returns every iterate (float32). */
async function runSteps(config: OptimizerConfig, theta0: Float64Array, steps: number, grads: (t: number) => Float64Array): Promise<Float32Array[]> {
	const { bytes, state, hyper } = stepGraph(config);
	const session: Session = await createSession(bytes);
	const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
	for (const s of state) feeds[s.input] = { data: new Float32Array(s.shape.reduce((a, b) => a * b, 1)), dims: s.shape };
	for (const [name, value] of Object.entries(hyper)) feeds[name] = { data: Float32Array.of(value), dims: [] };
	let theta: Float32Array = Float32Array.from(theta0);
	const out: Float32Array[] = [theta];
	for (let t = 0; t < steps; t++) {
		const r = await runSession(session, { ...feeds, theta: { data: theta, dims: [N] }, grad: { data: Float32Array.from(grads(t)), dims: [N] } });
		for (const s of state) feeds[s.input] = { data: r[s.output].data, dims: s.shape };
		theta = r.theta_next.data;
		out.push(theta);
	}
	await session.release();
	return out;
}

/** PyTorch's Adam (L2 added to the gradient) or AdamW (decoupled), in float64; loss gradient zero. */
function adamZeroGrad(decoupled: boolean, lr: number, wd: number, theta0: Float64Array, steps: number): Float64Array[] {
	const theta = Float64Array.from(theta0);
	const m = new Float64Array(N);
	const v = new Float64Array(N);
	const out = [Float64Array.from(theta)];
	for (let t = 1; t <= steps; t++) {
		for (let i = 0; i < N; i++) {
			const g = decoupled ? 0 : wd * theta[i];
			if (decoupled) theta[i] -= lr * wd * theta[i];
			m[i] = B1 * m[i] + (1 - B1) * g;
			v[i] = B2 * v[i] + (1 - B2) * g * g;
			theta[i] -= (lr * (m[i] / (1 - B1 ** t))) / (Math.sqrt(v[i] / (1 - B2 ** t)) + EPS);
		}
		out.push(Float64Array.from(theta));
	}
	return out;
}

const rng = createRng(11);
/** Weights of both signs between 0.5 and 2 in size. */
const theta0 = Float64Array.from({ length: N }, () => (rng.uniform() < 0.5 ? -1 : 1) * (0.5 + 1.5 * rng.uniform()));
const zero = () => new Float64Array(N);
const STEPS = 60;
const LR = 1e-3;

describe('weight decay with zero loss gradient', () => {
	it('AdamW scales θ by 1 − ηλ per step', async () => {
		for (const wd of [0.01, 0.1]) {
			const graph = await runSteps({ kind: 'adamw', lr: LR, weightDecay: wd }, theta0, STEPS, zero);
			const reference = adamZeroGrad(true, LR, wd, theta0, STEPS);
			for (let t = 1; t <= STEPS; t++)
				for (let i = 0; i < N; i++) {
					expect(Math.abs(graph[t][i] / graph[t - 1][i] - (1 - LR * wd))).toBeLessThan(1e-6);
					// float32 against float64 over t steps: a rounding per step at most.
					expect(Math.abs(graph[t][i] - reference[t][i])).toBeLessThan(1e-7 * t * Math.abs(reference[t][i]));
				}
			// The float64 copy: exactly (1 − ηλ)ᵗ θ₀.
			for (let i = 0; i < N; i++) expect(reference[STEPS][i] / theta0[i]).toBeCloseTo((1 - LR * wd) ** STEPS, 12);
		}
	});

	it('Adam + L2 moves each weight by ≈ η per step, whatever λ', async () => {
		const stepsBy = new Map<number, number[]>();
		for (const wd of [1e-4, 0.01, 0.1]) {
			const graph = await runSteps({ kind: 'adam', lr: LR, weightDecay: wd }, theta0, STEPS, zero);
			const reference = adamZeroGrad(false, LR, wd, theta0, STEPS);
			const sizes: number[] = [];
			for (let t = 1; t <= STEPS; t++)
				for (let i = 0; i < N; i++) {
					expect(Math.abs(graph[t][i] - reference[t][i])).toBeLessThan(1e-5 * Math.abs(reference[t][i]));
					const size = Math.abs(reference[t][i] - reference[t - 1][i]);
					// Towards zero, by η within 5%: the gradient λθ falls as θ moves (by up to 12% over 60
					// steps of η from |θ| ≥ 0.5), and m̂, the recent gradients, trails √v̂, the longer memory.
					expect(Math.sign(reference[t - 1][i] - reference[t][i])).toBe(Math.sign(theta0[i]));
					expect(Math.abs(size / LR - 1)).toBeLessThan(0.05);
					sizes.push(size);
				}
			stepsBy.set(wd, sizes);
		}
		// λ a thousand times larger, the same steps (within 1%); AdamW's would be a thousand times larger.
		const small = stepsBy.get(1e-4)!;
		const large = stepsBy.get(0.1)!;
		for (let k = 0; k < small.length; k++) expect(Math.abs(large[k] / small[k] - 1)).toBeLessThan(0.01);
	});
});

describe('plain SGD + L2 is SGDW', () => {
	it('one step of the SGD + L2 graph from any θ equals θ − ηλθ − ηg (float64) within 1e-6', async () => {
		const lr = 0.05;
		const wd = 0.1;
		const grads = Array.from({ length: STEPS }, () => Float64Array.from({ length: N }, () => rng.normal()));
		const graph = await runSteps({ kind: 'sgd', lr, momentum: 0, weightDecay: wd }, theta0, STEPS, (t) => grads[t]);
		let worst = 0;
		for (let t = 0; t < STEPS; t++)
			for (let i = 0; i < N; i++) {
				const theta = graph[t][i];
				const sgdw = theta - lr * wd * theta - lr * grads[t][i];
				worst = Math.max(worst, Math.abs(graph[t + 1][i] - sgdw));
			}
		expect(worst).toBeLessThan(1e-6);
	});
});
