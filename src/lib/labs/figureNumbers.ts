/**
 * Figures are numbered by their place in the lab's declaration (`figures` in lab.ts), which is
 * also their order in the article (a test checks it). Text that points at a figure gets its
 * number from here, never from a number typed by hand.
 */
import type { LabFigure } from './types';

/** The number of figure `id` (1 for the first declared). Throws for an undeclared id. */
export function figureNumber(figures: readonly Pick<LabFigure, 'id'>[], id: string): number {
	const index = figures.findIndex((f) => f.id === id);
	if (index < 0) throw new Error(`No figure called “${id}” is declared (${figures.map((f) => f.id).join(', ')}).`);
	return index + 1;
}

/**
 * A function naming figures of `figures` in running text: `ref('scale')` → "figure 3",
 * `ref('curve', 'norm')` → "figures 1 and 2". For labels and captions written in lab.ts.
 */
export function figureRefs<const Id extends string>(figures: readonly { id: Id }[]) {
	return (...ids: Id[]): string => {
		const numbers = ids.map((id) => figureNumber(figures, id));
		if (numbers.length === 1) return `figure ${numbers[0]}`;
		return `figures ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
	};
}

/**
 * A label written for the article, for a page without it (an embed shows one figure, unnumbered):
 * any parenthesis that points at a figure by number goes, "Loss graph (figure 4)" → "Loss graph".
 */
export function withoutFigureRefs(text: string): string {
	return text.replace(/\s*\([^()]*\bfigures? \d[^()]*\)/g, '');
}
