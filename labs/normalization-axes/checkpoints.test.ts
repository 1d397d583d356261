/**
 * Every normalization-axes checkpoint: `solve` against the definitions written out here (which
 * axes each method pools over; a Monte-Carlo spread of batch means; per-method moments computed
 * with plain loops on a padded batch), and `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { createRng } from '$lib/random';
import { normalizationAxes, schema } from './lab';
import checkpoints, { batchMeanNoise, paddingLeak, sharedCells } from './checkpoints';

type State = ReturnType<typeof defaults<typeof schema>>;
const asked = (patch: Partial<State>): State => ({ ...defaults(schema), ...patch });
const grid = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);
const stream = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

/** Does slice (n, c) share statistics with (0, 0)? From what each method pools over. */
function sharesWithFirst(method: string, G: number, C: number, n: number, c: number): boolean {
	if (method === 'batch') return c === 0; // per channel, over samples and positions
	if (method === 'layer' || method === 'rms') return n === 0; // per sample
	if (method === 'instance') return n === 0 && c === 0; // per (sample, channel)
	return n === 0 && Math.floor(c / (C / G)) === 0; // per (sample, group of C/G channels)
}

describe('normalization-axes checkpoints', () => {
	it('one checkpoint per card, same ids', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(normalizationAxes.checkpoints.map((c) => c.id));
	});

	it('shared cells: solve selects exactly the slices the method pools with slice (1, 1)', async () => {
		for (const a of grid(5))
			for (const b of grid(2))
				for (const c of grid(2)) {
					const state = asked(sharedCells.settings(stream(a, b, c)));
					const want: string[] = [];
					for (let n = 0; n < state.batch; n++)
						for (let ch = 0; ch < state.channels; ch++) if (sharesWithFirst(state.method, state.groups, state.channels, n, ch)) want.push(`${n},${ch}`);
					const s = await sharedCells.solve(state, 'wasm');
					if (s.expected.kind !== 'cells') throw new Error('cells');
					expect([...s.expected.cells].sort()).toEqual(want.sort());
					const kind = sharedCells.answer(state);
					expect(isRight(kind, { kind: 'cells', cells: [...want].reverse() }, s.expected)).toBe(true);
					expect(isRight(kind, { kind: 'cells', cells: want.length > 1 ? want.slice(1) : ['0,0', '0,1'] }, s.expected)).toBe(false);
				}
	});

	it('batch-mean noise: solve’s fraction matches a Monte-Carlo spread of batch means', async () => {
		const rng = createRng(7);
		for (const a of grid(5)) {
			const state = asked(batchMeanNoise.settings(stream(a)));
			const B = state.batch;
			const draws = 20000;
			let sq = 0;
			for (let k = 0; k < draws; k++) {
				let m = 0;
				for (let i = 0; i < B; i++) m += rng.normal();
				sq += (m / B) ** 2;
			}
			const measured = Math.sqrt(sq / draws);
			const s = await batchMeanNoise.solve(state, 'wasm');
			if (s.expected.kind !== 'number') throw new Error('a number');
			expect(Math.abs(s.expected.value - measured) / measured).toBeLessThan(0.03);
			const kind = batchMeanNoise.answer(state);
			expect(isRight(kind, { kind: 'number', value: measured }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: 1 / B }, s.expected)).toBe(B === 1);
		}
	});

	it('padding: by plain loops, BatchNorm’s output for a real token moves with the padding and LayerNorm’s does not', async () => {
		// A padded batch [2 sequences, 6 real + pad tokens, 8 features], written out by hand.
		const make = (pad: number) => {
			const rng = createRng(3);
			const T = 6 + pad;
			const x: number[][][] = [0, 1].map(() => Array.from({ length: T }, (_, t) => Array.from({ length: 8 }, () => (t < 6 ? 1 + rng.normal() : 0))));
			return x;
		};
		const batchNormFirst = (x: number[][][]) =>
			x[0][0].map((v, d) => {
				const all = x.flatMap((seq) => seq.map((tok) => tok[d]));
				const mu = all.reduce((p, q) => p + q, 0) / all.length;
				const v2 = all.reduce((p, q) => p + (q - mu) ** 2, 0) / all.length;
				return (v - mu) / Math.sqrt(v2 + 1e-5);
			});
		const layerNormFirst = (x: number[][][]) => {
			const tok = x[0][0];
			const mu = tok.reduce((p, q) => p + q, 0) / tok.length;
			const v2 = tok.reduce((p, q) => p + (q - mu) ** 2, 0) / tok.length;
			return tok.map((v) => (v - mu) / Math.sqrt(v2 + 1e-5));
		};
		const diff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
		expect(diff(batchNormFirst(make(2)), batchNormFirst(make(10)))).toBeGreaterThan(0.1);
		expect(diff(layerNormFirst(make(2)), layerNormFirst(make(10)))).toBe(0);

		for (const a of grid(3)) {
			const state = asked(paddingLeak.settings(stream(a)));
			const s = await paddingLeak.solve(state, 'wasm');
			expect(s.expected).toEqual({ kind: 'choice', id: 'batch' });
			const kind = paddingLeak.answer(state);
			expect(isRight(kind, { kind: 'choice', id: 'batch' }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'choice', id: 'both' }, s.expected)).toBe(false);
		}
	});
});
