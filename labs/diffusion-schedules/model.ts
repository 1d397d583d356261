/**
 * The ε-prediction denoiser: an MLP that reads a noisy point x_t, the embedding of its noise
 * level (timeEmbedding.ts) and, for the class-conditional model, a one-hot class (all zeros =
 * no class, which label dropout teaches it), and predicts the noise ε that was added.
 *
 *   h_0 = [x_t, emb(λ), c],  h_l = SiLU(h_{l−1} W_l + b_l) (l = 1..3),  F = h_3 W_out + b_out
 *   ε̂ = √ᾱ · F + √(1 − ᾱ) · x_t
 *   loss = mean ‖ε − ε̂‖²  (the "simple" DDPM loss)
 * The skip term (inputs `scale` = [√ᾱ, √(1 − ᾱ)] per row) is a preconditioning: near SNR 0,
 * x_t is almost all noise, so ε̂ ≈ x_t exactly and the network only corrects it; then the
 * clean-point estimate x̂_0 = (x_t − √(1 − ᾱ) ε̂)/√ᾱ = √ᾱ x_t − √(1 − ᾱ) F stays bounded instead of
 * dividing the network's error by √ᾱ ≈ 10⁻⁴·⁵ (F is what v-prediction predicts, up to sign).
 *
 * Written once as a `TrainableModel`: the same description gives the build-time and in-browser
 * training-step graphs and the shipped inference graph (inputs x, temb, scale[, cls]; output prediction = ε̂).
 */
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import { meanSquaredError } from '$lib/onnx/losses';
import type { ParamSpec, TrainableModel } from '$lib/onnx/training/model';
import { EMBED_DIM } from './timeEmbedding';

export interface DenoiserShape {
	width: number;
	/** Hidden layers. */
	depth: number;
	/** Classes of the conditional model; 0 = unconditional. */
	classes: number;
	batch: number;
}

export const SHIPPED_SHAPE = { width: 128, depth: 3 } as const;

const silu = (g: GraphBuilder, z: Tensor) => g.mul(z, g.sigmoid(z));

export function denoiserModel(o: DenoiserShape): TrainableModel {
	const inWidth = 2 + EMBED_DIM + o.classes;
	const params: ParamSpec[] = [];
	for (let l = 1; l <= o.depth; l++) {
		const fanIn = l === 1 ? inWidth : o.width;
		params.push(
			{ name: `w${l}`, shape: [fanIn, o.width], init: { kind: 'normal', std: Math.sqrt(2 / fanIn) } },
			{ name: `b${l}`, shape: [o.width], init: { kind: 'zeros' } }
		);
	}
	params.push(
		{ name: 'w_out', shape: [o.width, 2], init: { kind: 'normal', std: Math.sqrt(1 / o.width) } },
		{ name: 'b_out', shape: [2], init: { kind: 'zeros' } }
	);
	const inputs = [
		{ name: 'x', shape: [o.batch, 2] },
		{ name: 'temb', shape: [o.batch, EMBED_DIM] },
		{ name: 'scale', shape: [o.batch, 2] },
		...(o.classes > 0 ? [{ name: 'cls', shape: [o.batch, o.classes] }] : [])
	];
	return {
		name: `denoiser_${o.depth}x${o.width}${o.classes ? `_c${o.classes}` : ''}`,
		params,
		inputs,
		targets: [{ name: 'eps', shape: [o.batch, 2] }],
		predict(g, p, feeds) {
			let h = g.concat(o.classes > 0 ? [feeds.x, feeds.temb, feeds.cls] : [feeds.x, feeds.temb], 1);
			for (let l = 1; l <= o.depth; l++) h = silu(g, g.add(g.matMul(h, p[`w${l}`]), p[`b${l}`]));
			const f = g.add(g.matMul(h, p.w_out), p.b_out);
			const signal = g.slice(feeds.scale, [0], [1], [1]);
			const noise = g.slice(feeds.scale, [1], [2], [1]);
			return g.add(g.mul(signal, f), g.mul(noise, feeds.x));
		},
		loss: (g, prediction, { eps }) => meanSquaredError(g, prediction, eps)
	};
}
