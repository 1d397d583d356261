/**
 * The running lab's checkpoints, shared through context so an article writes only
 * `<Checkpoint id="…" />`: the card (plain data from lab.ts) and the lazy loader of the code.
 */
import { getContext, setContext } from 'svelte';
import type { Lab } from '$lib/labs/types';

export type LabCheckpoints = Pick<Lab, 'slug' | 'checkpoints' | 'loadCheckpoints' | 'hero'>;

const key = Symbol('lab-checkpoints');

export function setLabCheckpoints(lab: LabCheckpoints): void {
	setContext(key, lab);
}

export function labCheckpoints(): LabCheckpoints | null {
	return getContext<LabCheckpoints | undefined>(key) ?? null;
}
