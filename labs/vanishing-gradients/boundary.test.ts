/**
 * Figure 5's decision boundaries: the probe graph (the network's own forward graph fed the run's
 * weights) against a float64 TypeScript forward pass, and, after a real training run, the picture
 * against the accuracy the run reports.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { createSession, runSession, type Feeds } from '../../tests/support/ort';
import { initialParams, type ParamValues } from '$lib/onnx/training/model';
import { TrainingDriver, type TrainingProgress } from '$lib/onnx/training/driver';
import type { ProbeReading } from '$lib/onnx/training/probe';
import { twoSpirals } from '$lib/datasets/spirals';
import { BOUNDARY, accuracyOf, probePoints, readBoundary, sampleGrid } from './boundary';
import { classProbabilityProbe, liveTrainingJob, spiralsMlp, type SpiralsMlpOptions } from './training';
import { LEAKY_ALPHA, type Activation } from './model';
import { LIVE, TRAIN_CONFIGS } from './trainingConfigs';

const F64: Partial<Record<Activation, (z: number) => number>> = {
	sigmoid: (z) => 1 / (1 + Math.exp(-z)),
	tanh: Math.tanh,
	relu: (z) => Math.max(0, z),
	leaky_relu: (z) => (z > 0 ? z : LEAKY_ALPHA * z)
};

/** p(class 1) of the spirals MLP (training.ts's equations) in float64, one point at a time. */
function forward64(o: SpiralsMlpOptions, params: ParamValues, points: ArrayLike<number>): number[] {
	const f = F64[o.act]!;
	const dense = (h: number[], w: Float32Array, b: Float32Array, outs: number) =>
		Array.from({ length: outs }, (_, j) => b[j] + h.reduce((s, v, i) => s + v * w[i * outs + j], 0));
	const out: number[] = [];
	for (let i = 0; i < points.length / 2; i++) {
		let h = dense([points[2 * i], points[2 * i + 1]], params.w1, params.b1, o.width).map(f);
		for (let l = 2; l <= o.depth; l++) {
			const a = dense(h, params[`w${l}`], params[`b${l}`], o.width).map(f);
			h = o.residual ? h.map((v, j) => v + a[j]) : a;
		}
		const [l0, l1] = dense(h, params.w_out, params.b_out, 2);
		out.push(1 / (1 + Math.exp(l0 - l1)));
	}
	return out;
}

/** Weights that are not the initial ones: biases too, so every term of the forward pass counts. */
function someWeights(o: SpiralsMlpOptions, seed: number): ParamValues {
	const model = spiralsMlp(o);
	const params = initialParams(model, seed);
	const noise = initialParams(spiralsMlp({ ...o, init: 'xavier' }), seed + 7);
	for (const name of Object.keys(params)) if (name.startsWith('b')) params[name] = noise[`w${name.slice(1)}`].slice(0, params[name].length);
	return params;
}

describe('figure 5: the boundary probe', () => {
	const grid = { size: 12, extent: BOUNDARY.extent };
	const train = twoSpirals({ count: 40, seed: 3 }).points;
	const cases: SpiralsMlpOptions[] = [
		{ depth: 2, width: 16, act: 'sigmoid', init: 'normal1', residual: false, batch: 8 },
		{ depth: 6, width: 12, act: 'relu', init: 'he', residual: true, batch: 8 },
		{ depth: 3, width: 10, act: 'tanh', init: 'xavier', residual: false, batch: 8 },
		{ depth: 5, width: 8, act: 'leaky_relu', init: 'he', residual: false, batch: 8 }
	];
	for (const o of cases) {
		it(`p(class 1) over the grid and the points matches float64 to 1e-5 (${o.act}, depth ${o.depth}${o.residual ? ', residual' : ''})`, async () => {
			const points = probePoints(grid, train);
			const params = someWeights(o, 11);
			const probe = classProbabilityProbe(spiralsMlp(o), points, [0]);
			const feeds: Feeds = { x: probe.feeds.x as Feeds[string] };
			for (const [name, values] of Object.entries(params)) feeds[`param.${name}`] = { data: values, dims: spiralsMlp(o).params.find((p) => p.name === name)!.shape };
			const { probe: got } = await runSession(await createSession(probe.bytes), feeds);
			const want = forward64(o, params, points);
			expect(got.dims).toEqual([grid.size * grid.size + 40]);
			let worst = 0;
			want.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - got.data[i]))));
			expect(worst).toBeLessThan(1e-5);
			// Not a degenerate case: the network does not say the same thing everywhere.
			expect(Math.max(...want) - Math.min(...want), o.act).toBeGreaterThan(0.1);
		});
	}
});

describe('figure 5: after training, the boundary agrees with the accuracy the run reports', () => {
	it('ReLU, He init, depth 4: the picture classifies the training points as the run says', async () => {
		const config = TRAIN_CONFIGS.find((c) => c.id === 'relu-he')!;
		const depth = 4;
		const seed = 1;
		const job = liveTrainingJob(config, depth, 32, seed);
		const probes: ProbeReading[] = [];
		let status = '';
		let ended!: () => void;
		const finished = new Promise<void>((resolve) => (ended = resolve));
		const driver = new TrainingDriver(ort, job, 'wasm', (p: TrainingProgress) => {
			probes.push(...(p.probes ?? []));
			status = p.status;
			if (['done', 'diverged', 'error'].includes(p.status)) ended();
		});
		await driver.start();
		await finished;
		const trained = await driver.readParams();
		driver.cancel();
		expect(status).toBe('done');
		expect(probes.map((p) => p.step)).toEqual([...Array.from({ length: LIVE.steps / BOUNDARY.every }, (_, i) => i * BOUNDARY.every), LIVE.steps]);

		const { points, labels } = twoSpirals({ count: LIVE.examples, seed });
		const last = probes[probes.length - 1];
		const reported = readBoundary(last.step, last.values, BOUNDARY, labels);
		// The run learned something, so agreement is not trivial.
		expect(reported.accuracy).toBeGreaterThan(0.9);
		expect(readBoundary(0, probes[0].values, BOUNDARY, labels).accuracy).toBeLessThan(0.75);

		// The reported accuracy is that of the trained weights (float64 forward pass, no ONNX).
		const options = { depth, width: 32, act: config.act, init: config.init, residual: config.residual, batch: LIVE.batch };
		const exact = accuracyOf(forward64(options, trained, points), labels);
		expect(Math.abs(exact - reported.accuracy)).toBeLessThanOrEqual(2 / LIVE.examples);

		// The picture: read each training point's class off the 48 × 48 grid.
		const fromPicture = Array.from(labels, (_, i) => sampleGrid(reported.grid, BOUNDARY, points[2 * i], points[2 * i + 1]));
		expect(Math.abs(accuracyOf(fromPicture, labels) - reported.accuracy)).toBeLessThan(0.03);
	}, 180_000);
});
