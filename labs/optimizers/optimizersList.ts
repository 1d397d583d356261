/**
 * The optimizers of figure 1 and the per-step coefficients that turn the lab's one generic
 * update graph into each of them (see `model.ts`):
 *
 *   g ← ∇f + ξ;  m ← a₁m + c₁g;  v ← a₂v + c₂g²;  u = s₁m + s₀g
 *   θ ← θ(1 − d) − η̃ · u / (√(q·v) + e)
 *
 * The float64 reference (`reference.ts`) writes PyTorch's updates out directly instead, so the
 * tests check this table as well as the graph.
 */
export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerId = (typeof OPTIMIZERS)[number];

export const OPTIMIZER_LABELS: Record<OptimizerId, string> = {
	sgd: 'GD',
	momentum: 'Heavy ball',
	nesterov: 'Nesterov',
	rmsprop: 'RMSProp',
	adam: 'Adam',
	adamw: 'AdamW'
};

export const ADAPTIVE: ReadonlySet<OptimizerId> = new Set(['rmsprop', 'adam', 'adamw']);

export const EPS = 1e-8;

export interface Hyper {
	/** Rate of GD, heavy ball and Nesterov. */
	lr: number;
	/** Rate of RMSProp, Adam and AdamW. */
	alr: number;
	/** Momentum of heavy ball and Nesterov; β₁ of Adam(W). */
	beta: number;
	/** β₂ of Adam(W); RMSProp's smoothing α. */
	beta2: number;
	/** AdamW's decoupled decay λ. */
	wd: number;
}

export const COEFFICIENTS = ['a1', 'c1', 'a2', 'c2', 's1', 's0', 'q', 'e', 'lr', 'd'] as const;
export const C = COEFFICIENTS.length;

/** The coefficients of step t (counted from 1) for one optimizer, in COEFFICIENTS order. */
export function coefficients(kind: OptimizerId, h: Hyper, t: number): number[] {
	const none = { a2: 0, c2: 0, q: 0, e: 1, d: 0 };
	let c: Record<(typeof COEFFICIENTS)[number], number>;
	switch (kind) {
		case 'sgd':
			c = { a1: 0, c1: 1, s1: 1, s0: 0, lr: h.lr, ...none };
			break;
		case 'momentum':
			c = { a1: h.beta, c1: 1, s1: 1, s0: 0, lr: h.lr, ...none };
			break;
		case 'nesterov':
			c = { a1: h.beta, c1: 1, s1: h.beta, s0: 1, lr: h.lr, ...none };
			break;
		case 'rmsprop':
			c = { a1: 0, c1: 1, a2: h.beta2, c2: 1 - h.beta2, s1: 1, s0: 0, q: 1, e: EPS, lr: h.alr, d: 0 };
			break;
		case 'adam':
		case 'adamw': {
			const bc1 = 1 - h.beta ** t;
			const bc2 = 1 - h.beta2 ** t;
			const d = kind === 'adamw' ? h.alr * h.wd : 0;
			c = { a1: h.beta, c1: 1 - h.beta, a2: h.beta2, c2: 1 - h.beta2, s1: 1, s0: 0, q: 1 / bc2, e: EPS, lr: h.alr / bc1, d };
			break;
		}
	}
	return COEFFICIENTS.map((k) => c[k]);
}
