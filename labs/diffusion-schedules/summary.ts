/** The numbers one model run hands the figures (plain arrays, so the e2e tests can compare backends). */
export interface DiffResults {
	data: string;
	/** The step the probe was taken at (t clamped to T), and its ᾱ and log-SNR under `schedule`. */
	t: number;
	alphaBar: number;
	logSnr: number;
	/** The probe: data points x_0, their noised x_t and the model's ε̂, [n·2] each. */
	x0: number[];
	xt: number[];
	epsHat: number[];
	/** Mean squared error of ε̂ against the ε actually added (the training loss at this t). */
	mse: number;
	/** Same for the no-model guess ε̂ = √(1 − ᾱ) x_t (what N(0, I) data would give). */
	mseBaseline: number;
	/**
	 * Figure 4's DDIM run at the state's settings, computed only when the site is built (the live
	 * page runs it itself once the model is up): its samples [SAMPLE_COUNT·2], and at every step
	 * the first DDIM_TRAILS points [DDIM_TRAILS·2], to three decimals; the unrounded samples' MMD
	 * to the data and spread over the data's.
	 */
	ddim?: { points: number[]; trails: number[][]; mmd: number; spread: number };
	/**
	 * Figure 5's samples, computed only when the site is built (the live page samples them as a
	 * run of their own): at the state's guidance weight and at w = 0, [GUIDED_COUNT·2] each.
	 */
	guidance?: { guided: number[]; unguided: number[] };
}
