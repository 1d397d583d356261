/** Figure 5's boundary picture as SVG paths: every sure cell is in the path of its class and level. */
import { describe, expect, it } from 'vitest';
import { tintPaths } from './boundaryTints';

/** The cells a path of unit row runs covers, as "r,c". */
function cellsOf(d: string): string[] {
	const cells: string[] = [];
	for (const [, c, r, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(w); i++) cells.push(`${r},${Number(c) + i}`);
	return cells;
}

describe('tintPaths', () => {
	it('groups a 3 × 3 grid by class and sureness, leaving ½ clear', () => {
		// Row 0: sure class 1 twice, then undecided; row 1: sure class 0; row 2: half-sure class 1, NaN, sure class 1.
		const grid = [1, 1, 0.5, 0, 0, 0, 0.75, NaN, 1];
		const paths = tintPaths(grid, { size: 3, extent: 1 }, 4);
		const byKey = Object.fromEntries(paths.map((p) => [`${p.cls}@${p.opacity}`, cellsOf(p.d).sort()]));
		expect(byKey).toEqual({
			'1@0.5': ['0,0', '0,1', '2,2'],
			'0@0.5': ['1,0', '1,1', '1,2'],
			'1@0.25': ['2,0']
		});
	});
});
