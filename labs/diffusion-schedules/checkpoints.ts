/**
 * The diffusion-schedules checkpoints (cards in lab.ts). Every answer is read off the schedule the
 * figures draw (`makeSchedule`, schedules.ts) for the asked settings.
 */
import type { Checkpoint } from '$lib/practice/types';
import type { StateOf } from '$lib/state/schema';
import { formatNumber } from '$lib/format';
import type { DiffSchema } from './lab';
import { makeSchedule, type ScheduleKind } from './schedules';

type DiffState = StateOf<DiffSchema>;
type DiffCheckpoint = Checkpoint<DiffState>;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const NAMED: ScheduleKind[] = ['linear', 'cosine', 'sigmoid'];

/** The first step t at which ᾱ_t < level (T when it never does). */
export function firstBelow(alphaBar: ArrayLike<number>, level: number): number {
	for (let t = 0; t < alphaBar.length; t++) if (alphaBar[t] < level) return t;
	return alphaBar.length - 1;
}

export const onePercent: DiffCheckpoint = {
	id: 'one-percent',
	settings: (random) => {
		const schedule = pick(['linear', 'cosine'] as const, random);
		return { schedule, compare: schedule === 'linear' ? 'cosine' : 'linear', T: pick([250, 500, 1000], random) };
	},
	prompt: (s) => `${s.schedule === 'linear' ? 'Linear' : 'Cosine'} schedule, T = ${s.T}: at which step t does ᾱₜ, the share of the signal left, fall below 1%?`,
	answer: (s) => ({ kind: 'marker', figure: 'schedules', axis: 'x', scale: 'linear', tolerance: Math.round(0.05 * s.T), min: 0, max: s.T }),
	async solve(state) {
		const schedule = makeSchedule(state.schedule, state.T);
		const t = firstBelow(schedule.alphaBar, 0.01);
		const other = makeSchedule(state.compare, state.T);
		const tOther = firstBelow(other.alphaBar, 0.01);
		return {
			expected: { kind: 'marker', value: t },
			shown: `t = ${t} (${formatNumber((100 * t) / state.T, 2)}% of T)`,
			explanation:
				`ᾱ is ${formatNumber(schedule.alphaBar[t - 1])} at t = ${t - 1} and ${formatNumber(schedule.alphaBar[t])} at t = ${t}. ` +
				`The ${state.compare} schedule crosses 1% at t = ${tOther}: ` +
				(state.schedule === 'linear'
					? 'the linear schedule spends its last stretch of steps on almost pure noise, which is what the cosine schedule was designed to avoid.'
					: 'the cosine schedule keeps signal longer and reaches pure noise only near the end.')
		};
	}
};

export const signalAt: DiffCheckpoint = {
	id: 'signal-at',
	settings: (random) => {
		const schedule = pick(NAMED, random);
		const T = 1000;
		return { schedule, compare: schedule === 'linear' ? 'cosine' : 'linear', T, t: pick([250, 500, 750], random) };
	},
	prompt: (s) => `${s.schedule[0].toUpperCase()}${s.schedule.slice(1)} schedule, T = ${s.T}: what is ᾱₜ at t = ${s.t}?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.05 }),
	async solve(state) {
		const schedule = makeSchedule(state.schedule, state.T);
		const a = schedule.alphaBar[state.t];
		return {
			expected: { kind: 'number', value: a },
			shown: `ᾱ = ${formatNumber(a)}`,
			explanation:
				`At t = ${state.t} the ${state.schedule} schedule keeps ${formatNumber(100 * a, 2)}% of the signal's variance: ` +
				`xₜ = ${formatNumber(Math.sqrt(a))}·x₀ + ${formatNumber(Math.sqrt(1 - a))}·ε, a signal-to-noise ratio of ${formatNumber(a / (1 - a))}. ` +
				'ᾱₜ is the product of (1 − βₛ) over every step up to t.'
		};
	}
};

export const balance: DiffCheckpoint = {
	id: 'balance',
	settings: (random) => {
		const schedule = pick(NAMED, random);
		return { schedule, compare: schedule === 'linear' ? 'cosine' : 'linear', T: 1000 };
	},
	prompt: (s) =>
		`${s.schedule[0].toUpperCase()}${s.schedule.slice(1)} schedule, T = ${s.T}: at which step t are signal and noise equal (ᾱₜ = ½, log-SNR = 0)?`,
	answer: (s) => ({ kind: 'number', scale: 'linear', tolerance: Math.round(0.04 * s.T) }),
	async solve(state) {
		const schedule = makeSchedule(state.schedule, state.T);
		const t = firstBelow(schedule.alphaBar, 0.5);
		return {
			expected: { kind: 'number', value: t },
			shown: `t = ${t}`,
			explanation:
				`ᾱ drops through ½ between t = ${t - 1} (${formatNumber(schedule.alphaBar[t - 1])}) and t = ${t} (${formatNumber(schedule.alphaBar[t])}). ` +
				`Past that step each point xₜ = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε carries more noise than data, so the cloud in the figure has mostly lost its shape.`
		};
	}
};

const checkpoints: DiffCheckpoint[] = [onePercent, balance, signalAt];
export default checkpoints;
