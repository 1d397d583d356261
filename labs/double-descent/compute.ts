/**
 * State + backend → results, through the sweep worker. Loaded lazily by the controller, so the
 * worker (the maths and ml-matrix) and the feature graph's code (builder, protobuf, runtime) load
 * only after the page is interactive, and nothing of them is in the first-load JavaScript.
 */
import type { Backend } from '$lib/onnx/backend';
import type { StateOf } from '$lib/state/schema';
import type { SweepRequest } from './engine';
import type { DdSchema } from './lab';
import { SweepClient, type OnPartial } from './sweepClient';
import type { DdResults } from './summary';

export type DdState = StateOf<DdSchema>;

/** One worker per page: its caches are what make λ, noise and p moves cheap. */
const client = new SweepClient();

export function sweepRequest(state: DdState): SweepRequest {
	return {
		family: state.features,
		target: state.target,
		n: state.n,
		noise: state.noise,
		lambda: state.lambda,
		p: state.p,
		seeds: state.seeds,
		seed: state.seed
	};
}

/** The complete results for `state`, or null when a newer state superseded it first. */
export function computeDd(state: DdState, backend: Backend, onPartial: OnPartial): Promise<DdResults | null> {
	return client.run(sweepRequest(state), backend, onPartial);
}

export function supersedeSweep(): void {
	client.supersede();
}
