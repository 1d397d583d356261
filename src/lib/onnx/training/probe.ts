/**
 * A probe: a second graph evaluated on fixed inputs with a training run's current parameters, at
 * chosen steps. The example is a classifier's predicted probability over a grid of points, so a
 * figure can draw its decision boundary as it trains from the weights the run actually has.
 *
 * The probe graph (see probeGraph.ts) takes the parameters as inputs named as the training step
 * names them (`param.<p>`), so the run feeds its carried tensors straight in: on WebGPU they stay
 * on the GPU and only the probe's output is read back. This file holds no graph builder, so the
 * training worker stays small.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { TensorData } from './batches';
import type { Ort, TrainingBackend } from './loop';
import { feedable, modelBytes } from '../proxyCopies';

/** The probe graph's one output. */
export const PROBE_OUTPUT = 'probe';

/** What a job asks to be probed; plain data, posted to the worker as is. */
export interface ProbeJob {
	bytes: Uint8Array;
	/** The fixed inputs (e.g. the grid points), by graph input name. */
	feeds: Record<string, TensorData>;
	/** Probe after these many updates (0..maxSteps). */
	at: readonly number[];
}

/** The probe's output for the parameters after `step` updates. */
export interface ProbeReading {
	step: number;
	values: Float32Array;
}

function toTensor(ort: Ort, t: TensorData): OrtTypes.Tensor {
	return t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data, t.dims) : new ort.Tensor('float32', t.data, t.dims);
}

export class ProbeSession {
	#feeds: Record<string, OrtTypes.Tensor>;

	private constructor(
		private readonly session: OrtTypes.InferenceSession,
		private readonly ort: Ort,
		job: ProbeJob
	) {
		this.#feeds = Object.fromEntries(Object.entries(job.feeds).map(([name, t]) => [name, toTensor(ort, t)]));
	}

	static async create(ort: Ort, job: ProbeJob, backend: TrainingBackend): Promise<ProbeSession> {
		const session = await ort.InferenceSession.create(modelBytes(ort, job.bytes), { executionProviders: [backend], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
		return new ProbeSession(session, ort, job);
	}

	/** Runs the probe with `params` (the run's carried tensors, by input name) and reads its output. */
	async run(params: Record<string, OrtTypes.Tensor>): Promise<Float32Array> {
		const results = await this.session.run(feedable(this.ort, { ...this.#feeds, ...params }));
		const out = results[PROBE_OUTPUT];
		const values = Float32Array.from((await out.getData()) as Float32Array);
		out.dispose();
		return values;
	}

	release(): Promise<void> {
		return this.session.release();
	}
}
