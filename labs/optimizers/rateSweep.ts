/**
 * Figure 3's sweep, as plain data (the figure draws its legend before the training code loads):
 * six log-spaced rates of full-batch gradient descent on the spiral MLP, and how a run's loss
 * curve is read: where it diverged, what it ended at, which rate ended lowest.
 */

/** Full batch (all 512 points each step), so an epoch is one step and 2/λ_max speaks to it. */
export const SWEEP = { epochs: 300, lossEvery: 3, batchSeed: 2 } as const;

/** 10^−1.5 … 10^1, half a decade apart. */
export const SWEEP_RATES: readonly number[] = Array.from({ length: 6 }, (_, k) => 10 ** (-1.5 + 0.5 * k));

export interface SweepPoint {
	step: number;
	loss: number;
}

/**
 * Where a run diverged, or null: a loss that became NaN or ±∞ (the run stopped there; the ✕ is
 * at the step after its last finite reading), or a run that ended above where it started (the ✕
 * is at the first reading above the start).
 */
export function divergedAt(losses: readonly SweepPoint[], stoppedNonFinite: boolean): number | null {
	const finite = losses.filter((p) => Number.isFinite(p.loss));
	if (stoppedNonFinite || finite.length < losses.length) return (finite.at(-1)?.step ?? -1) + 1;
	if (finite.length < 2 || finite[finite.length - 1].loss <= finite[0].loss) return null;
	return finite.find((p) => p.loss > finite[0].loss)!.step;
}

export interface SweepOutcome {
	rate: number;
	/** The last finite loss (NaN when none). */
	finalLoss: number;
	divergedAt: number | null;
}

export function outcome(rate: number, losses: readonly SweepPoint[], stoppedNonFinite: boolean): SweepOutcome {
	const finite = losses.filter((p) => Number.isFinite(p.loss));
	return { rate, finalLoss: finite.at(-1)?.loss ?? NaN, divergedAt: divergedAt(losses, stoppedNonFinite) };
}

/** The rate whose run ended lowest among those that did not diverge, and the smallest rate that diverged. */
export function verdict(outcomes: readonly SweepOutcome[]): { lowest: number | null; firstDiverged: number | null } {
	const kept = outcomes.filter((o) => o.divergedAt === null && Number.isFinite(o.finalLoss));
	const lowest = kept.length ? kept.reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a)).rate : null;
	const diverged = outcomes.filter((o) => o.divergedAt !== null).map((o) => o.rate);
	return { lowest, firstDiverged: diverged.length ? Math.min(...diverged) : null };
}
