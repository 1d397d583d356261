/**
 * Figure 6's second chart: how many epochs the network needs to fit its training labels (100%
 * training accuracy) at each ρ of FIT_RHOS, from true labels to all of them redrawn; a run stops
 * once it fits. Shared by the live run, the build-time recording and the figure.
 */
import type { SweepSettings } from './recordedCurves';

/** The label-noise fractions swept: true labels to every label redrawn. */
export const FIT_RHOS = [0, 0.2, 0.4, 0.6, 0.8, 1] as const;

/** One ρ's outcome: the first epoch at 100% training accuracy, or null if it never got there within the run's epochs. */
export interface FitPoint {
	rho: number;
	epoch: number | null;
}

/** The recorded sweep (recorded/fit-sweep.json): the default settings, and [ρ, epoch or null] per ρ. */
export interface RecordedFitSweep {
	settings: SweepSettings & { n: number };
	fits: [number, number | null][];
}

/** How many times longer the noisiest run took than the true labels (null when either never fitted). */
export const fitRatio = (fits: readonly FitPoint[]) => {
	const clean = fits.find((f) => f.rho === 0)?.epoch;
	const noisiest = fits.find((f) => f.rho === 1)?.epoch;
	return clean && noisiest ? noisiest / clean : null;
};
