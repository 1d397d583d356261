/**
 * The running lab's declared figures, shared through Svelte context, so a figure component
 * names only its id (`<Figure figure="gradient-norms">`) and its title comes from `lab.ts`.
 */
import { getContext, setContext } from 'svelte';
import type { LabFigure } from './types';

export type DeclaredFigure = Pick<LabFigure, 'id' | 'title' | 'embedCaption'>;

const key = Symbol('lab-figures');

export function setLabFigures(figures: readonly DeclaredFigure[]): void {
	setContext(key, figures);
}

export function declaredFigure(id: string): DeclaredFigure {
	const figure = getContext<readonly DeclaredFigure[] | undefined>(key)?.find((f) => f.id === id);
	if (!figure) throw new Error(`The figure “${id}” is not declared in its lab's lab.ts (or was rendered outside its lab).`);
	return figure;
}
