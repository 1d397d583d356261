/**
 * The `w` control: URL text ⇄ overrides (round trip, malformed entries, clamping, the entry cap),
 * and the overrides in the lab's real ONNX graph: the loss and gradients follow the float64
 * reference fed the same weights, and the gradient check still passes.
 */
import { describe, expect, it } from 'vitest';
import { parseState, serializeState } from '$lib/state/schema';
import { runModel, runSplitModel } from '../../tests/support/ort';
import { drawSample, feedsFor, type Sample } from './data';
import { buildCheckGraph, checkFeeds, float32Curve, variantCount, type CheckShape } from './gradcheck';
import { schema } from './lab';
import { buildBackpropGraph, PARAM_NAMES, type NetShape } from './model';
import { referenceRun } from './reference';
import { applyWeights, MAX_ENTRIES, parseWeights, serializeWeights, WEIGHT_LIMIT, withWeight } from './weights';

const fromUrl = (query: string) => parseState(schema, new URLSearchParams(query));

describe('w in the URL', () => {
	it('round-trips through the schema and back to the same overrides', () => {
		const text = 'W1[0]=0.5,b2[2]=-1.25,W2[7]=3';
		const { state, notes } = fromUrl(`w=${encodeURIComponent(text)}`);
		expect(notes).toEqual([]);
		expect(state.w).toBe(text);
		const again = fromUrl(serializeState(schema, state).toString());
		expect(again.state.w).toBe(text);
		const { overrides, notes: dropped } = parseWeights(again.state.w, 3);
		expect(dropped).toEqual([]);
		expect(overrides).toEqual([
			{ param: 'W1', index: 0, value: 0.5 },
			{ param: 'b2', index: 2, value: -1.25 },
			{ param: 'W2', index: 7, value: 3 }
		]);
		expect(serializeWeights(overrides)).toBe(text);
		// The default (no dragged weight) keeps the URL clean.
		expect(serializeState(schema, fromUrl('').state).has('w')).toBe(false);
	});

	it('refuses a value with no usable entry, or too long, with a note, falling back to none', () => {
		for (const raw of ['garbage', 'W1[x]=1', 'W9[0]=1', 'W1[0]=', 'W1[0]=0x10', 'W1[0]=Infinity', `W1[0]=${'1'.repeat(500)}`]) {
			const { state, notes } = fromUrl(`w=${encodeURIComponent(raw)}`);
			expect(state.w, raw).toBe('');
			expect(notes, raw).toHaveLength(1);
		}
	});

	it('drops malformed entries one by one, each with a note, keeping the good ones', () => {
		const { state } = fromUrl(`w=${encodeURIComponent('W1[0]=abc,foo,b2[1]=0.5,,W2[1]=1e400')}`);
		const { overrides, notes } = parseWeights(state.w, 3);
		expect(overrides).toEqual([{ param: 'b2', index: 1, value: 0.5 }]);
		expect(notes).toHaveLength(3);
		expect(notes[0]).toContain('W1[0]=abc');
		expect(notes[1]).toContain('foo');
	});

	it('clamps values to ±5, drops indices the width lacks, keeps at most 8 entries', () => {
		expect(WEIGHT_LIMIT).toBe(5);
		expect(MAX_ENTRIES).toBe(8);
		const clamped = parseWeights('W1[1]=100,b1[0]=-7', 3);
		expect(clamped.overrides.map((o) => o.value)).toEqual([5, -5]);
		expect(clamped.notes).toHaveLength(2);
		// W1 is 2 × hidden: 6 entries with 3 units, 16 with 8.
		expect(parseWeights('W1[6]=1', 3).overrides).toEqual([]);
		expect(parseWeights('W1[6]=1', 3).notes[0]).toContain('6 entries');
		expect(parseWeights('W1[6]=1', 8).overrides).toHaveLength(1);
		const many = Array.from({ length: 12 }, (_, i) => `W2[${i}]=0.1`).join(',');
		const capped = parseWeights(many, 4);
		expect(capped.overrides.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(capped.notes).toHaveLength(4);
		// Dragging a ninth weight pushes out the oldest.
		const full = Array.from({ length: 8 }, (_, i) => `W2[${i}]=0.1`).join(',');
		expect(parseWeights(withWeight(full, 4, 'b2', 0, 2), 4).overrides.map((o) => `${o.param}${o.index}`)).toEqual(['W21', 'W22', 'W23', 'W24', 'W25', 'W26', 'W27', 'b20']);
		// The same weight twice keeps its last value.
		expect(parseWeights('b1[0]=1,b1[0]=2', 3).overrides).toEqual([{ param: 'b1', index: 0, value: 2 }]);
	});

	it('never throws on odd text', () => {
		for (const raw of ['', ',,,', '[]=', 'W1[0]=1=2', 'W1[99999]=1', '\u202eW1[0]=1', 'b2[0]=1,'.repeat(60), '%%%']) {
			expect(() => parseWeights(fromUrl(`w=${encodeURIComponent(raw)}`).state.w, 3)).not.toThrow();
		}
	});
});

describe('dragged weights in the graph', () => {
	const shape: NetShape = { hidden: 3, batch: 4, act: 'tanh', loss: 'ce', xgrad: false };
	const overrides = parseWeights('W1[1]=-1.5,W2[4]=2.5,b2[0]=0.75', 3).overrides;
	const weighted = (): Sample => {
		const s = drawSample(3, 4, 1);
		return { ...s, params: applyWeights(s.params, overrides) };
	};

	it('the loss and every gradient follow the float64 reference fed the same weights', async () => {
		const plain = drawSample(3, 4, 1);
		const sample = weighted();
		// The seed's own weights are untouched (the overrides work on copies).
		expect(plain.params.W2[4]).not.toBe(2.5);
		expect(sample.params.W2[4]).toBe(2.5);
		const { split, spec } = buildBackpropGraph(shape);
		const out = await runSplitModel(split, feedsFor(sample, shape));
		const loss = out[spec.nodes.find((n) => n.id === spec.named.loss)!.output!].data[0];
		const ref = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch: 4, hidden: 3, act: 'tanh', loss: 'ce' });
		const before = referenceRun({ ...plain.params, X: plain.X, Y: plain.Y, batch: 4, hidden: 3, act: 'tanh', loss: 'ce' });
		expect(Math.abs(ref.loss - before.loss)).toBeGreaterThan(0.01);
		expect(Math.abs(loss - ref.loss) / ref.loss).toBeLessThanOrEqual(1e-6);
		for (const p of PARAM_NAMES) {
			const got = Array.from(out[spec.gradOutputs[p]].data);
			got.forEach((g, i) => expect(Math.abs(g - ref.grads[p][i]), `${p}[${i}]`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref.grads[p][i]))));
		}
	});

	it('the gradient check still passes: ‖g_fd − g‖/‖g‖ ≤ 1e-3 at h = 3e-3', async () => {
		const sample = weighted();
		const s: CheckShape = { hidden: 3, batch: 4, act: 'tanh', loss: 'ce' };
		const { split, spec } = buildBackpropGraph(shape);
		const out = await runSplitModel(split, feedsFor(sample, shape));
		const g = PARAM_NAMES.flatMap((p) => Array.from(out[spec.gradOutputs[p]].data));
		const hs = [3e-3];
		const losses = Array.from((await runModel(buildCheckGraph(s, variantCount(3, hs.length)), checkFeeds(sample, s, hs))).L.data);
		const [err] = float32Curve(losses, hs, g);
		expect(err).toBeLessThanOrEqual(1e-3);
	});
});
