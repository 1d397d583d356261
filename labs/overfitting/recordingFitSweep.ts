/**
 * Figure 6's sweep recorded at build time (`npm run record -- overfitting/fit-sweep`): the
 * label-noise run of the default settings at each ρ of FIT_RHOS, with the job and driver the
 * reader's Start runs (in Node, on onnxruntime-web's WASM backend), each stopped once it fits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { FIT_RHOS, type RecordedFitSweep } from './fitSweep';
import { splitSets } from './glyphs';
import { fitsAll, noisePoint, noisyLabels } from './noise';
import { RECORDED_SETTINGS } from './recording';
import { stepsPerEpoch } from './settings';

/** The sweep at the recorded settings, for the ρ given (all of FIT_RHOS by default: the test remakes two). */
export async function recordFitSweep(ort: Ort, rhos: readonly number[] = FIT_RHOS): Promise<RecordedFitSweep> {
	const { noiseJob } = await import('./noiseJob');
	const settings = RECORDED_SETTINGS;
	const perEpoch = stepsPerEpoch(settings.n);
	const { train, val } = splitSets(settings.n, settings.seed);
	const fits: RecordedFitSweep['fits'] = [];
	for (const rho of rhos) {
		const noisy = noisyLabels(train, rho, settings.seed);
		const fitted = (step: number, values: Float32Array) => fitsAll(noisePoint(step / perEpoch, values, noisy, val.labels));
		const run = await driveJob(ort, noiseJob({ ...settings, noise: rho }), { until: (p) => fitted(p.step, p.values) });
		if (!run.stoppedEarly && run.status !== 'done') throw new Error(`recording overfitting/fit-sweep: ρ = ${rho} ended ${run.status}: ${run.message}`);
		const fit = run.probes.find((p) => fitted(p.step, p.values));
		fits.push([rho, fit ? fit.step / perEpoch : null]);
	}
	return { settings, fits };
}
