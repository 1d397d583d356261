/**
 * What a figure below the fold draws from: the lab's latest results while the figure is near the
 * viewport; off screen, the results it last drew, brought up to date when the main thread is next
 * idle or when the figure comes near, whichever is first. A control at the top of the page then
 * redraws what the reader sees in its frame, and the figures further down follow a moment later
 * instead of in the same frame (each costs a redraw a few ms of Svelte and d3 work).
 *
 * Only live results wait, and only to replace live results: the first live numbers replace the
 * build's at once everywhere, so no figure goes on showing prerendered numbers once the page no
 * longer says they are not the reader's.
 *
 * A figure that draws fields some results leave out (a lab's light run: vanishing gradients'
 * controller.svelte.ts) passes `accept`: it keeps the last results that have them until new ones do.
 *
 * The figure binds its Figure's `near` to `held.near`, and reads `held.value` for its results.
 */
import { untrack } from 'svelte';
import { afterIdle } from '$lib/idle';

/** Off screen and without requestIdleCallback (Safari): catch up after this long. */
const NO_IDLE_DELAY_MS = 100;

interface ResultsSource<R> {
	readonly results: R | null;
	readonly source: 'live' | 'prerendered' | null;
}

export class HeldWhileAway<R, V extends R = R> {
	/** Whether the figure is near the viewport (Figure's `near`, bound). */
	near = $state(true);
	#value = $state.raw<V | null>(null);
	#valueIsLive = false;

	constructor(lab: ResultsSource<R>, accept: (results: R) => results is V = (results): results is V => true) {
		const initial = untrack(() => lab.results);
		this.#value = initial !== null && accept(initial) ? initial : null;
		this.#valueIsLive = untrack(() => lab.source === 'live') && this.#value !== null;
		$effect.pre(() => {
			const results = lab.results;
			const live = lab.source === 'live';
			let latest: V | null = null;
			if (results !== null) {
				if (!accept(results)) return;
				latest = results;
			}
			if (this.near || !live || !this.#valueIsLive) {
				this.#value = latest;
				this.#valueIsLive = live;
				return;
			}
			return afterIdle(() => (this.#value = latest), 1000, NO_IDLE_DELAY_MS);
		});
	}

	get value(): V | null {
		return this.#value;
	}
}
