/**
 * Where an embeddable figure's still image lives (under static/, made by `npm run snapshots`):
 * what an embed shows, with a link to the live figure, when the reader's browser runs no
 * JavaScript.
 */
import type { Lab } from './types';
import sizes from './snapshotSizes.json';

export function snapshotFile(slug: string, figure: string): string {
	return `/embed-snapshots/${slug}/${figure}.png`;
}

/** The whole-lab embed's stand-in: its first embeddable figure, if it has one. */
export function labSnapshotFigure(lab: Lab): Lab['figures'][number] | undefined {
	return lab.figures.find((f) => f.embeddable);
}

export interface SnapshotImage {
	src: string;
	width: number;
	height: number;
	alt: string;
}

/** The still image of a lab's hero figure, for its card on the index; null when it has none. */
export function heroSnapshot(lab: Lab): SnapshotImage | null {
	const figure = lab.figures.find((f) => f.id === lab.hero);
	const size = figure && (sizes as Record<string, number[] | undefined>)[`${lab.slug}/${figure.id}`];
	if (!figure || !size) return null;
	return { src: snapshotFile(lab.slug, figure.id), width: size[0], height: size[1], alt: `${figure.title}: a still of the lab's first figure` };
}
