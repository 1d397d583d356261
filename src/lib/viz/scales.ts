/**
 * Scale construction and lookup shared by every layer, so no layer re-implements
 * "where does this datum go" (band centre vs continuous position, log of non-positive values).
 */
import { scaleBand, scaleLinear, scaleLog, type ScaleBand, type ScaleLinear, type ScaleLogarithmic } from 'd3';

export type ContinuousType = 'linear' | 'log';
export type ScaleType = ContinuousType | 'band';

export type ContinuousScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;
export type BandScale = ScaleBand<string>;
export type AnyScale = ContinuousScale | BandScale;

/**
 * Decimals kept in the coordinates of generated paths: a hundredth of a pixel is below anything a
 * screen shows, and d3 otherwise writes 15 significant digits, which made path data half of a
 * prerendered page's HTML (300 of 640 kB in the vanishing-gradients lab).
 */
export const PATH_DIGITS = 2;

/** A domain: [min, max] for continuous scales, the category names for a band scale. */
export type Domain = [number, number] | readonly string[];

export interface ScaleOptions {
	/** Round a continuous domain outwards to nice values. */
	nice?: boolean;
	/** Inner/outer padding of a band scale, 0..1. */
	padding?: number;
}

export function isBand(scale: AnyScale): scale is BandScale {
	return 'bandwidth' in scale;
}

/** Builds a d3 scale of the given type. */
export function makeScale(type: ScaleType, domain: Domain, range: [number, number], opts: ScaleOptions = {}): AnyScale {
	if (type === 'band') {
		return scaleBand<string>()
			.domain(domain.map(String))
			.range(range)
			.padding(opts.padding ?? 0.2);
	}
	return makeContinuousScale(type, domain as [number, number], range, opts);
}

/** A linear or log scale; a log scale gets a positive domain whatever it is given. */
export function makeContinuousScale(
	type: ContinuousType,
	domain: [number, number],
	range: [number, number],
	opts: ScaleOptions = {}
): ContinuousScale {
	let [d0, d1] = domain;
	if (type === 'log') {
		// log(0) is -Infinity: keep the domain strictly positive rather than drawing nothing.
		if (!(d0 > 0)) d0 = d1 > 0 ? d1 / 1e6 : 1e-12;
		if (!(d1 > d0)) d1 = d0 * 10;
		const s = scaleLog().domain([d0, d1]).range(range);
		return opts.nice ? s.nice() : s;
	}
	if (!Number.isFinite(d0) || !Number.isFinite(d1)) [d0, d1] = [0, 1];
	if (d0 === d1) {
		// A flat series still deserves an axis.
		d0 -= 1;
		d1 += 1;
	}
	const s = scaleLinear().domain([d0, d1]).range(range);
	return opts.nice ? s.nice() : s;
}

/** Pixel position of a datum: the centre of its band, or the continuous mapping. NaN when unplaceable. */
export function place(scale: AnyScale, value: number | string): number {
	if (isBand(scale)) {
		const p = scale(String(value));
		return p === undefined ? NaN : p + scale.bandwidth() / 2;
	}
	const v = typeof value === 'number' ? value : Number(value);
	const p = scale(v);
	return p === undefined || !Number.isFinite(p) ? NaN : p;
}

const PER_PIXEL = 10 ** PATH_DIGITS;

/**
 * A pixel coordinate to PATH_DIGITS decimals, as paths write theirs, for marks written as
 * attributes (points, ticks): a scale's full float ("193.34587633609772") carries nothing a
 * screen shows, and thousands of points wrote their coordinates that way into the prerendered pages.
 */
export function pixel(v: number): number {
	return Math.round(v * PER_PIXEL) / PER_PIXEL;
}

/** Where a bar or area rests: 0 when it is inside the domain, else the nearest domain end. */
export function baseline(scale: ContinuousScale): number {
	const [a, b] = scale.domain();
	const lo = Math.min(a, b);
	const hi = Math.max(a, b);
	const isLog = 'base' in scale;
	const v = isLog ? lo : Math.min(Math.max(0, lo), hi);
	return scale(v) ?? 0;
}
