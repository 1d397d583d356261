import { describe, expect, test } from 'vitest';
import { build, type Plugin, type Rollup } from 'vite';
import { interpolateViridis } from 'd3-scale-chromatic';
import { markTopLevelInitializersPure, pureD3Initializers } from '../../scripts/vite/pureD3Initializers';

const ENTRY = 'virtual-entry';

/** Bundles `source` as the entry module, as the site's build would. */
async function bundle(source: string, plugins: Plugin[]): Promise<string> {
	const entryModule: Plugin = {
		name: 'entry',
		resolveId: (id) => (id === ENTRY ? '\0' + ENTRY : null),
		load: (id) => (id === '\0' + ENTRY ? source : null)
	};
	const result = await build({
		configFile: false,
		logLevel: 'silent',
		plugins: [...plugins, entryModule],
		build: { write: false, minify: false, rollupOptions: { input: ENTRY, preserveEntrySignatures: 'strict' } }
	});
	const [output] = [result].flat() as Rollup.RollupOutput[];
	return output.output[0].code;
}

const run = async (code: string) => import(`data:text/javascript,${encodeURIComponent(code)}`);

describe('pureD3Initializers', () => {
	test('annotates top-level calls, constructions and called function expressions, not functions or literals', () => {
		const code =
			'var a = colors("ff0000");\nvar b = new Array(3).concat([]);\nvar c = scheme => ramp(scheme);\nvar d = 3;\n  var e = f();\n' +
			'const kr = sin(pi / 10);\nvar cardinal = (function custom(tension) { return tension; })(0);\nvar g = (x);';
		expect(markTopLevelInitializersPure(code)).toBe(
			'var a = /*#__PURE__*/ colors("ff0000");\nvar b = /*#__PURE__*/ new Array(3).concat([]);\nvar c = scheme => ramp(scheme);\nvar d = 3;\n  var e = f();\n' +
				'const kr = /*#__PURE__*/ sin(pi / 10);\nvar cardinal = /*#__PURE__*/ (function custom(tension) { return tension; })(0);\nvar g = (x);'
		);
	});

	test('a bundle that uses one colour interpolator drops the unused schemes and keeps the one it uses right', async () => {
		const source = "import { interpolateViridis } from 'd3-scale-chromatic'; export const middle = interpolateViridis(0.5);";
		// A colour of the Observable 10 scheme, which the entry never uses.
		const unusedSchemeColour = '4269d0efb118';
		const plain = await bundle(source, []);
		const pruned = await bundle(source, [pureD3Initializers()]);
		expect(plain).toContain(unusedSchemeColour);
		expect(pruned).not.toContain(unusedSchemeColour);
		expect((await run(pruned)).middle).toBe(interpolateViridis(0.5));
	}, 60_000);

	test('a bundle that draws a line and a step area drops the tunable curves it does not use and draws the same paths', async () => {
		const source =
			"import { area, curveStepAfter, line } from 'd3-shape'; const points = [[0, 1], [2, 5], [4, 3]];" +
			'export const linePath = line()(points); export const stepPath = area().curve(curveStepAfter).y0(0)(points);';
		const plain = await bundle(source, []);
		const pruned = await bundle(source, [pureD3Initializers()]);
		// The factories of curveBundle, curveCardinal, curveCatmullRom and their variants. (Their
		// classes stay: Rollup keeps `Curve.prototype = {…}` at the top level.)
		expect(plain.match(/function custom\(/g)).toHaveLength(7);
		expect(pruned).not.toContain('function custom(');
		const [before, after] = await Promise.all([run(plain), run(pruned)]);
		expect(after.linePath).toBe('M0,1L2,5L4,3');
		expect(after.stepPath).toBe(before.stepPath);
	}, 60_000);
});
