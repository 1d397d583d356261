/**
 * Which figures are veiled: a checkpoint placed before a figure hides its key result until the
 * reader has committed an answer. The page shares one `Veils` through context; `Figure` reads it
 * and dims its body (with a note saying why), so no figure needs to know about checkpoints.
 */
import { createContext } from 'svelte';

export class Veils {
	/** Figure id → how many unanswered checkpoints ask about it. */
	#count = $state<Record<string, number>>({});

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
