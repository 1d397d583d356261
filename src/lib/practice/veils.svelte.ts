/**
 * Which figures are veiled: a checkpoint placed before a figure hides its key result until the
 * reader has committed an answer. The page shares one `Veils` through context; `Figure` reads it
 * and dims its body (with a note saying why), so no figure needs to know about checkpoints. A
 * marker question is asked on the figure itself: its axes stay, its marks hide, and the reader
 * drags the marker there (`offerMarker`).
 */
import { createContext, untrack } from 'svelte';
import type { AxisMarker } from '$lib/viz/markerSlot';

export class Veils {
	/** Figure id → how many unanswered checkpoints ask about it. */
	#count = $state<Record<string, number>>({});
	/** Figure id → the marker a checkpoint asks the reader to place on it. */
	#markers = $state.raw<Record<string, AxisMarker>>({});

	/** Veils `figure` until the returned function is called (once). */
	hold(figure: string): () => void {
		this.#count[figure] = (this.#count[figure] ?? 0) + 1;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#count[figure] = Math.max(0, (this.#count[figure] ?? 1) - 1);
		};
	}

	has(figure: string): boolean {
		return (this.#count[figure] ?? 0) > 0;
	}

	/** Asks `figure` to draw `marker` on its axis until the returned function is called. */
	offerMarker(figure: string, marker: AxisMarker): () => void {
		// Called from effects: reading the map here must not make the caller depend on it.
		untrack(() => (this.#markers = { ...this.#markers, [figure]: marker }));
		return () =>
			untrack(() => {
				if (this.#markers[figure] !== marker) return;
				const { [figure]: _gone, ...rest } = this.#markers;
				this.#markers = rest;
			});
	}

	marker(figure: string): AxisMarker | null {
		return this.#markers[figure] ?? null;
	}
}

const [readVeils, writeVeils, hasVeils] = createContext<Veils>();

export function setVeils(veils: Veils): Veils {
	writeVeils(veils);
	return veils;
}

/** The page's veils, or null outside a lab (an embed, a test harness): nothing is veiled. */
export function veilsIfAny(): Veils | null {
	return hasVeils() ? readVeils() : null;
}
