import type { Plugin } from 'vite';

/**
 * Some d3 packages ship one prebundled file whose top-level values are built by calls that
 * Rollup cannot tell are pure, so a page that uses one export carried them all:
 * - d3-scale-chromatic builds every scheme with `var BrBG = ramp(scheme)`: ~40 schemes, 6.4 KB
 *   gzip before the runtime, for one interpolator;
 * - d3-shape builds its tunable curves with `var cardinal = (function custom(tension) {…})(0)`:
 *   seven curve factories came with `line`, `area`, `curveLinear` and `curveStepAfter` (1.1 KB
 *   gzip; the curves' classes stay, Rollup keeps their top-level `Curve.prototype = {…}`);
 * - d3-interpolate (`var hslLong = hsl(nogamma)`, a dozen colour interpolators), d3-array
 *   (`const blurImage = Blur2(blurfImage)`) and d3-geo (`var clipAntimeridian = clip(…)`) the same
 *   way, on a smaller scale (0.35 KB gzip on every page from d3-interpolate).
 * This marks each top-level initializer of those files pure, so what a page does not use is
 * dropped. The packages say they have no side effects (`"sideEffects": false`); this only lets
 * Rollup see it statement by statement.
 */
const PREBUNDLED = /[\\/](d3-scale-chromatic|d3-shape|d3-interpolate|d3-array|d3-geo)[\\/]dist[\\/][^\\/]+\.mjs$/;

export function pureD3Initializers(): Plugin {
	return {
		name: 'vlab:pure-d3-initializers',
		apply: 'build',
		transform(code, id) {
			if (!PREBUNDLED.test(id)) return null;
			return { code: markTopLevelInitializersPure(code), map: null };
		}
	};
}

/**
 * `var x = f(…)`, `var x = new F(…)…` or `var x = (function …)(…)` at column 0 (`const` too) gets
 * a pure annotation; any other initializer is left alone.
 */
export function markTopLevelInitializersPure(code: string): string {
	return code.replace(/^(?:var|const) [\w$]+ = (?=new |[\w$]+\(|\(function\b)/gm, (declaration) => `${declaration}/*#__PURE__*/ `);
}
