/**
 * Figure 3's six runs driven to their end in this realm, one after another, with the same job and
 * `TrainingDriver` the reader's Start runs in the worker: for the build-time recording (Node) and
 * the checkpoint's answer (the page, on WebAssembly).
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { SWEEP_RATES, type SweepPoint } from './rateSweep';

export interface DrivenRate {
	rate: number;
	status: 'done' | 'diverged';
	losses: SweepPoint[];
}

export async function driveSweep(ort: Ort): Promise<DrivenRate[]> {
	const { sweepJob } = await import('./sweepJob');
	const out: DrivenRate[] = [];
	for (const rate of SWEEP_RATES) {
		const run = await driveJob(ort, sweepJob(rate));
		if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`the run at η = ${rate} ended ${run.status}: ${run.message}`);
		out.push({ rate, status: run.status, losses: run.losses });
	}
	return out;
}
