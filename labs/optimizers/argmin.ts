/** Index of the smallest finite value (0 when none is finite). */
export function argmin(values: readonly number[]): number {
	let best = 0;
	for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && !(values[i] >= values[best])) best = i;
	return best;
}
