/**
 * The model's outputs turned into the plain numbers the figures draw (no ONNX here): per layer
 * and head the n×n attention rows and the q, k, v vectors, the prediction at every position,
 * and, when the tokens are shuffled, the shuffled run and how far it is from the original
 * pattern permuted.
 */
import { answerSources, scoredPositions, tokenLabel, type Task } from './tasks';

/** [layer][head][row] → numbers. */
export type PerHead<T> = T[][];

export interface RunSummary {
	sequence: number[];
	labels: string[];
	/** [layer][head][query][key]. */
	attn: PerHead<number[][]>;
	/** [layer][head][position][d_k]. */
	q: PerHead<number[][]>;
	k: PerHead<number[][]>;
	v: PerHead<number[][]>;
	/** Argmax of the logits at each position (the predicted next token). */
	predicted: number[];
	/** Probability the model gives its predicted token at each position. */
	confidence: number[];
}

export interface AttnResults {
	task: Task;
	x: number[];
	n: number;
	layers: number;
	heads: number;
	dk: number;
	main: RunSummary;
	/** The answer as the model writes it with greedy decoding (no teacher forcing). */
	generated: number[];
	generatedRight: number;
	/** Answer positions (k … 2k−1), what they should predict, and whether the model did. */
	scored: { position: number; target: number; predicted: number; correct: boolean }[];
	accuracy: number;
	/** [layer][head]: mean attention from each answer position to the x token it must write. */
	sourceScore: number[][];
	/** The shuffled input's run (figure 4), with perm[i] = original position at shuffled slot i. */
	shuffled: { perm: number[]; run: RunSummary; maxDiff: number } | null;
}

export type Outputs = Record<string, { data: Float32Array; dims: readonly number[] }>;

/** Reads row `b` of the outputs for an n-token sequence. */
export function summarizeRun(out: Outputs, b: number, sequence: number[], layers: number): RunSummary {
	const n = sequence.length;
	const vocab = out.logits.dims[2] as number;
	const heads = out.attn0.dims[1] as number;
	const dk = out.q0.dims[3] as number;
	const pick = (name: string, width: number): number[][][] =>
		Array.from({ length: heads }, (_, h) =>
			Array.from({ length: n }, (_, i) => {
				const start = ((b * heads + h) * n + i) * width;
				return Array.from(out[name].data.subarray(start, start + width));
			})
		);
	const predicted: number[] = [];
	const confidence: number[] = [];
	for (let i = 0; i < n; i++) {
		const row = out.logits.data.subarray((b * n + i) * vocab, (b * n + i + 1) * vocab);
		let best = 0;
		for (let c = 1; c < vocab; c++) if (row[c] > row[best]) best = c;
		let z = 0;
		for (let c = 0; c < vocab; c++) z += Math.exp(row[c] - row[best]);
		predicted.push(best);
		confidence.push(1 / z);
	}
	const per = (prefix: string, width: number) => Array.from({ length: layers }, (_, l) => pick(`${prefix}${l}`, width));
	return {
		sequence,
		labels: sequence.map(tokenLabel),
		attn: per('attn', n),
		q: per('q', dk),
		k: per('k', dk),
		v: per('v', dk),
		predicted,
		confidence
	};
}

export function scoreRun(task: Task, x: number[], run: RunSummary): Pick<AttnResults, 'scored' | 'accuracy'> {
	const scored = scoredPositions(task, x).map(({ position, target }) => ({
		position,
		target,
		predicted: run.predicted[position],
		correct: run.predicted[position] === target
	}));
	return { scored, accuracy: scored.filter((s) => s.correct).length / scored.length };
}

/** max |A_shuffled[i][j] − A[perm[i]][perm[j]]| over every layer and head. */
export function permutationGap(original: RunSummary, shuffled: RunSummary, perm: number[]): number {
	let worst = 0;
	original.attn.forEach((layer, l) =>
		layer.forEach((head, h) =>
			perm.forEach((pi, i) =>
				perm.forEach((pj, j) => {
					worst = Math.max(worst, Math.abs(shuffled.attn[l][h][i][j] - head[pi][pj]));
				})
			)
		)
	);
	return worst;
}

/** Mean over answer positions k + i of the weight on key answerSources[i] (see tasks.ts). */
export function sourceScores(task: Task, x: number[], run: RunSummary): number[][] {
	const sources = answerSources(task, x);
	const k = x.length;
	return run.attn.map((heads) => heads.map((m) => sources.reduce((s, src, i) => s + m[k + i][src], 0) / sources.length));
}
