/**
 * The running lab's declaration, shared through Svelte context: its figures (so a figure
 * component names only its id, `<Figure figure="gradient-norms">`, and its title and number come
 * from `lab.ts`), and the rules that say when a control is inactive or its value conflicts with
 * the others (read by SchemaControls).
 */
import { getContext, setContext } from 'svelte';
import { figureNumber } from './figureNumbers';
import type { ConflictRules, InactiveRules, LabFigure } from './types';

export type DeclaredFigure = Pick<LabFigure, 'id' | 'title' | 'embedCaption' | 'embedTitle'>;

/** A declared figure with its number: its place in the declaration, counted from 1. */
export interface NumberedFigure extends DeclaredFigure {
	number: number;
}

const figuresKey = Symbol('lab-figures');
const inactiveKey = Symbol('lab-inactive');
const conflictsKey = Symbol('lab-conflicts');

export function setLabFigures(figures: readonly DeclaredFigure[]): void {
	setContext(figuresKey, figures);
}

export function declaredFigure(id: string): NumberedFigure {
	const figures = getContext<readonly DeclaredFigure[] | undefined>(figuresKey) ?? [];
	const figure = figures.find((f) => f.id === id);
	if (!figure) throw new Error(`The figure “${id}” is not declared in its lab's lab.ts (or was rendered outside its lab).`);
	return { ...figure, number: figureNumber(figures, id) };
}

export function setInactiveRules(rules: InactiveRules): void {
	setContext(inactiveKey, rules);
}

/** The running lab's inactive-control rules ({} outside a lab: every control acts). */
export function inactiveRules(): InactiveRules {
	return getContext<InactiveRules | undefined>(inactiveKey) ?? {};
}

export function setConflictRules(rules: ConflictRules): void {
	setContext(conflictsKey, rules);
}

/** The running lab's rules for values that do not fit the others ({} outside a lab). */
export function conflictRules(): ConflictRules {
	return getContext<ConflictRules | undefined>(conflictsKey) ?? {};
}

/** "figure N" for a declared figure of the running lab, for text built in a component. */
export function figureRef(id: string): string {
	return `figure ${declaredFigure(id).number}`;
}
