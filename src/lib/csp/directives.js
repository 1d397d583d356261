/**
 * The site's Content-Security-Policy, as `kit.csp.directives` (svelte.config.js). Build time only:
 * it uses node:crypto, so no page imports it. Every page is prerendered, so SvelteKit writes the
 * policy into each page as a <meta http-equiv> and adds the sha256 of its inline bootstrap script
 * to script-src itself ('hash' mode).
 *
 * Why each source is there:
 * - script-src 'self' 'wasm-unsafe-eval' + one hash: our own modules, plus compiling
 *   onnxruntime-web's .wasm (and the bench page's TensorFlow.js .wasm), plus the one-line script
 *   that marks a link's own settings before the page hydrates (readerSettingsScript.js). No
 *   'unsafe-inline', no 'unsafe-eval'.
 * - worker-src 'self': the runtime's proxy worker is its own same-origin module URL (ORT only
 *   makes a blob: copy for a cross-origin script), the training and sweep workers and the
 *   service worker are our files too.
 * - connect-src 'self': models, the runtime's .wasm and the service worker's precache are fetched
 *   from this origin; nothing else is.
 * - img-src blob: data:: the PNG export draws the SVG through a blob: URL, and the Heatmap mark
 *   paints a large grid into an SVG <image> as a data: PNG so that the grid travels with an SVG
 *   export. An image cannot run script, so data: images cost the policy nothing that matters.
 * - style-src-elem 'self' + hashes: stylesheets are files; the inline <style>s are the no-JavaScript
 *   rules of embeds and of lab pages (noscriptCss.js, the two hashes here) and each prerendered
 *   page's own copy of its stylesheets, whose hash the build adds to that page's policy
 *   (scripts/inlineStyles.ts).
 * - style-src-attr 'unsafe-inline': style *attributes* cannot be hashed in practice. KaTeX sets a
 *   height or margin on nearly every span of typeset maths, Svelte prerenders `style:` directives
 *   and SvelteKit's route announcer as attributes, and the SVG export copies computed styles onto
 *   a clone. An attribute can restyle an element but cannot run script or load a stylesheet.
 * - style-src 'self' 'unsafe-inline': only for browsers that do not know the two -attr/-elem
 *   directives above (those that do ignore style-src when they are present).
 * - frame-src 'self': the embed gallery (/embed) frames our own embed pages.
 * - frame-ancestors cannot be set from a <meta> (browsers ignore it there, and SvelteKit drops
 *   it), and the embed pages must stay embeddable from any origin anyway. A host that wants to
 *   forbid framing of the other pages must send it as an HTTP header (README, "Security").
 */
import { createHash } from 'node:crypto';
import { NOSCRIPT_EMBED_CSS, NOSCRIPT_LAB_CSS } from './noscriptCss.js';
import { READER_SETTINGS_SCRIPT } from './readerSettingsScript.js';

/**
 * The CSP source for an inline element whose text is `text`.
 * @param {string} text
 */
export function sha256Source(text) {
	return /** @type {`sha256-${string}`} */ (`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
}

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} */
export const cspDirectives = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval', sha256Source(READER_SETTINGS_SCRIPT)],
	'worker-src': ['self'],
	'connect-src': ['self'],
	'img-src': ['self', 'blob:', 'data:'],
	'font-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'style-src-elem': ['self', sha256Source(NOSCRIPT_EMBED_CSS), sha256Source(NOSCRIPT_LAB_CSS)],
	'style-src-attr': ['unsafe-inline'],
	'frame-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};
