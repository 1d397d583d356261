/**
 * What a figure remembers across control changes, so before and after can be compared: the
 * series shown before the latest change (drawn as a faint "previous" ghost) and, when the
 * reader keeps the axis, the domain every series since then has needed (it only grows, so
 * magnitudes stay comparable). Pure: the runes wrapper is comparison.svelte.ts.
 *
 * A slider drag delivers many results in a burst; "previous" is the series that was on show
 * before the burst began, not the one a frame ago. A burst ends after `settleMs` without change.
 */
import { unionDomain } from './ranges';

export interface SeriesHistory<T> {
	/** The series on show now (null before the first). */
	current: T | null;
	/** The settled series before the latest change (null: none, or cleared). */
	previous: T | null;
	/** When the current series arrived, ms (any monotonic clock). */
	changedAt: number;
	/** The domain of the current series. */
	domain: [number, number] | null;
	/** Whether the reader keeps the axis. */
	keep: boolean;
	/** Keeping the axis: the union of the domains seen since it was kept (null: not kept, or no data yet). */
	kept: [number, number] | null;
}

export const SETTLE_MS = 500;

export function emptyHistory<T>(): SeriesHistory<T> {
	return { current: null, previous: null, changedAt: -Infinity, domain: null, keep: false, kept: null };
}

/**
 * Numbers this close (relative) are the same reading: a re-run of the same setting on another
 * backend (the prerendered numbers, then WebGPU's) must not leave a "previous" ghost behind.
 */
const SAME_RELATIVE = 1e-4;

/** Structural equality of plain data (numbers within SAME_RELATIVE, strings, arrays, typed arrays, plain objects). */
export function sameValues(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= SAME_RELATIVE * Math.max(Math.abs(a), Math.abs(b));
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (ArrayBuffer.isView(a) || Array.isArray(a)) {
		const x = a as ArrayLike<unknown>;
		const y = b as ArrayLike<unknown>;
		if (!(ArrayBuffer.isView(b) || Array.isArray(b)) || x.length !== y.length) return false;
		for (let i = 0; i < x.length; i++) if (!sameValues(x[i], y[i])) return false;
		return true;
	}
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	return ka.every((k) => sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A new series (and its axis domain) arrived at time `now`. Unchanged values change nothing. */
export function observe<T>(h: SeriesHistory<T>, series: T, domain: [number, number], now: number, settleMs = SETTLE_MS): SeriesHistory<T> {
	if (h.current !== null && sameValues(h.current, series)) {
		// Same values, but the domain may be new (the first observation after keeping, say).
		return h.keep && h.kept === null ? { ...h, kept: domain } : h;
	}
	// The first change after a quiet spell: what was on show becomes "previous".
	const settled = h.current !== null && now - h.changedAt >= settleMs;
	return {
		current: series,
		previous: settled ? h.current : h.previous,
		changedAt: now,
		domain,
		keep: h.keep,
		kept: h.keep ? unionDomain(h.kept, domain) : null
	};
}

/** Keep the axis from now on (starting from the current domain), or let it follow the data again. */
export function keepAxis<T>(h: SeriesHistory<T>, keep: boolean): SeriesHistory<T> {
	return { ...h, keep, kept: keep ? (h.kept ?? h.domain) : null };
}

/** Forget the previous series and re-base a kept axis on what is on show now. */
export function clearHistory<T>(h: SeriesHistory<T>): SeriesHistory<T> {
	return { ...h, previous: null, kept: h.keep ? h.domain : null };
}

/** The domain to draw with: the data's own, widened to the kept one when the axis is kept. */
export function axisDomain<T>(h: SeriesHistory<T>, domain: [number, number]): [number, number] {
	return h.kept ? unionDomain(h.kept, domain) : domain;
}
