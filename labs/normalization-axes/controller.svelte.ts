/**
 * The lab's controller: URL state in, model results out; the model code loads lazily. Beyond the
 * URL state it holds the cube cell under the reader's pointer or keyboard focus (shared by the
 * cube and the live equation) and figure 5's timing (a `LiveRun`), which is measured once per
 * backend, after the figures are drawn, so it never delays a control change by more than one
 * timed run.
 */
import type { Backend } from '$lib/onnx/backend';
import { getLabController } from '$lib/state/context';
import { LiveRun } from '$lib/state/liveRun.svelte';
import { LabController } from '$lib/state/labController.svelte';
import { effectiveGroups, storedShape } from './axes';
import type { CostTiming } from './costTiming';
import { schema, type NxSchema } from './lab';
import type { NxResults } from './summary';

/** A cell of the shown tensor, by stored indices (depth, across, down in the cube). */
export interface Cell {
	i0: number;
	i1: number;
	i2: number;
}

/** How long after the first figures the timing starts. */
const COST_DELAY_MS = 800;


let computeModule: typeof import('./compute') | undefined;
export class NxController extends LabController<NxSchema, NxResults> {
	/** The cube cell hovered or focused (not URL state). */
	focus = $state<Cell | null>(null);
	/** Figure 5's timing; a new measurement keeps the last one on show until it is done. */
	readonly timing = new LiveRun<Backend, CostTiming | null>({
		tracks: (_backend, previous) => [{ id: 'cost', label: 'timing', data: previous[0]?.data ?? null }],
		job: async (backend, run) => {
			const { measureCost } = await import('./costTiming');
			const cost = await measureCost(backend, run.signal);
			run.update(0, { data: cost });
		},
		describeError: (error) => {
			console.warn('timing failed', error);
			return error instanceof Error ? error.message : String(error);
		}
	});
	#costTimer: ReturnType<typeof setTimeout> | undefined;

	constructor() {
		let self: NxController | null = null;
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk,
			// imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeNx } = (computeModule ??= await import('./compute'));
			const results = await computeNx(state, backend);
			self?.scheduleCost(backend);
			return results;
		});
		self = this;
	}

	/** GroupNorm's G as the model uses it: the divisor of C nearest to the control. */
	get groups(): number {
		return effectiveGroups(this.state.groups, this.state.channels);
	}

	/** The focused cell if it is inside the tensor the controls describe, else null. */
	get focusCell(): Cell | null {
		if (!this.focus) return null;
		const shape = storedShape(this.state.layout, this.state);
		const { i0, i1, i2 } = this.focus;
		return i0 < shape[0] && i1 < shape[1] && i2 < shape[2] ? this.focus : null;
	}

	/** The last timing taken (null: none yet). */
	get cost(): CostTiming | null {
		return this.timing.tracks[0].data;
	}

	get costStatus(): 'idle' | 'measuring' | 'error' {
		return this.timing.active ? 'measuring' : this.timing.status === 'error' ? 'error' : 'idle';
	}

	/** Times LayerNorm and RMSNorm on the active backend (figure 5's "measure again"). */
	async measureCost(): Promise<void> {
		const backend = this.backend;
		// One timing at a time: two would share the machine and skew each other.
		if (!backend || this.timing.active) return;
		clearTimeout(this.#costTimer);
		await this.timing.start(backend);
	}

	/** WebGPU failed: a timing it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		clearTimeout(this.#costTimer);
		this.timing.restartOnWasm();
	}

	/** After a run: time the cost models once for this backend, when the page has settled. */
	scheduleCost(backend: Backend): void {
		if (this.cost?.backend === backend || this.costStatus === 'measuring' || typeof window === 'undefined') return;
		clearTimeout(this.#costTimer);
		this.#costTimer = setTimeout(() => void this.measureCost(), COST_DELAY_MS);
	}
}

export const getNxController = () => getLabController<NxSchema, NxResults>() as NxController;
