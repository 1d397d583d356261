/**
 * Figure 3's maths: one run per width, read at the epoch where its smoothed validation loss is
 * lowest (figure 1's definition, curves.ts), and the train − validation accuracy gap there.
 */
import { bestEpoch, type EpochPoint } from './curves';
import { earlyStop } from './fixes';

/** The widths figure 3 trains, one live run each (log2 spaced, the width control's range). */
export const GAP_WIDTHS = [8, 16, 32, 64, 128, 256, 512] as const;

export interface GapTiming {
	width: number;
	/** Epoch of the smoothed validation-loss minimum. */
	bestEpoch: number;
	/** The run's last epoch. */
	lastEpoch: number;
	/** The minimum is the last epoch: the validation loss has not turned yet (it may later). */
	notYet: boolean;
	trainAcc: number;
	valAcc: number;
	/** Training minus validation accuracy at the minimum. */
	gap: number;
}

/**
 * A finished run's timing; null for a run with too few or non-finite readings (diverged). With
 * early stopping (its patience given), read at the epoch it restores instead.
 */
export function gapTiming(width: number, points: readonly EpochPoint[], patience: number | null = null): GapTiming | null {
	if (points.length < 3 || points.some((p) => !Number.isFinite(p.valLoss) || !Number.isFinite(p.trainLoss))) return null;
	const best = patience === null ? bestEpoch(points) : (earlyStop(points, patience)?.bestEpoch ?? null);
	const at = points.find((p) => p.epoch === best);
	if (best === null || !at) return null;
	const lastEpoch = points[points.length - 1].epoch;
	return { width, bestEpoch: best, lastEpoch, notYet: best === lastEpoch, trainAcc: at.trainAcc, valAcc: at.valAcc, gap: at.trainAcc - at.valAcc };
}
