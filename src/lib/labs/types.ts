/** What every lab declares about itself (its `lab.ts`): plain data, no Svelte, no ONNX. */
import type { Schema } from '$lib/state/schema';
import type { Scene } from '$lib/state/scenes';

export interface FigureInfo {
	/** Used in URLs: /embed/<slug>/<id>. */
	id: string;
	title: string;
	/** Can be embedded on its own. */
	embeddable: boolean;
}

export interface LabInfo<S extends Schema = Schema> {
	slug: string;
	title: string;
	summary: string;
	questions: string[];
	schema: S;
	scenes: Scene<S>[];
	figures: FigureInfo[];
}

/** A lab announced on the index before it is built. */
export interface UpcomingLab {
	slug: string;
	title: string;
	summary: string;
}
