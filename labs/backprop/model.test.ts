/**
 * The lab's ONNX graph (forward and the autodiff's backward) on onnxruntime-web, WASM in Node,
 * against the float64 reference written by hand in reference.ts, and the spec's facts about it.
 */
import { describe, expect, it } from 'vitest';
import { runSplitModel } from '../../tests/support/ort';
import { drawSample, feedsFor, type Sample } from './data';
import { buildBackpropGraph, type Activation, type LossKind, type NetShape } from './model';
import { referenceRun } from './reference';
import { summarize } from './summary';

async function run(shape: NetShape, sample: Sample) {
	const { split, spec } = buildBackpropGraph(shape);
	return summarize(spec, sample, shape.batch, await runSplitModel(split, feedsFor(sample, shape)));
}

const maxAbs = (a: readonly number[]) => Math.max(...a.map(Math.abs));
function expectClose(got: readonly number[], want: readonly number[], tol: number) {
	expect(got).toHaveLength(want.length);
	const scale = Math.max(1, maxAbs(want));
	got.forEach((g, i) => expect(Math.abs(g - want[i]), `entry ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(tol * scale));
}

describe('backprop graph against the float64 reference', () => {
	const cases: [Activation, LossKind, number, number, boolean][] = [
		['tanh', 'ce', 3, 1, false],
		['tanh', 'ce', 8, 16, true],
		['relu', 'ce', 5, 7, true],
		['sigmoid', 'mse', 3, 4, false],
		['relu', 'mse', 2, 16, true]
	];
	it.each(cases)('%s, %s, hidden %i, batch %i, xgrad %s: loss and every gradient', async (act, loss, hidden, batch, xgrad) => {
		const shape = { hidden, batch, act, loss, xgrad };
		const sample = drawSample(hidden, batch, 7);
		const r = await run(shape, sample);
		const ref = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch, hidden, act, loss });
		expect(Math.abs(r.loss - ref.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, ref.loss));
		for (const p of ['W1', 'b1', 'W2', 'b2'] as const) expectClose(r.grads[p], ref.grads[p], 1e-5);
		if (xgrad) expectClose(r.grads.X, ref.grads.X, 1e-5);
		else expect(r.grads.X).toBeUndefined();
		expectClose(r.values[r.graph.adjoints[r.graph.named.logits]], ref.dz, 1e-6);
	});
});

describe('facts the lab reproduces', () => {
	it('cross-entropy: backward ∂L/∂z = (p − y)/B within 1e-6, summing to 0 over classes', async () => {
		for (const batch of [1, 5, 16]) {
			const shape: NetShape = { hidden: 3, batch, act: 'tanh', loss: 'ce', xgrad: false };
			const sample = drawSample(3, batch, 3);
			const r = await run(shape, sample);
			const dz = r.values[r.graph.adjoints[r.graph.named.logits]];
			const logp = r.values[r.graph.named.logProbs!];
			for (let b = 0; b < batch; b++) {
				let sum = 0;
				for (let c = 0; c < 3; c++) {
					const k = 3 * b + c;
					expect(Math.abs(dz[k] - (Math.exp(logp[k]) - sample.Y[k]) / batch)).toBeLessThanOrEqual(1e-6);
					sum += dz[k];
				}
				expect(Math.abs(sum)).toBeLessThanOrEqual(1e-6);
			}
		}
	});

	it('a confidently wrong example (p_c = 10⁻⁴): squared error’s |∂L/∂z_c| < 10⁻³, cross-entropy’s ≈ 1', async () => {
		// W₁ = 0 and tanh(0) = 0 make z = b₂; b₂ = (a, 0, 0) with eᵃ/(eᵃ + 2) = 10⁻⁴ for the true class 0.
		const pc = 1e-4;
		const a = Math.log((2 * pc) / (1 - pc));
		const sample: Sample = {
			params: { W1: new Float32Array(6), b1: new Float32Array(3), W2: new Float32Array(9), b2: Float32Array.of(a, 0, 0) },
			X: Float32Array.of(0.3, -0.2),
			Y: Float32Array.of(1, 0, 0),
			labels: [0]
		};
		const dzOf = async (loss: LossKind) => {
			const r = await run({ hidden: 3, batch: 1, act: 'tanh', loss, xgrad: false }, sample);
			expect(Math.abs(r.softmax.p[0] - pc)).toBeLessThan(1e-7);
			return r.softmax.dz[0];
		};
		expect(Math.abs(await dzOf('mse'))).toBeLessThan(1e-3);
		expect(Math.abs((await dzOf('ce')) + 1)).toBeLessThan(1e-3);
	});

	it('a 2-layer MLP: 2L − 1 = 3 backward matrix products, 2L = 4 with ∂L/∂X; W₁ saved only then', () => {
		for (const act of ['tanh', 'relu', 'sigmoid'] as const)
			for (const loss of ['ce', 'mse'] as const)
				for (const xgrad of [false, true]) {
					const { spec } = buildBackpropGraph({ hidden: 4, batch: 2, act, loss, xgrad });
					const products = spec.nodes.filter((n) => n.phase === 'backward' && n.op === 'MatMul').length;
					expect(products).toBe(xgrad ? 4 : 3);
					expect(spec.saved.includes('W1')).toBe(xgrad);
					expect(spec.saved).toContain('W2');
					expect(spec.saved).toContain('X');
				}
	});
});

describe('xgrad: what asking for ∂L/∂X adds (figures 1 and 2 outline it)', () => {
	it('exactly the backward nodes the graph gains, one of them a matrix product, and W₁', () => {
		for (const act of ['tanh', 'relu'] as const)
			for (const loss of ['ce', 'mse'] as const) {
				const shape = { hidden: 3, batch: 2, act, loss };
				const without = buildBackpropGraph({ ...shape, xgrad: false }).spec;
				const withX = buildBackpropGraph({ ...shape, xgrad: true }).spec;
				expect(without.xgradOnly).toEqual([]);
				expect(withX.xgradOnly.at(-1)).toBe('W1');
				const added = withX.xgradOnly.slice(0, -1).map((id) => withX.nodes.find((n) => n.id === id)!);
				expect(added.every((n) => n.phase === 'backward')).toBe(true);
				const backward = (spec: typeof withX) => spec.nodes.filter((n) => n.phase === 'backward').length;
				expect(added.length, `${act}, ${loss}`).toBe(backward(withX) - backward(without));
				expect(added.filter((n) => n.op === 'MatMul')).toHaveLength(1);
				expect(withX.changed).toEqual([]);
			}
	});
});

describe('fan-out', () => {
	it('squared error: d = p − y feeds its square twice, so backward adds two gradients; cross-entropy has no such Add', () => {
		const addsOf = (loss: LossKind) => {
			const { spec } = buildBackpropGraph({ hidden: 3, batch: 1, act: 'tanh', loss, xgrad: false });
			const producers = new Map(spec.nodes.map((n) => [n.id, n]));
			return spec.nodes.filter((n) => n.phase === 'backward' && n.op === 'Add' && n.inputs.every((i) => producers.get(i)?.phase === 'backward'));
		};
		expect(addsOf('mse')).toHaveLength(1);
		expect(addsOf('ce')).toHaveLength(0);
	});
});

describe('the split graphs: forward, then backward from the saved tensors', () => {
	it('backward takes in exactly the forward tensors its nodes read, the seed, and the inputs it needs', () => {
		for (const act of ['tanh', 'relu', 'sigmoid'] as const)
			for (const xgrad of [false, true]) {
				const { split, spec } = buildBackpropGraph({ hidden: 3, batch: 2, act, loss: 'ce', xgrad });
				const inputs = split.backward.inputs.map((t) => t.name);
				// spec.saved names what the backward nodes read of forward, graph inputs included.
				expect(new Set(inputs)).toEqual(new Set([...spec.saved, spec.seed]));
				expect(inputs).not.toContain('b1');
				// h₁ is kept for ∂L/∂W₂ = h₁ᵀ∂L/∂z; z₁ only by ReLU's rule (tanh and sigmoid differentiate from h₁).
				expect(inputs).toContain(spec.named.h1);
				expect(inputs.includes(spec.named.z1)).toBe(act === 'relu');
				// Every node's value comes out of one of the two runs.
				const outputs = new Set([...split.forward.outputs, ...split.backward.outputs].map((t) => t.name));
				for (const n of spec.nodes) if (n.output) expect(outputs.has(n.output), n.id).toBe(true);
			}
	});
});

describe('the step control', () => {
	it('reaches the last node of every graph the controls can ask for (MAX_STEP ≥ the node count)', async () => {
		const { MAX_STEP } = await import('./lab');
		for (const act of ['tanh', 'relu', 'sigmoid'] as const)
			for (const loss of ['ce', 'mse'] as const)
				for (const xgrad of [false, true])
					for (const detach of ['none', 'hidden', 'lsemax'] as const)
						for (const naive of [false, true]) {
							const { spec } = buildBackpropGraph({ hidden: 8, batch: 2, act, loss, xgrad, detach, naive });
							expect(spec.nodes.length, `${act} ${loss} xgrad ${xgrad} detach ${detach} naive ${naive}`).toBeLessThanOrEqual(MAX_STEP);
						}
	});
});

describe('the naive loss with detach = lsemax', () => {
	it('is said under the control, and the graph indeed has no stop-gradient', async () => {
		const { backprop: backpropLab } = await import('./lab');
		const { defaults } = await import('$lib/state/schema');
		const base = defaults(backpropLab.schema);
		const conflict = backpropLab.conflicts!.detach!;
		expect(conflict({ ...base, lse: 'naive', detach: 'lsemax' })).toMatch(/no m to detach/);
		expect(conflict({ ...base, lse: 'stable', detach: 'lsemax' })).toBeNull();
		expect(conflict({ ...base, lse: 'naive', detach: 'hidden' })).toBeNull();
		const { spec } = buildBackpropGraph({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false, detach: 'lsemax', naive: true });
		expect(spec.changed).toEqual([]);
		expect(spec.nodes.some((n) => n.op === 'Identity' && n.phase === 'forward')).toBe(false);
	});
});
