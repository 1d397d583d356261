/**
 * Build-time half of the articles' static maths (articleMath.ts is the browser's half).
 *
 * `rehypeArticleMath` (an mdsvex rehype plugin) typesets each `$…$` and `$$…$$` with KaTeX, as
 * rehype-katex-svelte did, but writes the HTML in a branch only the server build keeps: the
 * client build drops it as dead code and keeps the TeX. `articleMathScript` (a Svelte
 * preprocessor run after mdsvex) gives such an article the two names its maths uses.
 */
import katex from 'katex';
import { visit } from 'unist-util-visit';
import { toString as hastToString } from 'hast-util-to-string';
import { fromString as hastFromString } from 'hast-util-from-string';

const RENDER = '__articleMath';
const STATE = '__articleMathState';

/**
 * Svelte's dev build checks each {@html} it hydrates against the server's and warns when they
 * differ, as these do by design (the browser's value is not the HTML): one warning per formula
 * flooded `npm run dev`'s console. The comment before the formula's element silences that check.
 */
const HYDRATION_DIFFERS_BY_DESIGN = { type: 'raw', value: '<!-- svelte-ignore hydration_html_changed -->' };

/** @param {import('hast').Element} node */
function formulaKind(node) {
	const classes = node.properties?.className;
	if (!Array.isArray(classes)) return null;
	return classes.includes('math-display') ? 'display' : classes.includes('math-inline') ? 'inline' : null;
}

export function rehypeArticleMath() {
	return (/** @type {import('hast').Root} */ tree) => {
		visit(tree, 'element', (node, index, parent) => {
			const kind = formulaKind(node);
			if (!kind || !parent || index === null) return undefined;
			const display = kind === 'display';
			const tex = hastToString(node);
			// throwOnError (KaTeX's default): a formula KaTeX cannot parse fails the build.
			const html = katex.renderToString(tex, { displayMode: display });
			// The {@html} is the element's only child: hydration adopts the server's nodes for it.
			hastFromString(node, `{@html import.meta.env.SSR ? ${JSON.stringify(html)} : ${RENDER}($${STATE}, ${JSON.stringify(tex)}, ${display})}`);
			parent.children.splice(index, 0, /** @type {any} */ ({ ...HYDRATION_DIFFERS_BY_DESIGN }));
			// Past the comment and the formula.
			return index + 2;
		});
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
