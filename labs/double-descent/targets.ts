/**
 * The true functions the lab fits, on the input interval [-1, 1]. Each is scaled so its values
 * stay within about ±1, so a label-noise std of 0.3 means the same thing for all three.
 */

export type TargetId = 'sine' | 'step' | 'polynomial';

export const TARGET_IDS: readonly TargetId[] = ['sine', 'step', 'polynomial'];

/** The input interval: training inputs are drawn from it and the test grid covers it. */
export const X_MIN = -1;
export const X_MAX = 1;

const TARGETS: Record<TargetId, (x: number) => number> = {
	// One and a half periods: too wiggly for a handful of features, easy for many.
	sine: (x) => Math.sin(1.5 * Math.PI * x),
	// A jump at 0.1: no finite sum of smooth features matches it exactly.
	step: (x) => (x < 0.1 ? -0.8 : 0.8),
	// A cubic with two bumps, 2x³ − 1.5x, within ±0.5 on [-1, 1] except near the ends.
	polynomial: (x) => 2 * x ** 3 - 1.5 * x
};

export function targetFn(id: TargetId): (x: number) => number {
	return TARGETS[id];
}

/** f evaluated at every x. */
export function evaluateTarget(id: TargetId, xs: ArrayLike<number>): Float64Array {
	const f = TARGETS[id];
	return Float64Array.from({ length: xs.length }, (_, i) => f(xs[i]));
}
