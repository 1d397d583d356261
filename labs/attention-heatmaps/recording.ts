/**
 * Figure 7's build-time recording (`npm run record -- attention-heatmaps/train`): the reader's
 * default run (the copy task from seed LIVE_SEED, LIVE.steps steps), trained with the job and
 * driver the reader's Start runs (in Node, on onnxruntime-web's WASM backend), kept as its loss
 * curve and a few snapshots of the heads on the default digits (attention weights as bytes).
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { packBytes, roundSig } from '$lib/recorded/pack';
import { runFeeds } from '$lib/recorded/run';
import { schema } from './lab';
import { buildTransformerInference, SHAPE } from './model';
import type { RecordedTraining } from './recorded';
import { snapshotFeeds } from './snapshotFeeds';
import { scoreRun, summarizeRun } from './summary';
import { parseTokens, sequenceOf } from './tasks';
import { LIVE, liveTrainingJob } from './training';
import { LIVE_SEED } from './trainingRun';

export const RECORDED_TRAINING_SETTINGS: RecordedTraining['settings'] = { task: schema.task.default, tokens: schema.tokens.default, seed: LIVE_SEED };
/** The steps the figure's recorded snapshots are taken at (the live run takes one every LIVE.snapshotEvery). */
export const RECORDED_SNAPSHOT_STEPS = [0, 100, 200, 300, 400];

/** `maxSteps` cuts the run short (what it records up to there is the full run's): the recording test remakes the first steps. */
export async function recordTraining(ort: Ort, maxSteps: number = LIVE.steps): Promise<RecordedTraining> {
	const { task, tokens, seed } = RECORDED_TRAINING_SETTINGS;
	const parsed = parseTokens(tokens);
	if (!parsed.ok) throw new Error(`recording attention-heatmaps/train: the default digits do not parse: ${parsed.message}`);
	const steps = Math.min(LIVE.steps, maxSteps);
	const job = { ...liveTrainingJob(task, seed), maxSteps: steps, paramsAt: RECORDED_SNAPSHOT_STEPS.filter((s) => s <= steps) };
	const run = await driveJob(ort, job);
	if (run.status !== 'done') throw new Error(`recording attention-heatmaps/train: the run ended ${run.status}: ${run.message}`);
	const reported = run.losses.map((p) => [p.step, roundSig(p.loss)] as [number, number]);
	// The curve the live run draws: a loss every LIVE.lossEvery steps (the snapshot readings add a few of their own).
	const losses = reported.filter(([step]) => step === 0 || (step + 1) % LIVE.lossEvery === 0);
	const sequence = sequenceOf(task, parsed.x);
	const session = await ort.InferenceSession.create(buildTransformerInference(SHAPE), { executionProviders: ['wasm'] });
	const snapshots: RecordedTraining['snapshots'] = [];
	let labels: string[] = [];
	for (const { step, params } of run.params) {
		const out = await runFeeds(ort, session, snapshotFeeds(sequence, params));
		const summary = summarizeRun(out, 0, sequence, SHAPE.layers);
		labels = summary.labels;
		// As the live run labels a snapshot: the last loss reported by then.
		const loss = reported.findLast(([s]) => s <= step)?.[1] ?? null;
		snapshots.push({ step, loss, accuracy: roundSig(scoreRun(task, parsed.x, summary).accuracy), attn: packBytes(summary.attn.flat(3)) });
	}
	await session.release();
	return { settings: RECORDED_TRAINING_SETTINGS, losses, labels, snapshots };
}
