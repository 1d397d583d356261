/** Index of the value of an ascending list nearest to x on a log scale (for hovering log axes). */
export function nearestIndex(values: readonly number[], x: number): number {
	if (values.length === 0 || !(x > 0)) return -1;
	let best = 0;
	for (let i = 1; i < values.length; i++) {
		if (Math.abs(Math.log(values[i] / x)) < Math.abs(Math.log(values[best] / x))) best = i;
	}
	return best;
}
