/**
 * The gallery's previews are the committed still images (static/embed-snapshots/): their pixel
 * sizes, read at build time, go into each <img> so the lazy previews take their room before
 * they load and the page does not jump.
 */
import { readFileSync } from 'node:fs';
import { liveLabs } from '$lib/labs/registry';
import { snapshotFile } from '$lib/labs/snapshots';
import type { PageServerLoad } from './$types';

/** Width and height from a PNG's header (the IHDR chunk always comes first). */
function pngSize(path: string): { width: number; height: number } {
	const bytes = readFileSync(path);
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export const load: PageServerLoad = () => {
	const sizes: Record<string, { width: number; height: number }> = {};
	for (const lab of liveLabs) {
		for (const figure of lab.figures.filter((f) => f.embeddable)) {
			const file = snapshotFile(lab.slug, figure.id);
			sizes[file] = pngSize(`static${file}`);
		}
	}
	return { sizes };
};
