/**
 * Figure 5's live runs: SGD on the spiral MLP at each batch size (batchRuns.ts), one after another,
 * as one `LiveRun` owned by the controller. The loop runs on the page (driveBatch.ts), on the
 * page's runtime in short tasks (runOnCopies.ts); pause, reset and a newer start reach it between steps.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { BATCH_RUNS, runSizes, runSpec, stepsPerEpoch, type BatchPoint } from './batchRuns';
import { SPIRAL } from './spiralMlp';

export interface BatchSettings {
	batch: number;
	scale: boolean;
	seed: number;
}

export interface BatchTrack {
	batch: number;
	rate: number;
	points: BatchPoint[];
}

export type BatchRun = LiveRun<BatchSettings, BatchTrack>;

export const batchSettings = (s: { batch: number; scale: boolean; seed: number }): BatchSettings => ({ batch: s.batch, scale: s.scale, seed: s.seed });

export const batchLabel = (batch: number) => `B = ${batch}`;

export function createBatchRun(): BatchRun {
	return new LiveRun<BatchSettings, BatchTrack>({
		// Before a start (null) the rows are those of the defaults.
		tracks: (settings) =>
			runSizes(settings?.batch ?? BATCH_RUNS.reference).map((b) => {
				const spec = runSpec(b, settings?.scale ?? true, SPIRAL.examples);
				return { id: `b-${b}`, label: batchLabel(b), maxSteps: BATCH_RUNS.epochs * stepsPerEpoch(b, SPIRAL.examples), data: { batch: b, rate: spec.rate, points: [] } };
			}),
		job: async (settings, run) => {
			const [{ loadOrt }, { driveBatch }] = await Promise.all([import('$lib/onnx/runtime'), import('./driveBatch')]);
			const ort = await loadOrt('wasm');
			for (const [i, b] of runSizes(settings.batch).entries()) {
				if (!run.current) return;
				const spec = runSpec(b, settings.scale, SPIRAL.examples);
				run.update(i, { status: 'loading', thread: 'page' });
				const points: BatchPoint[] = [];
				const result = await driveBatch(ort, spec, settings.seed, {
					onPoint: (p) => {
						points.push(p);
						run.update(i, { status: 'running', step: p.seen / b, data: { batch: b, rate: spec.rate, points: [...points] } });
					},
					proceed: () => run.checkpoint()
				});
				if (!result) return;
				const diverged = result.status === 'diverged';
				run.update(i, {
					status: result.status,
					message: diverged ? `The loss became infinite or NaN after ${result.points.at(-1)?.seen} examples: this run diverged.` : null,
					data: { batch: b, rate: spec.rate, points: result.points }
				});
			}
		},
		summarize: (t) => ({ id: t.id, batch: t.data.batch, rate: t.data.rate, status: t.status, steps: t.step, lastLoss: t.data.points.at(-1)?.loss ?? null, message: t.message })
	});
}
