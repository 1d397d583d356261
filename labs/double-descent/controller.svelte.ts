/**
 * The lab's controller: URL state in, sweep results out. On top of the platform's controller it
 * holds the results still streaming in from the sweep worker (`progress`), so figures redraw as
 * the sweep advances, and the model size under the reader's pointer (`hoverP`, not URL state).
 *
 * A sweep can take a while (seconds at large n), so a control change must not wait for the
 * previous one. The sweep in flight is a `LiveRun` (`sweep`): `refresh` first cancels it (the
 * worker drops the job); its compute then settles at once with what is already on screen, and
 * the platform's runner goes on to the new state.
 *
 * A long sweep's results are staged (platform, staged.ts): the lab is ready once the first seed's
 * curve is complete (the hero is live, later seeds smooth it), and the complete results, figure 4
 * with them, are the rest. A quick sweep (a λ or noise move) has no partial results and lands whole.
 */
import { untrack } from 'svelte';
import type { Backend } from '$lib/onnx/backend';
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { staged } from '$lib/state/staged';
import type { StateOf } from '$lib/state/schema';
import { schema, type DdSchema } from './lab';
import type { DdResults } from './summary';
import { createTrainingRun } from './trainingRun';

let computeModule: typeof import('./compute') | undefined;

export class DdController extends LabController<DdSchema, DdResults> {
	/**
	 * The sweep for the current state, in the sweep worker; its partial results stream in as
	 * `result`. Its complete results go to the platform's runner instead (`#complete`): as the
	 * sweep's `result` they would be drawn once as progress, once more as the old results when the
	 * sweep ends, and a third time as the new results (three redraws for one λ move).
	 */
	readonly sweep = new LiveRun<{ state: StateOf<DdSchema>; backend: Backend }, null, DdResults>({
		tracks: () => [{ id: 'sweep', label: 'sweep', maxSteps: 1, data: null }],
		job: async ({ state, backend }, run) => {
			// The worker client (and through it the runtime and the maths) arrives in a later chunk,
			// imported once: each import() of it would cost a λ move another task before it posts.
			const compute = (computeModule ??= await import('./compute'));
			if (!run.current) return;
			// A cancel (a newer state) tells the worker to drop the job; its promise settles with null.
			run.own({ cancel: compute.supersedeSweep });
			try {
				const results = await compute.computeDd(state, backend, (partial, fraction) => {
					run.setResult(partial);
					run.update(0, { status: 'running', step: fraction });
					if (partial.replicates > 0 && this.#firstSeed?.state === state) this.#firstSeed.resolve(partial);
				});
				if (results && run.current) {
					this.#complete = { state, results };
					run.update(0, { step: 1 });
				}
			} catch (error) {
				// Kept as thrown, so the lab's error note describes it as before.
				this.#sweepError = error;
				throw error;
			}
		}
	});
	#sweepError: unknown = null;
	/** The complete results of the last sweep that ran to its end, for its state. */
	#complete: { state: StateOf<DdSchema>; results: DdResults } | null = null;
	/** Who waits for the first complete seed of the sweep for `state` (the first part of staged results). */
	#firstSeed: { state: StateOf<DdSchema>; resolve(results: DdResults): void } | null = null;
	/** The sweep in flight was stopped by the reader (not superseded by a newer state). */
	#stopped = false;
	/** The model size under the pointer on the curve, for the live equations. */
	hoverP = $state<number | null>(null);
	/** Figure 5: gradient descent from zero and from a random start, trained live. */
	readonly training = createTrainingRun();

	constructor() {
		super(schema, async (state, backend) => {
			this.#stopped = false;
			const firstSeed = new Promise<DdResults>((resolve) => (this.#firstSeed = { state, resolve }));
			const complete = this.sweep.start({ state, backend }).then((finished) => this.#outcome(state, finished));
			const first = await Promise.race([firstSeed, complete.then(() => null, () => null)]);
			if (this.#firstSeed?.state === state) this.#firstSeed = null;
			return first ? staged(first, complete) : complete;
		});
	}

	/** What the sweep for `state` leaves to show once it has ended (`finished`: it ran to the end). */
	#outcome(state: StateOf<DdSchema>, finished: boolean): DdResults {
		if (finished && this.#complete?.state === state) return this.#complete.results;
		// The reader stopped this sweep: what it finished stays on show.
		if (this.#stopped && this.sweep.settings?.state === state && this.sweep.result) return this.sweep.result;
		// This sweep failed (not one a newer state superseded): the lab shows the error.
		if (this.sweep.settings?.state === state && this.sweep.error) throw this.#sweepError;
		return this.results ?? this.sweep.result ?? emptyResults(state.n);
	}

	override refresh(): void {
		// refresh runs in an effect: untracked, so the sweep's own progress never re-runs it.
		untrack(() => this.sweep.cancel());
		super.refresh();
	}

	/** Stops the sweep in flight (a large one can take minutes); the curves keep what it finished. */
	stopSweep(): void {
		this.#stopped = true;
		this.sweep.cancel();
	}

	/** Partial results of the sweep in flight (null when none is running). */
	get progress(): DdResults | null {
		return this.sweep.active ? this.sweep.result : null;
	}

	/** Share of the sweep in flight that is done, 0..1 (null when none is running). */
	get fraction(): number | null {
		return this.progress ? this.sweep.progress : null;
	}

	/** WebGPU failed: training it cut off runs again on WebAssembly (the main run restarts the sweep). */
	protected override restartRuns(): void {
		this.training.restartOnWasm();
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
