/** A scene is a named state of a lab with a caption: a prepared view a presenter steps through. */
import type { Schema, StateOf } from './schema';

export interface Scene<S extends Schema> {
	id: string;
	title: string;
	caption: string;
	state: Partial<StateOf<S>>;
	/**
	 * The figures this scene's slide shows in the presentation view, by id: the ones its caption
	 * talks about (one, or two side by side).
	 */
	figures: string[];
	/** A derivation (by id, see the lab's `derivations` in lab.ts) stepped with Space on this slide. */
	derivation?: string;
	/** On a slide the derivation sits beside the figure, not under it: for a tall figure, which
	 *  under it would be narrowed to a small share of the screen. */
	derivationBeside?: boolean;
}

export function sceneState<S extends Schema>(
	base: StateOf<S>,
	scene: Scene<S>
): StateOf<S> {
	return { ...base, ...scene.state };
}
