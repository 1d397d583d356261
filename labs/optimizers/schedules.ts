/**
 * Figure 4's learning-rate schedules: the factor s(t) by which step t (counted from 1) scales
 * the base rate η, for a run of T steps with W warmup steps. Analytic: closed forms, no model.
 */
export const SCHEDULES = ['const', 'step', 'cosine', 'warmcos', 'onecycle'] as const;
export type ScheduleId = (typeof SCHEDULES)[number];
/** The runs figure 4 draws: the five schedules, and warmup then constant (beside `const`). */
export type ScheduleRunId = ScheduleId | 'warmconst';

export const SCHEDULE_LABELS: Record<ScheduleRunId, string> = {
	const: 'constant',
	step: 'step (×0.1 at T/2 and 3T/4)',
	cosine: 'cosine',
	warmcos: 'warmup + cosine',
	onecycle: 'one-cycle',
	warmconst: 'warmup, then constant'
};

/** One-cycle's shape, PyTorch's OneCycleLR defaults: peak at 30% of the run, from η/25 to η/(25·10⁴). */
export const ONE_CYCLE = { peakAt: 0.3, startDiv: 25, endDiv: 25e4 } as const;

/** ½(1 + cos πp): from 1 at p = 0 to 0 at p = 1. */
const cosineFall = (p: number) => 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, p))));

/** Linear warmup: step t of W runs at t/W of the rate, so step W is the first at the full rate. */
const ramp = (t: number, warmup: number) => (warmup > 0 && t < warmup ? t / warmup : 1);

/** The factor s(t) of step t = 1 … T. */
export function scheduleFactor(id: ScheduleRunId, t: number, steps: number, warmup: number): number {
	// Progress through the run at the start of step t: 0 for the first step.
	const p = (t - 1) / steps;
	switch (id) {
		case 'const':
			return 1;
		case 'step':
			return p < 0.5 ? 1 : p < 0.75 ? 0.1 : 0.01;
		case 'cosine':
			return cosineFall(p);
		case 'warmcos':
			if (t < warmup) return ramp(t, warmup);
			{
				// The peak is step W (step 1 without warmup), then the cosine over what is left.
				const peak = Math.max(warmup - 1, 0);
				return cosineFall((t - 1 - peak) / Math.max(1, steps - peak));
			}
		case 'warmconst':
			return ramp(t, warmup);
		case 'onecycle': {
			const lo = 1 / ONE_CYCLE.startDiv;
			const end = 1 / ONE_CYCLE.endDiv;
			if (p < ONE_CYCLE.peakAt) return lo + (1 - lo) * (1 - cosineFall(p / ONE_CYCLE.peakAt));
			return end + (1 - end) * cosineFall((p - ONE_CYCLE.peakAt) / (1 - ONE_CYCLE.peakAt));
		}
	}
}

/** Adam's rule of thumb for warmup (Ma & Yarats 2021): 2/(1 − β₂) steps, v's averaging horizon twice. */
export const adamWarmupSteps = (beta2: number) => 2 / (1 - beta2);
