/**
 * A prerendered page's stylesheets, moved into the page.
 *
 * A lab page linked some 20–25 stylesheets (the site's, KaTeX's, one per component it rendered),
 * each render-blocking: the browser painted nothing until the last had arrived. In one `<style>`
 * in the head (50 KB before compression, about 10 KB gzip), the first contentful paint of the
 * vanishing-gradients, optimizers and quantization pages came at 0.60 / 0.44 / 0.44 s instead of
 * 1.11 / 1.06 / 0.87 s (median of 7, scripts/bench/compareBuilds.ts on this machine): the figure at
 * the top of the page is drawn while the rest of the HTML still parses.
 *
 * Each link stays, `disabled`: a disabled stylesheet is not fetched, and Vite's loader, which
 * links a lazily imported component's CSS before running its code, skips a stylesheet the page
 * already links (without it, hydration waited for those files again). The style's hash joins
 * the page's Content-Security-Policy (`style-src-elem`), which allows no other inline style.
 */
import { sha256Source } from '../src/lib/csp/directives.js';
import { STYLESHEET_LINK as LINK } from './pageStylesheets';

const POLICY = /(<meta http-equiv="content-security-policy" content="[^"]*?style-src-elem )/;

/** The CSP source that allows an inline `<style>` whose text is `css`. */
export const styleHash = (css: string) => `'${sha256Source(css)}'`;

/**
 * `html` with its linked stylesheets' rules in one `<style>` where the first link was, each
 * link disabled, and the style's hash in the policy. `cssOf(href)` reads a stylesheet. Throws
 * when the page has stylesheets but no `style-src-elem` to allow their inline copy, or when a
 * stylesheet's text would end the `<style>` element early.
 */
export function inlineStyles(html: string, cssOf: (href: string) => string): { html: string; inlined: number } {
	const hrefs = [...html.matchAll(LINK)].map((match) => match[1]);
	if (hrefs.length === 0) return { html, inlined: 0 };
	const css = hrefs.map(cssOf).join('\n');
	if (/<\/style/i.test(css)) throw new Error(`a stylesheet of the page holds "</style": ${hrefs.join(', ')}`);
	if (!POLICY.test(html)) throw new Error('the page has no style-src-elem in its Content-Security-Policy');
	let first = true;
	const inlined = html
		.replace(LINK, (_, href: string) => {
			const link = `<link href="${href}" rel="stylesheet" disabled>`;
			if (!first) return link;
			first = false;
			return `<style>${css}</style>${link}`;
		})
		.replace(POLICY, (directive) => `${directive}${styleHash(css)} `);
	return { html: inlined, inlined: hrefs.length };
}
