/**
 * Words and tables for figure 4: the sentence a screen reader hears, the labels and colours of
 * each kind of block, the time unit of the axis, and the blocks as a table (the Figure frame's
 * "data" and CSV export). Pure: reads a simulated Timeline, computes nothing new.
 */
import { categorical } from '$lib/viz/palette';
import { formatNumber } from '$lib/format';
import type { BlockKind, CommKind, Timeline } from './timeline';

export const KIND_LABEL: Record<BlockKind, string> = {
	F: 'forward',
	B: 'backward',
	send: 'PP send',
	tp: 'TP all-reduce',
	allreduce: 'DP all-reduce',
	gather: 'FSDP all-gather',
	'reduce-scatter': 'FSDP reduce-scatter'
};

/** Okabe–Ito hues: forward and backward far apart, each transfer its own. */
export const KIND_COLOR: Record<BlockKind, string> = {
	F: categorical(0),
	B: categorical(3),
	send: categorical(5),
	tp: categorical(4),
	allreduce: categorical(2),
	gather: categorical(1),
	'reduce-scatter': categorical(6)
};

export const COMM_KINDS: readonly CommKind[] = ['send', 'tp', 'allreduce', 'gather', 'reduce-scatter'];

/** The axis unit that keeps the step's length between 1 and 1000 of it. */
export function timeUnit(seconds: number): { label: string; scale: number } {
	if (seconds >= 1) return { label: 's', scale: 1 };
	if (seconds >= 1e-3) return { label: 'ms', scale: 1e3 };
	return { label: 'µs', scale: 1e6 };
}

/** Bytes in decimal units (GB as in the spec's tables). */
export function formatBytes(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let k = 0;
	while (bytes >= 1000 && k < units.length - 1) {
		bytes /= 1000;
		k++;
	}
	return `${formatNumber(bytes, 3)} ${units[k]}`;
}

export const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

/** Micro-batches a stage holds at most, in whole micro-batches (chunks count 1/v each). */
export const heldMicrobatches = (tl: Timeline, stage: number) => tl.peakInFlight[stage] / (tl.input.schedule === 'interleaved' ? tl.input.v : 1);

const SCHEDULE_NAME = { gpipe: 'GPipe', '1f1b': '1F1B', interleaved: 'interleaved 1F1B' } as const;

/** One paragraph for screen readers and the figure's caption line. */
export function timelineSummary(tl: Timeline): string {
	const { p, m, t, d, v, schedule, sharding } = tl.input;
	const unit = timeUnit(tl.stepTime);
	const time = (s: number) => `${formatNumber(s * unit.scale, 3)} ${unit.label}`;
	const layout = [
		p > 1 ? `${p} pipeline stages (${SCHEDULE_NAME[schedule]}${schedule === 'interleaved' ? `, ${v} chunks each` : ''})` : 'one pipeline stage',
		t > 1 ? `tensor parallel over ${t}` : null,
		d > 1 ? `${sharding === 'fsdp' ? 'FSDP-sharded' : 'data parallel'} over ${d}` : null
	].filter(Boolean);
	const sent = COMM_KINDS.filter((k) => tl.bytesPerGpu[0][k] > 0).map((k) => `${KIND_LABEL[k]} ${formatBytes(tl.bytesPerGpu[0][k])}`);
	return (
		`One training step of ${m} micro-batches on ${layout.join(', ')}: ${time(tl.stepTime)}, ` +
		`of which the pipeline bubble is ${percent(tl.bubbleShare)} and exposed communication ${percent(tl.exposedCommShare)}. ` +
		(p > 1 ? `The first stage holds at most ${formatNumber(heldMicrobatches(tl, 0), 3)} micro-batches' activations. ` : '') +
		(sent.length ? `Each GPU of the first stage sends ${sent.join(', ')}.` : 'No GPU sends anything.')
	);
}

/** Every block as a row: stage, stream, kind, micro-batch, chunk, unit, start, end, bytes. */
export function timelineTable(tl: Timeline): { columns: string[]; rows: (string | number)[][] } {
	const unit = timeUnit(tl.stepTime);
	return {
		columns: ['stage', 'stream', 'block', 'micro-batch', 'chunk', 'unit', `start (${unit.label})`, `end (${unit.label})`, 'bytes per GPU'],
		rows: tl.blocks.map((b) => [b.gpu + 1, b.lane, KIND_LABEL[b.kind], b.microbatch >= 0 ? b.microbatch + 1 : '', b.chunk + 1, b.unit >= 0 ? b.unit + 1 : '', b.start * unit.scale, b.end * unit.scale, b.bytes])
	};
}
