/**
 * Build-time recordings (`npm run record`): drives one training job to its end with the same
 * `TrainingDriver` the browser's worker runs, on the ORT module it is given (onnxruntime-web's
 * WASM backend in Node, one thread), and keeps everything it reported.
 */
import type { LossPoint, ParamReading, TrainingJob, TrainingProgress, TrainingStatus } from '$lib/onnx/training/driver';
import type { Ort } from '$lib/onnx/training/loop';
import type { ParamValues } from '$lib/onnx/training/model';
import type { ProbeReading } from '$lib/onnx/training/probe';

export interface DrivenRun {
	status: TrainingStatus;
	step: number;
	losses: LossPoint[];
	params: ParamReading[];
	probes: ProbeReading[];
	message: string | null;
	/** The trained parameters (with `finalParams`, when the run ended done). */
	final: ParamValues | null;
	/** True when `until` ended the run (its status is then 'cancelled'). */
	stoppedEarly: boolean;
}

const FINAL: readonly TrainingStatus[] = ['done', 'diverged', 'error', 'cancelled'];

export interface DriveOptions {
	/** Read the trained weights back at the end. */
	finalParams?: boolean;
	/** Ends the run after the first probe reading this returns true for (e.g. training accuracy reached 100%). */
	until?: (probe: ProbeReading) => boolean;
}

/**
 * Runs `job` on WASM to a final status and returns every loss, parameter and probe reading (and,
 * with `finalParams`, the trained weights, as the runner's `readParams` gives them), then frees
 * its sessions.
 */
export async function driveJob(ort: Ort, job: TrainingJob, { finalParams = false, until }: DriveOptions = {}): Promise<DrivenRun> {
	const { TrainingDriver } = await import('$lib/onnx/training/driver');
	const run: DrivenRun = { status: 'idle', step: 0, losses: [], params: [], probes: [], message: null, final: null, stoppedEarly: false };
	let driver!: InstanceType<typeof TrainingDriver>;
	await new Promise<void>((resolve) => {
		driver = new TrainingDriver(ort, job, 'wasm', (p: TrainingProgress) => {
			run.status = p.status;
			run.step = p.step;
			run.message = p.message;
			run.losses.push(...p.points);
			run.params.push(...(p.params ?? []));
			run.probes.push(...(p.probes ?? []));
			if (until && !run.stoppedEarly && (p.probes ?? []).some(until)) {
				run.stoppedEarly = true;
				driver.cancel();
			}
			if (FINAL.includes(p.status)) resolve();
		});
		void driver.start();
	});
	try {
		if (finalParams && run.status === 'done') run.final = await driver.readParams();
	} finally {
		driver.cancel(); // a finished run: frees its sessions, its status stays
	}
	return run;
}
