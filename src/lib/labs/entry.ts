/** What a live lab's `labs/<slug>/entry.ts` hands to the routes. */
import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { AnyController } from '$lib/state/context';
import type { LabInfo } from './types';

export interface LabEntry {
	info: LabInfo;
	/** The article (index.svx): prose, math and figures. */
	article: Component;
	/** The figures by id, for embeds and the presentation view. */
	figures: Record<string, Component>;
	/** Derivations a presenter can step through, by id (see Scene.derivation). */
	derivations?: Record<string, Component>;
	/** Control keys shown with each embedded figure (all keys when absent). */
	figureControls?: Record<string, string[]>;
	createController(): AnyController;
}

const entries = import.meta.glob<LabEntry>('/labs/*/entry.ts', { import: 'entry' });

export async function loadLabEntry(slug: string): Promise<LabEntry | undefined> {
	const load = entries[`/labs/${slug}/entry.ts`];
	return load ? await load() : undefined;
}

/** For page loads: the lab's entry, or a 404 page that names what was asked for. */
export async function requireLabEntry(slug: string): Promise<LabEntry> {
	const entry = await loadLabEntry(slug);
	if (!entry) error(404, `There is no lab called “${slug}”.`);
	return entry;
}
