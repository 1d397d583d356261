/**
 * Channels, as in Observable Plot: a mark's `x`, `y` (and `y0`, `color`) may be a column
 * (one value per datum: an array or typed array), an accessor `(d, i) => value`, or the name
 * of a field of the datum. With no `data`, the columns themselves say how many points there are,
 * so a figure passes `y={variances}` instead of mapping an array into `{x, y}` objects.
 */
import type { ChartContext } from './context';
import { place } from './scales';
import type { Datum, Value } from './types';

export type Accessor<D, V> = (d: D, i: number) => V;
/** Names of D's fields that hold a V (none when D is a bare number). */
export type FieldOf<D, V> = D extends object ? { [K in keyof D]-?: D[K] extends V | undefined ? K : never }[keyof D] & string : never;
export type Channel<D, V> = ArrayLike<V> | Accessor<D, V> | FieldOf<D, V>;

/** The channels a point-like mark reads; each defaults to the same-named field of a `Datum`. */
export interface PointChannels<D> {
	data?: readonly D[];
	x?: Channel<D, Value>;
	y?: Channel<D, number>;
	y0?: Channel<D, number>;
}

/** One resolved point: a Datum, plus the index of its source datum. */
export interface Resolved extends Datum {
	i: number;
}

function isColumn<V>(channel: unknown): channel is ArrayLike<V> {
	return typeof channel === 'object' && channel !== null && 'length' in channel;
}

/** How many points the channels describe: the data's length, else the longest column. */
export function channelLength(data: readonly unknown[] | undefined, ...channels: unknown[]): number {
	if (data) return data.length;
	return Math.max(0, ...channels.filter(isColumn).map((c) => c.length));
}

/** The value of one channel for datum i; `field` names the Datum field read when the channel is absent. */
export function valueAt<D, V>(channel: Channel<D, V> | undefined, data: readonly D[] | undefined, i: number, field: keyof Datum): V | undefined {
	const d = data?.[i] as D;
	if (channel === undefined) {
		if (d !== null && typeof d === 'object') return (d as Record<string, unknown>)[field] as V | undefined;
		// A bare column of numbers as data: its values are y, their index is x.
		if (field === 'y' && typeof d === 'number') return d as V;
		if (field === 'x') return i as V;
		return undefined;
	}
	if (typeof channel === 'function') return (channel as Accessor<D, V>)(d, i);
	if (isColumn<V>(channel)) return channel[i];
	return (d as Record<string, unknown>)?.[channel as string] as V | undefined;
}

/** Every point the channels describe, in data coordinates (unplaceable values are kept: marks decide). */
export function resolvePoints<D>(
	{ data, x, y, y0 }: PointChannels<D>,
	color?: string | Accessor<D, string | undefined>
): Resolved[] {
	const n = channelLength(data, x, y, y0);
	const out: Resolved[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const own = typeof color === 'function' ? color(data?.[i] as D, i) : undefined;
		out[i] = {
			i,
			x: valueAt(x, data, i, 'x') ?? NaN,
			y: valueAt(y, data, i, 'y') ?? NaN,
			y0: valueAt(y0, data, i, 'y0'),
			color: own ?? valueAt<D, string>(undefined, data, i, 'color')
		};
	}
	return out;
}

/** A resolved point in the chart's pixel coordinates. */
export interface Placed extends Resolved {
	px: number;
	py: number;
}

/** Points placed through the chart's scales; points that land nowhere (NaN, ≤ 0 on a log axis) are dropped. */
export function placePoints(ctx: ChartContext, points: readonly Resolved[]): Placed[] {
	return points
		.map((p) => ({ ...p, px: place(ctx.xScale, p.x), py: place(ctx.yScale, p.y) }))
		.filter((p) => Number.isFinite(p.px) && Number.isFinite(p.py));
}

/** The x and y columns of a flat [x₀, y₀, x₁, y₁, …] array (n 2-D points, as a [n, 2] tensor holds them). */
export function interleaved(flat: ArrayLike<number> | null | undefined): { x: number[]; y: number[] } {
	const x: number[] = [];
	const y: number[] = [];
	if (flat) {
		for (let i = 0; i + 1 < flat.length; i += 2) {
			x.push(flat[i]);
			y.push(flat[i + 1]);
		}
	}
	return { x, y };
}
