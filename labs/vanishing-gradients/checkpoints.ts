/**
 * The vanishing-gradients checkpoints (cards in lab.ts): each `solve` runs the lab's own model
 * (compute.ts, the page's ONNX graph) for the asked state and reads the answer off its numbers.
 */
import type { Checkpoint } from '$lib/practice/types';
import { formatMagnitude, formatNumber, powerOfTenInWords } from '$lib/format';
import type { VgState } from './compute';

type VgCheckpoint = Checkpoint<VgState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const seedFrom = (random: () => number) => 1 + Math.floor(random() * 999);

async function run(state: VgState, backend: Parameters<VgCheckpoint['solve']>[1]) {
	const { computeVg } = await import('./compute');
	return computeVg(state, backend);
}

/** log₁₀ rounded to a tenth, for "about 10^x". */
const decades = (v: number) => Math.round(Math.log10(v) * 10) / 10;

export const gradientRatio: VgCheckpoint = {
	id: 'gradient-ratio',
	settings: (random) => ({
		act: 'sigmoid',
		init: 'xavier',
		depth: pick([10, 15, 20, 25, 30], random),
		width: 64,
		residual: false,
		norm: false,
		seed: seedFrom(random)
	}),
	prompt: (s) =>
		`Sigmoid, depth ${s.depth}, width ${s.width}, Xavier init: the ratio ‖∂L/∂W₁‖ / ‖∂L/∂W${subscript(s.depth)}‖ of the first layer's weight gradient to the last one's is about 10 to which power?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 10 }),
	async solve(state, backend) {
		const r = await run(state, backend);
		const first = r.gradNormW[0];
		const last = r.gradNormW[state.depth - 1];
		const ratio = first / last;
		const perLayer = ratio ** (1 / (state.depth - 1));
		return {
			expected: { kind: 'number', value: ratio },
			shown: `${powerOfTenInWords(decades(ratio))} (${formatMagnitude(ratio)})`,
			explanation:
				`The model measured ‖∂L/∂W₁‖ = ${formatMagnitude(first)} and ‖∂L/∂W${subscript(state.depth)}‖ = ${formatMagnitude(last)}: ` +
				`a factor of ${formatNumber(perLayer)} per layer over ${state.depth - 1} layers. ` +
				`Each layer multiplies the backward signal by σ′(z) ≤ ¼ times a weight matrix of gain about one, so the product shrinks geometrically with depth.`
		};
	}
};

export const tanhCollapse: VgCheckpoint = {
	id: 'tanh-collapse',
	settings: () => ({ act: 'tanh', init: 'small', depth: 20, width: 64, residual: false, norm: false, seed: 1 }),
	prompt: (s) =>
		`Tanh, depth ${s.depth}, weights drawn from N(0, 0.01²): the standard deviation of the last layer's activations is about 10 to which power?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 10 }),
	async solve(state, backend) {
		const r = await run(state, backend);
		const std = Math.sqrt(r.layerVariance[state.depth - 1]);
		const firstStd = Math.sqrt(r.layerVariance[0]);
		const shrink = (std / firstStd) ** (1 / (state.depth - 1));
		return {
			expected: { kind: 'number', value: std },
			shown: `${powerOfTenInWords(decades(std))} (${formatMagnitude(std)})`,
			explanation:
				`The first layer's activations have a standard deviation of ${formatNumber(firstStd)} and each later layer multiplies it by about ${formatNumber(shrink)}, ` +
				`which is σ·√n = 0.01·√${state.width} = ${formatNumber(0.01 * Math.sqrt(state.width))}: near zero tanh is the identity, so only the weights scale the signal. ` +
				`After ${state.depth} layers it is ${formatMagnitude(std)}, and the gradient collapses with it.`
		};
	}
};

const INIT_OPTIONS = [
	{ id: 'normal1', label: 'N(0, 1)' },
	{ id: 'small', label: 'N(0, 0.01²)' },
	{ id: 'xavier', label: 'Xavier' },
	{ id: 'he', label: 'He' }
] as const;

export const reluInit: VgCheckpoint = {
	id: 'relu-init',
	settings: (random) => ({ act: 'relu', depth: 20, width: 64, residual: false, norm: false, seed: seedFrom(random) }),
	prompt: (s) =>
		`ReLU, depth ${s.depth}, width ${s.width}: which weight init keeps the variance of the activations level from the first layer to the last?`,
	answer: () => ({ kind: 'choice', options: INIT_OPTIONS }),
	async solve(state, backend) {
		// One model run per init: the one whose last-to-first variance ratio is closest to 1 wins.
		const growth: Record<string, number> = {};
		for (const { id } of INIT_OPTIONS) {
			const r = await run({ ...state, init: id }, backend);
			growth[id] = r.layerVariance[state.depth - 1] / r.layerVariance[0];
		}
		const best = INIT_OPTIONS.reduce((a, b) => (Math.abs(Math.log(growth[b.id])) < Math.abs(Math.log(growth[a.id])) ? b : a));
		return {
			expected: { kind: 'choice', id: best.id },
			shown: best.label,
			explanation:
				`From layer 1 to layer ${state.depth}, Var(h) changed by a factor of ${formatNumber(growth.he)} under He, ${formatNumber(growth.xavier)} under Xavier ` +
				`and ${formatNumber(growth.normal1)} under N(0, 1). ReLU zeroes half of its inputs, halving the second moment; He's Var(w) = 2/nᵢₙ doubles it back, ` +
				`while Xavier's 1/nᵢₙ (for a square layer) loses the factor of two at every layer.`
		};
	}
};

const SUB: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };
function subscript(n: number): string {
	return [...String(n)].map((c) => SUB[c] ?? c).join('');
}

const checkpoints: VgCheckpoint[] = [gradientRatio, tanhCollapse, reluInit];
export default checkpoints;
