/**
 * Trains figure 4's baseline and one-fix runs to their last epoch, for checkpoint 3's `solve`:
 * through the TrainingRunner on a page, through the same driver in-process in Node (as trainToEnd).
 */
import type { Backend } from '$lib/onnx/backend';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { epochPoint } from './curves';
import { valLossSE, type FixStrengths } from './fixes';
import type { FixPoint } from './fixesRun';
import { fixJob, type Trained } from './fixRuns';
import { CLASSES, splitSets } from './glyphs';
import { stepsPerEpoch, type RunSettings } from './settings';

type Read = (step: number, values: Float32Array) => FixPoint;

async function jobToEnd(job: TrainingJob, read: Read, backend: Backend): Promise<FixPoint[]> {
	// Not on a page (Node: tests). Node may have a Worker global of its own once ORT has loaded, so ask for a document.
	if (typeof document === 'undefined') {
		const [{ loadOrt }, { driveJob }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/recorded/drive')]);
		const run = await driveJob(await loadOrt('wasm'), job);
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(run.message ?? `training ended ${run.status}`);
		return run.probes.map((p) => read(p.step, p.values));
	}
	const { TrainingRunner } = await import('$lib/onnx/training/runner');
	return new Promise((resolve, reject) => {
		const points: FixPoint[] = [];
		let lastStep = -1;
		const runner = new TrainingRunner(job, {
			backend,
			onProgress: (snapshot) => {
				const probe = snapshot.probe;
				if (probe && probe.step !== lastStep) {
					lastStep = probe.step;
					points.push(read(probe.step, probe.values));
				}
				if (snapshot.status === 'done' || snapshot.status === 'diverged') resolve(points);
				else if (snapshot.status === 'error' || snapshot.status === 'cancelled') reject(new Error(snapshot.message ?? `training ended ${snapshot.status}`));
			}
		});
		runner.start();
	});
}

/** The per-epoch points of each run asked for, trained one after the other. */
export async function fixesToEnd(runs: readonly Trained[], settings: Omit<RunSettings, 'epochs'>, strengths: FixStrengths, backend: Backend): Promise<Record<string, FixPoint[]>> {
	const { train, val } = splitSets(settings.n, settings.seed, settings.faults);
	const perEpoch = stepsPerEpoch(settings.n);
	const read: Read = (step, values) => ({ ...epochPoint(step / perEpoch, values, train.labels, val.labels), valSE: valLossSE(values, val.labels, train.count, CLASSES) });
	const out: Record<string, FixPoint[]> = {};
	for (const run of runs) out[run] = await jobToEnd(fixJob(run, settings, strengths), read, backend);
	return out;
}
