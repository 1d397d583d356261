/**
 * Figure 1's training settings that are not controls: plain data, so the figure can describe a
 * run before the training code (builder, runtime) has loaded.
 */
import type { Fix, FixStrengths } from './fixes';
import { flagsOf } from '$lib/state/schema';
import { N_VAL, type DataFaults } from './glyphs';

/** Minibatches of 32 (fewer when n is smaller); the last partial batch of an epoch is dropped. */
export const BATCH = 32;
/** AdamW's decoupled weight decay λ when no fix is applied (its usual default). */
export const BASE_WEIGHT_DECAY = 0.01;

export const batchSize = (n: number) => Math.min(BATCH, n);
export const stepsPerEpoch = (n: number) => Math.floor(n / batchSize(n));

/** The settings a run is trained with (the backend goes with them, for a restart on WASM). */
export interface RunSettings {
	n: number;
	width: number;
	epochs: number;
	lr: number;
	seed: number;
	/** Faults injected into the data (figure 2's controls); none when absent. */
	faults?: DataFaults;
	/** Fixes from the `fixes` control, at the page's strengths; none when absent. */
	applied?: AppliedFixes;
}

export interface AppliedFixes {
	fixes: readonly Fix[];
	strengths: FixStrengths;
}

/** The fixes a page state applies (undefined for none), from its `fixes` and strength controls. */
export function appliedFixes(state: { fixes: string; aug: number; wd: number; dropout: number; patience: number }): AppliedFixes | undefined {
	if (state.fixes === '') return undefined;
	const { aug, wd, dropout, patience } = state;
	return { fixes: flagsOf(state.fixes) as Fix[], strengths: { aug, wd, dropout, patience } };
}

/** Early stopping's patience when the settings apply it, else null. */
export const stopPatience = (s: { applied?: AppliedFixes }) => (s.applied?.fixes.includes('stop') ? s.applied.strengths.patience : null);

export { N_VAL };
