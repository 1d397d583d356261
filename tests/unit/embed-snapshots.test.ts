/**
 * Every embeddable figure has the still image its embed shows when JavaScript is off
 * (`npm run snapshots` makes them from the built site).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { liveLabs } from '$lib/labs/registry';
import { heroSnapshot, snapshotFile } from '$lib/labs/snapshots';
import sizes from '$lib/labs/snapshotSizes.json';

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

describe('snapshot sizes', () => {
	test('snapshotSizes.json holds every snapshot with the size in its PNG header', () => {
		const files = readdirSync('static/embed-snapshots').flatMap((slug) =>
			readdirSync(`static/embed-snapshots/${slug}`)
				.filter((f) => f.endsWith('.png'))
				.map((f) => `${slug}/${f.replace(/\.png$/, '')}`)
		);
		expect(Object.keys(sizes).sort(), 'run `tsx scripts/snapshotSizes.ts`').toEqual(files.sort());
		for (const key of files) {
			const bytes = readFileSync(`static/embed-snapshots/${key}.png`);
			// IHDR: width then height, big-endian, right after the signature and the chunk header.
			expect((sizes as Record<string, number[]>)[key], key).toEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]);
		}
	});

	for (const lab of liveLabs) {
		test(`${lab.slug}: its hero figure has a still image for the index card`, () => {
			const image = heroSnapshot(lab);
			expect(image?.src).toBe(`/embed-snapshots/${lab.slug}/${lab.hero}.png`);
			expect(image?.width).toBeGreaterThan(100);
			expect(image?.alt).toMatch(/\w/);
		});
	}
});
