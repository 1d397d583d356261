/**
 * Records the pixel size of every embed snapshot (static/embed-snapshots/<slug>/<figure>.png) in
 * src/lib/labs/snapshotSizes.json, so a page can give the image its width and height (no layout
 * shift) without reading files. `npm run snapshots` runs it after taking the pictures; on its
 * own: `tsx scripts/snapshotSizes.ts`. A unit test checks the file matches the images.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'static/embed-snapshots';
const OUT = 'src/lib/labs/snapshotSizes.json';

/** A PNG's width and height, from its IHDR chunk (bytes 16–23). */
export function pngSize(bytes: Buffer): [number, number] {
	return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

export function writeSnapshotSizes(): void {
	const sizes: Record<string, [number, number]> = {};
	for (const slug of readdirSync(DIR).sort()) {
		for (const file of readdirSync(join(DIR, slug)).sort()) {
			if (file.endsWith('.png')) sizes[`${slug}/${file.slice(0, -4)}`] = pngSize(readFileSync(join(DIR, slug, file)));
		}
	}
	writeFileSync(OUT, `${JSON.stringify(sizes, null, '\t')}\n`);
	console.log(`  ${OUT}`);
}

if (process.argv[1]?.endsWith('snapshotSizes.ts')) writeSnapshotSizes();
