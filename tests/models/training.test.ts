/**
 * Training graphs on onnxruntime-web's WASM backend in Node:
 * - full training steps of a small MLP (forward, loss, autodiff backward, optimizer) against an
 *   independent float64 TypeScript computation (trainingReference.ts), for SGD with momentum
 *   and L2 decay and for AdamW with clipping, per parameter and as one flat vector, over
 *   several steps so the optimizer state is carried too;
 * - a spirals MLP's loss falls well below its start in a fixed number of steps, through the
 *   same driver the browser uses; a too-large learning rate is reported as 'diverged';
 * - pause/resume, hyperparameters as inputs (lr = 0 leaves the weights alone);
 * - the shipped static/models/spirals-mlp.onnx classifies held-out points, and build-time
 *   training is deterministic (same seed, same weights) on a short run.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import { TrainingDriver, type TrainingJob, type TrainingProgress } from '$lib/onnx/training/driver';
import { TrainingLoop } from '$lib/onnx/training/loop';
import { initialParams, type ParamValues, type TrainableModel } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { createRng } from '$lib/random';
import { spiralsDataset, spiralsMlp } from '../../labs/vanishing-gradients/training';
import { spiralsAccuracy, spiralsMlpRecipe } from '../../scripts/train/spiralsMlp';
import { trainRecipe } from '../../scripts/train/run';
import { adamwStep, sgdStep, zerosLike, type Act, type RefLayer } from '../support/trainingReference';
import '../support/ort';

// ---- a small MLP, in the graph and in plain arrays ------------------------------------------

const SIZES = [3, 5, 4, 2];
const ACTS: (Act | null)[] = ['tanh', 'relu', null];
const BATCH = 6;

const actNode: Record<Act, (g: GraphBuilder, z: Tensor) => Tensor> = {
	tanh: (g, z) => g.tanh(z),
	relu: (g, z) => g.relu(z),
	sigmoid: (g, z) => g.sigmoid(z)
};

const smallMlp: TrainableModel = {
	name: 'small_mlp',
	params: SIZES.slice(1).flatMap((n, l) => [
		{ name: `w${l}`, shape: [SIZES[l], n], init: { kind: 'normal', std: 0.8 } },
		{ name: `b${l}`, shape: [n], init: { kind: 'uniform', limit: 0.3 } }
	]),
	inputs: [{ name: 'x', shape: [BATCH, SIZES[0]] }],
	targets: [{ name: 'label', shape: [BATCH], dtype: 'int64' }],
	predict(g, p, { x }) {
		let h = x;
		ACTS.forEach((act, l) => {
			const z = g.add(g.matMul(h, p[`w${l}`]), p[`b${l}`]);
			h = act ? actNode[act](g, z) : z;
		});
		return h;
	},
	loss: (g, logits, { label }) => softmaxCrossEntropy(g, logits, label)
};

function toLayers(p: ParamValues): RefLayer[] {
	return ACTS.map((act, l) => {
		const [fanIn, fanOut] = [SIZES[l], SIZES[l + 1]];
		const w = Array.from({ length: fanIn }, (_, i) => Array.from(p[`w${l}`].subarray(i * fanOut, (i + 1) * fanOut)));
		return { w, b: Array.from(p[`b${l}`]), act };
	});
}

function smallBatch(seed: number): { x: Float32Array; labels: number[] } {
	const rng = createRng(seed);
	return {
		x: Float32Array.from({ length: BATCH * SIZES[0] }, () => 2 * rng.uniform() - 1),
		labels: Array.from({ length: BATCH }, (_, i) => i % 2)
	};
}

/** Runs `steps` full-batch steps on ONNX, returning the losses and the final parameters. */
async function onnxSteps(optimizer: OptimizerConfig, steps: number): Promise<{ losses: number[]; params: ParamValues }> {
	const { bytes, io } = buildTrainStep(smallMlp, optimizer);
	const { x, labels } = smallBatch(5);
	const loop = await TrainingLoop.create(ort, {
		bytes,
		io,
		backend: 'wasm',
		params: initialParams(smallMlp, 3),
		batches: {
			dataset: { tensors: { x: { data: x, dims: [BATCH, 3] }, label: { data: BigInt64Array.from(labels, BigInt), dims: [BATCH] } } },
			batchSize: BATCH,
			seed: 0
		}
	});
	const losses: number[] = [];
	for (let s = 0; s < steps; s++) losses.push((await loop.run(true)).loss!);
	const params = await loop.readParams();
	await loop.release();
	return { losses, params };
}

function maxAbsDiff(actual: ParamValues, expected: RefLayer[]): number {
	const got = toLayers(actual);
	let worst = 0;
	got.forEach((layer, l) => {
		layer.w.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - expected[l].w[i][j])))));
		layer.b.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - expected[l].b[j]))));
	});
	return worst;
}

const STEPS = 3;

describe('a full training step matches plain TypeScript', () => {
	it.each([
		['per parameter', false],
		['as one flat vector', true]
	])('SGD with momentum and L2 weight decay, %s', async (_name, flat) => {
		const o = { lr: 0.1, momentum: 0.9, weightDecay: 0.01 };
		const onnx = await onnxSteps({ kind: 'sgd', ...o, flat }, STEPS);
		const layers = toLayers(initialParams(smallMlp, 3));
		const velocity = zerosLike(layers);
		const { x, labels } = smallBatch(5);
		const rows = Array.from({ length: BATCH }, (_, r) => Array.from(x.subarray(r * 3, r * 3 + 3)));
		const losses = Array.from({ length: STEPS }, () => sgdStep(layers, velocity, rows, labels, o));
		onnx.losses.forEach((loss, i) => expect(loss).toBeCloseTo(losses[i], 5));
		expect(maxAbsDiff(onnx.params, layers)).toBeLessThan(1e-5);
		// The steps did something: the weights moved by far more than the tolerance.
		expect(maxAbsDiff(initialParams(smallMlp, 3), layers)).toBeGreaterThan(1e-2);
	});

	it.each([
		['AdamW', {}],
		['AdamW with global-norm clipping', { clipNorm: 0.05 }],
		['AdamW with clipping, as one flat vector', { clipNorm: 0.05, flat: true }]
	])('%s', async (_name, extra: { clipNorm?: number; flat?: boolean }) => {
		const o = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, clipNorm: extra.clipNorm };
		const onnx = await onnxSteps({ kind: 'adamw', ...o, flat: extra.flat }, STEPS);
		const layers = toLayers(initialParams(smallMlp, 3));
		const [m, v] = [zerosLike(layers), zerosLike(layers)];
		const { x, labels } = smallBatch(5);
		const rows = Array.from({ length: BATCH }, (_, r) => Array.from(x.subarray(r * 3, r * 3 + 3)));
		const losses = Array.from({ length: STEPS }, (_, t) => adamwStep(layers, m, v, t + 1, rows, labels, o));
		onnx.losses.forEach((loss, i) => expect(loss).toBeCloseTo(losses[i], 5));
		expect(maxAbsDiff(onnx.params, layers)).toBeLessThan(1e-5);
		expect(maxAbsDiff(initialParams(smallMlp, 3), layers)).toBeGreaterThan(1e-2);
	});
});

// ---- the driver: progress, divergence, pause ---------------------------------------------------

function spiralsJob(optimizer: OptimizerConfig, maxSteps: number, seed = 4): TrainingJob {
	const model = spiralsMlp({ depth: 3, width: 32, act: 'relu', init: 'he', residual: false, batch: 64 });
	const { bytes, io } = buildTrainStep(model, optimizer);
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: spiralsDataset(512, seed), batchSize: 64, seed },
		maxSteps,
		lossEvery: 10
	};
}

/** Runs a driver to a final status, collecting every report. */
function drive(job: TrainingJob, onReport?: (p: TrainingProgress, driver: TrainingDriver) => void): Promise<TrainingProgress[]> {
	return new Promise((resolve) => {
		const reports: TrainingProgress[] = [];
		const driver: TrainingDriver = new TrainingDriver(ort, job, 'wasm', (p) => {
			reports.push(p);
			onReport?.(p, driver);
			if (['done', 'diverged', 'error', 'cancelled'].includes(p.status)) resolve(reports);
		});
		void driver.start();
	});
}

const lossesOf = (reports: TrainingProgress[]) => reports.flatMap((r) => r.points);

describe('training runs', () => {
	it('a spirals MLP trains: the loss falls well below its start', async () => {
		const reports = await drive(spiralsJob({ kind: 'adam', lr: 0.01 }, 300));
		const final = reports[reports.length - 1];
		expect(final.status).toBe('done');
		expect(final.step).toBe(300);
		const losses = lossesOf(reports);
		expect(losses[0].step).toBe(0);
		expect(losses[losses.length - 1].step).toBe(299);
		const first = losses[0].loss;
		const lastFew = losses.slice(-5).map((p) => p.loss);
		// Chance level for two classes is ln 2 ≈ 0.69; the end of the run is far below it.
		expect(Math.max(...lastFew)).toBeLessThan(0.25 * first);
	});

	it('a run whose loss overflows is reported as diverged, with a message', async () => {
		const reports = await drive(spiralsJob({ kind: 'sgd', lr: 1e4, momentum: 0.9 }, 200));
		const final = reports[reports.length - 1];
		expect(final.status).toBe('diverged');
		expect(final.step).toBeLessThan(200);
		expect(final.message).toMatch(/diverged/);
	});

	it('pauses between steps and resumes to the end', async () => {
		let pausedAt = -1;
		const reports = await drive(spiralsJob({ kind: 'sgd', lr: 0.01 }, 60), (p, driver) => {
			if (p.status === 'running' && p.step >= 20 && pausedAt < 0) {
				driver.pause();
				pausedAt = p.step;
				setTimeout(() => driver.resume(), 50);
			}
		});
		const statuses = reports.map((r) => r.status);
		expect(statuses).toContain('paused');
		const pauseReports = reports.filter((r) => r.status === 'paused');
		// The last report while paused names the step the run stopped at; it had not moved on.
		expect(pauseReports[pauseReports.length - 1].step).toBeLessThanOrEqual(pausedAt + 1);
		expect(reports[reports.length - 1]).toMatchObject({ status: 'done', step: 60 });
	});

	it('a pause sent from outside (another task, as a worker message is) stops a long run early', async () => {
		// The runtime's run can settle without ever yielding a task: unless the driver lets the
		// event loop in between steps, a message from the page would wait for the end of the run.
		const reports = await drive(spiralsJob({ kind: 'sgd', lr: 0.01 }, 20_000), (p, driver) => {
			if (p.status === 'running' && p.step === 0) setTimeout(() => driver.pause(), 50);
			if (p.status === 'paused') setTimeout(() => driver.cancel(), 0);
		});
		const statuses = reports.map((r) => r.status);
		expect(statuses).toContain('paused');
		expect(reports[reports.length - 1].status).toBe('cancelled');
		expect(Math.max(...reports.map((r) => r.step))).toBeLessThan(20_000);
	});

	it('hyperparameters are graph inputs: lr = 0 leaves the weights unchanged', async () => {
		const job = spiralsJob({ kind: 'adamw', lr: 0.01 }, 5);
		const loop = await TrainingLoop.create(ort, { ...job, backend: 'wasm', hyper: { lr: 0 } });
		for (let s = 0; s < 5; s++) await loop.run(false);
		const after = await loop.readParams();
		await loop.release();
		for (const [name, values] of Object.entries(job.params)) expect(Array.from(after[name]), name).toEqual(Array.from(values));
	});
});

// ---- build-time training -----------------------------------------------------------------------

describe('build-time training (spirals-mlp)', () => {
	it('the shipped model classifies held-out spirals points', async () => {
		const bytes = new Uint8Array(readFileSync(new URL('../../static/models/spirals-mlp.onnx', import.meta.url)));
		expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
		expect(await spiralsAccuracy(ort, bytes)).toBeGreaterThanOrEqual(0.97);
	});

	it('is deterministic: the same seed gives the same weights, another seed others', async () => {
		const recipe = spiralsMlpRecipe();
		const [a, b] = [await trainRecipe(ort, recipe, { steps: 20 }), await trainRecipe(ort, recipe, { steps: 20 })];
		for (const name of Object.keys(a.weights)) expect(Array.from(b.weights[name]), name).toEqual(Array.from(a.weights[name]));
		expect(Array.from(b.bytes)).toEqual(Array.from(a.bytes));
		const other = await trainRecipe(ort, { ...recipe, seed: recipe.seed + 1 }, { steps: 20 });
		expect(Array.from(other.weights.w1)).not.toEqual(Array.from(a.weights.w1));
	});
});
