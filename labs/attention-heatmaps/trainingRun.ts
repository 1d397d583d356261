/**
 * "Train it yourself": one `LiveRun`, owned by the controller, trains the lab's transformer on
 * the chosen task (a TrainingRunner: WASM in a worker, WebGPU on the page), and snapshots of its
 * weights are taken as it goes (every LIVE.snapshotEvery steps and at the end). Each snapshot
 * runs the snapshot graph (the same forward pass, weights as inputs) on the reader's sequence, so
 * the figure can scrub through the heads taking shape. The training code loads only on Start.
 */
import type { Backend } from '$lib/onnx/backend';
import type { ParamValues } from '$lib/onnx/training/model';
import { LiveRun, type RunScope } from '$lib/state/liveRun.svelte';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import type { RunSummary } from './summary';
import type { Task } from './tasks';

/** The seed of the reader's run (its initial weights and examples): one run, the same for everyone. */
export const LIVE_SEED = 1;

export interface WeightSnapshot {
	step: number;
	loss: number | null;
	run: RunSummary;
	accuracy: number;
}

export interface LiveSettings {
	task: Task;
	x: number[];
	backend: Backend;
	seed: number;
}

/** What the run produced beside its loss curve. */
export interface SnapshotResult {
	snapshots: WeightSnapshot[];
	/** A snapshot that could not be taken (NaN weights, a failed run of the snapshot graph). */
	problem: string | null;
}

export type TrainingRun = LiveRun<LiveSettings, LossTrack, SnapshotResult>;
type Scope = RunScope<LossTrack, SnapshotResult>;

export function createTrainingRun(): TrainingRun {
	return new LiveRun<LiveSettings, LossTrack, SnapshotResult>({
		tracks: (settings) => [{ id: 'transformer', label: settings ? `${settings.task} model` : 'model', data: NO_LOSSES }],
		job: async (settings, run) => {
			const { liveTrainingJob, LIVE } = await import('./training');
			if (!run.current) return;
			const job = liveTrainingJob(settings.task, settings.seed);
			run.setResult({ snapshots: [], problem: null });
			await takeSnapshot(run, settings, job.params, 0, null);
			let next = LIVE.snapshotEvery;
			let pending: Promise<void> | null = null;
			let finalTaken = false;
			await trainTrack(run, 0, job, settings.backend, {
				data: lossesOf,
				onReport: (p, runner) => {
					const final = p.status === 'done' || p.status === 'diverged';
					if (pending || !((p.step >= next && p.status === 'running') || (final && !finalTaken))) return;
					if (final) finalTaken = true;
					next = p.step + LIVE.snapshotEvery;
					const { step, lastLoss } = p;
					pending = runner
						.readParams()
						.then((params) => takeSnapshot(run, settings, params, step, lastLoss))
						.catch((e) => run.setResult((r) => ({ snapshots: r?.snapshots ?? [], problem: `A snapshot failed: ${e instanceof Error ? e.message : String(e)}` })))
						.finally(() => (pending = null));
				}
			});
			// The last snapshot belongs to the run: it ends when that is drawn.
			await pending;
		},
		describeError: (e) => `Training could not start: ${e instanceof Error ? e.message : String(e)}`,
		summarize: (t) => ({ id: t.id, status: t.status, thread: t.thread, steps: t.step, firstLoss: t.data.firstLoss, lastLoss: t.data.lastLoss, message: t.message })
	});
}

/** Runs the snapshot graph with `params` on the reader's sequence and adds the result. */
async function takeSnapshot(run: Scope, settings: LiveSettings, params: ParamValues, step: number, loss: number | null): Promise<void> {
	const [{ getSession, runSession }, { buildTransformerInference, SHAPE }, { summarizeRun, scoreRun }, { sequenceOf }, { snapshotFeeds }] =
		await Promise.all([import('$lib/onnx/runtime'), import('./model'), import('./summary'), import('./tasks'), import('./snapshotFeeds')]);
	const bad = Object.values(params).some((values) => values.some((v) => !Number.isFinite(v)));
	if (bad) {
		run.setResult((r) => ({ snapshots: r?.snapshots ?? [], problem: `The weights became NaN or infinite at step ${step}: this run diverged.` }));
		return;
	}
	// Always on WASM: the graph is tiny, and a second session running on the GPU while the training
	// session does fails in ORT's WebGPU provider (buffer downloads collide). One session per page,
	// shared by every run (its weights are inputs), so it is not released with a run.
	const session = await getSession('wasm', 'attention-snapshot', () => buildTransformerInference(SHAPE));
	const sequence = sequenceOf(settings.task, settings.x);
	const feeds = snapshotFeeds(sequence, params);
	const out = await runSession(session, feeds);
	if (!run.current) return;
	const summary = summarizeRun(out, 0, sequence, SHAPE.layers);
	const { accuracy } = scoreRun(settings.task, settings.x, summary);
	run.setResult((r) => ({
		problem: r?.problem ?? null,
		snapshots: [...(r?.snapshots ?? []), { step, loss, run: summary, accuracy }].sort((a, b) => a.step - b.step)
	}));
}
