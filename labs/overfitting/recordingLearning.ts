/**
 * Figure 5's build-time recording (`npm run record -- overfitting/learning`): every run of the
 * default settings' sweep, trained with the job and driver the reader's Start runs (in Node, on
 * onnxruntime-web's WASM backend), kept as each run's end-of-training accuracies to 4
 * significant digits. The figure draws it until Start.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { epochPoint } from './curves';
import { splitSets } from './glyphs';
import { curveRuns } from './learningCurves';
import type { RecordedCurves, SweepSettings } from './recordedCurves';
import { RECORDED_SETTINGS } from './recording';
import { stepsPerEpoch } from './settings';

export const RECORDED_CURVE_SETTINGS: SweepSettings = { width: RECORDED_SETTINGS.width, epochs: RECORDED_SETTINGS.epochs, lr: RECORDED_SETTINGS.lr, seed: RECORDED_SETTINGS.seed };

/** The recorded runs with n ≤ `maxN` (all by default): the recording test remakes the small ones. */
export async function recordCurves(ort: Ort, maxN = Infinity): Promise<RecordedCurves> {
	const { symptomJob } = await import('./mlp');
	const settings = RECORDED_CURVE_SETTINGS;
	const runs: RecordedCurves['runs'] = [];
	for (const { n, width } of curveRuns(settings.width).filter((r) => r.n <= maxN)) {
		const end = settings.epochs * stepsPerEpoch(n);
		const run = await driveJob(ort, symptomJob({ ...settings, n, width }, [end]));
		const probe = run.probes.find((p) => p.step === end);
		if (run.status !== 'done' || !probe) throw new Error(`recording overfitting/learning: n = ${n}, width ${width} ended ${run.status}: ${run.message}`);
		const { train, val } = splitSets(n, settings.seed);
		const e = epochPoint(settings.epochs, probe.values, train.labels, val.labels);
		runs.push([n, width, roundSig(e.trainAcc), roundSig(e.valAcc)]);
	}
	return { settings, runs };
}

