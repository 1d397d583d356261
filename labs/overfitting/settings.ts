/**
 * Figure 1's training settings that are not controls: plain data, so the figure can describe a
 * run before the training code (builder, runtime) has loaded.
 */
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
}

export { N_VAL };
