/** The parts of one GPU's memory, in the order figures stack them, with their names and colours. */
import { categorical, type LegendItem } from '$lib/viz';
import type { GpuBytes } from './summary';

export const SEGMENTS: readonly { key: keyof GpuBytes; label: string; color: string }[] = [
	{ key: 'params', label: 'parameters', color: categorical(0) },
	{ key: 'grads', label: 'gradients', color: categorical(1) },
	{ key: 'adam', label: 'Adam m and v', color: categorical(2) },
	{ key: 'master', label: 'fp32 master weights', color: categorical(3) },
	{ key: 'activations', label: 'activations kept', color: categorical(4) },
	{ key: 'workingSet', label: 'recompute working set', color: categorical(5) }
];

export const GB = 1e9;

/**
 * The segments a legend names for these bars: those some bar holds. The recompute working set is
 * zero unless recomputation is on, and fp32's bar has no master copy; a swatch for a part no bar
 * draws sends the reader looking for it.
 */
export const drawnSegments = (bars: readonly GpuBytes[]) => SEGMENTS.filter((seg) => bars.some((b) => b[seg.key] > 0));

/** Their legend entries: one box per drawn segment, in stacking order. */
export const segmentLegend = (bars: readonly GpuBytes[]): LegendItem[] =>
	drawnSegments(bars).map((seg) => ({ label: seg.label, color: seg.color, kind: 'box' }));

export const totalBytes = (b: GpuBytes) => SEGMENTS.reduce((sum, seg) => sum + b[seg.key], 0);
export const stateBytes = (b: GpuBytes) => b.params + b.grads + b.adam + b.master;

/** "105.5 GB": one decimal below 1000 GB, whole numbers above. */
export const gb = (bytes: number) => {
	const v = bytes / GB;
	return `${v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toPrecision(2)} GB`;
};
