/**
 * PTQ vs QAT, live: two runs from the shipped weights (through the quantizer, and in float as the
 * control) started, paused, resumed and reset together as one `LiveRun`, owned by the controller.
 * The model and training code are imported only when the reader presses Start.
 *
 * Each row keeps its loss curve and the quantized model's held-out token accuracy at every probe.
 */
import type { Backend } from '$lib/onnx/backend';
import type { RunnerSnapshot } from '$lib/onnx/training/runner';
import { LiveRun } from '$lib/state/liveRun.svelte';
import type { StateOf } from '$lib/state/schema';
import { NO_LOSSES, lossesOf, trainTrack, type LossTrack } from '$lib/state/trainingTrack';
import type { QuantizationSchema } from './lab';
import type { QatActivations, QatMode, QatSettings } from './qat';
import { intBits } from './weightFormats';

/** What a pair of runs is trained and scored with. */
export interface QatRunSettings extends QatSettings, QatActivations {
	backend: Backend;
}

export interface QatTrack extends LossTrack {
	/** Held-out token accuracy of the quantized model at each probe so far. */
	accuracy: { step: number; accuracy: number }[];
}

export type QatRun = LiveRun<QatRunSettings, QatTrack>;

export const QAT_RUNS: readonly { id: QatMode; label: string }[] = [
	{ id: 'qat', label: 'QAT (trained through the quantizer)' },
	{ id: 'float', label: 'float fine-tuning, then PTQ' }
];

/** The runs a page state asks for; null with a float weight format (QAT trains through an integer grid). */
export function qatSettingsOf(state: StateOf<QuantizationSchema>, backend: Backend): QatRunSettings | null {
	const wbits = intBits(state.wbits);
	if (wbits === null) return null;
	return {
		task: state.task,
		wbits,
		gran: state.gran,
		emb: state.emb,
		abits: state.abits,
		scheme: state.scheme,
		calib: state.calib,
		pct: state.pct,
		steps: state.qsteps,
		seed: state.seed,
		backend
	};
}

/** Equal for two settings that train and score the same runs (calibration only counts with activation bits). */
export function qatKey(s: Omit<QatRunSettings, 'backend'>): string {
	const acts = s.abits === 'off' ? 'off' : [s.abits, s.scheme, s.calib, s.calib === 'pct' ? s.pct : ''].join('/');
	return [s.task, s.wbits, s.gran, s.emb, acts, s.steps, s.seed].join(':');
}

export const NO_QAT: QatTrack = { ...NO_LOSSES, accuracy: [] };

export function createQatRun(): QatRun {
	return new LiveRun<QatRunSettings, QatTrack>({
		tracks: () => QAT_RUNS.map((r) => ({ id: r.id, label: r.label, data: NO_QAT })),
		job: async (settings, run) => {
			const [{ weightsOf }, { heldOut }, { qatActGrids, qatJob }, { tokenAccuracy }, { VOCAB }] = await Promise.all([
				import('./compute'),
				import('./accuracy'),
				import('./qat'),
				import('$labs/attention-heatmaps/training'),
				import('$labs/attention-heatmaps/tasks')
			]);
			const weights = await weightsOf(settings.task);
			const acts = await qatActGrids(settings, weights, settings.backend);
			if (!run.current) return;
			const inputs = heldOut(settings.task);
			const data = (snapshot: RunnerSnapshot, previous: QatTrack): QatTrack => {
				const probe = snapshot.probe;
				if (!probe || probe.step === previous.accuracy.at(-1)?.step) return { ...previous, ...lossesOf(snapshot) };
				const accuracy = tokenAccuracy(settings.task, inputs, probe.values, VOCAB);
				return { ...lossesOf(snapshot), accuracy: [...previous.accuracy, { step: probe.step, accuracy }] };
			};
			await Promise.all(QAT_RUNS.map((r, i) => trainTrack(run, i, qatJob(r.id, settings, weights, acts), settings.backend, { data })));
		},
		// What the e2e tests and the benchmark read on window.__vlabTraining.
		summarize: (t) => ({
			id: t.id,
			status: t.status,
			thread: t.thread,
			steps: t.step,
			losses: t.data.losses,
			accuracy: t.data.accuracy.at(-1)?.accuracy ?? null,
			message: t.message
		})
	});
}
