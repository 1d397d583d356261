/**
 * Figure 4's training jobs: the baseline and one run per fix, each changing one thing from the
 * same initial weights (the seed), the same batch order and the same data. Early stopping needs
 * no run of its own: it is the baseline's run stopped and restored (fixes.ts).
 */
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { SIDE, splitSets } from './glyphs';
import { epochSteps, evalProbe, evalRows, glyphDataset, glyphMlp, optimizerFor } from './mlp';
import { widthAfter, type Fix, type FixStrengths } from './fixes';
import { batchSize, stepsPerEpoch, type RunSettings } from './settings';
import { FIX_EPOCHS, TRAINED, type Trained } from './trainedRuns';

export { FIX_EPOCHS, TRAINED, type Trained };

/** Streams of the per-batch randomness, apart from the batch order's (seed + 7). */
const AUG_SEED = 101;
const DROPOUT_SEED = 211;

/** The fixes that change how a run trains (early stopping only reads its curve). */
export const TRAINING_FIXES = ['aug', 'wd', 'dropout', 'small'] as const;
export type TrainingFix = (typeof TRAINING_FIXES)[number];

/** The fixes each of figure 4's runs applies. */
const appliedBy = (run: Trained): readonly TrainingFix[] => (run === 'baseline' ? [] : run === 'all' ? TRAINING_FIXES : [run]);

export const widthOf = (run: Trained, width: number) => widthAfter(appliedBy(run), width);

/** One run of figure 4: the baseline with one fix applied (the seed, data and batch order stay). */
export function fixJob(run: Trained, settings: Omit<RunSettings, 'epochs'>, strengths: FixStrengths, epochs = FIX_EPOCHS): TrainingJob {
	return fixedJob(appliedBy(run), { ...settings, epochs }, strengths);
}

/**
 * Figure 1's network trained with `applied` fixes at their strengths, from the same initial
 * weights, data and batch order as without them; probed at `probeAt` (every epoch by default).
 */
export function fixedJob(applied: readonly TrainingFix[], { n, width, epochs, lr, seed, faults }: RunSettings, strengths: FixStrengths, probeAt: readonly number[] = epochSteps(n, epochs)): TrainingJob {
	const batch = batchSize(n);
	const w = widthAfter(applied, width);
	const dropout = applied.includes('dropout');
	const model = glyphMlp(w, batch, dropout);
	const { bytes, io } = buildTrainStep(model, optimizerFor(lr));
	const { train, val } = splitSets(n, seed, faults);
	const noise = [
		...(applied.includes('aug') ? [{ kind: 'shift' as const, name: 'x', side: SIDE, max: strengths.aug, seed: seed + AUG_SEED }] : []),
		...(dropout ? (['mask1', 'mask2'] as const).map((name, k) => ({ kind: 'dropoutMask' as const, name, width: w, p: strengths.dropout, seed: seed + DROPOUT_SEED + k })) : [])
	];
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: glyphDataset(train), batchSize: batch, seed: seed + 7, noise },
		maxSteps: epochs * stepsPerEpoch(n),
		lossEvery: stepsPerEpoch(n),
		...(applied.includes('wd') ? { hyper: { weight_decay: strengths.wd } } : {}),
		// Evaluated without dropout: the plain network on the same parameters.
		probe: evalProbe(glyphMlp(w, batch), evalRows(train, val), probeAt)
	};
}
