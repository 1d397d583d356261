/**
 * What a route's `load` resolves: the lab's declaration, then only the components it renders and
 * the controller class, each through the declaration's lazy loaders (so every lab's code stays
 * in its own chunks, fetched by the pages that need it).
 */
import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { ComponentLoader, Lab } from './types';

/**
 * Each lab folder's declaration, loaded on demand. A lab page fetches its own (a few KB) instead
 * of the registry, which holds every lab's schemas, scenes and checkpoints (25 KB gzip).
 */
const declarations = import.meta.glob<Record<string, unknown>>('/labs/*/lab.ts');

/** The lab called `slug` (its folder's name), or a 404 page that names what was asked for. */
export async function loadLab(slug: string): Promise<Lab> {
	const load = declarations[`/labs/${slug}/lab.ts`];
	const lab = load && Object.values(await load()).find((value): value is Lab => isLabCalled(value, slug));
	if (!lab) error(404, noSuchLab(slug));
	return lab;
}

/** The 404 message for a slug that names no lab. */
export const noSuchLab = (slug: string) => `There is no lab called “${slug}”.`;

function isLabCalled(value: unknown, slug: string): boolean {
	return typeof value === 'object' && value !== null && (value as Partial<Lab>).slug === slug && 'figures' in value;
}

/** Resolves loaders by id, all at once. */
export async function loadComponents(
	loaders: Readonly<Record<string, ComponentLoader>>,
	ids: readonly string[] = Object.keys(loaders)
): Promise<Record<string, Component>> {
	const loaded = await Promise.all(ids.map(async (id) => [id, (await loaders[id]()).default] as const));
	return Object.fromEntries(loaded);
}

/** The lab's figure components by id (all of them, or the ones named). */
export function loadFigures(lab: Lab, ids: readonly string[] = lab.figures.map((f) => f.id)) {
	const loaders = Object.fromEntries(lab.figures.map((f) => [f.id, f.component]));
	return loadComponents(loaders, ids);
}
