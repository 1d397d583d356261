/**
 * The default graphs shipped as files (static/models/backprop-*.onnx): byte for byte what the
 * builder makes now, and, run from the files, the float64 reference's loss and gradients.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { backwardFeeds, forwardFeeds } from '$lib/onnx/split';
import { runModel } from '../../tests/support/ort';
import { schema } from './lab';
import { netShape, type BackpropState } from './compute';
import { drawSample, feedsFor } from './data';
import { buildBackpropGraph, PARAM_NAMES } from './model';
import { referenceRun } from './reference';
import { defaultParts, shippedName, SHIPPED_PARTS } from './shipped';

const file = (part: (typeof SHIPPED_PARTS)[number]) => new Uint8Array(readFileSync(new URL(`../../static/models/${shippedName(part)}`, import.meta.url)));

describe('the shipped default graphs', () => {
	it('are the bytes the builder makes (rerun npm run export-graphs if the builder changed)', () => {
		const parts = defaultParts();
		for (const part of SHIPPED_PARTS) expect(Buffer.from(file(part)).equals(Buffer.from(parts[part])), part).toBe(true);
	});

	it('run from the files, give the float64 loss and gradients', async () => {
		const state = defaults(schema) as BackpropState;
		const shape = netShape(state);
		const { split, spec } = buildBackpropGraph(shape);
		const sample = drawSample(shape.hidden, shape.batch, state.seed);
		const feeds = feedsFor(sample, shape);
		const forward = await runModel(file('forward'), forwardFeeds(split, feeds));
		const backward = await runModel(file('backward'), backwardFeeds(split, feeds, forward));
		const ref = referenceRun({ ...sample.params, X: sample.X, Y: sample.Y, batch: shape.batch, hidden: shape.hidden, act: shape.act, loss: shape.loss });
		const lossOutput = spec.nodes.find((n) => n.id === spec.named.loss)!.output!;
		expect(Math.abs(forward[lossOutput].data[0] - ref.loss)).toBeLessThanOrEqual(1e-6);
		for (const p of PARAM_NAMES)
			Array.from(backward[spec.gradOutputs[p]].data).forEach((g, i) => expect(Math.abs(g - ref.grads[p][i]), `${p}[${i}]`).toBeLessThanOrEqual(1e-6));
	});
});
