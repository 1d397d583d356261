/**
 * Whether the components below are inside an embed page (EmbedFrame sets it): a figure there
 * drops its article margins and shows its embed caption, since an embed stands alone on
 * someone else's page.
 */
import { getContext, setContext } from 'svelte';

const key = Symbol('embedded');

export function setEmbedded(): void {
	setContext(key, true);
}

export function isEmbedded(): boolean {
	return getContext<boolean | undefined>(key) === true;
}
