/**
 * The optimizers checkpoints (cards in lab.ts): each `solve` runs the lab's own compute (the
 * page's ONNX graphs) for the asked state and reads the answer off its numbers.
 */
import { firstPart } from '$lib/state/staged';
import type { Checkpoint } from '$lib/practice/types';
import type { Backend } from '$lib/onnx/backend';
import { formatNumber } from '$lib/format';
import type { OptimizersState } from './lab';
import { argmin } from './argmin';
import { gdBestRate, hbBestBeta } from './rates';
import { SWEEP, SWEEP_RATES, outcome, verdict } from './rateSweep';
import { BATCH_RUNS, runSpec } from './batchRuns';
import { BIGGER, biggerRates, biggerSpec, closest } from './biggerBatch';
import { SPIRAL } from './spiralMlp';

type OptCheckpoint = Checkpoint<OptimizersState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

/** The lab's compute for `state`: the trajectories the answers read come in its first part. */
async function run(state: OptimizersState, backend: Backend) {
	const { computeOptimizers } = await import('./compute');
	return firstPart(await computeOptimizers(state, backend));
}

/** Figure 2's sweep at the state's κ, as the page measures it. */
async function sweepOf(state: OptimizersState, backend: Backend) {
	const { measureSweep } = await import('./compute');
	return measureSweep(backend, state.kappa);
}

/** The quadratic, unrotated, from its own start, without noise. */
const quad = { surface: 'quad', rot: 0, start: '', noise: 0, lr: 0 } as const;

export const gd20: OptCheckpoint = {
	id: 'gd-20',
	settings: (random) => ({ ...quad, kappa: pick([5, 10, 20, 50, 100, 200], random), opts: 'sgd', steps: 200 }),
	prompt: (s) =>
		`Quadratic with eigenvalues 1 and 1/κ, κ = ${formatNumber(s.kappa)}; gradient descent at η = 2/(L+μ) from (2, 2), so ‖θ₀‖ = 2.83. How far from the minimum is the 20th iterate, ‖θ₂₀‖?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: 1.5 }),
	async solve(state, backend) {
		const r = await run(state, backend);
		const path = r.runs[0].path;
		const n0 = Math.hypot(path[0], path[1]);
		const n20 = Math.hypot(path[40], path[41]);
		return {
			expected: { kind: 'number', value: n20 },
			shown: `‖θ₂₀‖ = ${formatNumber(n20, 3)}`,
			explanation:
				`The model's 20th iterate is ${formatNumber(n20, 3)} from the minimum, ${formatNumber((n20 / n0) ** (1 / 20), 3)} of the distance per step. ` +
				`At η = 2/(L+μ) both eigen-directions shrink by (κ−1)/(κ+1) = ${formatNumber(gdBestRate(state.kappa), 3)} per step, so the distance is that factor to the 20th power times ‖θ₀‖.`
		};
	}
};

export const bestBeta: OptCheckpoint = {
	id: 'best-beta',
	settings: (random) => ({ ...quad, kappa: pick([10, 25, 50, 100, 200, 400], random) }),
	prompt: (s) =>
		`Heavy ball on the quadratic with κ = ${formatNumber(s.kappa)}, at its best rate η* = 4/(√L+√μ)²: which momentum β converges fastest?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.06, min: 0, max: 0.96 }),
	async solve(state, backend) {
		const sweep = await sweepOf(state, backend);
		const i = argmin(sweep.hbRates);
		const star = hbBestBeta(state.kappa);
		return {
			expected: { kind: 'number', value: sweep.betas[i] },
			shown: `β = ${formatNumber(sweep.betas[i], 2)} (Polyak's β* = ${formatNumber(star, 3)})`,
			explanation:
				`Of ${sweep.betas.length} model runs, β = ${formatNumber(sweep.betas[i], 2)} shrank the error fastest, ${formatNumber(sweep.hbRates[i], 3)} per step. ` +
				`Below β* the slow direction's roots are real and the larger is slow; above it they are complex with size √β, so β* = ((√κ−1)/(√κ+1))² = ${formatNumber(star, 3)} balances the two.`
		};
	}
};

export const edge: OptCheckpoint = {
	id: 'edge',
	settings: (random) => ({ ...quad, kappa: pick([10, 50, 100, 300], random) }),
	prompt: (s) => `Gradient descent on the quadratic with eigenvalues L = 1 and μ = 1/${formatNumber(s.kappa)}: up to which rate η does it still converge?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.15, min: 0, max: 2.2 }),
	async solve(state, backend) {
		const sweep = await sweepOf(state, backend);
		const last = sweep.gdRates.findLastIndex((r) => r < 1);
		const below = sweep.etas[last];
		const above = sweep.etas[last + 1];
		const edgeRate = (below + above) / 2;
		return {
			expected: { kind: 'number', value: edgeRate },
			shown: `η ≈ ${formatNumber(edgeRate, 3)}`,
			explanation:
				`In the model's sweep GD converged at η = ${formatNumber(below, 3)} (rate ${formatNumber(sweep.gdRates[last], 3)} per step) and diverged at η = ${formatNumber(above, 3)} (rate ${formatNumber(sweep.gdRates[last + 1], 3)}). ` +
				`The steep direction multiplies the error by 1 − ηL each step, which leaves [−1, 1] at η = 2/L = 2, whatever κ is.`
		};
	}
};

const rateText = (rate: number) => `η = ${formatNumber(rate, 2)}`;
const ROWS = ['ends lowest', 'diverges first'] as const;

/** Figure 3's sweep, driven to its end on this page's WebAssembly runtime (the page's runs may be elsewhere). */
async function runSweep(backend: Backend) {
	const [{ loadOrt }, { driveSweep }, { initSharpness }] = await Promise.all([import('$lib/onnx/runtime'), import('./driveSweep'), import('./initSharpness')]);
	const runs = await driveSweep(await loadOrt('wasm'));
	return { runs, sharpness: await initSharpness(backend) };
}

export const tooHighTooLow: OptCheckpoint = {
	id: 'too-high-too-low',
	settings: () => ({}),
	prompt: () =>
		`Gradient descent on the spiral MLP, ${SWEEP.epochs} full-batch epochs at each of six rates, ${rateText(SWEEP_RATES[0])} to ${formatNumber(SWEEP_RATES[SWEEP_RATES.length - 1])}. Which rate ends lowest, and which is the smallest to diverge (end above its start)?`,
	answer: () => ({ kind: 'cells', rows: ROWS.length, cols: SWEEP_RATES.length, rowLabels: ROWS, colLabels: SWEEP_RATES.map((r) => formatNumber(r, 2)) }),
	async solve(_state, backend) {
		const { runs, sharpness } = await runSweep(backend);
		const outcomes = runs.map((r) => outcome(r.rate, r.losses, r.status === 'diverged'));
		const { lowest, firstDiverged } = verdict(outcomes);
		const cells = [...(lowest === null ? [] : [`0,${SWEEP_RATES.indexOf(lowest)}`]), ...(firstDiverged === null ? [] : [`1,${SWEEP_RATES.indexOf(firstDiverged)}`])];
		const at = (rate: number | null) => outcomes.find((o) => o.rate === rate);
		const edgeRate = 2 / sharpness.lambdaMax;
		const above = outcomes.filter((o) => o.rate > edgeRate && o.divergedAt === null).map((o) => rateText(o.rate));
		return {
			expected: { kind: 'cells', cells },
			shown: `lowest: ${lowest === null ? 'none' : rateText(lowest)}; first to diverge: ${firstDiverged === null ? 'none' : rateText(firstDiverged)}`,
			explanation:
				`The live sweep ends lowest at ${lowest === null ? 'no rate' : `${rateText(lowest)} (loss ${formatNumber(at(lowest)!.finalLoss, 3)})`}; the smallest rate that ends above its start is ${firstDiverged === null ? 'none' : `${rateText(firstDiverged)} (loss ${formatNumber(at(firstDiverged)!.finalLoss, 3)})`}. ` +
				`At the start the loss's sharpest curvature is λₘₐₓ = ${formatNumber(sharpness.lambdaMax, 3)}, so a quadratic with it would diverge above 2/λₘₐₓ = ${formatNumber(edgeRate, 3)}` +
				(above.length ? `; yet ${above.join(' and ')} survived: the loss first jumps, the network moves to flatter ground, and there the larger steps pay.` : '.')
		};
	}
};

/** B = 32 at η₀ and B = 128 at each rate of the sweep, driven on this page's WebAssembly runtime. */
async function runBigger(seed: number) {
	const [{ loadOrt }, { driveBatch }] = await Promise.all([import('$lib/onnx/runtime'), import('./driveBatch')]);
	const ort = await loadOrt('wasm');
	const curve = async (spec: Parameters<typeof driveBatch>[1]) => {
		const r = await driveBatch(ort, spec, seed);
		if (!r) throw new Error('a run of the batch sweep stopped');
		// A diverged run's missing epochs count as NaN: infinitely far from the reference.
		return Array.from({ length: BATCH_RUNS.epochs + 1 }, (_, i) => r.points[i]?.loss ?? NaN);
	};
	const reference = await curve(runSpec(BIGGER.from, false, SPIRAL.examples));
	const curves = [];
	for (const rate of biggerRates()) curves.push(await curve(biggerSpec(rate)));
	return { reference, curves };
}

export const biggerBatch: OptCheckpoint = {
	id: 'bigger-batch',
	settings: () => ({ batch: BIGGER.to, scale: true }),
	prompt: () =>
		`SGD on the spiral MLP, ${BATCH_RUNS.epochs} epochs at B = ${BIGGER.from} and η = ${BATCH_RUNS.baseRate}. At B = ${BIGGER.to}, which rate (warmed up from ${BATCH_RUNS.baseRate}) gives the closest loss per example seen?`,
	answer: () => ({ kind: 'number', scale: 'log', tolerance: Math.SQRT2, min: BATCH_RUNS.baseRate, max: BATCH_RUNS.baseRate * 16 }),
	async solve(state) {
		const { reference, curves } = await runBigger(state.seed);
		const { index, distances } = closest(reference, curves);
		const rates = biggerRates();
		const rate = rates[index];
		const linear = rates.find((r) => Math.abs(r / BATCH_RUNS.baseRate - BIGGER.to / BIGGER.from) < 1e-9)!;
		const dist = (i: number) => (Number.isFinite(distances[i]) ? formatNumber(distances[i], 2) : '∞ (diverged)');
		return {
			expected: { kind: 'number', value: rate },
			shown: `η = ${formatNumber(rate, 3)} (${formatNumber(rate / BATCH_RUNS.baseRate, 2)} × η₀)`,
			explanation:
				`Of ${rates.length} live runs at B = ${BIGGER.to}, η = ${formatNumber(rate, 3)} stayed closest to B = ${BIGGER.from}'s curve (L2 distance over the ${BATCH_RUNS.epochs + 1} epoch readings ${dist(index)}; ` +
				rates.map((r, i) => `η = ${formatNumber(r, 3)}: ${dist(i)}`).filter((_, i) => i !== index).join(', ') +
				`). The linear scaling rule, η ∝ B, predicts ${BIGGER.to / BIGGER.from} × η₀ = ${formatNumber(linear, 3)}` +
				(Math.abs(rate - linear) < 1e-9
					? ', and the sweep agrees: four times the batch averages away the noise of four steps, so the step may be four times longer.'
					: ` (gap ${dist(rates.indexOf(linear))}): the gap counts every epoch alike, the noisy ones too, so curves this close can trade places; far above the rule the curvature, not the noise, limits the rate.`)
		};
	}
};

export default [gd20, bestBeta, edge, tooHighTooLow, biggerBatch];
