/**
 * Everything that touches the runtime: fetching the shipped denoisers, one probe run per state
 * (the controller's results), and the sampling loops behind figures 4 and 5 (called by the
 * controller, never by a figure). Loaded lazily, so ONNX stays out of the first-load JavaScript.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Session } from '$lib/onnx/session';
import { shippedSession } from '$lib/onnx/shipped';
import { createRng } from '$lib/random';
import type { StateOf } from '$lib/state/schema';
import { dataset, type DatasetName } from './data';
import { makeDenoise, type ConditionOptions, type RunDenoiser } from './denoise';
import type { DiffSchema } from './lab';
import { sample, type SampleOptions, type SampleResult } from './sampler';
import type { Schedule } from './schedules';
import { embedRows, EMBED_DIM, scaleRows } from './timeEmbedding';
import type { DiffResults } from './summary';

export const PROBE_COUNT = 256;

export function modelName(data: DatasetName, conditional = false): string {
	return conditional ? 'diffusion-guided' : `diffusion-${data}`;
}

/** A shipped denoiser's session (the runtime's model loader downloads it once per page). */
export function denoiserSession(backend: Backend, name: string): Promise<Session> {
	return shippedSession(backend, name);
}

/**
 * A denoiser run for the samplers of figures 4 and 5, the quality sweep and figure 6's weights.
 * runSession queues each call on the page's runtime (ORT's WebGPU backend fails when runs
 * overlap), so two samplers interleave step by step instead of one waiting for the other.
 */
export const runner =
	(session: Session): RunDenoiser =>
	async (feeds) =>
		(await runSession(session, feeds)).prediction.data;

/** The probe for one state; `schedule` is the state's own (the controller's `schedule`). */
export async function computeDiff(state: StateOf<DiffSchema>, backend: Backend, schedule: Schedule): Promise<DiffResults> {
	const session = await denoiserSession(backend, modelName(state.data));
	const t = Math.min(state.t, state.T);
	const ab = schedule.alphaBar[t];
	const { points } = dataset(state.data, PROBE_COUNT, 3);
	const eps = createRng(state.seed).fillNormal(new Float32Array(PROBE_COUNT * 2));
	const xt = new Float32Array(PROBE_COUNT * 2);
	for (let i = 0; i < xt.length; i++) xt[i] = Math.sqrt(ab) * points[i] + Math.sqrt(1 - ab) * eps[i];
	// At t = 0 there is no noise to predict; ask the model at the cleanest level it knows.
	const level = t === 0 ? schedule.logSnr[1] : schedule.logSnr[t];
	const out = await runSession(session, {
		x: { data: xt, dims: [PROBE_COUNT, 2] },
		temb: { data: embedRows(level, PROBE_COUNT), dims: [PROBE_COUNT, EMBED_DIM] },
		scale: { data: scaleRows(level, PROBE_COUNT), dims: [PROBE_COUNT, 2] }
	});
	const epsHat = out.prediction.data;
	let mse = 0;
	let mseBaseline = 0;
	for (let i = 0; i < xt.length; i++) {
		mse += (epsHat[i] - eps[i]) ** 2;
		mseBaseline += (Math.sqrt(1 - ab) * xt[i] - eps[i]) ** 2;
	}
	return {
		data: state.data,
		t,
		alphaBar: ab,
		logSnr: Number.isFinite(schedule.logSnr[t]) ? schedule.logSnr[t] : 99,
		x0: Array.from(points),
		xt: Array.from(xt),
		epsHat: Array.from(epsHat),
		mse: mse / xt.length,
		mseBaseline: mseBaseline / xt.length
	};
}

export interface SamplingJob extends Omit<SampleOptions, 'denoise' | 'schedule'> {
	backend: Backend;
	data: DatasetName;
	schedule: Schedule;
	condition?: ConditionOptions;
}

export async function runSampling(job: SamplingJob): Promise<SampleResult> {
	const session = await denoiserSession(job.backend, modelName(job.data, job.condition !== undefined));
	return sample({ ...job, denoise: makeDenoise(runner(session), job.condition) });
}

