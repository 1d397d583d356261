/** The running lab's controller, shared with its figures through Svelte context. */
import { getContext, setContext } from 'svelte';
import type { LabController } from './labController.svelte';
import type { Schema } from './schema';

const key = Symbol('lab-controller');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyController = LabController<any, any>;

export function setLabController<C extends AnyController>(controller: C): C {
	return setContext(key, controller);
}

export function getLabController<S extends Schema, R>(): LabController<S, R> {
	const controller = getContext<LabController<S, R> | undefined>(key);
	if (!controller) throw new Error('A lab figure was rendered outside its lab (no controller in context).');
	return controller;
}
