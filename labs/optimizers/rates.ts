/**
 * Convergence rates on the quadratic ½θᵀHθ with eigenvalues L = 1 and μ = 1/κ: the analytic
 * curves of figure 2 and the measured rate of a run. Analytic means: from the eigenvalues of
 * the linear iteration, no model involved.
 */
export const L = 1;
export const mu = (kappa: number) => 1 / kappa;

/** GD's rate per step at rate η: max over eigenvalues of |1 − ηλ|. */
export const gdRate = (eta: number, kappa: number) => Math.max(Math.abs(1 - eta * L), Math.abs(1 - eta * mu(kappa)));

/** GD's best rate (κ − 1)/(κ + 1), at η = 2/(L + μ). */
export const gdBestRate = (kappa: number) => (kappa - 1) / (kappa + 1);

/** Heavy ball's best rate η* = 4/(√L + √μ)². */
export const hbBestEta = (kappa: number) => 4 / (Math.sqrt(L) + Math.sqrt(mu(kappa))) ** 2;

/** Heavy ball's best momentum β* = ((√κ − 1)/(√κ + 1))²; its rate is √β*. */
export const hbBestBeta = (kappa: number) => ((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1)) ** 2;

/**
 * Heavy ball's rate per step at (η, β): the largest |z| over the roots of
 * z² − (1 + β − ηλ)z + β = 0, for λ ∈ {L, μ} (each eigen-direction is a 2×2 linear recurrence).
 */
export function hbRate(eta: number, beta: number, kappa: number): number {
	let worst = 0;
	for (const lambda of [L, mu(kappa)]) {
		const b = 1 + beta - eta * lambda;
		const disc = b * b - 4 * beta;
		const r = disc < 0 ? Math.sqrt(beta) : Math.max(Math.abs((b + Math.sqrt(disc)) / 2), Math.abs((b - Math.sqrt(disc)) / 2));
		worst = Math.max(worst, r);
	}
	return worst;
}

/**
 * The measured rate per step of a run towards the minimum at 0, from its iterates (x, y
 * interleaved): (‖θ_b‖/‖θ_a‖)^(1/(b−a)) over the second half of the steps it took before
 * reaching float32's floor (‖θ‖ ≤ 1e-25), so the start's transient is left out.
 */
export function measuredRate(path: readonly number[]): number {
	const norms: number[] = [];
	for (let i = 0; i + 1 < path.length; i += 2) norms.push(Math.hypot(path[i], path[i + 1]));
	let b = norms.length - 1;
	while (b > 0 && !(norms[b] > 1e-25)) b--;
	if (b === 0) return 0;
	const a = Math.floor(b / 2);
	return (norms[b] / norms[a]) ** (1 / (b - a));
}
