/**
 * A marker the reader drags along a chart's x axis, asked for by something outside the chart (an
 * article's marker checkpoint, through its Figure). The Figure puts one slot in context; each Chart
 * inside it whose x axis is the one asked about draws the marker.
 */
import { createContext } from 'svelte';

export interface AxisMarker {
	readonly scale: 'linear' | 'log';
	/** The answer's range: the marker never leaves it, whatever the chart's domain. */
	readonly min: number;
	readonly max: number;
	/** Where the reader placed it; null until they do. */
	readonly value: number | null;
	/** True once the answer is committed: the marker stays, as "your answer", but no longer moves. */
	readonly locked: boolean;
	set(value: number): void;
}

export interface MarkerSlot {
	readonly marker: AxisMarker | null;
	/** True for the one chart that labels the marker (the first drawing it to ask): the others draw the line only. */
	labels(chartId: string): boolean;
}

const [readSlot, writeSlot, hasSlot] = createContext<MarkerSlot>();

/** For a Figure: one slot for the charts inside it, reading `marker` afresh each time. */
export function setMarkerSlot(marker: () => AxisMarker | null): MarkerSlot {
	let labeller: string | null = null;
	return writeSlot({
		get marker() {
			return marker();
		},
		labels(chartId) {
			labeller ??= chartId;
			return labeller === chartId;
		}
	});
}

/** For a Chart: reads the figure's marker, if it sits in a figure (null outside one). */
export function markerSlot(): MarkerSlot | null {
	return hasSlot() ? readSlot() : null;
}

/**
 * Whether a chart's x axis is the one the marker is asked on: the same kind of scale, spanning the
 * answer's range (a figure's charts that share that axis all show the marker; a chart of another
 * quantity, such as a fit over the input x beside a curve over model size, does not).
 */
export function axisFits(marker: AxisMarker, xType: string, domain: readonly unknown[]): boolean {
	if (xType !== marker.scale) return false;
	const [lo, hi] = domain as number[];
	const span = marker.scale === 'log' ? Math.log(marker.max / marker.min) : marker.max - marker.min;
	const gap = (a: number, b: number) => Math.abs(marker.scale === 'log' ? Math.log(a / b) : a - b);
	return gap(lo, marker.min) <= 0.02 * span && gap(hi, marker.max) <= 0.02 * span;
}
