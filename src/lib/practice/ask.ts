/**
 * Asking a card: the settings it is asked at (the lab's defaults with the checkpoint's patch,
 * drawn from a seeded generator so a varying card draws fresh settings on each ask and the same
 * seed always draws the same ones), and the link into the lab at those settings.
 */
import { Rng } from '$lib/random';
import { defaults, serializeState, type Schema, type StateOf } from '$lib/state/schema';
import type { Lab } from '$lib/labs/types';
import type { Checkpoint } from './types';

/** A lab's full URL state (values as a schema's controls hold them). */
export type LabState = Record<string, string | number | boolean>;

/** The full lab state a checkpoint is asked at, for one seed (`lab`: anything with the lab's schema, e.g. its controller). */
export function askedState(lab: Pick<Lab, 'schema'>, checkpoint: Checkpoint, seed: number): LabState {
	const rng = new Rng(seed);
	return { ...defaults(lab.schema), ...checkpoint.settings(() => rng.uniform()) } as LabState;
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
