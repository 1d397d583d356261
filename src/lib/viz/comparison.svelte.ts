/**
 * A figure's memory across control changes (history.ts, made reactive): the "previous" series
 * it draws as a ghost, and the "keep axis" choice. Local to the figure that creates it; nothing
 * goes into the URL. Feed it from an effect: `$effect(() => cmp.observe(series, domain))`, and
 * draw with `cmp.domain(domain)`.
 */
import { untrack } from 'svelte';
import { themeColor } from './palette';
import type { LegendItem } from './types';
import { axisDomain, clearHistory, emptyHistory, keepAxis, observe, SETTLE_MS, type SeriesHistory } from './history';

/** The legend entry for ghosts drawn with `GhostLine`: faint, dashed, "previous". */
export const previousLegendItem: LegendItem = { label: 'previous', color: themeColor.muted, kind: 'line', dash: '5 4' };

/** What the figure frame's "keep axis" and "clear previous" controls need. */
export interface ComparisonControls {
	keep: boolean;
	readonly hasPrevious: boolean;
	clear(): void;
}

export class Comparison<T> implements ComparisonControls {
	#h = $state.raw<SeriesHistory<T>>(emptyHistory());
	readonly #settleMs: number;
	readonly #now: () => number;

	constructor(options: { settleMs?: number; now?: () => number } = {}) {
		this.#settleMs = options.settleMs ?? SETTLE_MS;
		this.#now = options.now ?? (() => performance.now());
	}

	/** The series on show before the latest change, or null. */
	get previous(): T | null {
		return this.#h.previous;
	}

	/** The series observed last (a figure still streaming new numbers may ghost this instead). */
	get current(): T | null {
		return this.#h.current;
	}

	get hasPrevious(): boolean {
		return this.#h.previous !== null;
	}

	get keep(): boolean {
		return this.#h.keep;
	}

	set keep(on: boolean) {
		this.#h = keepAxis(this.#h, on);
	}

	/** Records the series on show and its own axis domain. */
	observe(series: T, domain: [number, number]): void {
		// Read without tracking: the effect that calls this must not re-run on its own write.
		const h = untrack(() => this.#h);
		this.#h = observe(h, series, domain, this.#now(), this.#settleMs);
	}

	/** The domain to draw: `domain`, widened to the kept axis when the reader keeps it. */
	domain(domain: [number, number]): [number, number] {
		return axisDomain(this.#h, domain);
	}

	/** Forgets the previous series and re-bases a kept axis on the current data. */
	clear(): void {
		this.#h = clearHistory(this.#h);
	}
}
