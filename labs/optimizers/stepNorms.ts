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

/**
 * Adam at a constant rate climbing back up near the minimum: the first step at which the gap
 * f − f*, having fallen below `low` times its start, is back above `high` times its start.
 * Null if it never is. (Early oscillations pass through tiny values too; the two levels keep
 * them out.)
 */
export function firstReboundFrom(gaps: readonly number[], low = 1e-6, high = 1e-3): number | null {
	let reached = false;
	for (let t = 1; t < gaps.length; t++) {
		if (reached && gaps[t] > high * gaps[0]) return t;
		if (gaps[t] < low * gaps[0]) reached = true;
	}
	return null;
}
