/**
 * Figure 7's build-time recording as the figure reads it (recorded/train.json, made by
 * `npm run record -- attention-heatmaps/train` with recording.ts): the default run's losses and
 * snapshots, shown until the reader presses Start, and only for the default task and digits.
 */
import { unpackBytes } from '$lib/recorded/pack';
import { SHAPE } from './shape';
import type { Task } from './tasks';

export interface RecordedTraining {
	settings: { task: Task; tokens: string; seed: number };
	/** [step, loss], as the live run reports them. */
	losses: [number, number][];
	/** The snapshots' token labels (the default sequence). */
	labels: string[];
	/** Each snapshot: its step, the loss there, the share of answer tokens right, and every head's attention weights [layer][head][query][key] as bytes. */
	snapshots: { step: number; loss: number | null; accuracy: number; attn: string }[];
}

/** What the figure draws of a snapshot, live or recorded. */
export interface ShownSnapshot {
	step: number;
	loss: number | null;
	accuracy: number;
	run: { labels: string[]; attn: number[][][][] };
}

export const isRecordedTrainingSetting = (s: { task: string; tokens: string }, recorded: RecordedTraining) =>
	s.task === recorded.settings.task && s.tokens === recorded.settings.tokens;

/** The recorded snapshots, their attention unpacked into [layer][head][query][key]. */
export function recordedSnapshots(recorded: RecordedTraining): ShownSnapshot[] {
	const n = recorded.labels.length;
	return recorded.snapshots.map(({ step, loss, accuracy, attn }) => {
		const values = unpackBytes(attn);
		const at = (l: number, h: number, q: number) => Array.from(values.subarray(((l * SHAPE.heads + h) * n + q) * n, ((l * SHAPE.heads + h) * n + q + 1) * n));
		const grid = Array.from({ length: SHAPE.layers }, (_, l) => Array.from({ length: SHAPE.heads }, (_, h) => Array.from({ length: n }, (_, q) => at(l, h, q))));
		return { step, loss, accuracy, run: { labels: recorded.labels, attn: grid } };
	});
}
