/**
 * A scene's numbers as the build computed them (scenes/<n>.json), fetched when the presenter
 * reaches the scene, so its figures draw before the runtime has loaded. Null where there are none
 * (`vite dev`, a failed fetch): the live model then computes the scene, as it would anyway.
 */
import * as devalue from 'devalue';
import { resolve } from '$app/paths';
import type { Prerendered } from '$lib/state/labController.svelte';
import type { Schema } from '$lib/state/schema';

type ScenePrerendered = Prerendered<Schema, unknown>;

const fetched = new Map<string, Promise<ScenePrerendered | null>>();

/** Scene `index` (from 0) of lab `slug`; each is fetched once per page. */
export function sceneResults(slug: string, index: number): Promise<ScenePrerendered | null> {
	const key = `${slug}/${index}`;
	let pending = fetched.get(key);
	if (!pending) {
		pending = load(slug, index);
		fetched.set(key, pending);
	}
	return pending;
}

async function load(slug: string, index: number): Promise<ScenePrerendered | null> {
	try {
		const response = await fetch(resolve('/present/[slug]/scenes/[n].json', { slug, n: String(index + 1) }));
		if (!response.ok) return null;
		return devalue.parse(await response.text()) as ScenePrerendered;
	} catch {
		return null;
	}
}
