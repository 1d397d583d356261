/**
 * Which stylesheet links a prerendered page can do without.
 *
 * SvelteKit links, in every page, the CSS of every component its route could import lazily, so
 * that a lazily imported component rendered on the server does not flash unstyled. The lab route
 * can import any lab, and the site's pages all read the lab registry, so every page linked the
 * figures' CSS of every lab: 68 render-blocking requests for the overfitting page, of which it
 * used 15. A component's scoped styles name its class (`svelte-<hash>`), so a stylesheet none of
 * whose classes is in the page's HTML styles nothing the page rendered. When such a component
 * mounts later, Vite's preload step links its CSS before the component's code runs.
 */

/** The scoped-style classes a stylesheet's selectors use. */
export function scopedClasses(css: string): Set<string> {
	return new Set(css.match(/\bsvelte-[a-z0-9]+\b/g) ?? []);
}

/**
 * The hrefs among `linked` that the page can drop: stylesheets that are not in `keep` (the CSS
 * every page's own code imports), that scope their styles, and none of whose classes the page's
 * HTML uses. A stylesheet without scoped classes is kept: its rules may apply anywhere.
 */
export function unusedStylesheets(html: string, linked: string[], cssOf: (href: string) => string, keep: Set<string>): string[] {
	const used = scopedClasses(html);
	return linked.filter((href) => {
		if (keep.has(href)) return false;
		const classes = scopedClasses(cssOf(href));
		return classes.size > 0 && ![...classes].some((name) => used.has(name));
	});
}
