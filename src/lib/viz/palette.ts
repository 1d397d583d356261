/**
 * Colours for figures, driven by the theme.
 * Categorical colours are the Okabe–Ito hues (distinguishable with the common colour-vision
 * deficiencies); the sequential ramp is viridis (perceptually uniform and colour-blind-safe).
 * Both are CSS custom properties defined per theme in `src/lib/ui/theme.css` (light, dark, high
 * contrast): `--viz-cat-<i>` and nine stops `--viz-seq-<k>`, each tuned so a line keeps 3:1
 * against that theme's chart background. The functions here return references to them
 * (`var(--viz-cat-0, #E69F00)`), which SVG attributes and CSS resolve, so a figure changes with
 * the theme without re-rendering. Canvas cannot read CSS variables: pass it plain colours.
 */
/** Okabe & Ito (2008), black omitted; the fallbacks when the theme's properties are absent. */
export const OKABE_ITO = [
	'#E69F00', // orange
	'#56B4E9', // sky blue
	'#009E73', // bluish green
	'#0072B2', // blue
	'#D55E00', // vermillion
	'#CC79A7', // reddish purple
	'#F0E442' // yellow (low contrast on white: keep it last)
] as const;

/** The theme property behind categorical colour i. */
export const categoricalProperty = (i: number) => `--viz-cat-${i}`;

/** Categorical colour i, cycling: the current theme's version of Okabe–Ito colour i. */
export function categorical(i: number): string {
	const n = OKABE_ITO.length;
	const k = ((i % n) + n) % n;
	return `var(${categoricalProperty(k)}, ${OKABE_ITO[k]})`;
}

/**
 * Viridis at its nine stops (0, 1/8, …, 1): the fallbacks when the theme's properties are absent.
 * Written out, not taken from d3-scale-chromatic: its 256-colour viridis ramp, cividis and their
 * interpolation came to every page that uses a colour (3.5 KB gzip; a test checks these against d3).
 */
export const VIRIDIS_STOPS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'] as const;

/** Stops of the themed sequential ramp (`--viz-seq-0` … `--viz-seq-8`). */
export const SEQUENTIAL_STOPS = VIRIDIS_STOPS.length;
export const sequentialProperty = (k: number) => `--viz-seq-${k}`;

/** The themed ramp at t ∈ [0, 1]: a stop, or a mix of the two stops around t. */
export function themedSequential(t: number): string {
	const at = Math.max(0, Math.min(1, t)) * (SEQUENTIAL_STOPS - 1);
	const k = Math.floor(at);
	const frac = at - k;
	const stop = (j: number) => `var(${sequentialProperty(j)}, ${VIRIDIS_STOPS[j]})`;
	if (frac < 1e-6 || k >= SEQUENTIAL_STOPS - 1) return stop(Math.min(k, SEQUENTIAL_STOPS - 1));
	return `color-mix(in oklab, ${stop(k)} ${Math.round(100 * (1 - frac))}%, ${stop(k + 1)})`;
}

/** n colours along the themed viridis (its visible part on the current background), end to end. */
export function sequentialColors(n: number): string[] {
	if (n <= 0) return [];
	if (n === 1) return [themedSequential(0.5)];
	// On the nearest stop when there are few colours (a plain reference, no mixing).
	return Array.from({ length: n }, (_, i) => (n <= SEQUENTIAL_STOPS ? themedSequential(Math.round((i * (SEQUENTIAL_STOPS - 1)) / (n - 1)) / (SEQUENTIAL_STOPS - 1)) : themedSequential(i / (n - 1))));
}

/** Theme colours as CSS variable references, with fallbacks for use outside the theme. */
export const themeColor = {
	text: 'var(--viz-text, currentColor)',
	axis: 'var(--viz-axis, currentColor)',
	grid: 'var(--viz-grid)',
	muted: 'var(--viz-muted)',
	accent: 'var(--viz-accent)'
} as const;
