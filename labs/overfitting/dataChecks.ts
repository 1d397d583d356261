/**
 * Figure 2's three data checks for one data set (n, seed and the faults), each a small model run
 * through the page's runtime: the per-pixel probes (a), the nearest-training-image distances (b)
 * and adversarial validation (c). They depend on the data only, so a change of width, epochs or
 * rate reuses them.
 */
import type { Backend } from '$lib/onnx/backend';
import { Settling } from '$lib/cache/settling';
import { adversarialValidation } from './adversarial';
import type { AdversarialResult } from './auc';
import type { SplitSets } from './glyphs';
import { nearestDistances } from './nearest';
import { summarizeNearest, type NearestSummary } from './nearestBins';
import { pixelProbeRight, PROBE_ROWS } from './pixelProbe';

export interface DataChecks {
	/** (a) Each pixel's probe: how many of the probeRows training images it classifies right (PIXELS counts, row-major). */
	probe: number[];
	/** How many training images the probes were fitted to and scored on. */
	probeRows: number;
	/** (b) The validation images' nearest-training-image distances. */
	nearest: NearestSummary;
	/** (c) Train-vs-validation classifiers, the real one and the shuffled-label ones (adversarial.ts). */
	adversarial: AdversarialResult;
}

/** Per backend and data set; a failed run is not kept, so the next compute tries again. */
const checks = new Settling<DataChecks>(6);

/** The checks of data set `key` if they are computed already, else null. */
export function settledDataChecks(key: string, backend: Backend): DataChecks | null {
	return checks.landed(`${backend}:${key}`);
}

export function dataChecks(key: string, sets: SplitSets, backend: Backend, seed: number): Promise<DataChecks> {
	return checks.get(`${backend}:${key}`, async () => {
		const probe = await pixelProbeRight(sets.train, backend, seed);
		const nearest = summarizeNearest(await nearestDistances(sets.train, sets.val, backend), sets.copyOf);
		const adversarial = await adversarialValidation(sets.train, sets.val, backend, seed);
		return { probe, probeRows: Math.min(PROBE_ROWS, sets.train.count), nearest, adversarial };
	});
}
