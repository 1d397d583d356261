/** User timings (DevTools' Timings track, scripts/bench/redrawProfile.ts): where a model run's time goes. */

/** A measure named `name` from `start` to `end` (performance.now() times); never throws. */
export function timing(name: string, start: number, end: number): void {
	try {
		performance.measure(name, { start, end });
	} catch {
		// Not worth failing a model run over.
	}
}
