/**
 * Figure 3's build-time recording (`npm run record -- optimizers/sweep`): the six runs of the
 * sweep, driven as the reader's Start drives them, kept as the figure draws them (every loss
 * finite reading to 4 significant digits; a run stopped by a NaN or ∞ says so in its status). The figure shows it until Start.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { roundSig } from '$lib/recorded/pack';
import { driveSweep } from './driveSweep';
import type { RecordedSweep } from './recorded';

export async function recordSweep(ort: Ort): Promise<RecordedSweep> {
	const runs = await driveSweep(ort);
	return {
		runs: runs.map((r) => ({ rate: roundSig(r.rate), status: r.status, losses: r.losses.filter((p) => Number.isFinite(p.loss)).map((p) => [p.step, roundSig(p.loss)] as [number, number]) }))
	};
}
