/**
 * Whether a figure that draws the layers' own values (figures 2 to 4: histograms, variances,
 * derivatives) is near the viewport. The controller reads it: with none near, a control change
 * reads only the hero's numbers out of the model, and the layers' values follow once the reader
 * stops moving the control (controller.svelte.ts says why).
 */
import type { VgComplete, VgResults } from './summary';

const near = new Set<string>();
const waiting = new Set<() => void>();

/** Figure `id` came near the viewport, or left it. */
export function setLayerFigureNear(id: string, isNear: boolean): void {
	if (!isNear) {
		near.delete(id);
		return;
	}
	near.add(id);
	for (const wake of [...waiting]) wake();
}

export const layerFigureNear = (): boolean => near.size > 0;

/** Resolves after `ms`, or sooner when a layer figure comes near. */
export function quietOrNear(ms: number): Promise<void> {
	return new Promise((done) => {
		const wake = () => {
			clearTimeout(timer);
			waiting.delete(wake);
			done();
		};
		const timer = setTimeout(wake, ms);
		waiting.add(wake);
	});
}

/** Results that carry the layers' statistics (a light run's are null). */
export const hasLayers = (results: VgResults): results is VgComplete => results.layerVariance !== null;

interface Held {
	readonly near: boolean;
	readonly value: VgComplete | null;
}

/** Keeps the registry told whether the figure of `held` is near the viewport, while it is mounted. */
export function useLayerDemand(id: string, held: Held): void {
	$effect(() => {
		setLayerFigureNear(id, held.near);
		return () => setLayerFigureNear(id, false);
	});
}

/** A figure near the viewport whose lab shows a light run's results: its layers' values are on their way. */
export function waitingForLayers(lab: { readonly results: VgResults | null }, held: Held): boolean {
	return held.near && lab.results !== null && !hasLayers(lab.results);
}
