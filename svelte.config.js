import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import remarkMath from 'remark-math';
import { fileURLToPath } from 'node:url';
import { cspDirectives } from './src/lib/csp/directives.js';
import { siteOrigin } from './src/lib/share/siteOrigin.js';
import { articleMathScript, rehypeArticleMath } from './src/lib/ui/articleMathBuild.js';

/**
 * Link-preview images and figure pictures are drawn after the prerender (scripts/linkPreviews.ts),
 * so a crawled og:image or index card picture is not there yet; every other missing page still
 * fails the build.
 * @type {import('@sveltejs/kit').PrerenderHttpErrorHandler}
 */
function handleHttpError({ path, referrer, message }) {
	if ((path.startsWith('/previews/') || path.startsWith('/stills/')) && path.endsWith('.png')) return;
	throw new Error(`${message}${referrer ? ` (linked from ${referrer})` : ''}`);
}

const isSvx = (filename) => filename.endsWith('.svx');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.svx'],
	preprocess: [
		vitePreprocess(),
		// Lab articles: maths is typeset here, at build time, into the prerendered HTML only; the
		// browser's bundle keeps each formula's TeX (src/lib/ui/articleMath.ts says why and when).
		mdsvex({
			extensions: ['.svx'],
			remarkPlugins: [remarkMath],
			rehypePlugins: [rehypeArticleMath],
			layout: fileURLToPath(new URL('./src/lib/ui/ArticleLayout.svelte', import.meta.url))
		}),
		articleMathScript()
	],
	vitePlugin: {
		// mdsvex emits legacy `$$props`, so .svx compiles in legacy mode; everything of ours uses runes.
		dynamicCompileOptions({ filename }) {
			if (isSvx(filename) || filename.includes('node_modules')) return undefined;
			return { runes: true };
		}
	},
	kit: {
		// 404.html: an app shell static hosts serve for a path they do not have; it shows the
		// site's own "not found" page (src/routes/+error.svelte) with a way back.
		adapter: adapter({ strict: true, fallback: '404.html' }),
		// Absolute asset URLs (/_app/...): a page served under another form of its path
		// (/labs/x/, or the 404 page at any depth) still finds its scripts and styles.
		paths: { relative: false },
		alias: { $labs: 'labs' },
		prerender: { origin: siteOrigin, handleHttpError, handleMissingId: 'fail' },
		// Every page is prerendered: the policy goes into each page as a <meta>, with the hash of
		// the page's inline bootstrap script (see src/lib/csp/directives.js for each source).
		csp: { mode: 'hash', directives: cspDirectives }
	}
};

export default config;
