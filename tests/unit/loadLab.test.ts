/**
 * A page in the browser loads only its own lab's declaration (loadLab), not the registry: each
 * live lab must be found that way, as the very object the registry lists, and a slug that names
 * no lab must give the 404 the routes show.
 */
import { describe, expect, it } from 'vitest';
import { loadLab, noSuchLab } from '$lib/labs/load';
import { liveLabs } from '$lib/labs/registry';

describe('loadLab', () => {
	it.each(liveLabs.map((lab) => [lab.slug, lab] as const))('finds %s in its own folder, as the registry lists it', async (slug, lab) => {
		expect(await loadLab(slug)).toBe(lab);
	});

	it.each(['no-such-lab', '', '__proto__', '../labs/backprop'])('answers %j with a 404 that names it', async (slug) => {
		await expect(loadLab(slug)).rejects.toMatchObject({ status: 404, body: { message: noSuchLab(slug) } });
	});
});
