/**
 * The layer pruning's timing measures (matmulTiming.ts builds and times it): constants only, so
 * the figure that prints them does not load the graph builder at first paint.
 */

/** The layer's sizes, its zeroed share, the timed rounds, and the seed of its weights and input. */
export interface TimingSpec {
	tokens: number;
	k: number;
	n: number;
	zeros: number;
	seed: number;
}

// The spec's layer: [256, 1024] × [1024, 1024].
export const TIMING = { tokens: 256, k: 1024, n: 1024, zeros: 0.9, reps: 20, seed: 5 } as const;

export const TIMED = ['dense', 'zeros', 'columns'] as const;
export type Timed = (typeof TIMED)[number];
