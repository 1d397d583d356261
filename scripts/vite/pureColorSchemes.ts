import type { Plugin } from 'vite';

/**
 * d3-scale-chromatic ships one prebundled file whose every scheme is built by a top-level call
 * (`var BrBG = ramp(scheme)`). Rollup cannot tell those calls are pure, so every page that uses
 * one interpolator carried all ~40 schemes (6.4 KB gzip before the runtime). This marks each
 * top-level initializer of that file pure, so the unused schemes are dropped. The package says
 * it has no side effects (`"sideEffects": false`); this only lets Rollup see it statement by
 * statement.
 */
export function pureColorSchemes(): Plugin {
	return {
		name: 'vlab:pure-color-schemes',
		apply: 'build',
		transform(code, id) {
			if (!/[\\/]d3-scale-chromatic[\\/]dist[\\/][^\\/]+\.mjs$/.test(id)) return null;
			return { code: markTopLevelInitializersPure(code), map: null };
		}
	};
}

/** `var x = f(...)` or `var x = new F(...)...` at column 0 gets a pure annotation; any other initializer is left alone. */
export function markTopLevelInitializersPure(code: string): string {
	return code.replace(/^var [\w$]+ = (?=new |[\w$]+\()/gm, (declaration) => `${declaration}/*#__PURE__*/ `);
}
