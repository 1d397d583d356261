/**
 * Words, colours and tables for the fit figure: the names of the step's parts, a layout as "d × t × p",
 * the sentence a screen reader hears and the ranked layouts as data. Pure: reads plans, computes
 * nothing new.
 */
import { categorical, themeColor } from '$lib/viz/palette';
import { formatNumber } from '$lib/format';
import type { Layout, Plan, StageBytes, StepSplit } from './planner';
import { gb, totalBytes } from './segments';
import { percent, timeUnit } from './timelineSummary';

export const STEP_LABEL: Record<keyof StepSplit, string> = {
	compute: 'compute',
	recompute: 'recompute',
	bubble: 'pipeline bubble',
	comm: 'exposed communication',
	stall: 'data stall'
};

export const STEP_COLOR: Record<keyof StepSplit, string> = {
	compute: categorical(0),
	recompute: categorical(5),
	// Idle, not work: the grey the charts use for what is not data.
	bubble: themeColor.muted,
	comm: categorical(4),
	stall: categorical(6)
};

export const layoutName = ({ d, t, p }: Layout) => `d ${d} × t ${t} × p ${p}`;
export const stageName = (st: Pick<StageBytes, 'first' | 'last'>) => (st.first === st.last ? `${st.first}` : `${st.first}–${st.last}`);

/** Seconds in the unit that keeps them between 1 and 1000. */
export function duration(seconds: number): string {
	const unit = timeUnit(seconds);
	return `${formatNumber(seconds * unit.scale, 3)} ${unit.label}`;
}

export function fitSummary(plan: Plan, capacity: number): string {
	const { layout, step, stepTime } = plan;
	const fullest = plan.stages.reduce((a, b) => (totalBytes(b) > totalBytes(a) ? b : a));
	const parts = (Object.keys(STEP_LABEL) as (keyof StepSplit)[])
		.filter((k) => step[k] > 0)
		.map((k) => `${STEP_LABEL[k]} ${percent(step[k] / stepTime)}`);
	return (
		`${layoutName(layout)} on ${layout.d * layout.t * layout.p} GPUs, ${plan.m} micro-batches per pipeline: ` +
		`the fullest GPU (stage ${stageName(fullest)}) holds ${gb(plan.peakBytes)}, which ${plan.fits ? 'fits in' : 'does not fit in'} ${gb(capacity)}. ` +
		`One step takes ${duration(stepTime)}: ${parts.join(', ')}. MFU ${percent(plan.mfu)}, HFU ${percent(plan.hfu)}.`
	);
}

/** The ranked layouts as the figure's data (CSV export). */
export function rankingTable(plans: readonly Plan[]): { columns: string[]; rows: (string | number)[][] } {
	return {
		columns: ['rank', 'd', 't', 'p', 'micro-batches', 'step (s)', 'MFU (%)', 'fullest GPU (GB)'],
		rows: plans.map((pl, i) => [i + 1, pl.layout.d, pl.layout.t, pl.layout.p, pl.m, pl.stepTime, 100 * pl.mfu, pl.peakBytes / 1e9])
	};
}
