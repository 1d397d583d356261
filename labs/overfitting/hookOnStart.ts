/**
 * The Start of a figure whose runs are not figure 1's: the page's test hook (window.__vlabTraining)
 * is figure 1's until the reader starts this figure's runs, then this run's (one hook per page).
 * Unmounting releases the hook and resets the run. Call while the component initialises.
 */
import { onMount } from 'svelte';

interface HookedRun {
	expose(start: () => void): () => void;
	reset(): void;
}

export function hookOnStart(run: HookedRun, begin: () => void): () => void {
	let unhook: (() => void) | null = null;
	const start = () => {
		unhook ??= run.expose(start);
		begin();
	};
	onMount(() => () => {
		unhook?.();
		run.reset();
	});
	return start;
}
