/**
 * Asking a card: the settings it is asked at (the lab's defaults with the checkpoint's patch,
 * drawn from a seeded generator so a varying card draws fresh settings on each ask and the same
 * seed always draws the same ones), and the link into the lab at those settings.
 */
import { Rng } from '$lib/random';
import { defaults, serializeState, type Schema, type StateOf } from '$lib/state/schema';
import type { Lab } from '$lib/labs/types';
import type { Checkpoint } from './types';

export type LabState = Record<string, unknown>;

/** The full lab state a checkpoint is asked at, for one seed. */
export function askedState(lab: Lab, checkpoint: Checkpoint, seed: number): LabState {
	const rng = new Rng(seed);
	return { ...defaults(lab.schema), ...checkpoint.settings(() => rng.uniform()) };
}

/**
 * The query and anchor that open the lab at `state` on the figure that answers the card
 * ("?depth=12&act=tanh#gradient-norms"); append it to the lab's path.
 */
export function labLinkSuffix(lab: Lab, state: LabState, figure: string): string {
	const query = serializeState(lab.schema as Schema, state as StateOf<Schema>).toString();
	return `${query ? `?${query}` : ''}#${figure}`;
}

/** A fresh 31-bit seed for one ask (not for anything secret). */
export function freshSeed(random: () => number = Math.random): number {
	return Math.floor(random() * 0x7fffffff);
}
