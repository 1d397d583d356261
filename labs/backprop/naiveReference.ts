/**
 * The forward pass of figure 1's naive graph (cross-entropy on s·z, softmax written as
 * Exp → ReduceSum → Div → Log) in float32 arithmetic by hand, every result rounded with
 * Math.fround as a float32 kernel rounds it: the independent reference for which node is the
 * first to hold ∞ or NaN. Tensors in order, by the labels the graph gives them.
 */
import type { Activation } from './model';
import type { RefInput } from './reference';

/** reference.ts's inputs, the loss being cross-entropy, with figure 4's logit scale s. */
export type NaiveInput = Omit<RefInput, 'loss'> & { scale: number };

const f = Math.fround;
const act32 = (act: Activation, a: number) => f(act === 'tanh' ? Math.tanh(a) : act === 'relu' ? Math.max(0, a) : 1 / (1 + Math.exp(-a)));

export function naiveForward32(r: NaiveInput): { label: string; values: number[] }[] {
	const { batch: B, hidden: H } = r;
	const xw: number[] = [];
	for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) xw.push(f(f(r.X[2 * b] * r.W1[j]) + f(r.X[2 * b + 1] * r.W1[H + j])));
	const z1 = xw.map((v, i) => f(v + r.b1[i % H]));
	const h1 = z1.map((v) => act32(r.act, v));
	const hw: number[] = [];
	for (let b = 0; b < B; b++)
		for (let c = 0; c < 3; c++) {
			let acc = 0;
			for (let j = 0; j < H; j++) acc = f(acc + f(h1[b * H + j] * r.W2[j * 3 + c]));
			hw.push(acc);
		}
	const z = hw.map((v, i) => f(v + r.b2[i % 3]));
	const s = f(r.scale);
	const sz = z.map((v) => f(v * s));
	const e = sz.map((v) => f(Math.exp(v)));
	const sum: number[] = [];
	for (let b = 0; b < B; b++) sum.push(f(f(e[3 * b] + e[3 * b + 1]) + e[3 * b + 2]));
	const p = e.map((v, i) => f(v / sum[Math.floor(i / 3)]));
	const logp = p.map((v) => f(Math.log(v)));
	const picked = logp.map((v, i) => f(r.Y[i] * v));
	const row: number[] = [];
	for (let b = 0; b < B; b++) row.push(f(f(picked[3 * b] + picked[3 * b + 1]) + picked[3 * b + 2]));
	const mean = f(row.reduce((a, v) => f(a + v), 0) / B);
	return [
		{ label: 'XW₁', values: xw },
		{ label: 'z₁', values: z1 },
		{ label: 'h₁', values: h1 },
		{ label: 'h₁W₂', values: hw },
		{ label: 'z', values: z },
		{ label: 's·z', values: sz },
		{ label: 'e^(s·z)', values: e },
		{ label: 'Σ e^(s·z)', values: sum },
		{ label: 'p', values: p },
		{ label: 'log p', values: logp },
		{ label: 'y ⊙ log p', values: picked },
		{ label: 'row sum', values: row },
		{ label: 'batch mean', values: [mean] },
		{ label: 'L', values: [f(-mean)] }
	];
}

/** The label of the first tensor holding ∞ or NaN, or null. */
export const firstNonFinite32 = (tensors: { label: string; values: number[] }[]): string | null =>
	tensors.find((t) => t.values.some((v) => !Number.isFinite(v)))?.label ?? null;
