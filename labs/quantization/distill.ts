/**
 * Figure 6's models: a teacher MLP trained at build time on noisy three-arm spirals
 * (static/models/distill-teacher.onnx, `npm run train -- distill-teacher`), and two small
 * students trained live on the same `labels` points: one on the hard labels, one on the
 * teacher's softened outputs.
 *
 * Student loss, teacher logits v, student logits z, K classes:
 *   hard:  CE(y, softmax z)
 *   soft:  α · T² · KL(softmax(v/T) ‖ softmax(z/T)) + (1 − α) · CE(y, softmax z)
 * The T² keeps the soft term's gradient the same size as T grows: ∂/∂z_i of T²·KL is
 * T·(q_i − p_i), which tends to (z_i − v_i)/K for zero-mean logits (Hinton et al. 2015).
 * The teacher's logits are a target tensor; T and α are constants of the student's graph.
 */
import { softmaxCrossEntropy } from '$lib/onnx/losses';
import type { GraphBuilder, Tensor } from '$lib/onnx/graph';
import type { OptimizerConfig } from '$lib/onnx/optimizers';
import type { Dataset } from '$lib/onnx/training/batches';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams, type ParamSpec, type TrainableModel } from '$lib/onnx/training/model';
import { buildProbe } from '$lib/onnx/training/probeGraph';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { probeSteps } from '../vanishing-gradients/boundary';
import { CLASSES, DISTILL, labelledPoints, studentProbePoints, type DistillSettings, type StudentKind } from './distillConfig';

/** ReLU MLP 2 → hidden… → 3 with He init; biases start at zero. */
function mlpParams(hidden: readonly number[]): ParamSpec[] {
	const sizes = [2, ...hidden, CLASSES];
	return sizes.slice(1).flatMap((out, l) => [
		{ name: `w${l + 1}`, shape: [sizes[l], out], init: { kind: 'normal', std: Math.sqrt(2 / sizes[l]) } } satisfies ParamSpec,
		{ name: `b${l + 1}`, shape: [out], init: { kind: 'zeros' } } satisfies ParamSpec
	]);
}

function mlpForward(g: GraphBuilder, p: Record<string, Tensor>, x: Tensor, layers: number): Tensor {
	let h = x;
	for (let l = 1; l <= layers; l++) {
		const z = g.add(g.matMul(h, p[`w${l}`]), p[`b${l}`]);
		h = l < layers ? g.relu(z) : z;
	}
	return h;
}

/** The teacher at its training batch size: hard labels only. */
export function teacherModel(batch: number): TrainableModel {
	const hidden = DISTILL.teacher.hidden;
	return {
		name: 'distill_teacher',
		params: mlpParams(hidden),
		inputs: [{ name: 'x', shape: [batch, 2] }],
		targets: [{ name: 'label', shape: [batch], dtype: 'int64' }],
		predict: (g, p, { x }) => mlpForward(g, p, x, hidden.length + 1),
		loss: (g, logits, { label }) => softmaxCrossEntropy(g, logits, label)
	};
}

/**
 * α·T²·KL(softmax(v/T) ‖ softmax(z/T)) + (1 − α)·CE(y, softmax z), averaged over rows. The KL's
 * entropy term does not depend on z; it is kept so the loss reads 0 when the student matches.
 */
export function distillationLoss(g: GraphBuilder, logits: Tensor, teacherLogits: Tensor, label: Tensor, T: number, alpha: number): Tensor {
	const logP = g.logSoftmax(g.div(teacherLogits, T), -1);
	const logQ = g.logSoftmax(g.div(logits, T), -1);
	const kl = g.reduceMean(g.reduceSum(g.mul(g.exp(logP), g.sub(logP, logQ)), [-1], false), undefined, false);
	const soft = g.mul(kl, alpha * T * T);
	if (alpha === 1) return soft;
	return g.add(soft, g.mul(softmaxCrossEntropy(g, logits, label), 1 - alpha));
}

/** A student on `rows` labelled points; the soft one also reads the teacher's logits for them. */
export function studentModel(kind: StudentKind, rows: number, T: number, alpha: number): TrainableModel {
	const hidden = DISTILL.student.hidden;
	return {
		name: `distill_student_${kind}`,
		params: mlpParams(hidden),
		inputs: [{ name: 'x', shape: [rows, 2] }],
		targets: [
			{ name: 'label', shape: [rows], dtype: 'int64' },
			...(kind === 'soft' ? [{ name: 'teacher', shape: [rows, CLASSES] }] : [])
		],
		predict: (g, p, { x }) => mlpForward(g, p, x, hidden.length + 1),
		loss: (g, logits, { label, teacher }) => (kind === 'hard' ? softmaxCrossEntropy(g, logits, label) : distillationLoss(g, logits, teacher, label, T, alpha))
	};
}

export const STUDENT_OPTIMIZER: OptimizerConfig = { kind: 'adamw', lr: DISTILL.student.lr, weightDecay: DISTILL.student.weightDecay };

/**
 * One student's training job: full-batch AdamW on the labelled points, from `settings.seed`'s
 * initial weights (the same for both students), probed on the grid and the held-out points.
 * `teacherLogits` are the teacher's logits on the labelled points, [labels, 3] (soft only).
 */
export function studentJob(kind: StudentKind, settings: DistillSettings, teacherLogits: Float32Array | null): TrainingJob {
	const { labels: n, T, alpha, seed } = settings;
	const model = studentModel(kind, n, T, alpha);
	const { points, labels } = labelledPoints(n, seed);
	const tensors: Dataset['tensors'] = {
		x: { data: points, dims: [n, 2] },
		label: { data: BigInt64Array.from(labels, (c) => BigInt(c)), dims: [n] }
	};
	if (kind === 'soft') {
		if (!teacherLogits || teacherLogits.length !== n * CLASSES) throw new Error(`studentJob: the soft student needs the teacher's ${n}×${CLASSES} logits`);
		tensors.teacher = { data: teacherLogits, dims: [n, CLASSES] };
	}
	const { bytes, io } = buildTrainStep(model, STUDENT_OPTIMIZER);
	const probeRows = DISTILL.grid.size ** 2 + DISTILL.heldOut.count;
	return {
		bytes,
		io,
		params: initialParams(model, seed),
		batches: { dataset: { tensors }, batchSize: n, seed },
		maxSteps: DISTILL.student.steps,
		lossEvery: 10,
		probe: {
			bytes: buildProbe(model, probeRows, (g, logits) => g.softmax(logits, -1)),
			feeds: { x: { data: studentProbePoints(), dims: [probeRows, 2] } },
			at: probeSteps(DISTILL.student.steps, DISTILL.probeEvery)
		}
	};
}
