/**
 * Figure 6's build-time recording (`npm run record`): one real run of what the reader's Train
 * does at the lab's default settings (the same training job and driver, then DDIM-50 from the
 * trained weights with the same sampler and seed), in Node on onnxruntime-web's WASM backend.
 * Kept as the figure draws it (recorded.ts): the loss every 25 steps to 4 significant digits,
 * and the 400 samples to 2 decimals (a hundredth of a unit on an axis 6.4 units wide).
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig, roundTo } from '$lib/recorded/pack';
import { runFeeds } from '$lib/recorded/run';
import { makeDenoise } from './denoise';
import { schema } from './lab';
import type { RecordedTraining } from './recorded';
import { sample } from './sampler';
import { makeSchedule } from './schedules';

export async function recordTraining(ort: Ort): Promise<RecordedTraining> {
	const { liveJob, liveInference, LIVE, LIVE_SAMPLES } = await import('./liveTraining');
	const settings = { data: schema.data.default, schedule: schema.schedule.default as RecordedTraining['settings']['schedule'], T: schema.T.default, seed: schema.seed.default };
	const schedule = makeSchedule(settings.schedule, settings.T);
	const run = await driveJob(ort, liveJob(settings.data, schedule, settings.seed), { finalParams: true });
	if (run.status !== 'done' || !run.final) throw new Error(`recording figure 6: the run ended ${run.status}: ${run.message}`);
	const session = await ort.InferenceSession.create(liveInference(run.final), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
	try {
		const denoise = makeDenoise(async (feeds) => (await runFeeds(ort, session, feeds)).prediction.data);
		const { sampler, count, seed, maxSteps } = LIVE_SAMPLES;
		const out = await sample({ schedule, sampler, steps: Math.min(maxSteps, schedule.T), count, seed, denoise });
		return {
			settings,
			steps: LIVE.steps,
			losses: run.losses.map((p) => [p.step, roundSig(p.loss)]),
			samples: Array.from(out.x, (v) => roundTo(v, 2))
		};
	} finally {
		await session.release();
	}
}
