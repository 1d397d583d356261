/**
 * A plain float64 TypeScript forward and backward pass of the lab's MLP (see model.ts for the
 * equations), with no ONNX: the tests hold the ONNX graph to it. Matrices are row-major flat
 * arrays ([batch, width] for activations, [width, width] for weights, input-major).
 *
 * Also `layerVariance` (measured Var(h_l) per layer) and, re-exported from variance.ts,
 * `theoreticalVariance` (the mean-field prediction).
 */
import { SCALAR_ACTIVATIONS } from './activations';
import type { MlpShape } from './model';

export { theoreticalVariance, type VariancePrediction, type VarianceOptions } from './variance';

type Values = ArrayLike<number>;

export interface MlpParams {
	x: Values;
	y: Values;
	/** W_l, l = 1..depth, each [width, width]. */
	w: readonly Values[];
	/** b_l, l = 1..depth, each [width]. */
	b: readonly Values[];
	wOut: Values;
}

export interface MlpReference {
	loss: number;
	/** [depth, batch, width]: the input to f at every layer. */
	preacts: Float64Array;
	/** [depth, batch, width]: h_l at every layer. */
	acts: Float64Array;
	gradNormW: number[];
	gradNormH: number[];
	gradW: Float64Array[];
	gradB: Float64Array[];
	gradH: Float64Array[];
	gradX: Float64Array;
}

const LN_EPS = 1e-5;

/** Splits graph-input tensors (in `mlpInputNames` order) into named parameters. */
export function paramsFromInputs(depth: number, tensors: readonly Values[]): MlpParams {
	const w: Values[] = [];
	const b: Values[] = [];
	for (let l = 0; l < depth; l++) {
		w.push(tensors[2 + 2 * l]);
		b.push(tensors[3 + 2 * l]);
	}
	return { x: tensors[0], y: tensors[1], w, b, wOut: tensors[2 + 2 * depth] };
}

/** out[n, j] = Σ_i a[n, i] m[i, j]  (a: [rows, inner], m: [inner, cols]). */
function matMul(a: Values, m: Values, rows: number, inner: number, cols: number): Float64Array {
	const out = new Float64Array(rows * cols);
	for (let n = 0; n < rows; n++)
		for (let i = 0; i < inner; i++) {
			const v = a[n * inner + i];
			for (let j = 0; j < cols; j++) out[n * cols + j] += v * m[i * cols + j];
		}
	return out;
}

/** out[n, i] = Σ_j g[n, j] m[i, j]: multiplies by mᵀ. */
function matMulT(g: Values, m: Values, rows: number, inner: number, cols: number): Float64Array {
	const out = new Float64Array(rows * inner);
	for (let n = 0; n < rows; n++)
		for (let i = 0; i < inner; i++) {
			let s = 0;
			for (let j = 0; j < cols; j++) s += g[n * cols + j] * m[i * cols + j];
			out[n * inner + i] = s;
		}
	return out;
}

function norm(v: Values): number {
	let s = 0;
	for (let i = 0; i < v.length; i++) s += v[i] * v[i];
	return Math.sqrt(s);
}

interface LayerState {
	hPrev: Float64Array;
	pre: Float64Array;
	invStd: Float64Array | null;
}

export function mlpReference(shape: MlpShape, p: MlpParams): MlpReference {
	const { depth, width: W, batch: B, residual } = shape;
	const act = SCALAR_ACTIVATIONS[shape.act];
	const preacts = new Float64Array(depth * B * W);
	const acts = new Float64Array(depth * B * W);
	const layers: LayerState[] = [];

	let h = Float64Array.from(p.x);
	for (let l = 0; l < depth; l++) {
		const z = matMul(h, p.w[l], B, W, W);
		for (let n = 0; n < B; n++) for (let j = 0; j < W; j++) z[n * W + j] += p.b[l][j];
		let invStd: Float64Array | null = null;
		if (shape.norm) {
			invStd = new Float64Array(B);
			for (let n = 0; n < B; n++) {
				const row = z.subarray(n * W, (n + 1) * W);
				const mean = row.reduce((s, v) => s + v, 0) / W;
				const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / W;
				invStd[n] = 1 / Math.sqrt(variance + LN_EPS);
				for (let j = 0; j < W; j++) row[j] = (row[j] - mean) * invStd[n];
			}
		}
		const next = new Float64Array(B * W);
		for (let k = 0; k < B * W; k++) next[k] = (residual ? h[k] : 0) + act.f(z[k]);
		preacts.set(z, l * B * W);
		acts.set(next, l * B * W);
		layers.push({ hPrev: h, pre: z, invStd });
		h = next;
	}

	const yHat = matMul(h, p.wOut, B, W, 1);
	let loss = 0;
	const gYHat = new Float64Array(B);
	for (let n = 0; n < B; n++) {
		const r = yHat[n] - p.y[n];
		loss += (0.5 * r * r) / B;
		gYHat[n] = r / B;
	}

	let gH = matMulT(gYHat, p.wOut, B, W, 1);
	const gradW: Float64Array[] = [];
	const gradB: Float64Array[] = [];
	const gradH: Float64Array[] = [];
	for (let l = depth - 1; l >= 0; l--) {
		const { hPrev, pre, invStd } = layers[l];
		gradH[l] = gH;
		const gZ = new Float64Array(B * W);
		for (let k = 0; k < B * W; k++) gZ[k] = gH[k] * act.df(pre[k]);
		if (invStd) {
			// LayerNorm backward per row: (1/σ)(g − mean(g) − x̂·mean(g·x̂)).
			for (let n = 0; n < B; n++) {
				let meanG = 0;
				let meanGX = 0;
				for (let j = 0; j < W; j++) {
					meanG += gZ[n * W + j] / W;
					meanGX += (gZ[n * W + j] * pre[n * W + j]) / W;
				}
				for (let j = 0; j < W; j++) gZ[n * W + j] = invStd[n] * (gZ[n * W + j] - meanG - pre[n * W + j] * meanGX);
			}
		}
		const gW = new Float64Array(W * W);
		for (let n = 0; n < B; n++)
			for (let i = 0; i < W; i++) {
				const v = hPrev[n * W + i];
				for (let j = 0; j < W; j++) gW[i * W + j] += v * gZ[n * W + j];
			}
		const gB = new Float64Array(W);
		for (let n = 0; n < B; n++) for (let j = 0; j < W; j++) gB[j] += gZ[n * W + j];
		gradW[l] = gW;
		gradB[l] = gB;
		const gPrev = matMulT(gZ, p.w[l], B, W, W);
		if (residual) for (let k = 0; k < B * W; k++) gPrev[k] += gH[k];
		gH = gPrev;
	}

	return {
		loss,
		preacts,
		acts,
		gradNormW: gradW.map(norm),
		gradNormH: gradH.map(norm),
		gradW,
		gradB,
		gradH,
		gradX: gH
	};
}

/** Var(h_l) per layer, over batch and units together, from a stacked [depth, batch, width] array. */
export function layerVariance(acts: ArrayLike<number>, depth: number, batch: number, width: number): number[] {
	const per = batch * width;
	return Array.from({ length: depth }, (_, l) => {
		let mean = 0;
		for (let k = 0; k < per; k++) mean += acts[l * per + k];
		mean /= per;
		let sq = 0;
		for (let k = 0; k < per; k++) sq += (acts[l * per + k] - mean) ** 2;
		return sq / per;
	});
}
