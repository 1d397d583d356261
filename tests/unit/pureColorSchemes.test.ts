import { describe, expect, test } from 'vitest';
import { build, type Plugin, type Rollup } from 'vite';
import { interpolateViridis } from 'd3-scale-chromatic';
import { markTopLevelInitializersPure, pureColorSchemes } from '../../scripts/vite/pureColorSchemes';

const ENTRY = 'virtual-entry';
const entryModule: Plugin = {
	name: 'entry',
	resolveId: (id) => (id === ENTRY ? '\0' + ENTRY : null),
	load: (id) => (id === '\0' + ENTRY ? "import { interpolateViridis } from 'd3-scale-chromatic'; export const middle = interpolateViridis(0.5);" : null)
};

/** Bundles a module that uses one interpolator, as the site's build would. */
async function bundle(plugins: Plugin[]): Promise<string> {
	const result = await build({
		configFile: false,
		logLevel: 'silent',
		plugins: [...plugins, entryModule],
		build: { write: false, minify: false, rollupOptions: { input: ENTRY, preserveEntrySignatures: 'strict' } }
	});
	const [output] = [result].flat() as Rollup.RollupOutput[];
	return output.output[0].code;
}

/** A colour of the Observable 10 scheme, which the entry never uses. */
const UNUSED_SCHEME_COLOUR = '4269d0efb118';

describe('pureColorSchemes', () => {
	test('annotates top-level calls and constructions, not functions or literals', () => {
		const code = 'var a = colors("ff0000");\nvar b = new Array(3).concat([]);\nvar c = scheme => ramp(scheme);\nvar d = 3;\n  var e = f();';
		expect(markTopLevelInitializersPure(code)).toBe(
			'var a = /*#__PURE__*/ colors("ff0000");\nvar b = /*#__PURE__*/ new Array(3).concat([]);\nvar c = scheme => ramp(scheme);\nvar d = 3;\n  var e = f();'
		);
	});

	test('a bundle that uses one interpolator drops the unused schemes and keeps the one it uses right', async () => {
		const plain = await bundle([]);
		const pruned = await bundle([pureColorSchemes()]);
		expect(plain).toContain(UNUSED_SCHEME_COLOUR);
		expect(pruned).not.toContain(UNUSED_SCHEME_COLOUR);
		const { middle } = await import(`data:text/javascript,${encodeURIComponent(pruned)}`);
		expect(middle).toBe(interpolateViridis(0.5));
	}, 60_000);
});
