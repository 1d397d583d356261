/**
 * The presentation view's hold on derivations: when a Derivation finds this in its context, its
 * step follows the presenter's (Space reveals the next line) instead of its own buttons.
 */
import { getContext, setContext } from 'svelte';

export class PresenterStep {
	step = $state(1);
}

const key = Symbol('presenter-step');

export const setPresenterStep = (presenter: PresenterStep) => setContext(key, presenter);
export const getPresenterStep = () => getContext<PresenterStep | undefined>(key);
/** Whether the component is on a presentation slide (figures that lay out differently there ask). */
export const isOnSlide = () => getPresenterStep() !== undefined;
