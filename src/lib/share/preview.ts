/**
 * What a link-preview card shows (scripts/linkPreviews.ts draws it, LinkTags describes it): a
 * lab's card holds its hero figure (or its first figure), a figure's card that figure.
 */
import type { Lab, LabFigure } from '$lib/labs/types';

/** The figure on a lab's card. */
export function previewFigure(lab: Pick<Lab, 'figures' | 'hero'>): LabFigure | undefined {
	return lab.figures.find((f) => f.id === lab.hero) ?? lab.figures[0];
}

/** The card's alt text: which figure, from which lab, in its default settings. */
export function previewAlt(lab: Pick<Lab, 'figures' | 'hero' | 'title'>, figure: Pick<LabFigure, 'title'> | undefined = previewFigure(lab)): string {
	return figure ? `${figure.title}, from ${lab.title}, in its default settings` : lab.title;
}
