/**
 * The overfitting checkpoints (cards in lab.ts). Each `solve` computes its answer: the first
 * trains the network for the asked settings and reads the smoothed validation minimum off the
 * run; the second is the standard-error formula; the third runs the lab's own compute (the
 * untrained network's forward pass).
 */
import { firstPart } from '$lib/state/staged';
import type { Checkpoint } from '$lib/practice/types';
import { formatNumber } from '$lib/format';
import { accuracySE, bestEpoch, SMOOTH_HALF } from './curves';
import { N_VAL } from './glyphs';
import type { OverfittingState } from './lab';
import { FIXES, FIX_LABELS, stoppedOutcome, winner, type FixOutcome } from './fixes';
import { FIX_EPOCHS } from './trainedRuns';

type OverfittingCheckpoint = Checkpoint<OverfittingState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];

export const valBottom: OverfittingCheckpoint = {
	id: 'val-bottom',
	// The default settings: the run the figure's recording shows, so the question is asked where the page opens.
	settings: () => ({}),
	prompt: (s) => `Width ${s.width}, n = ${s.n}, ${s.epochs} epochs: drag the marker to the epoch where the validation loss bottoms out.`,
	answer: (s) => ({ kind: 'marker', figure: 'symptom', axis: 'x', scale: 'linear', tolerance: Math.max(3, Math.round(s.epochs / 30)), min: 0, max: s.epochs }),
	async solve(state, backend) {
		const { trainToEnd } = await import('./trainToEnd');
		const { n, width, epochs, lr, seed } = state;
		const points = await trainToEnd({ n, width, epochs, lr, seed }, backend);
		const best = bestEpoch(points);
		if (best === null) throw new Error('the run diverged before any finite validation loss');
		const at = points.find((p) => p.epoch === best)!;
		const last = points.at(-1)!;
		return {
			expected: { kind: 'marker', value: best },
			shown: `epoch ${best}`,
			explanation:
				`Averaged over ${2 * SMOOTH_HALF + 1} epochs, the validation loss is lowest at epoch ${best} (${formatNumber(at.valLoss)}), when training accuracy is already ${formatNumber(100 * at.trainAcc, 3)}%. ` +
				`From there the network keeps driving its training loss down (${formatNumber(last.trainLoss)} at epoch ${last.epoch}) by growing more confident on images it has memorized, and the validation loss climbs to ${formatNumber(last.valLoss)}: early in a wide net, late or never in a narrow one.`
		};
	}
};

/** The accuracy the SE question asks about: about where the default run's validation accuracy ends. */
export const ASKED_ACCURACY = 0.75;

export const accuracySe: OverfittingCheckpoint = {
	id: 'accuracy-se',
	settings: () => ({}),
	prompt: () => `A network scores ${formatNumber(100 * ASKED_ACCURACY, 3)}% on the ${N_VAL} validation images. How many points is two standard errors of that accuracy?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.4, unit: 'points', min: 0, max: 10 }),
	async solve() {
		const a = ASKED_ACCURACY;
		const twoSe = 200 * accuracySE(a, N_VAL);
		return {
			expected: { kind: 'number', value: twoSe },
			shown: `${formatNumber(twoSe, 2)} points`,
			explanation:
				`Each validation image is right with probability a, so the count right has variance n·a(1 − a), and the accuracy has standard error √(a(1 − a)/n) = √(${formatNumber(a, 3)}·${formatNumber(1 - a, 3)}/${N_VAL}). ` +
				`Two of them are ${formatNumber(twoSe, 2)} points: two runs closer than that are not different results.`
		};
	}
};

export const initialLoss: OverfittingCheckpoint = {
	id: 'initial-loss',
	settings: (random) => ({ seed: 1 + Math.floor(random() * 999), width: pick([32, 64, 128, 256], random) }),
	prompt: (s) => `Width ${s.width}, He-initialized, not trained at all: what is its cross-entropy on the validation images (4 classes)?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.25, min: 0, max: 5 }),
	async solve(state, backend) {
		const { computeOverfitting } = await import('./compute');
		const { valLoss, valAcc } = firstPart(await computeOverfitting(state, backend)).initial;
		return {
			expected: { kind: 'number', value: valLoss },
			shown: formatNumber(valLoss, 3),
			explanation:
				`The untrained network scores ${formatNumber(valLoss, 3)} (and ${formatNumber(100 * valAcc, 3)}% accuracy): near ln 4 = ${formatNumber(Math.log(4), 3)}, the loss of a uniform guess over 4 classes. ` +
				`He init gives the logits a spread of order one, so the softmax is not quite uniform and the loss sits a little above ln 4; a first loss far from it points at a bug in the labels or the loss.`
		};
	}
};

/** Checkpoint 2's run: short, since the watermark is learned within a few epochs. */
export const ERASED_EPOCHS = 10;

export const leakOrOverfit: OverfittingCheckpoint = {
	id: 'leak-erased',
	settings: () => ({ leak: 'train', split: 'random', shift: 0, epochs: ERASED_EPOCHS }),
	prompt: (s) =>
		`Width ${s.width}, n = ${s.n}, a class-coded watermark pixel in the training images only, ${s.epochs} epochs: training accuracy is near 100%. What is it on the same images with the watermark erased?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 8, unit: '%', min: 0, max: 100 }),
	async solve(state, backend) {
		const { erasedAccuracy } = await import('./erased');
		const { n, width, epochs, lr, seed, leak, split, shift } = state;
		const r = await erasedAccuracy({ n, width, epochs, lr, seed, faults: { leak, split, shift } }, backend);
		const drop = 100 * (r.withMark - r.erased);
		return {
			expected: { kind: 'number', value: 100 * r.erased },
			shown: `${formatNumber(100 * r.erased, 3)}%`,
			explanation:
				`Trained ${r.epochs} epochs on the watermarked images, the network scores ${formatNumber(100 * r.withMark, 3)}% on them and ${formatNumber(100 * r.erased, 3)}% once the one corner pixel is put back as drawn: ${formatNumber(drop, 3)} points lost to one pixel. ` +
				`Part of what looked like learning was reading the watermark: a leak, not (only) overfitting, and no regularizer fixes it; removing it from the data does.`
		};
	}
};

/** Checkpoint 3's choices: the five fixes, and "no clear winner". */
export const NO_CLEAR_WINNER = 'none';

export const whichFix: OverfittingCheckpoint = {
	id: 'which-fix',
	// The default settings: where the page opens and the scene starts.
	settings: () => ({}),
	prompt: (s) =>
		`Width ${s.width}, n = ${s.n}, ${FIX_EPOCHS} epochs: shifts up to ${s.aug} px, weight decay λ = ${formatNumber(s.wd)}, dropout p = ${formatNumber(s.dropout)}, width ÷ 4, or early stopping with patience ${s.patience}. Which one alone ends with the lowest validation loss?`,
	answer: () => ({ kind: 'choice', options: [...FIXES.map((id) => ({ id, label: FIX_LABELS[id] })), { id: NO_CLEAR_WINNER, label: 'no clear winner (top two within 2 SE)' }] }),
	async solve(state, backend) {
		const { fixesToEnd } = await import('./fixesToEnd');
		const { n, width, lr, seed, leak, split, shift, aug, wd, dropout, patience } = state;
		const runs = await fixesToEnd(['baseline', 'aug', 'wd', 'dropout', 'small'], { n, width, lr, seed, faults: { leak, split, shift } }, { aug, wd, dropout, patience }, backend);
		const outcomes: FixOutcome[] = (['aug', 'wd', 'dropout', 'small'] as const).map((fix) => {
			const last = runs[fix].at(-1)!;
			return { fix, valLoss: last.valLoss, se: last.valSE };
		});
		const stop = stoppedOutcome(runs.baseline, patience);
		if (stop) outcomes.push({ fix: 'stop', valLoss: stop.final.valLoss, se: stop.final.se });
		const { best, lead, margin } = winner(outcomes);
		const ranked = [...outcomes].sort((a, b) => a.valLoss - b.valLoss);
		const list = ranked.map((o) => `${FIX_LABELS[o.fix]} ${formatNumber(o.valLoss)}`).join(', ');
		const baseline = runs.baseline.at(-1)!.valLoss;
		return {
			expected: { kind: 'choice', id: best ?? NO_CLEAR_WINNER },
			shown: best ? FIX_LABELS[best] : 'no clear winner',
			explanation:
				`Final validation losses, lowest first: ${list} (baseline ${formatNumber(baseline)}). ` +
				(best
					? `${FIX_LABELS[best]} leads by ${formatNumber(lead)}, more than 2 SE of the difference (${formatNumber(margin)}).`
					: `The top two differ by ${formatNumber(lead)}, within 2 SE of the difference (${formatNumber(margin)}): on one seed and this validation set, that is not a result.`)
		};
	}
};

/**
 * Checkpoint 4's runs: long enough for the random labels to be fitted at the defaults (by epoch
 * 9, over four times short of this; tested), short enough that "never" is not a free pass and the
 * two runs finish in seconds.
 */
export const RANDOM_LABELS_EPOCHS = 40;

/** The answers, by how many times longer random labels take than true ones to reach 100% training accuracy. */
export const RATIO_BANDS = [
	{ id: 'same', label: 'about as long (under 1.5×)', below: 1.5 },
	{ id: 'few', label: '1.5× to 3×', below: 3 },
	{ id: 'many', label: '3× to 10×', below: 10 },
	{ id: 'lots', label: 'more than 10×', below: Infinity }
] as const;
const NEVER = { id: 'never', label: 'never' } as const;

/** The band of a ratio, or never when the random labels were not fitted within the run. */
export const ratioBand = (ratio: number | null) => (ratio === null ? NEVER : RATIO_BANDS.find((b) => ratio < b.below)!);

export const randomLabels: OverfittingCheckpoint = {
	id: 'random-labels',
	settings: () => ({ noise: 1, epochs: RANDOM_LABELS_EPOCHS }),
	prompt: (s) =>
		`Width ${s.width}, n = ${s.n}: every training label redrawn at random (ρ = ${formatNumber(s.noise, 2)}). How many times longer than with the true labels does the network take to reach 100% training accuracy? "Never" means not within ${s.epochs} epochs.`,
	answer: () => ({ kind: 'choice', options: [...RATIO_BANDS.map(({ id, label }) => ({ id, label })), NEVER] }),
	async solve(state, backend) {
		const { noiseToEnd } = await import('./noiseToEnd');
		const { epochsToFit } = await import('./noise');
		const { n, width, epochs, lr, seed, noise } = state;
		const trueFit = epochsToFit(await noiseToEnd({ n, width, epochs, lr, seed, noise: 0 }, backend));
		const noisyRun = await noiseToEnd({ n, width, epochs, lr, seed, noise }, backend);
		const noisyFit = epochsToFit(noisyRun);
		if (trueFit === null) throw new Error(`the true labels were not fitted within ${epochs} epochs`);
		const ratio = noisyFit === null ? null : noisyFit / trueFit;
		const band = ratioBand(ratio);
		const last = noisyRun.at(-1)!;
		return {
			expected: { kind: 'choice', id: band.id },
			shown: ratio === null ? 'never' : `${formatNumber(ratio, 3)}× (${band.label})`,
			explanation:
				`With the true labels the network first scores 100% on its training images at epoch ${trueFit}; ` +
				(noisyFit === null ? `with random labels it has not by epoch ${epochs}. ` : `with random labels at epoch ${noisyFit}, ${formatNumber(ratio!, 3)} times as long. `) +
				`Its validation accuracy (true labels) ends at ${formatNumber(100 * last.valAcc, 3)}%, near the 25% of chance: a network with far more weights than images memorizes labels that carry no information about the images, and a perfect training score says nothing about it.`
		};
	}
};

export default [valBottom, accuracySe, initialLoss, leakOrOverfit, whichFix, randomLabels];
