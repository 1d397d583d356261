/**
 * `defineLab` checks a lab's declaration against its own schema (scene states, figure
 * controls, the bench control are keys and values of that schema) and returns the platform's
 * type-erased view of it, `Lab`.
 */
import type { Schema } from '$lib/state/schema';
import type { Scene } from '$lib/state/scenes';
import type { BenchControl, ComponentLoader, ControllerLoader, Lab, LabFigure } from './types';

type Key<S extends Schema> = keyof S & string;

export interface LabDeclaration<S extends Schema> {
	slug: string;
	title: string;
	summary: string;
	questions: readonly string[];
	schema: S;
	scenes: readonly Scene<S>[];
	figures: readonly LabFigure<Key<S>>[];
	bench: BenchControl<Key<S>>;
	derivations?: Readonly<Record<string, ComponentLoader>>;
	article: ComponentLoader;
	controller: ControllerLoader;
}

export function defineLab<S extends Schema>(lab: LabDeclaration<S>): Lab {
	const figureIds = new Set(lab.figures.map((f) => f.id));
	if (figureIds.size !== lab.figures.length) throw new Error(`${lab.slug}: two figures share an id`);
	for (const scene of lab.scenes) {
		if (scene.figures.length === 0) throw new Error(`${lab.slug}/${scene.id}: a scene shows at least one figure`);
		const unknown = scene.figures.filter((id) => !figureIds.has(id));
		if (unknown.length) throw new Error(`${lab.slug}/${scene.id}: no figure called ${unknown.join(', ')}`);
		if (scene.derivation && !lab.derivations?.[scene.derivation])
			throw new Error(`${lab.slug}/${scene.id}: no derivation called ${scene.derivation}`);
	}
	return { ...lab, derivations: lab.derivations ?? {} };
}
