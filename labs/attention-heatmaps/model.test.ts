/**
 * The attention-heatmaps lab: the shipped transformers (static/models/attention-<task>.onnx) run
 * on onnxruntime-web's WASM backend and checked against the spec's facts, computed here from
 * the files rather than recorded: held-out token accuracy ≥ 95%, attention rows sum to 1,
 * masked entries are 0, the model's attention equals softmax(q kᵀ/√d_k + M) of its own q and k,
 * and with positions and the mask off the pattern permutes with the tokens. Also the lab's pure
 * maths: tiled online softmax = full attention, the √d_k entropy fact, the KV-cache formula,
 * token validation, and a short training run that regenerates byte for byte.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as ort from 'onnxruntime-web';
import { createSession, runSession, type Results } from '../../tests/support/ort';
import { buildTransformerInference, maskValues, SHAPE, headDim } from './model';
import { answerSources, MAX_LEN, parseTokens, sequenceOf, TASKS, VOCAB, type Task } from './tasks';
import { encodeExamples, heldOutInputs, tokenAccuracy, TRAINING } from './training';
import { fullAttention, maxAbsDiff, tiledAttention } from './flash';
import { scaleStats } from './scaleStats';
import { kvCacheBytes, sparseAllowed, sparsePairs, usableKvHeads } from './costs';
import { shufflePermutation } from './shuffle';
import { createRng } from '$lib/random';
import { parseState, serializeState } from '$lib/state/schema';
import { schema } from './lab';
import { attentionRecipe } from '../../scripts/train/attentionTasks';
import { trainRecipe } from '../../scripts/train/run';

const shipped = (task: Task) => new Uint8Array(readFileSync(new URL(`../../static/models/attention-${task}.onnx`, import.meta.url)));

function feeds(rows: number[][], opts: { causal?: boolean; pos?: boolean; length?: number } = {}) {
	const n = rows[0].length;
	return {
		tokens: { data: Float32Array.from(rows.flat()), dims: [rows.length, n] },
		positions: { data: Float32Array.from({ length: n }, (_, i) => i), dims: [n] },
		mask: { data: maskValues(n, opts.causal ?? true, opts.length ?? n), dims: [n, n] },
		pos_scale: { data: Float32Array.of(opts.pos === false ? 0 : 1), dims: [1] }
	};
}

/** attn{l}[b, h, i, :] as a plain array. */
function attnRow(out: Results, l: number, b: number, h: number, i: number): number[] {
	const [, heads, n] = out[`attn${l}`].dims as number[];
	const start = ((b * heads + h) * n + i) * n;
	return Array.from(out[`attn${l}`].data.subarray(start, start + n));
}

function vectors(out: Results, name: string, b: number, h: number): number[][] {
	const [, heads, n, d] = out[name].dims as number[];
	return Array.from({ length: n }, (_, i) => Array.from(out[name].data.subarray(((b * heads + h) * n + i) * d, ((b * heads + h) * n + i + 1) * d)));
}

describe('the shipped attention models', () => {
	for (const task of TASKS) {
		test(`${task}: ≥ 95% token accuracy on held-out sequences`, async () => {
			const inputs = heldOutInputs(task, TRAINING.heldOutCount, TRAINING.heldOutSeed, TRAINING.examples, TRAINING.seed);
			expect(inputs.length).toBeGreaterThan(500);
			const { tokens } = encodeExamples(task, inputs);
			const session = await createSession(shipped(task));
			const out = await runSession(session, {
				...feeds([Array.from({ length: MAX_LEN }, () => 0)]),
				tokens: { data: Float32Array.from(tokens, Number), dims: [inputs.length, MAX_LEN] }
			});
			const accuracy = tokenAccuracy(task, inputs, out.logits.data, VOCAB);
			console.log(`${task}: held-out token accuracy ${accuracy.toFixed(4)} on ${inputs.length} inputs`);
			expect(accuracy).toBeGreaterThanOrEqual(0.95);
		});
	}

	test('every attention row sums to 1 (1e-5), masked entries are exactly 0, causal and padded', async () => {
		const session = await createSession(shipped('copy'));
		const rng = createRng(3);
		const rows = Array.from({ length: 4 }, () => Array.from({ length: MAX_LEN }, () => Math.floor(rng.uniform() * VOCAB)));
		for (const opts of [{ causal: true }, { causal: false }, { causal: false, length: 9 }, { causal: true, pos: false }]) {
			const out = await runSession(session, feeds(rows, opts));
			for (let l = 0; l < SHAPE.layers; l++)
				for (let b = 0; b < rows.length; b++)
					for (let h = 0; h < SHAPE.heads; h++)
						for (let i = 0; i < MAX_LEN; i++) {
							const row = attnRow(out, l, b, h, i);
							expect(Math.abs(row.reduce((a, x) => a + x, 0) - 1)).toBeLessThanOrEqual(1e-5);
							row.forEach((w, j) => {
								const masked = (opts.causal && j > i) || j >= (opts.length ?? MAX_LEN);
								if (masked) expect(w).toBe(0);
								else expect(w).toBeGreaterThanOrEqual(0);
							});
						}
		}
	});

	test("the model's attention is softmax(q kᵀ/√d_k + M) of its own q and k; tiled = full on its q, k, v", async () => {
		const session = await createSession(shipped('reverse'));
		const seq = sequenceOf('reverse', [3, 1, 4, 1, 5, 9]);
		const out = await runSession(session, feeds([seq]));
		for (let l = 0; l < SHAPE.layers; l++)
			for (let h = 0; h < SHAPE.heads; h++) {
				const q = vectors(out, `q${l}`, 0, h);
				const k = vectors(out, `k${l}`, 0, h);
				const v = vectors(out, `v${l}`, 0, h);
				const causal = (i: number, j: number) => j > i;
				const ref = fullAttention(q, k, v, 1 / Math.sqrt(headDim(SHAPE)), causal);
				const model = q.map((_, i) => attnRow(out, l, 0, h, i));
				expect(maxAbsDiff(ref.weights, model)).toBeLessThan(1e-5);
				const tiled = tiledAttention(q, k, v, 1 / Math.sqrt(headDim(SHAPE)), 4, causal);
				expect(maxAbsDiff(tiled.out, ref.out)).toBeLessThanOrEqual(1e-5);
			}
	});

	test('with positions and the mask off, the pattern permutes with the tokens', async () => {
		const session = await createSession(shipped('sort'));
		const seq = sequenceOf('sort', [7, 2, 9, 4, 0]);
		const perm = shufflePermutation(seq.length);
		const out = await runSession(session, feeds([seq, perm.map((p) => seq[p])], { causal: false, pos: false }));
		let worst = 0;
		for (let l = 0; l < SHAPE.layers; l++)
			for (let h = 0; h < SHAPE.heads; h++)
				perm.forEach((pi, i) => {
					const shuffledRow = attnRow(out, l, 1, h, i);
					const originalRow = attnRow(out, l, 0, h, pi);
					perm.forEach((pj, j) => (worst = Math.max(worst, Math.abs(shuffledRow[j] - originalRow[pj]))));
				});
		expect(worst).toBeLessThan(1e-5);
		// With positions on, it does not.
		const withPos = await runSession(session, feeds([seq, perm.map((p) => seq[p])], { causal: false, pos: true }));
		expect(Math.abs(attnRow(withPos, 0, 1, 0, 0)[0] - attnRow(withPos, 0, 0, 0, perm[0])[perm[0]])).toBeGreaterThan(0);
	});

	test("the shipped file outputs the logits and every layer's attention, q, k and v", async () => {
		const bytes = shipped('copy');
		const session = await ort.InferenceSession.create(bytes);
		expect(session.outputNames).toEqual(['logits', 'attn0', 'q0', 'k0', 'v0', 'attn1', 'q1', 'k1', 'v1']);
		await session.release();
	});
});

describe('training reproducibility', () => {
	test('a short run of the copy recipe regenerates byte for byte', async () => {
		const recipe = attentionRecipe('copy')();
		const a = await trainRecipe(ort, recipe, { steps: 15 });
		const b = await trainRecipe(ort, recipe, { steps: 15 });
		expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
		expect(a.losses[a.losses.length - 1].loss).toBeLessThan(a.losses[0].loss);
		// and the inference graph builds from those weights
		expect(buildTransformerInference(SHAPE, a.weights).length).toBe(a.bytes.length);
	}, 60_000);
});

describe('the lab maths', () => {
	test('tiled online softmax equals full attention (≤ 1e-5) for every tile size, with and without a mask', () => {
		const rng = createRng(11);
		const mat = (r: number, c: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.normal() * 2));
		const [q, k, v] = [mat(13, 8), mat(13, 8), mat(13, 5)];
		for (const tile of [1, 2, 3, 4, 8, 13, 20])
			for (const masked of [undefined, (i: number, j: number) => j > i]) {
				const full = fullAttention(q, k, v, 0.35, masked);
				const tiled = tiledAttention(q, k, v, 0.35, tile, masked);
				expect(maxAbsDiff(full.out, tiled.out)).toBeLessThanOrEqual(1e-5);
				expect(tiled.states.length).toBe(Math.ceil(13 / tile));
			}
	});

	test('without scaling, mean softmax entropy at d = 512 is far below the scaled case', () => {
		const scaled = scaleStats(512, true);
		const unscaled = scaleStats(512, false);
		expect(scaled.std).toBeGreaterThan(0.85);
		expect(scaled.std).toBeLessThan(1.15);
		expect(unscaled.std).toBeGreaterThan(0.85 * Math.sqrt(512));
		expect(unscaled.entropy).toBeLessThan(0.25 * scaled.entropy);
		expect(unscaled.jacobian).toBeLessThan(scaled.jacobian);
	});

	test('KV cache = 2 · layers · kv_heads · head_dim · seq · batch · bytes', () => {
		// 32 layers, 32 heads of 128, 32k tokens, fp16: MHA 16 GiB, GQA(8) 4 GiB, MQA 0.5 GiB.
		const base = { layers: 32, headDim: 128, seq: 32768, batch: 1, bytes: 2 };
		expect(kvCacheBytes({ ...base, kvHeads: 32 })).toBe(16 * 1024 ** 3);
		expect(kvCacheBytes({ ...base, kvHeads: 8 })).toBe(4 * 1024 ** 3);
		expect(kvCacheBytes({ ...base, kvHeads: 1 })).toBe(0.5 * 1024 ** 3);
		expect(usableKvHeads(12, 5)).toBe(4);
		expect(usableKvHeads(32, 8)).toBe(8);
	});

	test('sparse pattern costs count their allowed pairs', () => {
		for (const kind of ['window', 'dilated', 'global'] as const)
			for (const n of [1, 5, 16, 40]) {
				let count = 0;
				for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (sparseAllowed(kind, i, j)) count++;
				expect(sparsePairs(kind, n), `${kind} n=${n}`).toBe(count);
			}
	});

	test('typed tokens are checked against the vocabulary and the trained lengths', () => {
		expect(parseTokens('5829314')).toEqual({ ok: true, x: [5, 8, 2, 9, 3, 1, 4] });
		expect(parseTokens('1 2, 3')).toEqual({ ok: true, x: [1, 2, 3] });
		expect(parseTokens('12a4')).toMatchObject({ ok: false, message: expect.stringContaining('“a”') });
		expect(parseTokens('12')).toMatchObject({ ok: false, message: expect.stringContaining('3 to 7') });
		expect(parseTokens('12345678')).toMatchObject({ ok: false });
	});

	test('the URL: tokens round-trip; bad tokens, tasks and sizes fall back with a note', () => {
		const good = parseState(schema, new URLSearchParams('tokens=97531&task=sort&kvHeads=8'));
		expect(good.notes).toEqual([]);
		expect(good.state).toMatchObject({ tokens: '97531', task: 'sort', kvHeads: 8 });
		expect(serializeState(schema, good.state).toString()).toBe('task=sort&tokens=97531&kvHeads=8');
		const bad = parseState(schema, new URLSearchParams('tokens=12a&task=banana&dk=7&n=abc'));
		expect(bad.state).toMatchObject({ tokens: '5829314', task: 'copy', dk: '64', n: '1024' });
		expect(bad.notes).toHaveLength(4);
		expect(bad.notes[1]).toMatch(/tokens=12a.*vocabulary/);
	});

	test('the source of each answer token: copy i, reverse k−1−i, sort the index of the i-th smallest', () => {
		expect(answerSources('copy', [7, 2, 9])).toEqual([0, 1, 2]);
		expect(answerSources('reverse', [7, 2, 9])).toEqual([2, 1, 0]);
		expect(answerSources('sort', [7, 2, 9])).toEqual([1, 0, 2]);
	});
});
