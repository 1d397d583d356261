/** A scene is a named state of a lab with a caption: a prepared view a presenter steps through. */
import type { Schema, StateOf } from './schema';

export interface Scene<S extends Schema> {
	id: string;
	title: string;
	caption: string;
	state: Partial<StateOf<S>>;
}

export function sceneState<S extends Schema>(
	base: StateOf<S>,
	scene: Scene<S>
): StateOf<S> {
	return { ...base, ...scene.state };
}
