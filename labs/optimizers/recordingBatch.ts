/**
 * Figure 5's build-time recording (`npm run record -- optimizers/batch`): the runs of the default
 * B and scaling, driven as the reader's Start drives them, losses to 4 significant digits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { defaults } from '$lib/state/schema';
import { roundSig } from '$lib/recorded/pack';
import { runSizes, runSpec, type BatchRunResult } from './batchRuns';
import { batchSettings, type BatchSettings } from './batchRun';
import { driveBatch } from './driveBatch';
import { schema } from './lab';
import { SPIRAL } from './spiralMlp';

export interface RecordedBatch extends BatchSettings {
	runs: BatchRunResult[];
}

/** The runs of one setting, driven to their end in this realm. */
export async function driveBatchRuns(ort: Ort, settings: BatchSettings): Promise<BatchRunResult[]> {
	const runs: BatchRunResult[] = [];
	for (const b of runSizes(settings.batch)) {
		const r = await driveBatch(ort, runSpec(b, settings.scale, SPIRAL.examples), settings.seed);
		if (!r) throw new Error(`the run at B = ${b} stopped`);
		runs.push(r);
	}
	return runs;
}

export async function recordBatch(ort: Ort): Promise<RecordedBatch> {
	const settings = batchSettings(defaults(schema));
	const runs = await driveBatchRuns(ort, settings);
	return { ...settings, runs: runs.map((r) => ({ ...r, rate: roundSig(r.rate), points: r.points.map((p) => ({ seen: p.seen, loss: roundSig(p.loss) })) })) };
}
