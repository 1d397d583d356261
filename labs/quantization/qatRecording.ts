/**
 * PTQ vs QAT, the build-time recording (`npm run record -- quantization/qat`): both runs for the
 * lab's default settings and for the W4A4 scene, trained with the same jobs and driver the
 * reader's Start runs (in Node, on onnxruntime-web's WASM backend). Kept as the figure draws it
 * (qatRecorded.ts): the loss every 5 steps and the held-out token accuracy at every probe, 4
 * significant digits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { runFeeds } from '$lib/recorded/run';
import { defaults } from '$lib/state/schema';
import { tokenAccuracy } from '$labs/attention-heatmaps/training';
import { VOCAB } from '$labs/attention-heatmaps/tasks';
import { actGrids, calibrationFeeds, calibrationGraph, heldOut, readLinearInputs } from './accuracy';
import { quantization, schema } from './lab';
import { qatJob } from './qat';
import type { RecordedQat } from './qatRecorded';
import { QAT_RUNS, qatSettingsOf, type QatRunSettings } from './qatRun';
import { readWeights } from './weights';

/** The settings recorded: the defaults, and the PTQ-vs-QAT scene. */
export function recordedQatSettings(): Omit<QatRunSettings, 'backend'>[] {
	const base = defaults(schema);
	const scene = quantization.scenes.find((s) => s.figures.includes('qat'))!;
	return [base, { ...base, ...scene.state }].map((state) => {
		const settings = qatSettingsOf(state as typeof base, 'wasm');
		if (!settings) throw new Error('QAT is recorded at integer weight bits only');
		const { backend: _, ...rest } = settings;
		return rest;
	});
}

export async function recordQat(ort: Ort): Promise<RecordedQat> {
	const { readFile } = await import('node:fs/promises');
	const runs: RecordedQat['runs'] = [];
	for (const settings of recordedQatSettings()) {
		const weights = readWeights(new Uint8Array(await readFile(`static/models/attention-${settings.task}.onnx`)));
		let acts = null;
		if (settings.abits !== 'off') {
			const session = await ort.InferenceSession.create(calibrationGraph(), { executionProviders: ['wasm'] });
			const out = await runFeeds(ort, session, calibrationFeeds(settings.task, weights));
			await session.release();
			const inputs = readLinearInputs(out);
			acts = actGrids(inputs, { bits: Number(settings.abits), scheme: settings.scheme, calib: settings.calib, pct: settings.pct });
		}
		const held = heldOut(settings.task);
		const tracks: RecordedQat['runs'][number]['tracks'] = [];
		for (const r of QAT_RUNS) {
			const run = await driveJob(ort, qatJob(r.id, settings, weights, acts));
			if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`recording ${r.id}: the run ended ${run.status}: ${run.message}`);
			tracks.push({
				id: r.id,
				status: run.status,
				step: run.step,
				losses: run.losses.map((p) => [p.step, roundSig(p.loss)]),
				accuracy: run.probes.map((p) => [p.step, roundSig(tokenAccuracy(settings.task, held, p.values, VOCAB))])
			});
		}
		runs.push({ settings, tracks });
	}
	return { runs };
}
