/** The lab's controller: URL state in, figure 1's results out, figure 2's live sweep, figures 3 and 5's live measurements, and the training runs of figures 4 and 6. The model code loads lazily. */
import type { Backend } from '$lib/onnx/backend';
import { getLabController } from '$lib/state/context';
import { LabController, type Prerendered } from '$lib/state/labController.svelte';
import type { StateOf } from '$lib/state/schema';
import type { AccuracySweep } from './accuracy';
import { createAccuracyRun, sweepSettingsOf, type AccuracyRunSettings } from './accuracyRun';
import { schema, type QuantizationSchema } from './lab';
import type { OutlierResult } from './outlierAccuracy';
import { createOutlierRun, outlierSettingsOf, type OutlierRunSettings } from './outlierRun';
import type { PruneResult } from './pruneAccuracy';
import type { Granularity } from './quantizer';
import { createPruneRun, pruneSettingsOf, type PruneRunSettings } from './pruneRun';
import { createTimingRun } from './timingRun';
import { createDistillRun, distillSettingsOf } from './distillRun';
import { createQatRun, qatSettingsOf } from './qatRun';
import type { TeacherView } from './distillRegions';
import type { QuantizationResults } from './summary';

let computeModule: typeof import('./compute') | undefined;

/** What the backend comparison's page hook varies besides the weight bits. */
interface LogitsOptions {
	gran?: Granularity;
	abits?: number;
}

export class QuantizationController extends LabController<QuantizationSchema, QuantizationResults> {
	/** Figure 2: the accuracy sweep, run when the reader asks. */
	readonly accuracy = createAccuracyRun();
	/** The sweep the build measured for its state, shown until the reader runs one. */
	recorded = $state.raw<{ settings: AccuracyRunSettings; sweep: AccuracySweep } | null>(null);
	/** Figure 3: the outlier measurement, run when its settings change. */
	readonly outlier = createOutlierRun();
	/** The build's outlier measurement for its state, shown until a live one runs. */
	recordedOutlier = $state.raw<{ settings: OutlierRunSettings; result: OutlierResult } | null>(null);
	/** Figure 5: the pruning measurement, run when its settings change. */
	readonly pruning = createPruneRun();
	/** Figure 5's timing of one layer dense, 90% zeros and half its columns, on the reader's press. */
	readonly timing = createTimingRun();
	/** The build's pruning measurement for its state, shown until a live one runs. */
	recordedPruning = $state.raw<{ settings: PruneRunSettings; result: PruneResult } | null>(null);
	/** PTQ vs QAT: the two fine-tuning runs, trained when the reader presses Start. */
	readonly qat = createQatRun();
	/** Figure 6: the two students, trained when the reader presses Start. */
	readonly distill = createDistillRun();
	/** Figure 6's teacher run live on the page (null until the runtime is up and it has run). */
	teacher = $state.raw<TeacherView | null>(null);
	/** Why the teacher could not run, in a sentence (the recorded regions stay on show). */
	teacherError = $state<string | null>(null);
	#teacherLoading: Promise<void> | null = null;

	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk.
			// Imported once: awaiting import() on every change costs the redraw a task hop or two.
			const { computeQuantization } = (computeModule ??= await import('./compute'));
			return computeQuantization(state, backend);
		});
		if (typeof window !== 'undefined')
			(window as Window & { __vlabQuantLogits?: unknown }).__vlabQuantLogits = (bits: number, options?: LogitsOptions) => this.heldOutLogits(bits, options);
	}

	/**
	 * `window.__vlabQuantLogits(bits, { gran, abits })`: the held-out logits with the weights at b
	 * bits (int4 or int8 codes; the page's task and scheme, its granularity unless `gran` is
	 * given) and, with `abits`, activations on the page's calibration at that many bits, on the
	 * active backend, for the test that compares backends.
	 */
	async heldOutLogits(bits: number, options: LogitsOptions = {}): Promise<number[]> {
		const [{ weightsOf }, { heldOutLogits }] = await Promise.all([import('./compute'), import('./accuracy')]);
		const s = this.current();
		const w = { bits, scheme: s.scheme, gran: options.gran ?? s.gran, emb: s.emb };
		const acts = options.abits ? { bits: options.abits, scheme: s.scheme, calib: s.calib, pct: s.pct } : null;
		return Array.from(await heldOutLogits(s.task, await weightsOf(s.task), w, this.backend ?? 'wasm', acts));
	}

	/** The build's run (and its test) also measures figure 2's sweep, figure 3's outlier and figure 4's pruning, so the page opens on real points. */
	override async computeFor(state: StateOf<QuantizationSchema>, backend: Backend): Promise<QuantizationResults> {
		const [results, { sweepOf, weightsOf }, { measureOutlier }, { measurePruning }] = await Promise.all([
			super.computeFor(state, backend),
			import('./compute'),
			import('./outlierAccuracy'),
			import('./pruneAccuracy')
		]);
		const weights = await weightsOf(state.task);
		const accuracy = await sweepOf(state, weights, backend);
		const outlier = await measureOutlier(weights, outlierSettingsOf(state, backend), backend);
		return { ...results, accuracy, outlier, pruning: await measurePruning(weights, pruneSettingsOf(state, backend), backend) };
	}

	override seed(prerendered: Prerendered<QuantizationSchema, QuantizationResults> | null): void {
		super.seed(prerendered);
		// Kept apart from `results`, which the next live run (figure 1's) replaces.
		const sweep = prerendered?.results.accuracy;
		if (sweep && this.seedable) this.recorded = { settings: sweepSettingsOf(prerendered.state, 'wasm'), sweep };
		const outlier = prerendered?.results.outlier;
		if (outlier && this.seedable) this.recordedOutlier = { settings: outlierSettingsOf(prerendered.state, 'wasm'), result: outlier };
		const pruning = prerendered?.results.pruning;
		if (pruning && this.seedable) this.recordedPruning = { settings: pruneSettingsOf(prerendered.state, 'wasm'), result: pruning };
	}

	/** WebGPU failed: a sweep it cut off runs again on WebAssembly. */
	protected override restartRuns(): void {
		this.accuracy.restartOnWasm();
		this.outlier.restartOnWasm();
		this.pruning.restartOnWasm();
		this.timing.restartOnWasm();
		this.distill.restartOnWasm();
		this.qat.restartOnWasm();
		this.teacher = null;
		this.#teacherLoading = null;
	}

	/** Runs figure 6's teacher once on the active backend (it does not depend on the settings). */
	loadTeacher(): void {
		if (this.teacher || this.#teacherLoading) return;
		const backend = this.backend ?? 'wasm';
		this.#teacherLoading = import('./teacherView')
			.then(({ computeTeacher }) => computeTeacher(backend))
			.then((view) => {
				if ((this.backend ?? 'wasm') !== backend) return;
				this.teacher = view;
				this.teacherError = null;
			})
			.catch((error: unknown) => {
				this.teacherError = `The teacher model did not run: ${error instanceof Error ? error.message : String(error)}`;
			})
			.finally(() => (this.#teacherLoading = null));
	}

	/** Trains the PTQ-vs-QAT pair for the current settings on the active backend. */
	startQat(): void {
		const settings = qatSettingsOf(this.state, this.backend ?? 'wasm');
		if (settings) void this.qat.start(settings);
	}

	/** Trains figure 6's two students for the current settings on the active backend. */
	startDistill(): void {
		void this.distill.start(distillSettingsOf(this.state, this.backend ?? 'wasm'));
	}

	/** Times figure 5's three layers on the active backend. */
	startTiming(): void {
		void this.timing.start(this.backend ?? 'wasm');
	}

	/** Runs figure 5's measurement for the current settings on the active backend. */
	startPruning(): void {
		void this.pruning.start(pruneSettingsOf(this.state, this.backend ?? 'wasm'));
	}

	/** Runs figure 3's measurement for the current settings on the active backend. */
	startOutlier(): void {
		void this.outlier.start(outlierSettingsOf(this.state, this.backend ?? 'wasm'));
	}

	/** Runs figure 2's sweep for the current settings on the active backend. */
	startAccuracy(): void {
		void this.accuracy.start(sweepSettingsOf(this.state, this.backend ?? 'wasm'));
	}
}

export const getQuantizationController = () => getLabController<QuantizationSchema, QuantizationResults>() as QuantizationController;
