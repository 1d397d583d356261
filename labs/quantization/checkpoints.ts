/**
 * The quantization checkpoints (cards in lab.ts). Each `solve` runs the lab's own compute for figure 1
 * (the analytic quantizer on the shipped weights) for the asked settings and reads its answer off it.
 */
import type { Checkpoint } from '$lib/practice/types';
import { formatNumber } from '$lib/format';
import type { QuantizationState } from './lab';
import { BITS, type WeightFormat } from './weightFormats';

type QuantizationCheckpoint = Checkpoint<QuantizationState>;

const TASKS = ['copy', 'reverse', 'sort'] as const;
const TENSORS = ['l0.q.w', 'l0.k.w', 'l0.v.w', 'l0.o.w', 'l0.mlp1.w', 'l0.mlp2.w', 'l1.q.w', 'l1.k.w', 'l1.v.w', 'l1.o.w', 'l1.mlp1.w', 'l1.mlp2.w'] as const;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const where = (s: QuantizationState) => `the ${s.task} model's ${s.tensor}`;
const f = (v: number, digits = 3) => formatNumber(v, digits);

async function compute(state: QuantizationState) {
	const { computeGrid } = await import('./compute');
	return computeGrid(state);
}

export const bitRatio: QuantizationCheckpoint = {
	id: 'bit-ratio',
	settings: (random) => ({ task: pick(TASKS, random), tensor: pick(TENSORS, random), wbits: String(4 + Math.floor(random() * 4)) as WeightFormat, scheme: pick(['sym', 'asym'] as const, random), gran: 'tensor' }),
	prompt: (s) => `${s.scheme === 'sym' ? 'Symmetric' : 'Asymmetric'} per-tensor grid on ${where(s)}: going from ${s.wbits} to ${Number(s.wbits) + 1} bits divides the MSE by how much?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.6, unit: '×', min: 1, max: 8 }),
	async solve(state) {
		const r = await compute(state);
		const i = BITS.indexOf(Number(state.wbits) as (typeof BITS)[number]);
		const ratio = r.mseByBits[i] / r.mseByBits[i + 1];
		return {
			expected: { kind: 'number', value: ratio },
			shown: `${f(ratio)}×`,
			explanation:
				`The MSE falls from ${f(r.mseByBits[i])} to ${f(r.mseByBits[i + 1])}, a factor ${f(ratio)}. ` +
				`One more bit halves the step s, and rounding noise of a step s is s²/12 when the weights spread over many steps, so each bit divides it by about 4 (6.02 dB).`
		};
	}
};

export const channelWins: QuantizationCheckpoint = {
	id: 'channel-wins',
	settings: (random) => ({ task: pick(TASKS, random), tensor: pick(TENSORS, random), wbits: '4', scheme: 'sym', gran: 'channel' }),
	prompt: (s) => `${s.wbits}-bit symmetric grid on ${where(s)}: how does one scale per output channel compare with one for the whole tensor?`,
	answer: () => ({
		kind: 'choice',
		options: [
			{ id: 'much', label: 'Per channel: MSE at least 1.5× lower' },
			{ id: 'little', label: 'Per channel: lower, by less than 1.5×' },
			{ id: 'worse', label: 'Per tensor is as good or better' }
		]
	}),
	async solve(state) {
		const r = await compute(state);
		const { tensor, channel } = r.byGranularity;
		const ratio = tensor.mse / channel.mse;
		const id = ratio >= 1.5 ? 'much' : ratio > 1 ? 'little' : 'worse';
		const shown = { much: 'Per channel, at least 1.5× lower', little: 'Per channel, by less than 1.5×', worse: 'Per tensor as good or better' }[id];
		return {
			expected: { kind: 'choice', id },
			shown,
			explanation:
				`Per tensor the MSE is ${f(tensor.mse)} (SQNR ${f(tensor.sqnr)} dB), per channel ${f(channel.mse)} (${f(channel.sqnr)} dB): ${f(ratio)}× ${ratio >= 1 ? 'lower' : 'higher'} per channel. ` +
				`The per-tensor step is set by the widest channel; per channel the steps run from ${f(r.channelScales[0])} to ${f(r.channelScales[1])}, so narrow channels are rounded on finer grids.`
		};
	}
};

export const int8Sqnr: QuantizationCheckpoint = {
	id: 'int8-sqnr',
	settings: (random) => ({ task: pick(TASKS, random), tensor: pick(TENSORS, random), wbits: '8', scheme: 'sym', gran: 'tensor' }),
	prompt: (s) => `INT8, symmetric, per tensor, on ${where(s)}: what is the SQNR, in dB?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 4, unit: 'dB', min: 0, max: 80 }),
	async solve(state) {
		const r = await compute(state);
		return {
			expected: { kind: 'number', value: r.sqnr },
			shown: `${f(r.sqnr)} dB`,
			explanation:
				`The grid step is ${f(r.tensorScale)} and the MSE ${f(r.mse)}, so the signal-to-noise ratio is ${f(r.sqnr)} dB. ` +
				(r.sqnr < 48
					? `The rule of thumb 6.02 dB per bit gives about 48 dB for 8 bits on a signal spread evenly over the grid; these weights bunch near zero, far inside the range their largest weight sets, so the SQNR comes out lower.`
					: `The rule of thumb 6.02 dB per bit gives about 48 dB for 8 bits on a signal spread evenly over the grid; these weights fill their range well enough to reach it.`)
		};
	}
};

export const int8Points: QuantizationCheckpoint = {
	id: 'int8-points',
	settings: (random) => ({ task: pick(TASKS, random), scheme: pick(['sym', 'asym'] as const, random), wbits: '8', gran: 'tensor', abits: 'off', emb: true }),
	prompt: (s) =>
		`The ${s.task} model with every weight matrix and embedding rounded to INT8 (${s.scheme === 'sym' ? 'symmetric' : 'asymmetric'}, one scale per tensor): how many points of held-out token accuracy does it lose?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 1, unit: 'points', min: 0, max: 20 }),
	async solve(state, backend) {
		const [{ weightsOf }, { scorer }] = await Promise.all([import('./compute'), import('./accuracy')]);
		const { score, tokens } = await scorer(state.task, await weightsOf(state.task), backend);
		const float = await score(null, null);
		const w8 = await score({ bits: 8, scheme: state.scheme, gran: 'tensor', emb: true }, null);
		const lost = (100 * (float - w8)) / tokens;
		return {
			expected: { kind: 'number', value: lost },
			shown: `${f(lost)} points`,
			explanation:
				`The float model gets ${float} of ${tokens} held-out tokens right, the INT8 one ${w8}: ${f(lost)} points lost. ` +
				`Eight bits leave ${state.scheme === 'sym' ? 2 * (2 ** 7 - 1) : 2 ** 8 - 1} steps across each tensor's range: the rounding error stays inside the margins between the model's top two logits, and accuracy only starts to fall at fewer bits.`
		};
	}
};

export const outlierW8a8: QuantizationCheckpoint = {
	id: 'outlier-w8a8',
	settings: (random) => ({ task: pick(TASKS, random), outlier: 100, fix: 'none' }),
	prompt: (s) =>
		`The ${s.task} model with one channel of layer 1's attention input made ${s.outlier}× wider and its weight rows ${s.outlier}× narrower (the float model is unchanged), then 8-bit weights and min-max calibrated 8-bit activations, one scale per tensor: what held-out token accuracy does it keep, in %?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 10, unit: '%', min: 0, max: 100 }),
	async solve(state, backend) {
		const [{ weightsOf }, { measureOutlier }] = await Promise.all([import('./compute'), import('./outlierAccuracy')]);
		const r = await measureOutlier(await weightsOf(state.task), { task: state.task, c: state.outlier, fix: 'none', alpha: 0.5 }, backend);
		const share = (n: number) => (100 * n) / r.tokens;
		return {
			expected: { kind: 'number', value: share(r.none) },
			shown: `${f(share(r.none))}%`,
			explanation:
				`Float, the model still gets ${f(share(r.float))}% right; at W8A8 ${f(share(r.none))}%. ` +
				`Min-max calibration sets the per-tensor step of that input from its widest channel: ${f(r.step)}, while the other channels reach at most ${f(Math.max(...r.absmax.filter((_, j) => j !== r.channel)))}, ` +
				`so they are rounded to a handful of codes around zero.`
		};
	}
};

const HALF_OPTIONS = [
	{ id: 'magnitude-magnitude', label: 'magnitude keeps more accuracy, and runs fewer FLOPs' },
	{ id: 'magnitude-neurons', label: 'magnitude keeps more accuracy; removing neurons runs fewer FLOPs' },
	{ id: 'neurons-magnitude', label: 'removing neurons keeps more accuracy; magnitude runs fewer FLOPs' },
	{ id: 'neurons-neurons', label: 'removing neurons keeps more accuracy, and runs fewer FLOPs' }
] as const;

export const pruneHalf: QuantizationCheckpoint = {
	id: 'prune-half',
	settings: (random) => ({ task: pick(TASKS, random), sparsity: 0.5 }),
	prompt: (s) =>
		`Half of the ${s.task} model's linear weights pruned, untuned: by magnitude in each matrix, or by removing the MLP neurons with the smallest ‖w_in‖·‖w_out‖ (as many as it takes, at most every one). Which keeps more held-out accuracy, and which runs fewer FLOPs in a dense kernel?`,
	answer: () => ({ kind: 'choice', options: HALF_OPTIONS }),
	async solve(state, backend) {
		const [{ weightsOf }, { scorer }, { prune, removedFraction, linearFlops }] = await Promise.all([import('./compute'), import('./accuracy'), import('./pruning')]);
		const weights = await weightsOf(state.task);
		const { tokens } = await scorer(state.task, weights, backend);
		const run = async (method: 'layer' | 'neurons') => ({
			right: await (await scorer(state.task, prune(weights, method, state.sparsity), backend)).score(null, null),
			removed: removedFraction(weights, method, state.sparsity),
			flops: linearFlops(weights, method, state.sparsity)
		});
		const [mag, neu] = [await run('layer'), await run('neurons')];
		const share = (n: number) => (100 * n) / tokens;
		const keeps = mag.right >= neu.right ? 'magnitude' : 'neurons';
		const faster = mag.flops <= neu.flops ? 'magnitude' : 'neurons';
		const id = `${keeps}-${faster}` as const;
		return {
			expected: { kind: 'choice', id },
			shown: HALF_OPTIONS.find((o) => o.id === id)!.label,
			explanation:
				`Magnitude pruning removes ${f(100 * mag.removed)}% of the linear weights and keeps ${f(share(mag.right))}% of the tokens right; removing neurons takes ${f(100 * neu.removed)}% ` +
				`(whole neurons, at most both MLPs) and keeps ${f(share(neu.right))}%. But the magnitude-pruned matrices have their old shapes, so a dense kernel runs all ${mag.flops} FLOPs per token ` +
				`in the linear layers, zeros included; the smaller MLPs run ${neu.flops}.`
		};
	}
};

export const qatW4a4: QuantizationCheckpoint = {
	id: 'qat-w4a4',
	settings: (random) => ({ task: pick(TASKS, random), wbits: '4', abits: '4', scheme: 'sym', gran: 'tensor', calib: 'minmax', emb: true, qsteps: 300 }),
	prompt: (s) =>
		`The ${s.task} model at W4A4: weights and embeddings on a symmetric 4-bit grid with one scale per tensor, and every linear layer's input on a 4-bit grid calibrated by min-max. Rounded after training (PTQ) it loses a share of its held-out tokens. After ${s.qsteps} steps of quantization-aware training from its float weights, what share does it get right, in %?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 3, unit: '%', min: 0, max: 100 }),
	async solve(state, backend) {
		const [{ weightsOf }, { heldOut }, { qatActGrids, qatJob }, { jobToEnd }, { tokenAccuracy }, { VOCAB }] = await Promise.all([
			import('./compute'),
			import('./accuracy'),
			import('./qat'),
			import('$lib/onnx/training/jobToEnd'),
			import('$labs/attention-heatmaps/training'),
			import('$labs/attention-heatmaps/tasks')
		]);
		const weights = await weightsOf(state.task);
		const acts = await qatActGrids({ task: state.task, abits: '4', scheme: 'sym', calib: 'minmax', pct: state.pct }, weights, backend);
		const settings = { task: state.task, wbits: 4, gran: 'tensor' as const, emb: true, steps: state.qsteps, seed: state.seed };
		const inputs = heldOut(state.task);
		const points = await jobToEnd(qatJob('qat', settings, weights, acts), (step, values) => ({ step, accuracy: tokenAccuracy(state.task, inputs, values, VOCAB) }), backend);
		const ptq = 100 * points[0].accuracy;
		const qat = 100 * points.at(-1)!.accuracy;
		return {
			expected: { kind: 'number', value: qat },
			shown: `${f(qat)}%`,
			explanation:
				`Rounded after training, the model gets ${f(ptq)}% of the held-out tokens right; after ${state.qsteps} steps trained through the rounding, ${f(qat)}%. ` +
				`The forward pass saw the rounded weights and activations all along, and the straight-through gradient moved the float weights so that their rounded copies do the task.`
		};
	}
};

export default [bitRatio, channelWins, int8Sqnr, int8Points, outlierW8a8, qatW4a4, pruneHalf];
