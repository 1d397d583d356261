/**
 * Figure 6, distillation: the loss graph against a float64 reference and finite differences,
 * Hinton's high-temperature limit of its gradient, and the spec's facts about the teacher and
 * the students, trained with the same jobs the page runs (onnxruntime-web's WASM backend, Node).
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import '../../tests/support/ort';
import { gradients } from '$lib/onnx/autodiff';
import { GraphBuilder } from '$lib/onnx/graph';
import { createRng } from '$lib/random';
import { driveJob } from '$lib/recorded/drive';
import { createSession, runSession } from '../../tests/support/ort';
import { distillationLoss, studentJob } from './distill';
import { CLASSES, heldOutPoints, labelledPoints, type StudentKind } from './distillConfig';
import { readRegions } from './distillRegions';
import { computeTeacher, teacherLogits } from './teacherView';

const K = CLASSES;

// ---- float64 reference -----------------------------------------------------------------------

function logSoftmax64(z: ArrayLike<number>, T: number): number[] {
	const s = Array.from(z, (v) => v / T);
	const max = Math.max(...s);
	const lse = max + Math.log(s.reduce((a, v) => a + Math.exp(v - max), 0));
	return s.map((v) => v - lse);
}

/** Mean over rows of α·T²·KL(softmax(v/T) ‖ softmax(z/T)) + (1 − α)·CE(y, softmax z). */
function kdLoss64(z: Float64Array, v: Float64Array, y: Int32Array, T: number, alpha: number): number {
	let total = 0;
	for (let r = 0; r < y.length; r++) {
		const zr = z.subarray(r * K, (r + 1) * K);
		const logP = logSoftmax64(v.subarray(r * K, (r + 1) * K), T);
		const logQ = logSoftmax64(zr, T);
		let kl = 0;
		for (let c = 0; c < K; c++) kl += Math.exp(logP[c]) * (logP[c] - logQ[c]);
		total += alpha * T * T * kl - (1 - alpha) * logSoftmax64(zr, 1)[y[r]];
	}
	return total / y.length;
}

/** Rows of K logits with mean zero and |z| ≤ bound. */
function zeroMeanLogits(rows: number, bound: number, seed: number): Float64Array {
	const rng = createRng(seed);
	const out = new Float64Array(rows * K);
	for (let r = 0; r < rows; r++) {
		const row = Array.from({ length: K }, () => 2 * rng.uniform() - 1);
		const mean = row.reduce((a, b) => a + b, 0) / K;
		const centred = row.map((v) => v - mean);
		// One factor per row keeps its mean at zero; the largest entry ends in [0.3, 1]·bound.
		const scale = (bound / Math.max(...centred.map(Math.abs))) * (0.3 + 0.7 * rng.uniform());
		centred.forEach((v, c) => (out[r * K + c] = v * scale));
	}
	return out;
}

/** The loss graph and its gradient with respect to the student's logits. */
async function lossGraph(rows: number, T: number, alpha: number) {
	const g = new GraphBuilder('kd_loss');
	const z = g.input('z', [rows, K]);
	const v = g.input('v', [rows, K]);
	const y = g.input('y', [rows], 'int64');
	const loss = distillationLoss(g, z, v, y, T, alpha);
	const [dz] = gradients(g, loss, [z]);
	g.output(loss, 'loss');
	g.output(dz, 'dz');
	const session = await createSession(g.toBytes());
	return async (zv: Float64Array, vv: Float64Array, labels: Int32Array) => {
		const out = await session.run({
			z: new ort.Tensor('float32', Float32Array.from(zv), [rows, K]),
			v: new ort.Tensor('float32', Float32Array.from(vv), [rows, K]),
			y: new ort.Tensor('int64', BigInt64Array.from(labels, (c) => BigInt(c)), [rows])
		});
		return { loss: (out.loss.data as Float32Array)[0], dz: out.dz.data as Float32Array };
	};
}

describe('the distillation loss graph', () => {
	const ROWS = 8;
	const labels = Int32Array.from({ length: ROWS }, (_, i) => i % K);

	it('equals the float64 reference, and its gradient equals central differences of it', async () => {
		const T = 4;
		const alpha = 0.9;
		const z = zeroMeanLogits(ROWS, 3, 11);
		const v = zeroMeanLogits(ROWS, 5, 12);
		const { loss, dz } = await (await lossGraph(ROWS, T, alpha))(z, v, labels);
		expect(loss).toBeCloseTo(kdLoss64(z, v, labels, T, alpha), 5);
		const h = 1e-5;
		for (let i = 0; i < z.length; i++) {
			const keep = z[i];
			z[i] = keep + h;
			const up = kdLoss64(z, v, labels, T, alpha);
			z[i] = keep - h;
			const down = kdLoss64(z, v, labels, T, alpha);
			z[i] = keep;
			expect(dz[i], `∂L/∂z[${i}]`).toBeCloseTo((up - down) / (2 * h), 5);
		}
	});

	it('is zero when the student matches the teacher and only soft targets count (α = 1)', async () => {
		const z = zeroMeanLogits(ROWS, 4, 13);
		const { loss, dz } = await (await lossGraph(ROWS, 4, 1))(z, z, labels);
		expect(Math.abs(loss)).toBeLessThan(1e-6);
		for (const d of dz) expect(Math.abs(d)).toBeLessThan(1e-6);
	});

	it('T = 20: the T²-scaled soft gradient is within 5% of (z − v)/K for zero-mean logits with |z| ≤ 2', async () => {
		const rows = 256;
		const z = zeroMeanLogits(rows, 2, 21);
		const v = zeroMeanLogits(rows, 2, 22);
		const { dz } = await (await lossGraph(rows, 20, 1))(z, v, Int32Array.from({ length: rows }, () => 0));
		// The graph averages over rows: one row's own gradient is rows × its share.
		let err = 0;
		let norm = 0;
		for (let i = 0; i < z.length; i++) {
			const limit = (z[i] - v[i]) / K;
			err += (rows * dz[i] - limit) ** 2;
			norm += limit ** 2;
		}
		expect(Math.sqrt(err / norm)).toBeLessThan(0.05);
		// At T = 1 the same comparison is far off: the limit needs T large.
		const { dz: atOne } = await (await lossGraph(rows, 1, 1))(z, v, Int32Array.from({ length: rows }, () => 0));
		let errOne = 0;
		for (let i = 0; i < z.length; i++) errOne += (rows * atOne[i] - (z[i] - v[i]) / K) ** 2;
		expect(Math.sqrt(errOne / norm)).toBeGreaterThan(0.15);
	});
});

// ---- the spec's facts --------------------------------------------------------------------------

const SEEDS = [1, 2, 3, 4, 5];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Held-out accuracy of both students after their full run, for one seed. */
async function students(labels: number, seed: number, T = 4, alpha = 0.9): Promise<Record<StudentKind, number>> {
	const settings = { labels, T, alpha, seed };
	const targets = await teacherLogits('wasm', labelledPoints(labels, seed).points);
	const held = heldOutPoints().labels;
	const out = {} as Record<StudentKind, number>;
	for (const kind of ['hard', 'soft'] as const) {
		const job = studentJob(kind, settings, kind === 'soft' ? targets : null);
		// Only the last probe is read: the others cost time and change no weight.
		job.probe = { ...job.probe!, at: [job.maxSteps] };
		const run = await driveJob(ort, job);
		expect(run.status, run.message ?? '').toBe('done');
		out[kind] = readRegions(run.step, run.probes.at(-1)!.values, held).accuracy;
	}
	return out;
}

describe('facts: the teacher and its students (figure 6)', () => {
	it('the shipped teacher puts about 79% of the held-out points in their own arm', async () => {
		const teacher = await computeTeacher('wasm');
		expect(teacher.regions.accuracy).toBeGreaterThan(0.77);
		expect(teacher.regions.accuracy).toBeLessThan(0.82);
	});

	// 20 runs of 800 full-batch steps of a 2-16-16-3 MLP: about 15 s of CPU.
	it('128 labels, 5 seeds: soft targets beat hard labels by ≥ 5 points and come within 2 of the teacher; at 1024 labels the gap is ≤ 2 points', { timeout: 300_000 }, async () => {
		const teacher = (await computeTeacher('wasm')).regions.accuracy;
		const few = await Promise.all(SEEDS.map((seed) => students(128, seed)));
		const hard = mean(few.map((r) => r.hard));
		const soft = mean(few.map((r) => r.soft));
		expect(soft - hard).toBeGreaterThanOrEqual(0.05);
		expect(soft).toBeGreaterThan(teacher - 0.02);
		const many = await Promise.all(SEEDS.map((seed) => students(1024, seed)));
		expect(Math.abs(mean(many.map((r) => r.soft)) - mean(many.map((r) => r.hard)))).toBeLessThanOrEqual(0.02);
	});
});
