/**
 * Runs repeated over seeds (figures 5 and 6, the seeds control): the repeats' status as one, and
 * a mean with its standard error over the repeats.
 */
import { deviation, mean } from 'd3';
import type { RunStatus } from '$lib/state/liveRun.svelte';

/** The repeats' status as one: done when all are, else the first that is not (idle with none). */
export const repeatsStatus = (tracks: readonly { status: RunStatus }[]): RunStatus =>
	tracks.find((t) => t.status !== 'done')?.status ?? (tracks.length ? 'done' : 'idle');

/** The mean of two or more repeats' values, and its standard error s/√k (s the sample deviation). */
export function meanAndSE(values: readonly number[]): { mean: number; se: number } {
	return { mean: mean(values)!, se: deviation(values)! / Math.sqrt(values.length) };
}
