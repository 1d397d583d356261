/**
 * The quantization lab's figure 1 with a linear layer's inputs: the calibration graph runs in the
 * browser on each backend, and both draw the same grid, clipped share and error.
 */
import { describe, expect, test } from 'vitest';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady, type VlabWindow } from './support/vlab';

interface InputResults {
	tensorScale: number;
	mse: number;
	inputs?: { clip: [number, number]; clipped: number };
}

describe('quantization figure 1: a linear layer’s inputs on both backends', () => {
	const browsers = { wasm: useBrowser('wasm'), webgpu: useBrowser('webgpu') };
	const query = { tensor: 'l0.q.x', abits: '4', calib: 'mse' };

	test('WASM and WebGPU calibrate the same grid from their own runs, and the figure shades the clipped tails', { timeout: 120_000 }, async () => {
		const read = async (kind: 'wasm' | 'webgpu') => {
			const { page } = await browsers[kind].open(withQuery('/labs/quantization', { ...query, backend: kind }));
			await waitForLabReady(page);
			const r = await page.evaluate(() => (window as VlabWindow).__vlab!.results as unknown as InputResults);
			const backend = await page.evaluate(() => (window as VlabWindow).__vlab!.backend);
			const bands = await page.locator('[data-figure="grid"] g.clip rect').count();
			const stats = await page.getByTestId('grid-stats').innerText();
			return { r, backend, bands, stats };
		};
		const wasm = await read('wasm');
		const gpu = await read('webgpu');
		expect(gpu.backend).toBe('webgpu');
		expect(wasm.r.inputs && gpu.r.inputs).toBeTruthy();
		// The calibration run's float32 values differ in the last bits between backends: the grids agree closely.
		expect(Math.abs(gpu.r.tensorScale - wasm.r.tensorScale)).toBeLessThanOrEqual(1e-4 * wasm.r.tensorScale);
		expect(Math.abs(gpu.r.mse - wasm.r.mse)).toBeLessThanOrEqual(1e-3 * wasm.r.mse);
		expect(Math.abs(gpu.r.inputs!.clipped - wasm.r.inputs!.clipped)).toBeLessThanOrEqual(1e-3);
		// Least MSE clips some of this tensor's tails: at least one shaded band, and the share is said.
		expect(wasm.r.inputs!.clipped).toBeGreaterThan(0);
		expect(wasm.bands).toBeGreaterThan(0);
		expect(wasm.stats).toMatch(/clipped/);
	});
});
