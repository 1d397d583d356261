/**
 * Fields of a results object computed on first read, then kept. The hero figure needs a few
 * numbers the model output directly; the histograms and statistics of the figures below the fold
 * cost a redraw several ms, and those figures read them later (HeldWhileAway), so on a control
 * change they are computed when the page is idle, not before the first figure is redrawn.
 * The fields stay ordinary enumerable properties: serializing the object reads them all.
 */
export function defineLazy<T extends object>(target: T, fields: { [K in keyof T]?: () => T[K] }): T {
	for (const [key, compute] of Object.entries(fields) as [keyof T & string, () => unknown][]) {
		Object.defineProperty(target, key, {
			enumerable: true,
			configurable: true,
			get() {
				const value = compute();
				Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
				return value;
			}
		});
	}
	return target;
}
