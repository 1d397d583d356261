/**
 * Figures 3 and 5 show a measurement of their own settings: the build's (recorded for the default
 * state and the scenes) while it matches, else the live run's, and they start that run by
 * themselves a moment after the settings change, once the runtime is up, never holding the lab's
 * readiness. Create it while the figure's component initialises (it owns an effect).
 */
import { untrack } from 'svelte';
import type { LiveRun } from '$lib/state/liveRun.svelte';

export interface Measurement<S, R> {
	settings: S;
	result: R | null;
}

interface Options<S, T, R> {
	run: LiveRun<S, T, R>;
	/** The build's measurement for the page's state, if any. */
	recorded: () => Measurement<S, R> | null;
	/** The settings the figure should show, from the page's state. */
	wanted: () => S;
	key: (settings: S) => string;
	/** The runtime is up: live runs may start. */
	live: () => boolean;
	start: () => void;
}

/** A drag ends the runs it supersedes: only a setting held this long starts one. */
const SETTLE_MS = 250;

export class MeasuredOnChange<S, T, R> {
	readonly #o: Options<S, T, R>;
	readonly #key = (x: S | null | undefined) => (x ? this.#o.key(x) : '');

	readonly runMatches = $derived.by(() => this.#o.run.settings !== null && this.#key(this.#o.run.settings) === this.#key(this.#o.wanted()));
	readonly recordedMatches = $derived.by(() => {
		const recorded = this.#o.recorded();
		return recorded !== null && this.#key(recorded.settings) === this.#key(this.#o.wanted());
	});
	/** The live run is what is shown (it has started, and it is for these settings or the build has none). */
	readonly fromRun = $derived.by(() => {
		const run = this.#o.run;
		return run.phase !== 'idle' && run.settings !== null && (this.runMatches || !this.recordedMatches);
	});
	/** What the figure draws: the live run's measurement, or the build's. */
	readonly shown = $derived.by((): Measurement<S, R> | null =>
		this.fromRun ? { settings: this.#o.run.settings!, result: this.#o.run.result } : this.#o.recorded()
	);
	/** The shown measurement is of the page's own settings (not a leftover of others). */
	readonly theirs = $derived.by(() => this.shown !== null && this.#key(this.shown.settings) === this.#key(this.#o.wanted()));

	constructor(options: Options<S, T, R>) {
		this.#o = options;
		$effect(() => {
			if (!this.#o.live() || this.runMatches || this.recordedMatches) return;
			const timer = setTimeout(() => untrack(() => this.#o.start()), SETTLE_MS);
			return () => clearTimeout(timer);
		});
	}
}
