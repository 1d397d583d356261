/**
 * Figure 1's red box: the first forward node holding ∞ or NaN, picked from the naive graph's
 * real ONNX run (WASM), against the same forward pass in float32 by hand (naiveReference.ts).
 */
import { describe, expect, it } from 'vitest';
import { runSplitModel } from '../../tests/support/ort';
import { drawSample, feedsFor } from './data';
import { buildBackpropGraph, type NetShape } from './model';
import { firstNonFinite32, naiveForward32 } from './naiveReference';
import { firstNonFinite } from './nonFinite';
import { summarize } from './summary';

async function firstBadAt(shape: NetShape, seed: number, scale: number) {
	const sample = drawSample(shape.hidden, shape.batch, seed);
	const { split, spec } = buildBackpropGraph(shape);
	const r = summarize(spec, sample, shape.batch, await runSplitModel(split, feedsFor(sample, shape, scale)));
	const want = firstNonFinite32(naiveForward32({ ...sample.params, X: sample.X, Y: sample.Y, batch: shape.batch, hidden: shape.hidden, act: shape.act, scale }));
	return { got: firstNonFinite(spec, r.values)?.label ?? null, want, loss: r.loss };
}

describe('the first non-finite node of figure 1', () => {
	const shape: NetShape = { hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false, naive: true };

	it('is none at a safe scale, where the naive loss is finite', async () => {
		const { got, want, loss } = await firstBadAt(shape, 1, 1);
		expect(want).toBeNull();
		expect(got).toBeNull();
		expect(Number.isFinite(loss)).toBe(true);
	});

	it('is the node the float32 reference names once the scale breaks the loss', async () => {
		let broke = 0;
		for (const [seed, scale, batch] of [
			[1, 1e4, 1],
			[1, 1000, 4],
			[2, 300, 3],
			[3, 3000, 1],
			[5, 10, 2]
		] as const) {
			const { got, want, loss } = await firstBadAt({ ...shape, batch }, seed, scale);
			expect(got, `seed ${seed}, s = ${scale}`).toBe(want);
			if (want !== null) {
				broke++;
				expect(Number.isFinite(loss)).toBe(false);
			}
		}
		// The cases above were picked to break; a reference that never breaks would prove nothing.
		expect(broke).toBeGreaterThanOrEqual(4);
	});

	it('is none for the stable graph at any scale (it has no scale)', async () => {
		const s = { ...shape, batch: 4, naive: false };
		const sample = drawSample(3, 4, 1);
		const { split, spec } = buildBackpropGraph(s);
		const r = summarize(spec, sample, 4, await runSplitModel(split, feedsFor(sample, s, 1e4)));
		expect(firstNonFinite(spec, r.values)).toBeNull();
	});
});
