/**
 * KaTeX in the browser, loaded on first use and once: the live equations (Equation.svelte) and
 * an article rendered without server HTML (articleMath.ts) share it. Most pages never load it.
 */
export type Katex = typeof import('katex').default;

let loading: Promise<Katex> | null = null;
let loaded: Katex | null = null;

export function loadKatex(): Promise<Katex> {
	return (loading ??= import('katex').then((module) => (loaded = module.default)));
}

/** KaTeX if it has loaded already, so a caller can typeset without waiting a microtask. */
export function katexIfLoaded(): Katex | null {
	return loaded;
}
