/** PTQ vs QAT, the settings the page needs before any model code (qat.ts builds the runs from them). */
import type { OptimizerConfig } from '$lib/onnx/optimizers';

export const QAT = {
	/** Fresh examples for the fine-tuning (the attention lab's live-training set size). */
	examples: 4096,
	/** The attention lab's training batch. */
	batch: 64,
	optimizer: { kind: 'adamw', lr: 1e-3, weightDecay: 0.01 } satisfies OptimizerConfig,
	/** Score the held-out sequences every k steps (and at the first and the last). */
	probeEvery: 25
} as const;
