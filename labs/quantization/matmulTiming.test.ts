/**
 * The timed layers of the pruning figure: the 90%-zero matrix is the dense one with exactly 90% of
 * its entries zeroed, the structured one is its first half of columns, and each graph computes
 * x·W (checked in float64 here, on onnxruntime-web's WASM backend). Their times are a benchmark
 * (`npm run bench:pruning`), not a test.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '$lib/random';
import { createSession, runSession } from '../../tests/support/ort';
import { layerGraph, TIMED, timedLayers, TIMING } from './matmulTiming';

const SMALL = { tokens: 8, k: 24, n: 16, zeros: 0.9, seed: 3 };

describe('the timed layers', () => {
	const layers = timedLayers(SMALL);

	it('zeros: the dense matrix with exactly round(0.9·k·n) entries zeroed, the rest unchanged', () => {
		const { dense, zeros } = layers;
		let zeroed = 0;
		for (let i = 0; i < dense.w.length; i++) {
			if (zeros.w[i] === 0) zeroed++;
			else expect(zeros.w[i]).toBe(dense.w[i]);
		}
		expect(zeroed).toBe(Math.round(SMALL.zeros * SMALL.k * SMALL.n));
		expect(zeros.cols).toBe(SMALL.n);
	});

	it('columns: the first n/2 columns of the dense matrix, a matrix half the size', () => {
		const { dense, columns } = layers;
		expect(columns.cols).toBe(SMALL.n / 2);
		expect(columns.w.length).toBe((SMALL.k * SMALL.n) / 2);
		for (let r = 0; r < SMALL.k; r++) for (let c = 0; c < columns.cols; c++) expect(columns.w[r * columns.cols + c]).toBe(dense.w[r * SMALL.n + c]);
	});

	it('each graph computes x·W (float64 reference, 1e-5)', async () => {
		const x = createRng(9).fillNormal(new Float32Array(SMALL.tokens * SMALL.k), 1);
		for (const t of TIMED) {
			const { w, cols } = layers[t];
			const out = await runSession(await createSession(layerGraph(layers[t], SMALL)), { x: { data: x, dims: [SMALL.tokens, SMALL.k] } });
			expect(out.y.dims).toEqual([SMALL.tokens, cols]);
			for (let i = 0; i < SMALL.tokens; i++)
				for (let j = 0; j < cols; j++) {
					let sum = 0;
					for (let k = 0; k < SMALL.k; k++) sum += x[i * SMALL.k + k] * w[k * cols + j];
					expect(Math.abs(out.y.data[i * cols + j] - sum), `${t} [${i}, ${j}]`).toBeLessThan(1e-5);
				}
		}
	});

	it('the figure’s layer is the spec’s transformer-sized one, [256, 1024] × [1024, 1024], with an even column count to halve', () => {
		expect([TIMING.tokens, TIMING.k, TIMING.n]).toEqual([256, 1024, 1024]);
		expect(TIMING.n % 2).toBe(0);
	});
});
