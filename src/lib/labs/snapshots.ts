/**
 * Where an embeddable figure's still image lives (under static/, made by `npm run snapshots`):
 * what an embed shows, with a link to the live figure, when the reader's browser runs no
 * JavaScript.
 */
import type { Lab } from './types';

export function snapshotFile(slug: string, figure: string): string {
	return `/embed-snapshots/${slug}/${figure}.png`;
}

/** The whole-lab embed's stand-in: its first embeddable figure, if it has one. */
export function labSnapshotFigure(lab: Lab): Lab['figures'][number] | undefined {
	return lab.figures.find((f) => f.embeddable);
}
