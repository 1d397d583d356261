/**
 * The spec's "sym/asym MSE on the post-ReLU input ≈ 4": the input of each MLP's second linear
 * layer (after its ReLU) as the model computes it on the calibration sequences (the probe graph,
 * run here on onnxruntime-web's WASM backend), rounded per tensor on a min-max grid. A symmetric
 * grid spends half its codes below zero, where no value is, so its step is about twice the
 * asymmetric one's and its rounding error about four times.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../tests/support/ort';
import { calibrationFeeds, calibrationGraph, readLinearInputs } from './accuracy';
import { calibrate } from './calibrate';
import { fakeQuant } from './quantizer';
import { readWeights } from './weights';

const mse = (x: Float32Array, grid: ReturnType<typeof calibrate>) => {
	let e = 0;
	for (const v of x) e += (v - fakeQuant(v, grid)) ** 2;
	return e / x.length;
};

describe('post-ReLU inputs: symmetric against asymmetric grids', () => {
	it.each(['copy', 'reverse', 'sort'] as const)('%s: never negative, and the symmetric MSE is about 4× the asymmetric one (within 10% of the squared step ratio, 4.59 at b = 4 to 4.03 at 8)', async (task) => {
		const weights = readWeights(new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url))));
		const inputs = readLinearInputs(await runModel(calibrationGraph(), calibrationFeeds(task, weights)));
		for (const layer of ['l0.mlp2', 'l1.mlp2']) {
			const x = inputs.get(layer)!;
			expect(Math.min(...x), `${task} ${layer}`).toBe(0);
			const ratios = [4, 5, 6, 7, 8].map((b) => mse(x, calibrate(x, b, 'sym', 'minmax', 100)) / mse(x, calibrate(x, b, 'asym', 'minmax', 100)));
			ratios.forEach((r, i) => {
				const b = 4 + i;
				// Steps max/(2^{b−1} − 1) and max/(2^b − 1): the squared step ratio is 4.59 at b = 4, 4.03 at 8.
				const stepRatio = (2 ** b - 1) / (2 ** (b - 1) - 1);
				expect(Math.abs(r / stepRatio ** 2 - 1), `${task} ${layer} b = ${b}: ${r}`).toBeLessThan(0.1);
				expect(r, `${task} ${layer} b = ${b}`).toBeGreaterThan(3.5);
				if (b >= 5) expect(r, `${task} ${layer} b = ${b}`).toBeLessThan(4.5);
			});
		}
	});
});
