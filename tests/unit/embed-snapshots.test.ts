/**
 * Every embeddable figure has the still image its embed shows when JavaScript is off
 * (`npm run snapshots` makes them from the built site).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { liveLabs } from '$lib/labs/registry';
import { snapshotFile } from '$lib/labs/snapshots';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('embed snapshots', () => {
	for (const lab of liveLabs) {
		for (const figure of lab.figures.filter((f) => f.embeddable)) {
			test(`${lab.slug}/${figure.id} has a PNG snapshot`, () => {
				const file = `static${snapshotFile(lab.slug, figure.id)}`;
				expect(existsSync(file), `${file} is missing: run \`npm run build && npm run snapshots -- ${lab.slug}\``).toBe(true);
				const bytes = readFileSync(file);
				expect([...bytes.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
				expect(bytes.length, 'a real picture, not an empty one').toBeGreaterThan(5_000);
			});
		}
	}
});
