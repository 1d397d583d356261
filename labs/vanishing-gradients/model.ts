/**
 * The lab's ONNX graph: a deep MLP with its backward pass written out as nodes, because the
 * backward pass is what the lab shows.
 *
 * Network (h_0 = x, l = 1..depth):
 *   z_l = h_{l-1} W_l + b_l
 *   z̃_l = norm ? (z_l − mean(z_l)) / sqrt(var(z_l) + 1e-5) : z_l     (LayerNorm over units, no affine)
 *   a_l = f(z̃_l)
 *   h_l = residual ? h_{l-1} + a_l : a_l
 *   ŷ = h_L W_out,   loss = ½ · mean_batch (ŷ − y)²
 *
 * Weights are graph INPUTS (see `mlpInputNames`), so the browser can try any init without
 * rebuilding the graph. `forward` records what the backward needs (a tape per layer) and
 * `backward` walks it in reverse; a generic autodiff can later replace `backward` alone.
 */
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';

export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'gelu';

export interface MlpShape {
	depth: number;
	width: number;
	batch: number;
	act: Activation;
	residual: boolean;
	norm: boolean;
	/** Also output every layer's gradients (grad_w{l}, grad_b{l}, grad_h{l}, grad_x): for tests. */
	fullGradients?: boolean;
}

export const MLP_OUTPUTS = {
	loss: 'loss',
	preacts: 'preacts',
	acts: 'acts',
	gradNormW: 'grad_norm_w',
	gradNormH: 'grad_norm_h',
	/** Per layer: 0 when every activation is finite, else NaN (each h·0 summed; ∞·0 is NaN). */
	nonFinite: 'act_non_finite'
} as const;

/**
 * Graph input names, in this order: x [batch, width], y [batch, 1], then w1 [width, width],
 * b1 [width], …, w{depth}, b{depth}, and last w_out [width, 1].
 */
export const mlpInputNames = (depth: number): string[] => {
	const names = ['x', 'y'];
	for (let l = 1; l <= depth; l++) names.push(`w${l}`, `b${l}`);
	names.push('w_out');
	return names;
};

export const LEAKY_ALPHA = 0.01;
const LN_EPS = 1e-5;

/** f and f' as nodes; f' may reuse a = f(z) (sigmoid, tanh) or the pre-activation z. */
interface ActivationNodes {
	f(g: GraphBuilder, z: Tensor): Tensor;
	df(g: GraphBuilder, z: Tensor, a: Tensor): Tensor;
}

/** Φ(z), the standard normal CDF, from Erf. */
const normalCdf = (g: GraphBuilder, z: Tensor) => g.mul(0.5, g.add(1, g.erf(g.mul(z, Math.SQRT1_2))));

const ACTIVATIONS: Record<Activation, ActivationNodes> = {
	sigmoid: { f: (g, z) => g.sigmoid(z), df: (g, _z, s) => g.mul(s, g.sub(1, s)) },
	tanh: { f: (g, z) => g.tanh(z), df: (g, _z, t) => g.sub(1, g.mul(t, t)) },
	relu: { f: (g, z) => g.relu(z), df: (g, z) => g.cast(g.greater(z, 0), 'float32') },
	leaky_relu: { f: (g, z) => g.leakyRelu(z, LEAKY_ALPHA), df: (g, z) => g.where(g.greater(z, 0), 1, LEAKY_ALPHA) },
	gelu: {
		// Exact GELU z·Φ(z); its derivative is Φ(z) + z·φ(z) with φ the normal density.
		f: (g, z) => g.mul(z, normalCdf(g, z)),
		df: (g, z) => {
			const density = g.mul(1 / Math.sqrt(2 * Math.PI), g.exp(g.mul(g.mul(z, z), -0.5)));
			return g.add(normalCdf(g, z), g.mul(z, density));
		}
	}
};

interface Params {
	x: Tensor;
	y: Tensor;
	w: Tensor[];
	b: Tensor[];
	wOut: Tensor;
}

/** What one layer's backward step needs from its forward step. */
interface LayerTape {
	hPrev: Tensor;
	w: Tensor;
	/** Input to f (z̃_l). */
	pre: Tensor;
	a: Tensor;
	h: Tensor;
	/** LayerNorm only: normalized x̂ (= pre) and 1/σ per row. */
	invStd?: Tensor;
}

interface ForwardResult {
	layers: LayerTape[];
	yHat: Tensor;
	residualErr: Tensor;
	loss: Tensor;
}

function declareParams(g: GraphBuilder, { depth, width, batch }: MlpShape): Params {
	const x = g.input('x', [batch, width]);
	const y = g.input('y', [batch, 1]);
	const w: Tensor[] = [];
	const b: Tensor[] = [];
	for (let l = 1; l <= depth; l++) {
		w.push(g.input(`w${l}`, [width, width]));
		b.push(g.input(`b${l}`, [width]));
	}
	return { x, y, w, b, wOut: g.input('w_out', [width, 1]) };
}

/** LayerNorm without affine over the last axis; returns x̂ and 1/σ for the backward. */
function layerNorm(g: GraphBuilder, z: Tensor): { xHat: Tensor; invStd: Tensor } {
	const centered = g.sub(z, g.reduceMean(z, [-1]));
	const variance = g.reduceMean(g.mul(centered, centered), [-1]);
	const invStd = g.div(1, g.sqrt(g.add(variance, LN_EPS)));
	return { xHat: g.mul(centered, invStd), invStd };
}

function forward(g: GraphBuilder, shape: MlpShape, p: Params): ForwardResult {
	const act = ACTIVATIONS[shape.act];
	const layers: LayerTape[] = [];
	let h = p.x;
	for (let l = 0; l < shape.depth; l++) {
		const z = g.add(g.matMul(h, p.w[l]), p.b[l]);
		const ln = shape.norm ? layerNorm(g, z) : null;
		const pre = ln ? ln.xHat : z;
		const a = act.f(g, pre);
		const next = shape.residual ? g.add(h, a) : a;
		layers.push({ hPrev: h, w: p.w[l], pre, a, h: next, invStd: ln?.invStd });
		h = next;
	}
	const yHat = g.matMul(h, p.wOut);
	const residualErr = g.sub(yHat, p.y);
	const loss = g.mul(0.5, g.reduceMean(g.mul(residualErr, residualErr), undefined, false));
	return { layers, yHat, residualErr, loss };
}

interface LayerGrads {
	/** ∂L/∂h_l, ∂L/∂W_l, ∂L/∂b_l for l = 1..depth (index 0 = layer 1). */
	h: Tensor[];
	w: Tensor[];
	b: Tensor[];
	x: Tensor;
}

/** LayerNorm backward: g_z = (1/σ)(g − mean(g) − x̂·mean(g·x̂)), means over the units. */
function layerNormBackward(g: GraphBuilder, grad: Tensor, xHat: Tensor, invStd: Tensor): Tensor {
	const meanGrad = g.reduceMean(grad, [-1]);
	const meanGradXHat = g.reduceMean(g.mul(grad, xHat), [-1]);
	return g.mul(invStd, g.sub(g.sub(grad, meanGrad), g.mul(xHat, meanGradXHat)));
}

function backward(g: GraphBuilder, shape: MlpShape, p: Params, fwd: ForwardResult): LayerGrads {
	const act = ACTIVATIONS[shape.act];
	// ∂L/∂ŷ = (ŷ − y)/batch, then through the output layer: ∂L/∂h_L = ∂L/∂ŷ · W_outᵀ.
	const gYHat = g.div(fwd.residualErr, shape.batch);
	let gH = g.matMul(gYHat, g.transpose(p.wOut));
	const grads: LayerGrads = { h: [], w: [], b: [], x: gH };
	for (let l = shape.depth - 1; l >= 0; l--) {
		const layer = fwd.layers[l];
		grads.h[l] = gH;
		const gPre = g.mul(gH, act.df(g, layer.pre, layer.a));
		const gZ = layer.invStd ? layerNormBackward(g, gPre, layer.pre, layer.invStd) : gPre;
		grads.w[l] = g.matMul(g.transpose(layer.hPrev), gZ);
		grads.b[l] = g.reduceSum(gZ, [0], false);
		const gHPrev = g.matMul(gZ, g.transpose(layer.w));
		// The residual identity path carries ∂L/∂h_l straight down to h_{l-1}.
		gH = shape.residual ? g.add(gHPrev, gH) : gHPrev;
	}
	grads.x = gH;
	return grads;
}

/** Stacks same-shape tensors along a new leading axis. */
function stack(g: GraphBuilder, xs: readonly Tensor[]): Tensor {
	return g.concat(
		xs.map((t) => g.unsqueeze(t, [0])),
		0
	);
}

/**
 * ‖t‖_F as m·‖t/m‖_F with m = max|t|: the plain sum of squares overflows float32 once entries
 * pass ~1e19, which exploding networks (ReLU with N(0, 1) weights) reach at depth 20.
 */
function frobenius(g: GraphBuilder, t: Tensor): Tensor {
	const largest = g.reduceMax(g.abs(t), undefined, false);
	const scale = g.where(g.greater(largest, 0), largest, 1);
	return g.mul(scale, g.sqrt(g.reduceSumSquare(g.div(t, scale), undefined, false)));
}

/** Frobenius norm of each tensor, as one [n] vector. */
function norms(g: GraphBuilder, xs: readonly Tensor[]): Tensor {
	return stack(
		g,
		xs.map((t) => frobenius(g, t))
	);
}

export function buildMlpGraph(shape: MlpShape): Uint8Array {
	if (!(shape.depth >= 1 && shape.width >= 1 && shape.batch >= 1)) throw new Error(`Bad MLP shape ${JSON.stringify(shape)}`);
	const g = new GraphBuilder(`vg_mlp_${shape.act}`);
	const params = declareParams(g, shape);
	const fwd = forward(g, shape, params);
	const grads = backward(g, shape, params, fwd);

	g.output(fwd.loss, MLP_OUTPUTS.loss);
	g.output(stack(g, fwd.layers.map((t) => t.pre)), MLP_OUTPUTS.preacts);
	const acts = stack(g, fwd.layers.map((t) => t.h));
	g.output(acts, MLP_OUTPUTS.acts);
	g.output(g.reduceSum(g.mul(acts, 0), [1, 2], false), MLP_OUTPUTS.nonFinite);
	g.output(norms(g, grads.w), MLP_OUTPUTS.gradNormW);
	g.output(norms(g, grads.h), MLP_OUTPUTS.gradNormH);
	if (shape.fullGradients) {
		for (let l = 1; l <= shape.depth; l++) {
			g.output(grads.w[l - 1], `grad_w${l}`);
			g.output(grads.b[l - 1], `grad_b${l}`);
			g.output(grads.h[l - 1], `grad_h${l}`);
		}
		g.output(grads.x, 'grad_x');
	}
	return g.toBytes();
}
