/** User timings (DevTools' Timings track, scripts/bench/redrawProfile.ts): where a model run's time goes. */

/**
 * How many measures this module keeps in the page's performance timeline before it clears its
 * own. The browser keeps user timings until a page clears them, and the optimizers lab records
 * 23 per control change: without a bound, an hour of a projected lab grew the timeline by tens of
 * thousands of entries. Ten thousand is about 2 MB, and far more than a profile of a few hundred
 * changes needs.
 */
export const MAX_MEASURES = 10_000;

let recorded = 0;
const names = new Set<string>();

/** A measure named `name` from `start` to `end` (performance.now() times); never throws. */
export function timing(name: string, start: number, end: number): void {
	try {
		if (recorded >= MAX_MEASURES) {
			for (const old of names) performance.clearMeasures(old);
			names.clear();
			recorded = 0;
		}
		performance.measure(name, { start, end });
		names.add(name);
		recorded += 1;
	} catch {
		// Not worth failing a model run over.
	}
}
