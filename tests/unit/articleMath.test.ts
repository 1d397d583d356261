import { describe, expect, test } from 'vitest';
import katex from 'katex';
import { compile as compileSvx } from 'mdsvex';
import remarkMath from 'remark-math';
import { compile as compileSvelte } from 'svelte/compiler';
import { addArticleMathScript, rehypeArticleMath } from '../../src/lib/ui/articleMathBuild.js';
import { articleMath } from '$lib/ui/articleMath';
import { loadKatex } from '$lib/ui/katexLoader';

const ARTICLE = `<script>
	import Figure from './Figure.svelte';
</script>

Inline $a_{ij} < b$ and a display:

$$
\\frac{\\partial L}{\\partial W}
$$
`;

/** The article as the build hands it to Svelte: mdsvex with the site's maths plugins, then the script. */
async function built(source: string): Promise<string> {
	const compiled = await compileSvx(source, { remarkPlugins: [remarkMath], rehypePlugins: [rehypeArticleMath] });
	return addArticleMathScript(compiled!.code);
}

describe('articles typeset their maths at build time, into the server build only', () => {
	test('each formula: KaTeX HTML in the server branch, its TeX in the browser branch', async () => {
		const code = await built(ARTICLE);
		const inline = katex.renderToString('a_{ij} < b', { displayMode: false });
		const display = katex.renderToString('\\frac{\\partial L}{\\partial W}', { displayMode: true });
		expect(code).toContain(`{@html import.meta.env.SSR ? ${JSON.stringify(inline)} : __articleMath($__articleMathState, "a_{ij} < b", false)}`);
		expect(code).toContain(`? ${JSON.stringify(display)} : __articleMath($__articleMathState, ${JSON.stringify('\\frac{\\partial L}{\\partial W}')}, true)}`);
	});

	test("the names the maths uses are declared once, in the article's own script", async () => {
		const code = await built(ARTICLE);
		expect(code.match(/<script>/g)).toHaveLength(1);
		expect(code.match(/const __articleMathState = __articleMathStateOf\(\);/g)).toHaveLength(1);
		expect(code.indexOf('__articleMathStateOf()')).toBeLessThan(code.indexOf("import Figure from './Figure.svelte'"));
		// An article without a script gets one; one without maths is left alone.
		expect(await built('Just $x$.')).toMatch(/^<script>\nimport \{ articleMath as __articleMath/);
		expect(await built('<script>\n</script>\n\nNo maths here.')).not.toContain('__articleMath');
	});

	test('Svelte compiles the result for the server and for the browser', async () => {
		const code = await built(ARTICLE);
		const server = compileSvelte(code, { generate: 'server', runes: false }).js.code;
		const client = compileSvelte(code, { generate: 'client', runes: false }).js.code;
		expect(server).toContain('katex-display');
		// The HTML is in the client's code too until the bundler replaces import.meta.env.SSR by
		// false and drops the branch (prerender.e2e checks the built scripts): the TeX must be there.
		expect(client).toContain('__articleMath(');
		expect(client).toContain('a_{ij} < b');
	});

	test("the dev build does not warn that each formula's hydration value differs from the server's (it does by design)", async () => {
		const dev = compileSvelte(await built(ARTICLE), { generate: 'client', runes: false, dev: true }).js.code;
		const blocks = dev.match(/\$\.html\(/g) ?? [];
		// $.html(element, value, controlled, svg, mathml, skip_warning): the last is the ignore.
		const skipped = dev.match(/,\s*true,\s*void 0,\s*void 0,\s*true\s*\)/g) ?? [];
		expect(blocks).toHaveLength(2);
		expect(skipped).toHaveLength(2);
	});
});

describe('articleMath in the browser', () => {
	test('keeps the server nodes while hydrating, waits for KaTeX, then typesets as the build did', async () => {
		expect(articleMath('server', 'x^2', false)).not.toBe('');
		expect(articleMath('loading', 'x^2', false)).toBe('');
		await loadKatex();
		expect(articleMath('ready', 'x^2', true)).toBe(katex.renderToString('x^2', { displayMode: true, throwOnError: false }));
	});

	test('shows the TeX, escaped, when KaTeX could not load', () => {
		expect(articleMath('failed', 'a < b', false)).toBe('<code class="tex">a &lt; b</code>');
	});
});
