/** The running lab's controller, shared with its figures through Svelte context. */
import { createContext } from 'svelte';
import type { LabController } from './labController.svelte';
import type { Schema } from './schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyController = LabController<any, any>;

// Typed context: the key is private to this module.
const [readController, writeController, hasController] = createContext<AnyController>();

export function setLabController<C extends AnyController>(controller: C): C {
	writeController(controller);
	return controller;
}

export function getLabController<S extends Schema, R>(): LabController<S, R> {
	if (!hasController()) throw new Error('A lab figure was rendered outside its lab (no controller in context).');
	return readController() as LabController<S, R>;
}

/** The lab's controller when rendered inside a lab, else null (a figure on an article page). */
export function labControllerIfAny(): AnyController | null {
	return hasController() ? readController() : null;
}
