/**
 * The lab's controller: URL state in, model results out, and figure 5's live training run. The
 * model code loads lazily.
 */
import type { Backend } from '$lib/onnx/backend';
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { staged } from '$lib/state/staged';
import type { StateOf } from '$lib/state/schema';
import { schema, type VgSchema } from './lab';
import { layerFigureNear, quietOrNear } from './layerDemand.svelte';
import type { VgComplete, VgResults } from './summary';
import { liveWidth } from './trainingConfigs';
import { createTrainingRun } from './trainingRun';

let computeModule: typeof import('./compute') | undefined;

/**
 * How long the controls must rest before a light run's layer values are read. A drag sends a
 * change every frame and a held arrow key one every 30 ms or so: the layers wait for the pause.
 */
const LAYERS_AFTER_MS = 200;

/** Bumped by every run: a light run's layer values are read only if no run came after it. */
let runCount = 0;

export class VgController extends LabController<VgSchema, VgResults> {
	/** The layer under the reader's pointer or focus, highlighted across figures (not URL state). */
	hoverLayer = $state<number | null>(null);
	/** Figure 5: three networks trained live, side by side. */
	readonly training = createTrainingRun();

	constructor() {
		let self: VgController | undefined;
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk,
			// imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeVg } = (computeModule ??= await import('./compute'));
			const run = ++runCount;
			// A light run reads the hero's numbers only. Reading the layers' values (two [depth,
			// batch, width] tensors, 1.3 MB at the defaults) costs more than the rest of the run: in
			// Chromium each read is a fresh buffer, and on this project's 2-core test machine
			// filling 1.3 MB of fresh pages took 4 of a run's 8 ms. So a change reads them only when
			// a figure that draws them is near the viewport; otherwise they follow once the controls
			// rest, and those figures (held while away) catch up then. The first live run, and any
			// run outside a page (the build, checkpoints), reads everything.
			const light = typeof document !== 'undefined' && self?.source === 'live' && !layerFigureNear();
			if (!light) return computeVg(state, backend);
			return staged(await computeVg(state, backend, { layers: false }), layersLater(computeVg, run, state, backend));
		});
		self = this;
	}

	/** WebGPU failed: training it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		this.training.restartOnWasm();
	}

	/** Trains the three networks at the current depth, width and seed on the active backend. */
	startTraining(): void {
		const { depth, width, seed } = this.state;
		void this.training.start({ depth, width: liveWidth(width), seed, backend: this.backend ?? 'wasm' });
	}

	/** The inspected layer, kept within the current depth. */
	get layer(): number {
		return Math.min(this.state.layer, this.state.depth);
	}
}

/**
 * A full run for a light run's state, once the controls rest (nothing if another run came first):
 * its hero fields equal the light run's (lightRun.test.ts), so merged over them it adds the layers.
 */
async function layersLater(
	computeVg: typeof import('./compute').computeVg,
	run: number,
	state: StateOf<VgSchema>,
	backend: Backend
): Promise<Partial<VgComplete>> {
	await quietOrNear(LAYERS_AFTER_MS);
	if (run !== runCount) return {};
	return computeVg(state, backend);
}

export const getVgController = () => getLabController<VgSchema, VgResults>() as VgController;
