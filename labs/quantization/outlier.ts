/**
 * Figure 3's weight transforms (pure, over the float weights): the outlier that leaves the float
 * model's function unchanged, and SmoothQuant's folding of per-channel scales into the weights.
 * A matrix W is [n_in, n_out], so input channel j of a linear layer is row j of W.
 */
import type { WeightTensor } from './weights';

/** The linear layers each LayerNorm feeds: SmoothQuant folds its scales into these norms. */
export const NORM_FED: readonly { norm: string; linears: readonly string[] }[] = [
	{ norm: 'l0.ln1', linears: ['l0.q', 'l0.k', 'l0.v'] },
	{ norm: 'l0.ln2', linears: ['l0.mlp1'] },
	{ norm: 'l1.ln1', linears: ['l1.q', 'l1.k', 'l1.v'] },
	{ norm: 'l1.ln2', linears: ['l1.mlp1'] },
	{ norm: 'ln_f', linears: ['out'] }
];

/** The layer-0 attention input, where the outlier is made (the q, k and v layers share it). */
export const OUTLIER_GROUP = NORM_FED[0];

const copy = (t: WeightTensor): WeightTensor => ({ shape: [...t.shape], data: Float32Array.from(t.data) });
const get = (w: Map<string, WeightTensor>, name: string) => {
	const t = w.get(name);
	if (!t) throw new Error(`The model has no tensor “${name}”.`);
	return t;
};

/**
 * The channel the outlier is made in: the one whose LN₁ gain has the median magnitude. A typical
 * channel, so c is the factor over an ordinary channel's range, not over one already the widest.
 */
export function outlierChannel(weights: Map<string, WeightTensor>): number {
	const g = get(weights, `${OUTLIER_GROUP.norm}.g`).data;
	const order = Array.from(g.keys()).sort((a, b) => Math.abs(g[a]) - Math.abs(g[b]) || a - b);
	return order[Math.floor((order.length - 1) / 2)];
}

/**
 * Scales input channel j of every layer a norm feeds: the norm's gain and bias times f_j, the
 * rows j of the layers' weights times 1/f_j. (x f_j)(W_j / f_j) = x W_j: the float model computes the
 * same function, only the split of each product between activation and weight moves.
 */
export function scaleChannels(weights: Map<string, WeightTensor>, group: { norm: string; linears: readonly string[] }, f: ArrayLike<number>): Map<string, WeightTensor> {
	const out = new Map(weights);
	for (const part of ['g', 'b']) {
		const t = copy(get(weights, `${group.norm}.${part}`));
		for (let j = 0; j < t.data.length; j++) t.data[j] *= f[j];
		out.set(`${group.norm}.${part}`, t);
	}
	for (const l of group.linears) {
		const t = copy(get(weights, `${l}.w`));
		const [rows, cols] = t.shape;
		if (rows !== f.length) throw new Error(`${l}.w has ${rows} input channels, not ${f.length}.`);
		for (let j = 0; j < rows; j++) for (let c = 0; c < cols; c++) t.data[j * cols + c] /= f[j];
		out.set(`${l}.w`, t);
	}
	return out;
}

/** The outlier: channel j of layer 0's LN₁ gain and bias times c, row j of W_q, W_k, W_v times 1/c. */
export function withOutlier(weights: Map<string, WeightTensor>, c: number, j = outlierChannel(weights)): Map<string, WeightTensor> {
	if (c === 1) return weights;
	const n = get(weights, `${OUTLIER_GROUP.norm}.g`).data.length;
	return scaleChannels(weights, OUTLIER_GROUP, Float64Array.from({ length: n }, (_, i) => (i === j ? c : 1)));
}

/** Per input channel, the largest |x| over a probe's values (rows of `width` channels). */
export function channelAbsmax(x: ArrayLike<number>, width: number): Float64Array {
	const m = new Float64Array(width);
	for (let i = 0; i < x.length; i++) m[i % width] = Math.max(m[i % width], Math.abs(x[i]));
	return m;
}

/** Per input channel, the largest |w| over the rows j of every layer in `linears`. */
export function rowAbsmax(weights: Map<string, WeightTensor>, linears: readonly string[]): Float64Array {
	const first = get(weights, `${linears[0]}.w`);
	const m = new Float64Array(first.shape[0]);
	for (const l of linears) {
		const { shape, data } = get(weights, `${l}.w`);
		for (let i = 0; i < data.length; i++) {
			const j = Math.floor(i / shape[1]);
			m[j] = Math.max(m[j], Math.abs(data[i]));
		}
	}
	return m;
}

/** SmoothQuant's per-channel factors s_j = max|X_j|^α / max|W_j|^(1−α) (Xiao et al. 2023); 1 where a channel is all zero. */
export function smoothFactors(xAbsmax: ArrayLike<number>, wAbsmax: ArrayLike<number>, alpha: number): Float64Array {
	return Float64Array.from({ length: xAbsmax.length }, (_, j) => {
		const s = xAbsmax[j] ** alpha / wAbsmax[j] ** (1 - alpha);
		return Number.isFinite(s) && s > 0 ? s : 1;
	});
}

/**
 * SmoothQuant on every norm-fed group: X_j / s_j folded into the norm's gain and bias, rows j of the
 * weights times s_j. `inputs` are the float inputs of each linear layer (the probes).
 */
export function smoothWeights(weights: Map<string, WeightTensor>, inputs: Map<string, Float32Array>, alpha: number): Map<string, WeightTensor> {
	let out = weights;
	for (const group of NORM_FED) {
		const width = get(weights, `${group.norm}.g`).data.length;
		const x = inputs.get(group.linears[0]);
		if (!x) throw new Error(`No calibration input for ${group.linears[0]}.`);
		const s = smoothFactors(channelAbsmax(x, width), rowAbsmax(weights, group.linears), alpha);
		out = scaleChannels(out, group, Float64Array.from(s, (v) => 1 / v));
	}
	return out;
}
