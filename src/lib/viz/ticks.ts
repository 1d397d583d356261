/**
 * Axis ticks: values and their labels for any scale the Chart makes.
 * Log scales get one tick per power of ten (thinned when there are many), labelled 10ⁿ; a log
 * range too narrow for three decades gets 1-3, 1-2-5 or 1…9 steps inside the decades instead,
 * labelled plainly, so it still reads with at least three labels.
 * Linear scales use d3's ticks and tickFormat; band scales list their categories.
 */
import { ticks as linearTicks } from 'd3';
import { superscript } from '$lib/format/superscript';
import { formatNumber } from '$lib/format/number';
import type { AnyScale } from './scales';
import { isBand, place } from './scales';

export interface Tick {
	value: number | string;
	label: string;
}

/** 10^k as text with a superscript exponent, e.g. "10⁻⁶" (plain text: works in SVG, CSV, titles). */
export function pow10Label(k: number): string {
	if (k === 0) return '1';
	if (k === 1) return '10';
	return '10' + superscript(k);
}

/** Fewer labels than this and a reader cannot tell the axis's scale. */
const MIN_LOG_TICKS = 3;

/** Mantissa sets tried, coarsest first, when whole decades give too few ticks. */
const SUBDECADE_STEPS = [[1, 3], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

/** A value with as few significant digits as it needs (up to 3): 0.3, 2, 5×10⁻⁵, 1.5. */
function shortLabel(v: number): string {
	for (let digits = 1; digits < 3; digits++) {
		if (Math.abs(Number(v.toPrecision(digits)) - v) <= Math.abs(v) * 1e-9) return formatNumber(v, digits);
	}
	return formatNumber(v, 3);
}

/** m·10ᵏ for every mantissa m and every decade k that falls inside [lo, hi]. */
function subdecadeValues(lo: number, hi: number, mantissas: number[]): number[] {
	const out: number[] = [];
	for (let k = Math.floor(Math.log10(lo)); k <= Math.floor(Math.log10(hi)); k++) {
		for (const m of mantissas) {
			// Rounded so 3 × 10⁻¹ is 0.3, not 0.30000000000000004.
			const v = Number((m * 10 ** k).toPrecision(12));
			if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
		}
	}
	return out;
}

/** A log range spanning fewer than three decade ticks: finer steps, or plain linear ticks. */
function narrowLogTicks(lo: number, hi: number, count: number): Tick[] {
	for (const mantissas of SUBDECADE_STEPS) {
		const values = subdecadeValues(lo, hi, mantissas);
		if (values.length >= MIN_LOG_TICKS) return values.map((v) => ({ value: v, label: shortLabel(v) }));
	}
	// Inside a single step of 1…9 (e.g. 1.1 to 1.9): evenly spaced values read fine on a log axis.
	const values = linearTicks(lo, hi, Math.max(MIN_LOG_TICKS, count)).filter((v) => v > 0);
	return values.map((v) => ({ value: v, label: shortLabel(v) }));
}

function logTicks(lo: number, hi: number, count: number): Tick[] {
	const k0 = Math.ceil(Math.log10(lo) - 1e-9);
	const k1 = Math.floor(Math.log10(hi) + 1e-9);
	if (k1 - k0 + 1 < MIN_LOG_TICKS) return narrowLogTicks(lo, hi, count);
	// Thin to about `count` labels, always keeping whole-decade steps.
	const every = Math.max(1, Math.ceil((k1 - k0 + 1) / Math.max(2, count)));
	const out: Tick[] = [];
	for (let k = k0; k <= k1; k++) {
		if ((k - k0) % every === 0) out.push({ value: 10 ** k, label: pow10Label(k) });
	}
	return out;
}

/**
 * Tick values and labels for `scale`, aiming at about `count` ticks.
 * `format` overrides the label text (it receives the tick value).
 */
export function scaleTicks(scale: AnyScale, count: number, format?: (v: number | string) => string): Tick[] {
	let ticks: Tick[];
	if (isBand(scale)) {
		const domain = scale.domain();
		// Too many categories for the room: label every k-th.
		const every = Math.max(1, Math.ceil(domain.length / Math.max(1, count)));
		ticks = domain.filter((_, i) => i % every === 0).map((d) => ({ value: d, label: d }));
	} else if ('base' in scale) {
		const [a, b] = scale.domain();
		ticks = logTicks(Math.min(a, b), Math.max(a, b), count);
	} else {
		const fmt = scale.tickFormat(count);
		ticks = scale.ticks(count).map((v) => ({ value: v, label: fmt(v) }));
	}
	return format ? ticks.map((t) => ({ value: t.value, label: format(t.value) })) : ticks;
}

/** `scaleTicks` with each tick's pixel position on the scale; ticks that fall off it are dropped. */
export function placedTicks(scale: AnyScale, count: number, format?: (v: number | string) => string): (Tick & { px: number })[] {
	return scaleTicks(scale, count, format)
		.map((t) => ({ ...t, px: place(scale, t.value) }))
		.filter((t) => Number.isFinite(t.px));
}
