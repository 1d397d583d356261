/**
 * What a route's `load` resolves from a lab's declaration: only the components it renders and
 * the controller class, each through the declaration's lazy loaders (so every lab's code stays
 * in its own chunks, fetched by the pages that need it).
 */
import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import { liveLabs } from './registry';
import type { ComponentLoader, Lab } from './types';

/** The lab called `slug`, or a 404 page that names what was asked for. */
export function requireLab(slug: string): Lab {
	const lab = liveLabs.find((l) => l.slug === slug);
	if (!lab) error(404, `There is no lab called “${slug}”.`);
	return lab;
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
