/**
 * Build-time half of the articles' static maths (articleMath.ts is the browser's half).
 *
 * `rehypeArticleMath` (an mdsvex rehype plugin) typesets each `$…$` and `$$…$$` with KaTeX, as
 * rehype-katex-svelte did, but writes the HTML in a branch only the server build keeps: the
 * client build drops it as dead code and keeps the TeX. `articleMathScript` (a Svelte
 * preprocessor run after mdsvex) gives such an article the two names its maths uses.
 */
import katex from 'katex';
import { selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { fromString as hastFromString } from 'hast-util-from-string';

const RENDER = '__articleMath';
const STATE = '__articleMathState';

export function rehypeArticleMath() {
	return (/** @type {import('hast').Root} */ tree) => {
		for (const node of selectAll('.math-inline,.math-display', tree)) {
			const classes = node.properties?.className;
			const display = Array.isArray(classes) && classes.includes('math-display');
			const tex = hastToString(node);
			// throwOnError (KaTeX's default): a formula KaTeX cannot parse fails the build.
			const html = katex.renderToString(tex, { displayMode: display });
			// The {@html} is the element's only child: hydration adopts the server's nodes for it.
			hastFromString(node, `{@html import.meta.env.SSR ? ${JSON.stringify(html)} : ${RENDER}($${STATE}, ${JSON.stringify(tex)}, ${display})}`);
		}
	};
}

const IMPORTS =
	`import { articleMath as ${RENDER}, articleMathState as __articleMathStateOf } from '$lib/ui/articleMath';\n` +
	`const ${STATE} = __articleMathStateOf();\n`;

/** The instance script's opening tag: a `<script>` that is not the module script. */
const INSTANCE_SCRIPT = /<script(?![^>]*\b(?:context\s*=\s*["']module["']|module)\b)[^>]*>/;

/** @param {string} code an mdsvex-compiled article */
export function addArticleMathScript(code) {
	if (!code.includes(`${RENDER}($${STATE}`)) return code;
	const open = INSTANCE_SCRIPT.exec(code);
	if (!open) return `<script>\n${IMPORTS}</script>\n${code}`;
	const at = open.index + open[0].length;
	return `${code.slice(0, at)}\n${IMPORTS}${code.slice(at)}`;
}

/** @returns {import('svelte/compiler').PreprocessorGroup} */
export function articleMathScript() {
	return {
		name: 'article-math-script',
		markup({ content, filename }) {
			if (!filename?.endsWith('.svx')) return undefined;
			return { code: addArticleMathScript(content) };
		}
	};
}
