/**
 * Figure 3's accuracies against an independent float64 path: the transformer in plain TypeScript
 * (reference64.ts), the outlier, the rounding, SmoothQuant and LLM.int8 all written again here from
 * their definitions. The spec's facts are checked on this reference, and the graph's measurement
 * (measureOutlier) must agree with it within a point.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { drawInputs } from '$labs/attention-heatmaps/tasks';
import { TRAINING } from '$labs/attention-heatmaps/training';
import { CALIBRATION, heldOut } from './accuracy';
import { outlierChannel } from './outlier';
import { measureOutlier, type OutlierResult } from './outlierAccuracy';
import { rightTokens64, type Params64, type RowHook } from './reference64';
import { readWeights } from './weights';
import { outlierW8a8 } from './checkpoints';
import { schema, type QuantizationState } from './lab';

const C = 100;
const ALPHA = 0.5;
const TAU = 6;
const QMAX = 127; // 8-bit symmetric codes −127 … 127

const float32 = readWeights(new Uint8Array(readFileSync(new URL('../../static/models/attention-copy.onnx', import.meta.url))));
const LINEAR = paramSpecs(SHAPE).filter((p) => /\.w$/.test(p.name)).map((p) => p.name.slice(0, -2));
const GROUPS = [
	{ norm: 'l0.ln1', linears: ['l0.q', 'l0.k', 'l0.v'] },
	{ norm: 'l0.ln2', linears: ['l0.mlp1'] },
	{ norm: 'l1.ln1', linears: ['l1.q', 'l1.k', 'l1.v'] },
	{ norm: 'l1.ln2', linears: ['l1.mlp1'] },
	{ norm: 'ln_f', linears: ['out'] }
];

const clone = (p: Params64): Params64 => new Map([...p].map(([k, v]) => [k, { shape: [...v.shape], data: Float64Array.from(v.data) }]));
const round8 = (x: number, s: number) => s * Math.min(QMAX, Math.max(-QMAX, Math.floor(x / s + 0.5)));

/** Scales input channel j of a group by f[j] (norm gain and bias) and its weight rows by 1/f[j]. */
function scaleGroup(p: Params64, group: (typeof GROUPS)[number], f: ArrayLike<number>) {
	for (const part of ['g', 'b']) p.get(`${group.norm}.${part}`)!.data.forEach((v, j, a) => (a[j] = v * f[j]));
	for (const l of group.linears) {
		const { shape, data } = p.get(`${l}.w`)!;
		data.forEach((v, i, a) => (a[i] = v / f[Math.floor(i / shape[1])]));
	}
}

/** Per linear layer and input channel, the largest |x| the calibration sequences give. */
function calibrate(p: Params64): Map<string, Float64Array> {
	const seen = new Map<string, Float64Array>();
	const record: RowHook = (x, name) => {
		const m = seen.get(name) ?? new Float64Array(x.length);
		x.forEach((v, k) => (m[k] = Math.max(m[k], Math.abs(v))));
		seen.set(name, m);
		return x;
	};
	rightTokens64('copy', p, drawInputs('copy', CALIBRATION, TRAINING.seed), record);
	return seen;
}

/** Rounds every linear weight and both embeddings to one 8-bit grid per tensor, except rows listed as float. */
function roundWeights(p: Params64, floatRows: Map<string, Set<number>> = new Map()): Params64 {
	const out = clone(p);
	for (const name of [...LINEAR.map((l) => `${l}.w`), 'tok_emb', 'pos_emb']) {
		const { shape, data } = out.get(name)!;
		const keep = floatRows.get(name.slice(0, -2)) ?? new Set<number>();
		const row = (i: number) => Math.floor(i / shape[1]);
		const s = data.reduce((m, v, i) => (keep.has(row(i)) ? m : Math.max(m, Math.abs(v))), 0) / QMAX;
		data.forEach((v, i, a) => (a[i] = keep.has(row(i)) ? v : round8(v, s)));
	}
	return out;
}

/** Activation hook: per layer, one step for its rounded channels; kept channels pass as they are. */
const actHook =
	(steps: Map<string, number>, kept: Map<string, Set<number>> = new Map()): RowHook =>
	(x, name) =>
		Float64Array.from(x, (v, k) => (kept.get(name)?.has(k) ? v : round8(v, steps.get(name)!)));

const perTensorSteps = (ranges: Map<string, Float64Array>, kept: Map<string, Set<number>> = new Map()) =>
	new Map([...ranges].map(([l, m]) => [l, m.reduce((a, v, k) => (kept.get(l)?.has(k) ? a : Math.max(a, v)), 0) / QMAX]));

const ref = { float: 0, none: 0, smooth: 0, llmint8: 0, tokens: 0 };
const measured = new Map<string, OutlierResult>();

beforeAll(async () => {
	const base: Params64 = new Map([...float32].map(([k, v]) => [k, { shape: v.shape, data: Float64Array.from(v.data) }]));
	// The outlier, by its definition: channel j's LN₁ gain and bias × c, rows j of W_q, W_k, W_v × 1/c.
	const j = outlierChannel(float32);
	const p = clone(base);
	scaleGroup(p, GROUPS[0], Array.from({ length: SHAPE.dModel }, (_, k) => (k === j ? C : 1)));
	const inputs = heldOut('copy');
	ref.tokens = inputs.reduce((a, x) => a + x.length, 0);
	ref.float = rightTokens64('copy', p, inputs);
	const ranges = calibrate(p);
	ref.none = rightTokens64('copy', roundWeights(p), inputs, actHook(perTensorSteps(ranges)));
	// SmoothQuant: s_j = max|X_j|^α / max|W_j|^(1−α), X_j / s_j into the norm, rows j of W × s_j.
	const smoothed = clone(p);
	for (const g of GROUPS) {
		const x = ranges.get(g.linears[0])!;
		const w = new Float64Array(x.length);
		for (const l of g.linears) {
			const { shape, data } = p.get(`${l}.w`)!;
			data.forEach((v, i) => (w[Math.floor(i / shape[1])] = Math.max(w[Math.floor(i / shape[1])], Math.abs(v))));
		}
		scaleGroup(smoothed, g, Array.from(x, (v, k) => w[k] ** (1 - ALPHA) / v ** ALPHA));
	}
	ref.smooth = rightTokens64('copy', roundWeights(smoothed), inputs, actHook(perTensorSteps(calibrate(smoothed))));
	// LLM.int8: channels above τ × the median range stay float, with their weight rows.
	const kept = new Map(
		[...ranges].map(([l, m]) => {
			const sorted = Array.from(m).sort((a, b) => a - b);
			const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
			return [l, new Set(Array.from(m.keys()).filter((k) => m[k] > TAU * median))];
		})
	);
	ref.llmint8 = rightTokens64('copy', roundWeights(p, kept), inputs, actHook(perTensorSteps(ranges, kept), kept));
	for (const fix of ['smooth', 'llmint8'] as const) measured.set(fix, await measureOutlier(float32, { task: 'copy', c: C, fix, alpha: ALPHA }, 'wasm'));
	console.log(JSON.stringify({ reference64: { ...ref }, measured: Object.fromEntries([...measured].map(([k, r]) => [k, { float: r.float, none: r.none, remedy: r.remedy }])) }));
}, 120_000);

describe('c = 100 on copy, float64 reference', () => {
	it('the facts hold on the reference: float keeps every token, W8A8 < 70%, SmoothQuant α = 0.5 and LLM.int8 ≥ 99%', () => {
		expect(ref.float).toBe(ref.tokens);
		expect(ref.none / ref.tokens).toBeLessThan(0.7);
		expect(ref.smooth / ref.tokens).toBeGreaterThanOrEqual(0.99);
		expect(ref.llmint8 / ref.tokens).toBeGreaterThanOrEqual(0.99);
	});
	it('the graph measures the same accuracies within one point', () => {
		const near = (a: number, b: number) => expect(Math.abs(a - b) / ref.tokens).toBeLessThanOrEqual(0.01);
		const s = measured.get('smooth')!;
		const m = measured.get('llmint8')!;
		expect(s.tokens).toBe(ref.tokens);
		near(s.float, ref.float);
		near(s.none, ref.none);
		near(m.none, ref.none);
		near(s.remedy, ref.smooth);
		near(m.remedy, ref.llmint8);
	});
	it('checkpoint outlier-w8a8 reveals the reference W8A8 accuracy (copy, c = 100) within one point', async () => {
		const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as QuantizationState;
		const state = { ...defaults, ...outlierW8a8.settings(() => 0.1) } as QuantizationState;
		expect([state.task, state.outlier]).toEqual(['copy', C]);
		const solution = await outlierW8a8.solve(state, 'wasm');
		expect(Math.abs((solution.expected as { value: number }).value - (100 * ref.none) / ref.tokens)).toBeLessThanOrEqual(1);
	}, 60_000);
});
