/**
 * For tests only: the two-layer transformer written out in float64 TypeScript (no ONNX), with a
 * hook on the input row of every linear layer, to check figure 3's measured accuracies against a
 * path that shares none of the graph code.
 */
import { SHAPE } from '$labs/attention-heatmaps/model';
import { encodeExamples, tokenAccuracy } from '$labs/attention-heatmaps/training';
import { MAX_LEN, VOCAB, type Task } from '$labs/attention-heatmaps/tasks';

/** Float64 parameters by name, and the shapes [rows, cols] of the matrices. */
export type Params64 = Map<string, { shape: number[]; data: Float64Array }>;
/** Rewrites (or records) the input row of linear layer `name`. */
export type RowHook = (x: Float64Array, name: string) => Float64Array;

function linear(p: Params64, name: string, x: Float64Array, hook: RowHook): Float64Array {
	const w = p.get(`${name}.w`)!;
	const b = p.get(`${name}.b`)!.data;
	const [rows, cols] = w.shape;
	const u = hook(x, name);
	const y = Float64Array.from(b);
	for (let k = 0; k < rows; k++) for (let j = 0; j < cols; j++) y[j] += u[k] * w.data[k * cols + j];
	return y;
}

function layerNorm(x: Float64Array, g: Float64Array, b: Float64Array): Float64Array {
	const n = x.length;
	const mean = x.reduce((a, v) => a + v, 0) / n;
	const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
	const r = 1 / Math.sqrt(variance + 1e-5);
	return Float64Array.from(x, (v, i) => (v - mean) * r * g[i] + b[i]);
}

/** Logits [sequences × MAX_LEN × VOCAB] of the causal transformer on `inputs`. */
export function forward64(task: Task, p: Params64, inputs: readonly number[][], hook: RowHook = (x) => x): Float32Array {
	const { tokens } = encodeExamples(task, inputs);
	const { dModel: d, heads, layers } = SHAPE;
	const dk = d / heads;
	const logits = new Float32Array(inputs.length * MAX_LEN * VOCAB);
	const at = (name: string) => p.get(name)!.data;
	for (let n = 0; n < inputs.length; n++) {
		let x = Array.from({ length: MAX_LEN }, (_, t) => {
			const tok = Number(tokens[n * MAX_LEN + t]);
			return Float64Array.from({ length: d }, (_, i) => at('tok_emb')[tok * d + i] + at('pos_emb')[t * d + i]);
		});
		for (let l = 0; l < layers; l++) {
			const h = x.map((r) => layerNorm(r, at(`l${l}.ln1.g`), at(`l${l}.ln1.b`)));
			const [q, k, v] = ['q', 'k', 'v'].map((m) => h.map((r) => linear(p, `l${l}.${m}`, r, hook)));
			const mixed = x.map((_, t) => {
				const row = new Float64Array(d);
				for (let hd = 0; hd < heads; hd++) {
					// Causal: position t attends to 0…t (the mask's −10⁹ elsewhere gives weight 0).
					const scores = Array.from({ length: t + 1 }, (_, s) => {
						let dot = 0;
						for (let i = 0; i < dk; i++) dot += q[t][hd * dk + i] * k[s][hd * dk + i];
						return dot / Math.sqrt(dk);
					});
					const top = Math.max(...scores);
					const e = scores.map((s) => Math.exp(s - top));
					const z = e.reduce((a, b) => a + b, 0);
					for (let s = 0; s <= t; s++) for (let i = 0; i < dk; i++) row[hd * dk + i] += (e[s] / z) * v[s][hd * dk + i];
				}
				return row;
			});
			x = x.map((r, t) => {
				const o = linear(p, `l${l}.o`, mixed[t], hook);
				return Float64Array.from(r, (val, i) => val + o[i]);
			});
			x = x.map((r) => {
				const h2 = layerNorm(r, at(`l${l}.ln2.g`), at(`l${l}.ln2.b`));
				const m = linear(p, `l${l}.mlp1`, h2, hook).map((val) => Math.max(0, val));
				const o = linear(p, `l${l}.mlp2`, m, hook);
				return Float64Array.from(r, (val, i) => val + o[i]);
			});
		}
		x.forEach((r, t) => logits.set(linear(p, 'out', layerNorm(r, at('ln_f.g'), at('ln_f.b')), hook), (n * MAX_LEN + t) * VOCAB));
	}
	return logits;
}

/** Right tokens of `forward64` on `inputs`. */
export const rightTokens64 = (task: Task, p: Params64, inputs: readonly number[][], hook?: RowHook) => {
	const total = inputs.reduce((a, x) => a + x.length, 0);
	return Math.round(total * tokenAccuracy(task, inputs, forward64(task, p, inputs, hook), VOCAB));
};
