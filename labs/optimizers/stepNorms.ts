/** ‖Δθ_t‖ = ‖θ_t − θ_{t−1}‖ for t = 1 … T, from a path of interleaved x, y. */
export function stepNorms(path: readonly number[]): number[] {
	const out: number[] = [];
	for (let i = 2; i + 1 < path.length; i += 2) out.push(Math.hypot(path[i] - path[i - 2], path[i + 1] - path[i - 1]));
	return out;
}

/** The first step t at which the loss is above its start f(θ₀), or null if it never is. */
export function firstRiseAboveStart(losses: readonly number[]): number | null {
	const t = losses.findIndex((f) => f > losses[0]);
	return t > 0 ? t : null;
}
