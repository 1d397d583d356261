/**
 * The lab's controller: URL state in, sweep results out. On top of the platform's controller it
 * holds the results still streaming in from the sweep worker (`progress`), so figures redraw as
 * the sweep advances, and the model size under the reader's pointer (`hoverP`, not URL state).
 *
 * A sweep can take a while (seconds at large n), so a control change must not wait for the
 * previous one: `refresh` first abandons the sweep in flight; its compute then settles at once
 * with what is already on screen, and the platform's runner goes on to the new state.
 */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type DdSchema } from './lab';
import type { DdResults } from './summary';
import { createTrainingRun } from './trainingRun';

export class DdController extends LabController<DdSchema, DdResults> {
	/** Partial results of the sweep in flight (null when none is running). */
	progress = $state.raw<DdResults | null>(null);
	/** Share of the sweep in flight that is done, 0..1. */
	fraction = $state<number | null>(null);
	/** The model size under the pointer on the curve, for the live equations. */
	hoverP = $state<number | null>(null);
	/** Figure 5: gradient descent from zero and from a random start, trained live. */
	readonly training = createTrainingRun();
	#supersede: (() => void) | null = null;

	constructor() {
		super(schema, async (state, backend) => {
			// The worker client (and through it the runtime and the maths) arrives in a later chunk.
			const compute = await import('./compute');
			this.#supersede = compute.supersedeSweep;
			const results = await compute.computeDd(state, backend, (partial, fraction) => {
				this.progress = partial;
				this.fraction = fraction;
			});
			if (results === null) return this.results ?? this.progress ?? emptyResults(state.n);
			this.progress = null;
			this.fraction = null;
			return results;
		});
	}

	override refresh(): void {
		this.#supersede?.();
		super.refresh();
	}

	/** Starts figure 5's runs with the current features, target, n, noise and seed. */
	startTraining(): void {
		const { features, target, n, noise, seed } = this.state;
		void this.training.start({ family: features, target, n, noise, seed, backend: this.backend ?? 'wasm' });
	}

	/** What the figures draw: the streaming partial results, else the last complete ones. */
	get view(): DdResults | null {
		return this.progress ?? this.results;
	}
}

/** Nothing computed yet (a first sweep superseded before any partial result). */
function emptyResults(n: number): DdResults {
	return {
		family: schema.features.default,
		target: schema.target.default,
		n,
		noise: 0,
		lambda: 0,
		seeds: 0,
		replicates: 0,
		complete: false,
		ps: [],
		curves: { testError: [], trainError: [], thetaNorm: [], sigmaMin: [], bias2: [], variance: [] },
		fit: { p: 1, x: [], truth: [], yHat: [], trainX: [], trainY: [], testError: NaN, trainError: NaN, thetaNorm: NaN, sigmaMin: NaN },
		knobs: null,
		featureCheck: []
	};
}

export const getDdController = () => getLabController<DdSchema, DdResults>() as DdController;
