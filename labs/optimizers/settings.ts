/** From the URL state to what the model runs: the chosen optimizers, rates and start. */
import { OPTIMIZERS, type Hyper, type OptimizerId } from './optimizersList';
import { SURFACES, type SurfaceId } from './surfaces';

export interface RunState {
	surface: SurfaceId;
	kappa: number;
	rot: number;
	opts: string;
	lr: number;
	alr: number;
	beta: number;
	beta2: number;
	wd: number;
	noise: number;
	steps: number;
	start: string;
	seed: number;
	sched: string;
	warmup: number;
}

/** Why an `opts` value is unusable, or null. */
export function validateOpts(value: string): string | null {
	const names = value.split(',').map((s) => s.trim());
	const unknown = names.filter((n) => !(OPTIMIZERS as readonly string[]).includes(n));
	if (unknown.length) return `unknown optimizer “${unknown[0]}”; choose from ${OPTIMIZERS.join(', ')}`;
	if (new Set(names).size !== names.length) return 'an optimizer is named twice';
	return null;
}

export const parseOpts = (value: string): OptimizerId[] =>
	validateOpts(value) ? ['sgd'] : (value.split(',').map((s) => s.trim()) as OptimizerId[]);

/** How far out a start may be: every surface's plotted box lies inside ±START_LIMIT. */
export const START_LIMIT = 3;

/** Why a `start` value is unusable, or null; empty means the surface's own start. */
export function validateStart(value: string): string | null {
	if (value === '') return null;
	const parts = value.split(',');
	if (parts.length !== 2) return 'write the start as x,y';
	const nums = parts.map((p) => Number(p.trim()));
	if (parts.some((p) => p.trim() === '') || nums.some((n) => !Number.isFinite(n))) return 'x and y must be numbers';
	if (nums.some((n) => Math.abs(n) > START_LIMIT)) return `x and y must lie within ±${START_LIMIT}`;
	return null;
}

export function startOf(s: RunState): [number, number] {
	if (s.start === '' || validateStart(s.start)) return SURFACES[s.surface].start(s);
	const [x, y] = s.start.split(',').map((p) => Number(p.trim()));
	return [x, y];
}

/** The rates in force: 0 in the URL means the surface's own. */
export function hyperOf(s: RunState): Hyper {
	const info = SURFACES[s.surface];
	return {
		lr: s.lr > 0 ? s.lr : info.lr(s),
		alr: s.alr > 0 ? s.alr : info.alr,
		beta: s.beta,
		beta2: s.beta2,
		wd: s.wd
	};
}
