/**
 * Figure 5's run at one batch size: its own small loop over the SGD step graph (B rows), the
 * mini-batches drawn by the platform's seeded sampler (a fresh permutation each epoch), the rate
 * fed each step (warmup), and the loss on all N training points after every epoch. The same code
 * makes the build-time recording (Node), the reader's live run (the page's runtime, WebAssembly in
 * its worker) and checkpoint 4's answer.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '$lib/onnx/training/loop';
import { BatchSampler } from '$lib/onnx/training/batches';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { BATCH_RUNS, rateAt, stepsPerEpoch, type BatchPoint, type BatchRunResult, type BatchRunSpec } from './batchRuns';
import { decayEval } from './decayGraphs';
import { runOnCopies } from './runOnCopies';
import { SPIRAL, spiralData, spiralMlp } from './spiralMlp';

export interface BatchHooks {
	onPoint?: (point: BatchPoint) => void;
	/** Called between steps: false stops the run (a pause awaits here). */
	proceed?: () => Promise<boolean>;
}

type Feeds = Record<string, OrtTypes.Tensor>;

const tensor = (ort: Ort, data: Float32Array | BigInt64Array, dims: readonly number[]) =>
	data instanceof BigInt64Array ? new ort.Tensor('int64', data.slice(), dims) : new ort.Tensor('float32', data.slice(), dims);


/** Trains one run; resolves with its readings, or null when `proceed` stopped it. */
export async function driveBatch(ort: Ort, spec: BatchRunSpec, seed: number, hooks: BatchHooks = {}): Promise<BatchRunResult | null> {
	const n = SPIRAL.examples;
	const step = buildTrainStep(spiralMlp(spec.batch), { kind: 'sgd', lr: spec.rate, momentum: 0 });
	const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' as const, logSeverityLevel: 3 as const };
	const [session, evaluate] = await Promise.all([ort.InferenceSession.create(step.bytes, options), ort.InferenceSession.create(decayEval(), options)]);
	try {
		const feeds: Feeds = {};
		const start = initialParams(spiralMlp(n), SPIRAL.seed);
		for (const p of step.io.params) feeds[p.input] = new ort.Tensor('float32', Float32Array.from(start[p.name]), p.shape);
		for (const s of step.io.state) feeds[s.input] = new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape);
		for (const [name, value] of Object.entries(step.io.hyper)) feeds[name] = new ort.Tensor('float32', Float32Array.of(value), []);
		const data = spiralData();
		const all = { x: tensor(ort, data.tensors.x.data, data.tensors.x.dims), label: tensor(ort, data.tensors.label.data, data.tensors.label.dims) };
		const sampler = new BatchSampler({ dataset: data, batchSize: spec.batch, seed });
		const params = () => Object.fromEntries(step.io.params.map((p) => [p.input, feeds[p.input]]));

		const points: BatchPoint[] = [];
		const perEpoch = stepsPerEpoch(spec.batch, n);
		const read = async (epoch: number) => {
			const out = await runOnCopies(ort, evaluate, { ...params(), ...all });
			const point = { seen: epoch * perEpoch * spec.batch, loss: (out.val_loss.data as Float32Array)[0] };
			points.push(point);
			hooks.onPoint?.(point);
			return Number.isFinite(point.loss);
		};
		const result = (status: 'done' | 'diverged'): BatchRunResult => ({ batch: spec.batch, rate: spec.rate, status, points });
		if (!(await read(0))) return result('diverged');
		let t = 0;
		for (let epoch = 1; epoch <= BATCH_RUNS.epochs; epoch++) {
			for (let k = 0; k < perEpoch; k++, t++) {
				if (hooks.proceed && !(await hooks.proceed())) return null;
				const batch = sampler.next();
				feeds['batch.x'] = tensor(ort, batch.x.data, batch.x.dims);
				feeds['batch.label'] = tensor(ort, batch.label.data, batch.label.dims);
				feeds['hp.lr'] = new ort.Tensor('float32', Float32Array.of(rateAt(spec, t)), []);
				const out = await runOnCopies(ort, session, feeds);
				for (const c of [...step.io.params, ...step.io.state]) feeds[c.input] = out[c.output];
			}
			if (!(await read(epoch))) return result('diverged');
		}
		return result('done');
	} finally {
		await Promise.all([session.release(), evaluate.release()]);
	}
}
