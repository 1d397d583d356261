/**
 * Whether the components below are inside an embed page (EmbedFrame sets it): a figure there
 * drops its article margins and shows its embed caption, since an embed stands alone on
 * someone else's page. A still embed (in a slide deck's speaker view) keeps its first paint:
 * LabShell does not start its runtime.
 */
import { getContext, setContext } from 'svelte';

const key = Symbol('embedded');

interface Embedding {
	still: boolean;
	/** One figure on its own (/embed/<slug>/<figure>), not a whole lab. */
	alone: boolean;
}

export function setEmbedded(still = false, alone = false): void {
	setContext<Embedding>(key, { still, alone });
}

export function isEmbedded(): boolean {
	return getContext<Embedding | undefined>(key) !== undefined;
}

/** Inside the embed of one figure on its own: it may show more than in its article (a figure it pairs with). */
export function isEmbeddedAlone(): boolean {
	return getContext<Embedding | undefined>(key)?.alone === true;
}

export function isStillEmbed(): boolean {
	return getContext<Embedding | undefined>(key)?.still === true;
}
