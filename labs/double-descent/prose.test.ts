/**
 * Numbers the double-descent article types, checked against the lab's definitions (the curve's
 * peak and the float32 shortfall are in float64Curve.test.ts; the figures' readouts are live).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENCODING_FREQS, FOURIER_FREQ_PER_POINT, GRID_SIZE } from './data';
import { GD_FEATURES_PER_POINT } from './gdConstants';
import { schema } from './lab';
import { pGrid } from './sweep';
import { gdProblem } from './gdProblem';
import { featureFeeds } from './featureFeeds';
import { buildFeatureGraph, FEATURE_OUTPUT } from './model';
import { maxFeatures } from './sweep';
import { createSession, runSession } from '../../tests/support/ort';

const article = readFileSync(new URL('./index.svx', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('the double-descent article’s typed numbers', () => {
	it('the sweep: about forty model sizes at the default n, including p = 10n', () => {
		const sizes = pGrid(schema.n.default);
		expect(sizes.length).toBeGreaterThanOrEqual(35);
		expect(sizes.length).toBeLessThanOrEqual(45);
		expect(sizes).toContain(10 * schema.n.default);
		expect(article).toContain('sweeps through about forty model sizes');
		expect(article).toContain(`at $n = ${schema.n.default}$ it would come out about a quarter low`);
	});

	it('the features and the test grid', () => {
		expect(article).toContain(`$w_j \\sim \\mathcal N(0, I/${ENCODING_FREQS})$`);
		expect(article).toContain(`_{k=1}^{${ENCODING_FREQS}}$`);
		expect(FOURIER_FREQ_PER_POINT).toBe(1);
		expect(article).toContain('frequencies $w_j \\sim \\mathcal N(0, n^2)$');
		expect(article).toContain(`on ${GRID_SIZE} evenly spaced inputs`);
		expect(GD_FEATURES_PER_POINT).toBe(10);
		expect(article).toContain('the readout $w$ on $p = 10n$ random features');
	});

	it('GD needs (σ_max/σ_min)² steps: tens of thousands with ReLU features, about ten with Fourier', async () => {
		const n = schema.n.default;
		const ratio = async (family: 'relu' | 'fourier') => {
			// The table the GD figure trains on: the ONNX graph's (implicitRuns.svelte.ts).
			const out = await runSession(await createSession(buildFeatureGraph(family)), featureFeeds(family, 1, 0, n));
			const problem = gdProblem({ data: out[FEATURE_OUTPUT].data, cols: maxFeatures(n) }, { n, noise: 0.3, target: 'sine', seed: 1 });
			return (problem.s[0] / problem.s[problem.s.length - 1]) ** 2;
		};
		const relu = await ratio('relu');
		const fourier = await ratio('fourier');
		expect(relu, `relu ${relu}`).toBeGreaterThanOrEqual(1e4);
		expect(relu).toBeLessThan(1e5);
		expect(fourier, `fourier ${fourier}`).toBeGreaterThanOrEqual(5);
		expect(fourier).toBeLessThan(20);
		expect(article).toContain('tens of thousands with the ReLU features here, about ten with the Fourier ones');
	}, 120_000);
});
