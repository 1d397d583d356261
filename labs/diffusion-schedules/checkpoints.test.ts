/**
 * Every diffusion-schedules checkpoint: `solve` against ᾱ written out from the schedules'
 * definitions here (the DDPM linear βs multiplied out, the cosine and sigmoid closed forms), and
 * `isRight` on a right and a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { isRight } from '$lib/practice/types';
import { diffusionSchedules, schema } from './lab';
import checkpoints, { balance, onePercent, signalAt } from './checkpoints';

type State = ReturnType<typeof defaults<typeof schema>>;
const asked = (patch: Partial<State>): State => ({ ...defaults(schema), ...patch });

/** ᾱ_t from the definitions: Ho et al.'s βs (1e-4 … 0.02 over 1000 steps, rescaled to T), Nichol & Dhariwal's cosine, the sigmoid (−3 … 3, τ = 1). */
function alphaBar(kind: string, T: number, t: number): number {
	if (kind === 'linear') {
		let a = 1;
		for (let s = 1; s <= t; s++) a *= 1 - (1000 / T) * (1e-4 + ((0.02 - 1e-4) * (s - 1)) / (T - 1));
		return a;
	}
	if (kind === 'cosine') {
		const f = (u: number) => Math.cos(((u + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
		return f(t / T) / f(0);
	}
	const sig = (x: number) => 1 / (1 + Math.exp(-x));
	const v = (u: number) => sig(-3 + 6 * u);
	return (sig(3) - v(t / T)) / (sig(3) - sig(-3));
}
const firstBelow = (kind: string, T: number, level: number) => {
	let t = 0;
	while (t < T && alphaBar(kind, T, t) >= level) t++;
	return t;
};

const grid = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);
const stream = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

describe('diffusion-schedules checkpoints', () => {
	it('one checkpoint per card, same ids', () => {
		expect(checkpoints.map((c) => c.id)).toEqual(diffusionSchedules.checkpoints.map((c) => c.id));
	});

	it('ᾱ falls below 1%: solve matches the schedules written out, for every draw', async () => {
		for (const a of grid(2))
			for (const b of grid(3)) {
				const state = asked(onePercent.settings(stream(a, b)));
				const t = firstBelow(state.schedule, state.T, 0.01);
				const s = await onePercent.solve(state, 'wasm');
				expect(s.expected).toEqual({ kind: 'marker', value: t });
				const kind = onePercent.answer(state);
				expect(isRight(kind, { kind: 'marker', value: t + 0.04 * state.T }, s.expected)).toBe(true);
				expect(isRight(kind, { kind: 'marker', value: t - 0.2 * state.T }, s.expected)).toBe(false);
			}
		// The spec's landmark: the linear schedule at T = 1000 keeps ᾱ_T ≈ 4e-5, so it crosses 1% well before the end.
		expect(alphaBar('linear', 1000, 1000)).toBeCloseTo(4e-5, 5);
	});

	it('ᾱ at t: solve matches the closed forms', async () => {
		for (const a of grid(3))
			for (const b of grid(3)) {
				const state = asked(signalAt.settings(stream(a, b)));
				const expected = alphaBar(state.schedule, state.T, state.t);
				const s = await signalAt.solve(state, 'wasm');
				if (s.expected.kind !== 'number') throw new Error('a number');
				expect(s.expected.value).toBeCloseTo(expected, 6);
				const kind = signalAt.answer(state);
				expect(isRight(kind, { kind: 'number', value: expected + 0.03 }, s.expected)).toBe(true);
				expect(isRight(kind, { kind: 'number', value: expected + 0.2 }, s.expected)).toBe(false);
			}
	});

	it('signal and noise equal: solve matches the closed forms', async () => {
		for (const a of grid(3)) {
			const state = asked(balance.settings(stream(a)));
			const t = firstBelow(state.schedule, state.T, 0.5);
			const s = await balance.solve(state, 'wasm');
			expect(s.expected).toEqual({ kind: 'number', value: t });
			const kind = balance.answer(state);
			expect(isRight(kind, { kind: 'number', value: t - 30 }, s.expected)).toBe(true);
			expect(isRight(kind, { kind: 'number', value: t + 150 }, s.expected)).toBe(false);
		}
	});
});
