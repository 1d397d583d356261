/**
 * What every lab declares about itself, in its `lab.ts` through `defineLab` (./defineLab.ts).
 * Plain data plus lazy loaders: importing a declaration pulls in no Svelte component, article,
 * controller or ONNX code, so the registry and the index stay light.
 */
import type { Component } from 'svelte';
import type { AnyController } from '$lib/state/context';
import type { Schema } from '$lib/state/schema';
import type { Scene } from '$lib/state/scenes';
import type { Checkpoint, CheckpointCard } from '$lib/practice/types';

/** A lazy import of a component: `() => import('./X.svelte')`. */
export type ComponentLoader = () => Promise<{ default: Component }>;

/** A lazy import of the lab's controller class, which the page instantiates once. */
export type ControllerLoader = () => Promise<new () => AnyController>;

/** A lazy import of a lab's `checkpoints.ts` (its default export: one Checkpoint per card). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CheckpointLoader = () => Promise<{ default: readonly Checkpoint<any>[] }>;

/** One figure of a lab, declared once. */
export interface LabFigure<Key extends string = string> {
	/** Used in URLs (/embed/<slug>/<id>), as the figure's anchor and its `data-figure`. */
	id: string;
	title: string;
	/** Can be embedded on its own (/embed/<slug>/<id>, in the gallery, with an oEmbed response and a link-preview card). */
	embeddable: boolean;
	component: ComponentLoader;
	/** The controls shown with the figure in its embed: all of them when absent, none for []. */
	controls?: readonly Key[];
	/**
	 * The caption an embed shows instead of the figure's own, when that one leans on the article
	 * (other figures, "figure 1"): an embed stands alone on someone else's page.
	 */
	embedCaption?: string;
	/** The title an embed shows instead of `title`, when the embed shows more than the figure does in its article. */
	embedTitle?: string;
}

/** What `scripts/bench.ts` moves to time "control change → figure redrawn". */
export interface BenchControl<Key extends string = string> {
	key: Key;
	/** Two positions of its control (a slider's numbers, a choice's values) it alternates between; each must really change the state. */
	values: readonly [number, number] | readonly [string, string];
}

/**
 * When a control does nothing: for a control's key, the reason it is inactive in `state` (one
 * short sentence a reader sees under it), or null while it acts. SchemaControls disables an
 * inactive control and shows the reason; its value stays in the state and the URL.
 */
export type InactiveRule<State = Readonly<Record<string, unknown>>> = (state: State) => string | null;
export type InactiveRules = Readonly<Record<string, InactiveRule>>;

/**
 * When a control's value does not fit the others (heads that do not divide the width): for a
 * control's key, one short sentence saying what does not hold, or null. SchemaControls shows it
 * under the control; the control stays live and the figures still compute with the value, since
 * the reader may be on the way to a value that fits.
 */
export type ConflictRule<State = Readonly<Record<string, unknown>>> = InactiveRule<State>;
export type ConflictRules = InactiveRules;

/** A lab as the platform sees it: the declaration with its schema's types erased. */
export interface Lab {
	slug: string;
	title: string;
	summary: string;
	questions: readonly string[];
	schema: Schema;
	scenes: readonly Scene<Schema>[];
	figures: readonly LabFigure[];
	/** The figure the lab opens with, under its title (moved out of the article, not repeated). */
	hero?: string;
	bench: BenchControl;
	/** When each control does nothing, and why (keys without a rule always act). */
	inactive: InactiveRules;
	/** When a control's value does not fit the others, and what does not hold (keys without a rule always fit). */
	conflicts: ConflictRules;
	/** Controls a figure draws inside its own frame, by key → figure id: panels leave them out. */
	drawnIn: Readonly<Record<string, string>>;
	/** Derivations a presenter can step through, by id (see Scene.derivation). */
	derivations: Readonly<Record<string, ComponentLoader>>;
	/** Predict-then-reveal questions, each placed in the article before its figure. */
	checkpoints: readonly CheckpointCard[];
	loadCheckpoints?: CheckpointLoader;
	/** Result fields left out of the prerendered numbers (see LabDeclaration). */
	prerenderOmit?: readonly string[];
	/** False for a lab whose figures are all closed-form (see LabDeclaration.runsModels). */
	runsModels: boolean;
	/** The page's WASM runtime stays in ORT's worker (see LabDeclaration.runtimeInWorker). */
	runtimeInWorker?: boolean;
	/** The article (index.svx): prose, math and figures. */
	article: ComponentLoader;
	controller: ControllerLoader;
}

/** A lab announced on the index before it is built. */
export interface UpcomingLab {
	slug: string;
	title: string;
	summary: string;
}
