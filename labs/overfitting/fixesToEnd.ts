/**
 * Trains figure 4's baseline and one-fix runs to their last epoch, for checkpoint 3's `solve`:
 * each through jobToEnd.
 */
import type { Backend } from '$lib/onnx/backend';
import { epochPoint } from './curves';
import { valLossSE, type FixStrengths } from './fixes';
import type { FixPoint } from './fixesRun';
import { fixJob, type Trained } from './fixRuns';
import { CLASSES, splitSets } from './glyphs';
import { jobToEnd } from '$lib/onnx/training/jobToEnd';
import { stepsPerEpoch, type RunSettings } from './settings';

type Read = (step: number, values: Float32Array) => FixPoint;

/** The per-epoch points of each run asked for, trained one after the other. */
export async function fixesToEnd(runs: readonly Trained[], settings: Omit<RunSettings, 'epochs'>, strengths: FixStrengths, backend: Backend): Promise<Record<string, FixPoint[]>> {
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	const read: Read = (step, values) => ({ ...epochPoint(step / perEpoch, values, train.labels, val.labels), valSE: valLossSE(values, val.labels, train.count, CLASSES) });
	const out: Record<string, FixPoint[]> = {};
	for (const run of runs) out[run] = await jobToEnd(fixJob(run, settings, strengths), read, backend);
	return out;
}
