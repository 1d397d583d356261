/**
 * Axis ticks: values and their labels for any scale the Chart makes.
 * Log scales get one tick per power of ten (thinned when there are many), labelled 10ⁿ;
 * linear scales use d3's ticks and tickFormat; band scales list their categories.
 */
import { superscript } from '$lib/format/superscript';
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

function logTicks(lo: number, hi: number, count: number): Tick[] {
	const k0 = Math.ceil(Math.log10(lo) - 1e-9);
	const k1 = Math.floor(Math.log10(hi) + 1e-9);
	if (k1 < k0) {
		// Less than a decade: fall back to a couple of plain values.
		return [lo, hi].map((v) => ({ value: v, label: v.toPrecision(2) }));
	}
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
