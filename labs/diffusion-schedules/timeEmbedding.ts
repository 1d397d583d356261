/**
 * The denoiser's noise-level input: a sinusoidal embedding of the log-SNR λ (not of the step
 * index t), computed here in TypeScript and fed to the model as a tensor. Conditioning on λ
 * makes one network per data set serve every schedule and every T: x_t depends on t only
 * through ᾱ_t, i.e. through λ_t. Computing it outside the graph also keeps WebGPU's
 * low-precision sin/cos out of the model.
 *
 *   emb(λ) = [sin(ω_k λ̃), cos(ω_k λ̃)]_{k=0..7},  ω_k = 2^k / 16,  λ̃ = clip(λ, −20, 20)
 *
 * The lowest frequency's period (32π ≈ 100) exceeds the λ range (40), so no two levels collide.
 */
import { clipLogSnr } from './schedules';

export const EMBED_FREQUENCIES = 8;
export const EMBED_DIM = 2 * EMBED_FREQUENCIES;

export function embedLogSnr(lambda: number, out = new Float32Array(EMBED_DIM), offset = 0): Float32Array {
	const l = clipLogSnr(lambda);
	for (let k = 0; k < EMBED_FREQUENCIES; k++) {
		const w = 2 ** k / 16;
		out[offset + 2 * k] = Math.sin(w * l);
		out[offset + 2 * k + 1] = Math.cos(w * l);
	}
	return out;
}

/** The same embedding repeated for `rows` rows ([rows, EMBED_DIM]). */
export function embedRows(lambda: number, rows: number): Float32Array {
	const one = embedLogSnr(lambda);
	const out = new Float32Array(rows * EMBED_DIM);
	for (let r = 0; r < rows; r++) out.set(one, r * EMBED_DIM);
	return out;
}

/**
 * The two noise-level scales the denoiser's skip connection uses, [√ᾱ, √(1 − ᾱ)] with
 * ᾱ = sigmoid(λ), for `rows` rows ([rows, 2]); computed here in float64.
 */
export function scaleRows(lambda: number, rows: number, out = new Float32Array(rows * 2), offset = 0): Float32Array {
	const a = Math.sqrt(1 / (1 + Math.exp(-lambda)));
	const b = Math.sqrt(1 / (1 + Math.exp(lambda)));
	for (let r = 0; r < rows; r++) {
		out[offset + 2 * r] = a;
		out[offset + 2 * r + 1] = b;
	}
	return out;
}
