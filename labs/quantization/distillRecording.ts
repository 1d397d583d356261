/**
 * Figure 6's build-time recording (`npm run record -- quantization/distill`): the teacher's
 * regions, and one real run of both students at the lab's default settings, trained with the
 * same jobs and driver the reader's Start runs (in Node, on onnxruntime-web's WASM backend). Kept
 * as the figure draws it (distillRecorded.ts): loss every 10 steps and accuracy every 50 (4
 * significant digits), and each network's last regions as drawn (tintLevels.ts).
 */
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { studentJob } from './distill';
import { CLASSES, DISTILL, TEACHER_MODEL, heldOutPoints, labelledPoints, studentProbePoints, type DistillSettings } from './distillConfig';
import type { RecordedDistill, RecordedRegions } from './distillRecorded';
import { readRegions, readTeacher, type Regions } from './distillRegions';
import { STUDENTS } from './distillRun';
import { packTints } from './tintLevels';
import { schema } from './lab';

/** The settings the recording is made for: the schema's defaults (lab.ts). */
export const RECORDED_DISTILL: DistillSettings = { labels: schema.labels.default, T: schema.T.default, alpha: schema.kdalpha.default, seed: schema.seed.default };

const packRegions = (r: Regions): RecordedRegions => ({ step: r.step, accuracy: roundSig(r.accuracy), tints: packTints(r.arm, r.sure) });

export async function recordDistill(ort: Ort): Promise<RecordedDistill> {
	const { readFile } = await import('node:fs/promises');
	const teacher = await ort.InferenceSession.create(await readFile(`static/models/${TEACHER_MODEL}.onnx`), { executionProviders: ['wasm'] });
	const logitsOn = async (points: Float32Array) =>
		(await teacher.run({ x: new ort.Tensor('float32', points, [points.length / 2, 2]) })).prediction.data as Float32Array;
	try {
		const view = readTeacher(await logitsOn(studentProbePoints()));
		const settings = RECORDED_DISTILL;
		const targets = await logitsOn(labelledPoints(settings.labels, settings.seed).points);
		const held = heldOutPoints().labels;
		const tracks: RecordedDistill['tracks'] = [];
		// One after another: in the browser they take turns step by step, which changes no number.
		for (const s of STUDENTS) {
			const run = await driveJob(ort, studentJob(s.id, settings, s.id === 'soft' ? targets : null));
			if (run.status !== 'done' && run.status !== 'diverged') throw new Error(`recording ${s.id}: the run ended ${run.status}: ${run.message}`);
			const probes = run.probes.map((p) => readRegions(p.step, p.values, held));
			tracks.push({
				id: s.id,
				status: run.status,
				step: run.step,
				losses: run.losses.map((p) => [p.step, roundSig(p.loss)]),
				accuracy: probes.map((r) => [r.step, roundSig(r.accuracy)]),
				regions: probes.length ? packRegions(probes.at(-1)!) : null
			});
		}
		if (view.gridLogits.length !== DISTILL.grid.size ** 2 * CLASSES) throw new Error('recording: the teacher read the wrong number of cells');
		return { settings, steps: DISTILL.student.steps, teacher: packRegions(view.regions), tracks };
	} finally {
		await teacher.release();
	}
}
