/**
 * `defineLab` checks a lab's declaration against its own schema (scene states, figure
 * controls, the bench control are keys and values of that schema) and returns the platform's
 * type-erased view of it, `Lab`.
 */
import type { Schema, StateOf } from '$lib/state/schema';
import type { Scene } from '$lib/state/scenes';
import type { CheckpointCard } from '$lib/practice/types';
import type { BenchControl, CheckpointLoader, ComponentLoader, ConflictRule, ConflictRules, ControllerLoader, InactiveRule, InactiveRules, Lab, LabFigure } from './types';

type Key<S extends Schema> = keyof S & string;

export interface LabDeclaration<S extends Schema> {
	slug: string;
	title: string;
	summary: string;
	questions: readonly string[];
	schema: S;
	scenes: readonly Scene<S>[];
	figures: readonly LabFigure<Key<S>>[];
	/** The id of the figure shown first, under the title; the article must not place it again. */
	hero?: string;
	bench: BenchControl<Key<S>>;
	/**
	 * Controls that do nothing in some states, each with the reason:
	 * `sigma: (s) => (s.init === 'custom' ? null : 'Only the custom init uses σ.')`.
	 */
	inactive?: { readonly [K in Key<S>]?: InactiveRule<StateOf<S>> };
	/**
	 * Values that do not fit the others, each with what does not hold:
	 * `a: (s) => (s.h % s.a === 0 ? null : 'The heads must divide the width.')`.
	 */
	conflicts?: { readonly [K in Key<S>]?: ConflictRule<StateOf<S>> };
	/**
	 * Controls a figure draws inside its own frame (key → that figure's id), so the page's
	 * control panel and the whole-lab embed leave them out instead of showing them twice.
	 */
	drawnIn?: { readonly [K in Key<S>]?: string };
	derivations?: Readonly<Record<string, ComponentLoader>>;
	/** Predict-then-reveal questions (see $lib/practice/types), each placed before its figure. */
	checkpoints?: readonly CheckpointCard[];
	/** The checkpoints' code: a module whose default export is one `Checkpoint` per card. */
	loadCheckpoints?: CheckpointLoader;
	/**
	 * Result fields left out of the numbers prerendered into the page (too heavy to serialize):
	 * the figures drawing them wait for the live model, which then runs the default state too.
	 */
	prerenderOmit?: readonly string[];
	/**
	 * `false` when every figure is closed-form TypeScript (a lab of formulas, until it gains a
	 * measured figure): the page then fetches no runtime and asks for no GPU, whatever the backend
	 * setting, and the browser tests check exactly that instead of a model run. Default true.
	 */
	runsModels?: boolean;
	/**
	 * `true` when the lab's live runs train on the page's own WASM runtime (loops over a training
	 * graph outside the shared training worker): the runtime then stays in ORT's proxy worker, so
	 * that training never holds the main thread. Every other lab runs its small graphs on the main
	 * thread, where a redraw does not wait for a worker's round trip (src/lib/onnx/placement.ts).
	 */
	runtimeInWorker?: boolean;
	article: ComponentLoader;
	controller: ControllerLoader;
}

export function defineLab<S extends Schema>(lab: LabDeclaration<S>): Lab {
	const figureIds = new Set(lab.figures.map((f) => f.id));
	if (figureIds.size !== lab.figures.length) throw new Error(`${lab.slug}: two figures share an id`);
	if (lab.hero !== undefined && !figureIds.has(lab.hero)) throw new Error(`${lab.slug}: the hero ${lab.hero} is not a declared figure`);
	for (const scene of lab.scenes) {
		if (scene.figures.length === 0) throw new Error(`${lab.slug}/${scene.id}: a scene shows at least one figure`);
		const unknown = scene.figures.filter((id) => !figureIds.has(id));
		if (unknown.length) throw new Error(`${lab.slug}/${scene.id}: no figure called ${unknown.join(', ')}`);
		if (scene.derivation && !lab.derivations?.[scene.derivation])
			throw new Error(`${lab.slug}/${scene.id}: no derivation called ${scene.derivation}`);
	}
	for (const [key, figure] of Object.entries(lab.drawnIn ?? {}))
		if (!figureIds.has(figure as string)) throw new Error(`${lab.slug}: ${key} is drawn in ${figure}, which is not a figure`);
	for (const key of Object.keys(lab.inactive ?? {}))
		if (!Object.hasOwn(lab.schema, key)) throw new Error(`${lab.slug}: an inactive rule names ${key}, which is not a control`);
	for (const key of Object.keys(lab.conflicts ?? {}))
		if (!Object.hasOwn(lab.schema, key)) throw new Error(`${lab.slug}: a conflict rule names ${key}, which is not a control`);
	for (const card of lab.checkpoints ?? [])
		if (!figureIds.has(card.figure)) throw new Error(`${lab.slug}/${card.id}: no figure called ${card.figure}`);
	if (new Set((lab.checkpoints ?? []).map((c) => c.id)).size !== (lab.checkpoints ?? []).length)
		throw new Error(`${lab.slug}: two checkpoints share an id`);
	if ((lab.checkpoints?.length ?? 0) > 0 && !lab.loadCheckpoints) throw new Error(`${lab.slug}: checkpoints need loadCheckpoints`);
	// The platform reads state as plain records; each rule only ever sees its own lab's state.
	const inactive = (lab.inactive ?? {}) as unknown as InactiveRules;
	const conflicts = (lab.conflicts ?? {}) as unknown as ConflictRules;
	const drawnIn = (lab.drawnIn ?? {}) as Readonly<Record<string, string>>;
	return { ...lab, runsModels: lab.runsModels ?? true, inactive, conflicts, drawnIn, derivations: lab.derivations ?? {}, checkpoints: lab.checkpoints ?? [] };
}
