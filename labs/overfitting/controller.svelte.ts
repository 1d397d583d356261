/** The lab's controller: URL state in, model results out, and figure 1's live training run. The model code loads lazily. */
import { getLabController } from '$lib/state/context';
import { LabController } from '$lib/state/labController.svelte';
import { schema, type OverfittingSchema } from './lab';
import type { OverfittingResults } from './summary';
import { createNoiseRun } from './noiseRun';
import { createSymptomRun } from './trainingRun';
import { createFixesRun } from './fixesRun';
import { createGapRun } from './gapRun';
import { createCurveRun } from './learningRun';
import { createFitSweepRun } from './fitSweepRun';
import { appliedFixes, type AppliedFixes } from './settings';

let computeModule: typeof import('./compute') | undefined;

export class OverfittingController extends LabController<OverfittingSchema, OverfittingResults> {
	/** Figure 1: the network trained live on the current settings. */
	readonly symptom = createSymptomRun();
	/** Figure 3: the same network at each width, one run after another. */
	readonly gap = createGapRun();
	/** Figure 4: the baseline and one run per fix. */
	readonly fixes = createFixesRun();
	/** Figure 5: the same network on each training-set size, at the width and a quarter of it. */
	readonly curves = createCurveRun();
	/** Figure 6: the same network trained with ρ of its training labels redrawn. */
	readonly noiseRun = createNoiseRun();
	/** Figure 6's sweep: epochs to fit the training labels at each ρ. */
	readonly fitSweep = createFitSweepRun();

	constructor() {
		super(schema, async (state, backend) => {
			// Everything that touches ONNX (builder, encoder, runtime) arrives in a later chunk, imported once.
			const { computeOverfitting } = (computeModule ??= await import('./compute'));
			return computeOverfitting(state, backend);
		});
	}

	/** WebGPU failed: a run it cut off starts again on WebAssembly. */
	protected override restartRuns(): void {
		this.symptom.restartOnWasm();
		this.gap.restartOnWasm();
		this.fixes.restartOnWasm();
		this.curves.restartOnWasm();
		this.noiseRun.restartOnWasm();
		this.fitSweep.restartOnWasm();
	}

	/** Trains the network at the current settings on the active backend. */
	startSymptom(): void {
		const { n, width, epochs, lr, seed, leak, split, shift } = this.state;
		void this.symptom.start({ n, width, epochs, lr, seed, faults: { leak, split, shift }, applied: this.applied, backend: this.backend ?? 'wasm' });
	}

	/** Trains figure 3's runs: the current settings at every width of GAP_WIDTHS. */
	startGap(): void {
		const { n, epochs, lr, seed, leak, split, shift } = this.state;
		void this.gap.start({ n, epochs, lr, seed, faults: { leak, split, shift }, applied: this.appliedBesidesWidth, backend: this.backend ?? 'wasm' });
	}

	/** Trains figure 4's baseline and its one-fix runs at the current settings and strengths, `seeds` times each. */
	startFixes(): void {
		const { n, width, lr, seed, seeds, leak, split, shift, aug, wd, dropout, patience } = this.state;
		void this.fixes.start({ n, width, lr, seed, seeds, faults: { leak, split, shift }, strengths: { aug, wd, dropout, patience }, backend: this.backend ?? 'wasm' });
	}

	/** Trains figure 5's runs: the current settings at every n of CURVE_NS, at two widths. */
	startCurves(): void {
		const { width, epochs, lr, seed, seeds, leak, split, shift } = this.state;
		void this.curves.start({ width, epochs, lr, seed, seeds, faults: { leak, split, shift }, applied: this.appliedBesidesWidth, backend: this.backend ?? 'wasm' });
	}

	/** Trains figure 6's network: the current settings with ρ of the training labels redrawn. */
	startNoise(): void {
		const { n, width, epochs, lr, seed, leak, split, shift, noise } = this.state;
		void this.noiseRun.start({ n, width, epochs, lr, seed, noise, faults: { leak, split, shift }, applied: this.applied, backend: this.backend ?? 'wasm' });
	}

	/** Trains figure 6's sweep: the current settings at every ρ of FIT_RHOS, each until it fits. */
	startFitSweep(): void {
		const { n, width, epochs, lr, seed, leak, split, shift } = this.state;
		void this.fitSweep.start({ n, width, epochs, lr, seed, faults: { leak, split, shift }, applied: this.applied, backend: this.backend ?? 'wasm' });
	}

	/** The fixes the page applies (the fixes control at the strength controls). */
	get applied(): AppliedFixes | undefined {
		return appliedFixes(this.state);
	}

	/** The page's fixes for a figure that sets the width itself (figures 3 and 5): width ÷ 4 left out. */
	get appliedBesidesWidth(): AppliedFixes | undefined {
		const applied = this.applied;
		const fixes = applied?.fixes.filter((f) => f !== 'small') ?? [];
		return applied && fixes.length ? { ...applied, fixes } : undefined;
	}
}

export const getOverfittingController = () => getLabController<OverfittingSchema, OverfittingResults>() as OverfittingController;
