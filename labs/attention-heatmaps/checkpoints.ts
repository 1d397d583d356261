/**
 * The attention-heatmaps checkpoints (cards in lab.ts). The attention questions run the shipped
 * trained transformer (compute.ts) on the asked input and read its attention; the √dₖ question is
 * the variance of a sum of dₖ independent products.
 */
import type { Checkpoint } from '$lib/practice/types';
import { formatNumber } from '$lib/format';
import { createRng } from '$lib/random';
import type { AttnState } from './compute';
import { drawInput, MAX_K, MIN_K, sequenceOf, tokenLabel, type Task } from './tasks';

type AttnCheckpoint = Checkpoint<AttnState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const TASK_NAMES: Record<Task, string> = { copy: 'copy', reverse: 'reverse', sort: 'sort' };

async function run(state: AttnState, backend: Parameters<AttnCheckpoint['solve']>[1]) {
	const { computeAttention } = await import('./compute');
	return computeAttention(state, backend);
}

/** A task and an input drawn the way the model was trained (k digits, distinct where the task needs it). */
function drawTaskInput(random: () => number): Pick<AttnState, 'task' | 'tokens'> {
	const task = pick(['copy', 'reverse', 'sort'] as const, random);
	const rng = createRng(Math.floor(random() * 2 ** 31));
	const k = MIN_K + 2 + Math.floor(random() * (MAX_K - MIN_K - 1));
	return { task, tokens: drawInput(task, k, rng).join('') };
}

const digits = (s: AttnState) => s.tokens.replace(/\D/g, '').split('').map(Number);
const keyLabel = (sequence: number[], j: number) => `key ${j} (${tokenLabel(sequence[j])})`;

export const queryReads: AttnCheckpoint = {
	id: 'query-reads',
	settings: (random) => {
		const input = drawTaskInput(random);
		const k = input.tokens.length;
		// An answer position: the separator (k) up to the last one that predicts a token (2k − 1).
		return { ...input, causal: true, pos: true, layer: pick([0, 1], random), head: Math.floor(random() * 4), query: k + Math.floor(random() * k) };
	},
	prompt: (s) => {
		const seq = sequenceOf(s.task, digits(s));
		return `Trained on ${TASK_NAMES[s.task]}, input ${s.tokens} (the sequence ${seq.map(tokenLabel).join(' ')}): in layer ${s.layer + 1}, head ${s.head + 1}, which key does query ${s.query} (token ${tokenLabel(seq[s.query])}) read most? Positions count from 0.`;
	},
	answer: (s) => {
		const seq = sequenceOf(s.task, digits(s));
		return { kind: 'cells', rows: 1, cols: s.query + 1, colLabels: seq.slice(0, s.query + 1).map((t, j) => `${j}: ${tokenLabel(t)}`) };
	},
	async solve(state, backend) {
		const r = await run(state, backend);
		const row = r.main.attn[state.layer][state.head][state.query];
		const best = row.indexOf(Math.max(...row));
		const sorted = [...row].sort((a, b) => b - a);
		return {
			expected: { kind: 'cells', cells: [`0,${best}`] },
			shown: `${keyLabel(r.main.sequence, best)}, weight ${formatNumber(row[best], 2)}`,
			explanation:
				`Query ${state.query} puts ${formatNumber(100 * row[best], 2)}% of its attention on ${keyLabel(r.main.sequence, best)}; the next largest weight is ${formatNumber(100 * sorted[1], 2)}%. ` +
				`The weights are the softmax of the query's dot products with every earlier key, divided by √dₖ; keys after the query are masked out.`
		};
	}
};

export const sourceHeads: AttnCheckpoint = {
	id: 'source-heads',
	settings: (random) => ({ ...drawTaskInput(random), causal: true, pos: true }),
	prompt: (s) =>
		`Trained on ${TASK_NAMES[s.task]}, input ${s.tokens}: which heads put more than half of their attention, averaged over the answer positions, on the input token that position must write next?`,
	answer: () => ({
		kind: 'cells',
		rows: 2,
		cols: 4,
		rowLabels: ['layer 1', 'layer 2'],
		colLabels: ['head 1', 'head 2', 'head 3', 'head 4']
	}),
	async solve(state, backend) {
		const r = await run(state, backend);
		const cells: string[] = [];
		r.sourceScore.forEach((heads, l) => heads.forEach((score, h) => score > 0.5 && cells.push(`${l},${h}`)));
		const flat = r.sourceScore.flatMap((heads, l) => heads.map((score, h) => ({ l, h, score })));
		const top = flat.reduce((a, b) => (b.score > a.score ? b : a));
		return {
			expected: { kind: 'cells', cells },
			shown: cells.length ? cells.map((c) => c.split(',').map((v) => Number(v) + 1)).map(([l, h]) => `layer ${l}, head ${h}`).join('; ') : 'none',
			explanation:
				`The strongest is layer ${top.l + 1}, head ${top.h + 1}: on average ${formatNumber(100 * top.score, 2)}% of its attention sits on the token to write. ` +
				`Such a head finds the source by position (copy, reverse) or by value (sort) and moves that token's value into the answer; ${cells.length} of the 8 heads pass the half-way mark here.`
		};
	}
};

export const scoreSpread: AttnCheckpoint = {
	id: 'score-spread',
	settings: (random) => ({ dk: pick(['16', '64', '256'] as const, random) as AttnState['dk'] }),
	prompt: (s) =>
		`q and k have dₖ = ${s.dk} independent entries of mean 0 and variance 1. What is the standard deviation of the raw score q·k, before dividing by √dₖ?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 1.3 }),
	async solve(state) {
		const d = Number(state.dk);
		// q·k is a sum of d independent products, each of variance 1·1.
		const std = Math.sqrt(d);
		return {
			expected: { kind: 'number', value: std },
			shown: `√${d} = ${formatNumber(std)}`,
			explanation:
				`q·k sums ${d} independent products of variance 1, so its variance is ${d} and its spread ${formatNumber(std)}. ` +
				`Scores that far apart push the softmax onto one key, where its gradient vanishes; dividing by √dₖ brings the spread back to 1 at every width.`
		};
	}
};

const checkpoints: AttnCheckpoint[] = [sourceHeads, queryReads, scoreSpread];
export default checkpoints;
