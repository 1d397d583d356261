/**
 * Which stylesheets a prerendered page links: those of the components it rendered, and the CSS
 * every page's own code imports.
 *
 * SvelteKit links, in a page, the CSS of the components its route imports, and of those its
 * route imports lazily one step away, so that a lazily imported component rendered on the server
 * does not flash unstyled. That rule missed in both directions here:
 * - too much: when the site's pages all read the lab registry, every page linked the figures' CSS
 *   of every lab (68 render-blocking requests for the overfitting page, of which it used 15);
 * - too little: a lab page now loads only its own declaration, lazily, and the figures that
 *   declaration imports lazily are two steps away, so their CSS was not linked at all (figures
 *   unstyled until the page's scripts ran, and for good with JavaScript off).
 * A component's scoped styles name its class (`svelte-<hash>`), so the page's HTML says which
 * components it rendered: a scoped stylesheet is linked exactly when one of its classes is in
 * the page. When a component mounts later, Vite's preload step links its CSS before its code runs.
 */

/** A stylesheet link as SvelteKit writes it in a prerendered page (the after-build steps read and rewrite these). */
export const STYLESHEET_LINK = /<link href="([^"]+\.css)" rel="stylesheet">/g;

/** The scoped-style classes a stylesheet's selectors use. */
export function scopedClasses(css: string): Set<string> {
	return new Set(css.match(/\bsvelte-[a-z0-9]+\b/g) ?? []);
}

export interface StylesheetChanges {
	/** Linked, but styling nothing the page rendered. */
	drop: string[];
	/** Styling something the page rendered, but not linked. */
	add: string[];
}

/**
 * What to change in a page's stylesheet links. `linked`: what SvelteKit linked; `all`: every
 * stylesheet in the build; `keep`: the CSS that the app's entry or a route imports statically
 * (never dropped where SvelteKit linked it). A linked stylesheet without scoped classes is kept:
 * its rules may apply anywhere. A stylesheet is added when it is scoped and the page uses one of
 * its classes. (What a page's scripts import later and the page did not render, Vite's preload
 * step links then, in parallel with the scripts' own requests.)
 */
export function stylesheetChanges(html: string, linked: string[], all: string[], cssOf: (href: string) => string, keep: Set<string>): StylesheetChanges {
	const used = scopedClasses(html);
	const styles = (href: string) => [...scopedClasses(cssOf(href))].some((name) => used.has(name));
	const scoped = (href: string) => scopedClasses(cssOf(href)).size > 0;
	const isLinked = new Set(linked);
	return {
		drop: linked.filter((href) => !keep.has(href) && scoped(href) && !styles(href)),
		add: all.filter((href) => !isLinked.has(href) && scoped(href) && styles(href))
	};
}
