/**
 * The chart palette in every theme: each categorical colour and each sequential stop, as
 * theme.css defines it, keeps WCAG's non-text contrast of 3:1 against the chart background
 * (the page and the surface colour) in light, dark and high contrast; and palette.ts only
 * hands out properties that theme.css defines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpolateViridis } from 'd3';
import { OKABE_ITO, SEQUENTIAL_STOPS, VIRIDIS_STOPS, categorical, sequentialColors } from '$lib/viz/palette';

const css = readFileSync(new URL('../../src/lib/ui/theme.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of the first rule whose selector is exactly `selector`. */
function block(selector: string): Map<string, string> {
	const start = css.indexOf(`${selector} {`);
	if (start < 0) throw new Error(`theme.css has no rule ${selector}`);
	const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
	const out = new Map<string, string>();
	for (const m of body.matchAll(/(--[\w-]+):\s*([^;]*);/g)) out.set(m[1], m[2].trim());
	return out;
}

type Theme = 'light' | 'dark' | 'contrast';
const root = block(':root');
const contrast = block(":root[data-theme='contrast']");

/** A property's colour in a theme: the contrast override, else the light or dark half of the toggle. */
function colour(theme: Theme, name: string): string {
	const value = (theme === 'contrast' && contrast.get(name)) || root.get(name);
	if (!value) throw new Error(`${name} is not defined for ${theme}`);
	const toggle = value.match(/^var\(--light,\s*(#[0-9a-f]{6})\)\s+var\(--dark,\s*(#[0-9a-f]{6})\)$/i);
	const hex = toggle ? toggle[theme === 'dark' ? 2 : 1] : value;
	if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`${name} in ${theme} is not a #rrggbb colour: ${value}`);
	return hex;
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

const marks = [
	...OKABE_ITO.map((_, i) => `--viz-cat-${i}`),
	...Array.from({ length: SEQUENTIAL_STOPS }, (_, k) => `--viz-seq-${k}`)
];

describe('chart colours against the chart background, per theme', () => {
	it('the contrast ratio itself: black on white is 21, white on white 1, #767676 on white 4.54', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
	});

	for (const theme of ['light', 'dark', 'contrast'] as const) {
		it(`${theme}: every mark colour is at least 3:1 against --bg and --surface`, () => {
			const backgrounds = [colour(theme, '--bg'), colour(theme, '--surface')];
			const weak = marks.flatMap((name) =>
				backgrounds.map((bg) => ({ name, bg, ratio: contrastRatio(colour(theme, name), bg) })).filter((r) => r.ratio < 3)
			);
			expect(weak).toEqual([]);
		});
	}

	it('the themes differ: dark marks are lighter than light ones, and contrast has its own', () => {
		for (const name of marks) {
			expect(luminance(colour('dark', name)), name).toBeGreaterThan(luminance(colour('light', name)));
			expect(contrast.has(name), name).toBe(true);
		}
	});
});

describe('palette.ts refers to the theme', () => {
	const referenced = (value: string) => [...value.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]);

	it('categorical(i) names --viz-cat-(i mod 7), with the Okabe–Ito colour as fallback', () => {
		expect(categorical(0)).toBe('var(--viz-cat-0, #E69F00)');
		expect(categorical(9)).toBe('var(--viz-cat-2, #009E73)');
		expect(categorical(-1)).toBe('var(--viz-cat-6, #F0E442)');
	});

	it('sequential colours use only the stops theme.css defines, end to end', () => {
		for (const n of [1, 2, 4, 5, 9, 20]) {
			const names = sequentialColors(n).flatMap(referenced);
			for (const name of names) expect(root.has(name), name).toBe(true);
			if (n > 1) {
				expect(referenced(sequentialColors(n)[0])).toEqual(['--viz-seq-0']);
				expect(referenced(sequentialColors(n)[n - 1])).toEqual([`--viz-seq-${SEQUENTIAL_STOPS - 1}`]);
			}
		}
		// Few colours: distinct stops, no mixing.
		expect(new Set(sequentialColors(4)).size).toBe(4);
		expect(sequentialColors(4).every((c) => c.startsWith('var('))).toBe(true);
	});

	it('the fallback stops are viridis at 0, 1/8, …, 1 as d3 computes it', () => {
		expect([...VIRIDIS_STOPS]).toEqual(Array.from({ length: SEQUENTIAL_STOPS }, (_, k) => interpolateViridis(k / (SEQUENTIAL_STOPS - 1))));
		expect(sequentialColors(SEQUENTIAL_STOPS)[3]).toBe(`var(--viz-seq-3, ${interpolateViridis(3 / 8)})`);
	});
});
