/**
 * The static maths of a lab's article in the browser. It is typeset at build time
 * (articleMathBuild.js) into the prerendered HTML, and only there: the client bundle carries each
 * formula's TeX, not its KaTeX HTML (on the optimizers page that HTML was 230 KB of the article's
 * 260 KB of JavaScript, 12 KB gzip on every load, for markup hydration leaves as it is).
 *
 * An article starts by keeping whatever nodes the server wrote for its formulas: during hydration
 * any {@html} value but '' adopts them. Once it is in the page it looks: if a formula there is
 * not typeset, the article was rendered in the browser (a client-side navigation into a lab, a
 * derivation appearing on a slide), and it typesets its TeX once KaTeX has loaded. If KaTeX
 * cannot load, the TeX shows as code.
 */
import { readable, type Readable } from 'svelte/store';
import { escapeHtml } from '$lib/escapeHtml';
import { katexIfLoaded, loadKatex } from './katexLoader';

export type ArticleMathState = 'server' | 'loading' | 'ready' | 'failed';

/** The formulas remark-math marks (a display formula or an inline one) with no KaTeX in them. */
function untypesetFormula(): boolean {
	return Array.from(document.querySelectorAll('.math-inline, .math-display')).some((formula) => !formula.querySelector('.katex'));
}

/** One per article component, made as it is created: whether its maths is the server's, or typeset here. */
export function articleMathState(): Readable<ArticleMathState> {
	if (import.meta.env.SSR) return readable('server');
	return readable<ArticleMathState>('server', (set) => {
		// After this tick the article's nodes are in the page, hydrated or new.
		const check = setTimeout(() => {
			if (!untypesetFormula()) return;
			if (katexIfLoaded()) return set('ready');
			set('loading');
			loadKatex().then(
				() => set('ready'),
				(error: unknown) => {
					console.warn('KaTeX could not load: the article shows its formulas as TeX', error);
					set('failed');
				}
			);
		});
		return () => clearTimeout(check);
	});
}

/** Hydration adopts the server's typeset nodes for any value but '' (which it reads as "no nodes"). */
const KEEP_SERVER_NODES = '<!---->';

/** A formula's HTML in the browser, for the article's state. */
export function articleMath(state: ArticleMathState, tex: string, display: boolean): string {
	if (state === 'server') return KEEP_SERVER_NODES;
	const katex = katexIfLoaded();
	if (state === 'ready' && katex) return katex.renderToString(tex, { displayMode: display, throwOnError: false });
	if (state === 'failed') return `<code class="tex">${escapeHtml(tex)}</code>`;
	return '';
}
