/**
 * Figure 3's build-time recording (`npm run record -- overfitting/gap`): figure 1's network at
 * every width of GAP_WIDTHS at the default settings, trained with the job the reader's Train all
 * widths trains (in Node, on onnxruntime-web's WASM backend), kept as what the figure plots of
 * each run: the epoch of its validation minimum and both accuracies there, to 4 significant digits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { epochPoint } from './curves';
import { GAP_WIDTHS, gapTiming } from './gapTiming';
import { splitSets } from './glyphs';
import type { RecordedGap } from './recordedGap';
import { RECORDED_SETTINGS } from './recording';
import { stepsPerEpoch } from './settings';

export const RECORDED_GAP_SETTINGS: RecordedGap['settings'] = { n: RECORDED_SETTINGS.n, epochs: RECORDED_SETTINGS.epochs, lr: RECORDED_SETTINGS.lr, seed: RECORDED_SETTINGS.seed };

/** The widths up to `maxWidth` (all by default): the recording test remakes the narrow ones. */
export async function recordGap(ort: Ort, maxWidth = Infinity): Promise<RecordedGap> {
	const { runJob } = await import('./runJob');
	const settings = RECORDED_GAP_SETTINGS;
	const { train, val } = splitSets(settings.n, settings.seed);
	const runs: RecordedGap['runs'] = [];
	for (const width of GAP_WIDTHS.filter((w) => w <= maxWidth)) {
		const run = await driveJob(ort, runJob({ ...settings, width }));
		if (run.status !== 'done') throw new Error(`recording overfitting/gap: width ${width} ended ${run.status}: ${run.message}`);
		const points = run.probes.map((p) => epochPoint(p.step / stepsPerEpoch(settings.n), p.values, train.labels, val.labels));
		const t = gapTiming(width, points);
		if (!t) throw new Error(`recording overfitting/gap: width ${width} has no validation minimum`);
		runs.push([width, t.bestEpoch, t.lastEpoch, roundSig(t.trainAcc), roundSig(t.valAcc)]);
	}
	return { settings, runs };
}
