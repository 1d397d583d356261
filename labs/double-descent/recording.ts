/**
 * Figure 5's build-time recording (`npm run record -- double-descent/implicit`): both gradient-
 * descent runs at the default settings, set up and trained as the reader's Start does them (the
 * feature graph, implicitSetup.ts, the training graph through the same driver, in Node on
 * onnxruntime-web's WASM backend), each iterate measured in float64 against Φ⁺y, kept to 4
 * significant digits. The figure draws it until Start.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { runFeeds } from '$lib/recorded/run';
import { featureFeeds } from './featureFeeds';
import { iterateStats } from './gdProblem';
import { implicitSetup } from './implicitSetup';
import { schema } from './lab';
import { buildFeatureGraph, FEATURE_OUTPUT } from './model';
import type { RecordedImplicit } from './recorded';
import { maxFeatures } from './sweep';
import { gdJob } from './training';
import { STARTS } from './trainingRun';

/** The settings the recording is made for: the schema's defaults (lab.ts). */
export const RECORDED_IMPLICIT_SETTINGS: RecordedImplicit['settings'] = {
	family: schema.features.default,
	target: schema.target.default,
	n: schema.n.default,
	noise: schema.noise.default,
	seed: schema.seed.default
};

/** `maxSteps` cuts both runs short (their setup and readings up to there are the full runs'): the recording test remakes the first steps. */
export async function recordImplicit(ort: Ort, maxSteps = Infinity): Promise<RecordedImplicit> {
	const settings = RECORDED_IMPLICIT_SETTINGS;
	const { family, seed, n } = settings;
	const session = await ort.InferenceSession.create(buildFeatureGraph(family), { executionProviders: ['wasm'] });
	const features = (await runFeeds(ort, session, featureFeeds(family, seed, 0, n)))[FEATURE_OUTPUT].data;
	await session.release();
	const { problem, view, starts, steps } = implicitSetup({ data: features, cols: maxFeatures(n) }, settings);
	const runs: RecordedImplicit['runs'] = [];
	for (const id of STARTS) {
		const run = await driveJob(ort, gdJob(problem, starts[id], Math.min(steps, maxSteps)));
		if (run.status !== 'done') throw new Error(`recording double-descent/implicit: ${id} ended ${run.status}: ${run.message}`);
		const points = run.params.map(({ step, params }) => {
			const s = iterateStats(problem, params.w);
			return [step, roundSig(s.distance), roundSig(s.norm), roundSig(s.trainError), roundSig(s.testError)] as [number, number, number, number, number];
		});
		runs.push({ id, points });
	}
	const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, roundSig(v)]));
	return {
		settings,
		view: { ...view, lr: roundSig(view.lr), sigmaMax: roundSig(view.sigmaMax), sigmaMin: roundSig(view.sigmaMin), minNorm: round(view.minNorm) as RecordedImplicit['view']['minNorm'], randomLimit: round(view.randomLimit) as RecordedImplicit['view']['randomLimit'] },
		runs
	};
}
