/**
 * Inactive controls, worked out once for SchemaControls: which controls do nothing in the
 * current state and why, and the runs of neighbouring controls that share one reason (shown
 * once under the run, so five knots of one custom curve carry one sentence, not five).
 */
import type { InactiveRules } from './types';

/** The reason each of `keys` is inactive in `state`, or null while it acts. */
export function inactiveReasons(
	rules: InactiveRules,
	state: Readonly<Record<string, unknown>>,
	keys: readonly string[]
): Record<string, string | null> {
	return Object.fromEntries(keys.map((key) => [key, rules[key]?.(state) ?? null]));
}

/** A run of neighbouring controls: all active (reason null) or all inactive for one reason. */
export interface ControlRun<T> {
	reason: string | null;
	items: T[];
}

/** Splits `items` (in order) into runs of equal reason; active items each stand alone. */
export function runsByReason<T>(items: readonly T[], reasonOf: (item: T) => string | null): ControlRun<T>[] {
	const runs: ControlRun<T>[] = [];
	for (const item of items) {
		const reason = reasonOf(item);
		const last = runs[runs.length - 1];
		if (reason !== null && last?.reason === reason) last.items.push(item);
		else runs.push({ reason, items: [item] });
	}
	return runs;
}
