/**
 * The numbers the build serializes into each lab page are the lab's default state computed
 * afresh: the build's function (src/lib/server/prerender.ts), through SvelteKit's serializer
 * (devalue) and back, against a new controller's own run of the default state, within 1e-6.
 */
import { describe, expect, test } from 'vitest';
import * as devalue from 'devalue';
import { liveLabs } from '$lib/labs/registry';
import { prerenderLab, prerenderScene } from '$lib/server/prerender';
import { sceneState } from '$lib/state/scenes';
import { defaults } from '$lib/state/schema';

const TOL = 1e-6;

/** Paths where `a` and `b` differ (numbers beyond TOL relative to the larger, NaN equals NaN). */
function differences(a: unknown, b: unknown, path = 'results', out: string[] = []): string[] {
	if (typeof a === 'number' && typeof b === 'number') {
		const same = (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));
		if (!same) out.push(`${path}: ${a} vs ${b}`);
	} else if (ArrayBuffer.isView(a) || Array.isArray(a)) {
		const xs = Array.from(a as ArrayLike<unknown>);
		const ys = ArrayBuffer.isView(b) || Array.isArray(b) ? Array.from(b as ArrayLike<unknown>) : null;
		if (!ys || xs.length !== ys.length) out.push(`${path}: length ${xs.length} vs ${ys?.length}`);
		else xs.forEach((x, i) => differences(x, ys[i], `${path}[${i}]`, out));
	} else if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const key of keys) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out);
	} else if (a !== b) out.push(`${path}: ${String(a)} vs ${String(b)}`);
	return out;
}

describe('prerendered results', () => {
	for (const lab of liveLabs) {
		test(`${lab.slug}: the serialized default equals a fresh compute`, async () => {
			const built = await prerenderLab(lab);
			// What the page receives: SvelteKit serializes load data with devalue.
			const shipped = devalue.parse(devalue.stringify(built)) as typeof built;
			expect(shipped.state).toEqual(defaults(lab.schema));
			expect(shipped.omitted).toEqual(lab.prerenderOmit ?? []);

			const Controller = await lab.controller();
			const fresh = (await new Controller().computeFor(defaults(lab.schema), 'wasm')) as Record<string, unknown>;
			for (const key of shipped.omitted) {
				expect(shipped.results, `${key} is left out`).not.toHaveProperty(key);
				delete fresh[key];
			}
			expect(Object.keys(shipped.results).length, 'the results hold fields').toBeGreaterThan(0);
			expect(differences(shipped.results, fresh).slice(0, 10)).toEqual([]);
		}, 300_000);
	}
});

// The presentation view's scenes, for two labs whose computations take milliseconds (the code
// path is the default's; what differs is the state, and the cache that shares equal states).
describe('prerendered scenes', () => {
	for (const slug of ['normalization-axes', 'diffusion-schedules']) {
		const lab = liveLabs.find((l) => l.slug === slug)!;
		test(`${slug}: each scene serialized equals a fresh compute of its state`, async () => {
			const Controller = await lab.controller();
			for (const [index, scene] of lab.scenes.entries()) {
				const state = sceneState(defaults(lab.schema), scene);
				const shipped = devalue.parse(devalue.stringify(await prerenderScene(lab, index)));
				expect(shipped.state).toEqual(state);
				const fresh = await new Controller().computeFor(state, 'wasm');
				expect(differences(shipped.results, fresh).slice(0, 10), `scene ${index + 1}`).toEqual([]);
			}
		}, 120_000);
	}
});

