/**
 * Small builders for the repeated parts of a lab's declaration (`labs/<slug>/lab.ts`): the
 * options of an enum control, an enum field, and the two kinds of figure.
 */
import type { EnumField, FlagsField } from '$lib/state/schema';
import type { ComponentLoader, LabFigure } from './types';

/**
 * The options of an enum control from `{ value: label }`, in the order written. Values must not
 * look like whole numbers: JavaScript puts such keys first.
 */
export function options<V extends string>(labels: Record<V, string>): readonly { value: V; label: string }[] {
	return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}

/** An enum control over `choices`, starting at `initial` (one of them). */
export function enumField<V extends string>(
	label: string,
	choices: readonly { value: V; label: string }[],
	initial: NoInfer<V>
): EnumField<V> {
	return { kind: 'enum', label, options: choices, default: initial };
}

/** A set of options, any of them on (see FlagsField); none by default. */
export function flagsField<V extends string>(label: string, choices: readonly { value: V; label: string }[]): FlagsField<V> {
	return { kind: 'flags', label, options: choices, default: '' };
}

/** What a figure may add to its declaration: its caption and title for embeds (see LabFigure.embedCaption). */
export type FigureExtras = Pick<LabFigure, 'embedCaption' | 'embedTitle'>;

/** A figure's title where it is embedded on its own (the embed page, the gallery, oEmbed). */
export const embedTitleOf = (figure: Pick<LabFigure, 'title' | 'embedTitle'>): string => figure.embedTitle ?? figure.title;

/** A figure that lives only in its article (a whole-lab embed still shows it). Its id keeps its literal type, for `figureRefs`. */
export function articleFigure<const Id extends string>(
	id: Id,
	title: string,
	component: ComponentLoader,
	extras: FigureExtras = {}
): LabFigure<never> & { id: Id } {
	return { id, title, embeddable: false, component, ...extras };
}

/** A figure that can also be embedded on its own, showing `controls` in its embed ([] for none). */
export function embeddableFigure<const Id extends string, const K extends string>(
	id: Id,
	title: string,
	component: ComponentLoader,
	controls: readonly K[],
	extras: FigureExtras = {}
): LabFigure<K> & { id: Id } {
	return { id, title, embeddable: true, component, controls, ...extras };
}
