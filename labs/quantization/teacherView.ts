/**
 * Figure 6's teacher as the page sees it: its logits on the grid and the held-out points (the
 * same rows a student's probe reads), read as regions and an accuracy, and its logits on a
 * student's labelled points, which the soft student learns from. Runs the shipped
 * static/models/distill-teacher.onnx on the reader's backend.
 */
import type { Backend } from '$lib/onnx/backend';
import { runSession } from '$lib/onnx/session';
import { shippedSession } from '$lib/onnx/shipped';
import { TEACHER_MODEL, studentProbePoints } from './distillConfig';
import { readTeacher, type TeacherView } from './distillRegions';

/** The teacher's logits on `points` ([n, 2]), [n, 3]: the picture's rows, or a student's labelled points (the soft student's targets). */
export async function teacherLogits(backend: Backend, points: Float32Array): Promise<Float32Array> {
	const session = await shippedSession(backend, TEACHER_MODEL);
	// runSession takes its turn with session builds and training steps: on WebGPU a run that
	// overlapped a training run's start (a slow one, on a software GPU) once hung the page.
	const out = await runSession(session, { x: { data: points, dims: [points.length / 2, 2] } });
	return out.prediction.data;
}

/** The teacher's regions and accuracy (it does not depend on the reader's settings). */
export async function computeTeacher(backend: Backend): Promise<TeacherView> {
	return readTeacher(await teacherLogits(backend, studentProbePoints()));
}
