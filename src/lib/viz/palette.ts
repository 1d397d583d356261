/**
 * Colours for figures.
 * Categorical colours are the Okabe–Ito set (distinguishable with the common colour-vision
 * deficiencies); sequential ramps come from d3-scale-chromatic (viridis family: perceptually
 * uniform and colour-blind-safe). Theme-dependent colours (text, axes, grid) are CSS custom
 * properties defined in `src/lib/ui/theme.css`, so figures follow light/dark themes.
 */
import { interpolateViridis, interpolateCividis } from 'd3';

/** Okabe & Ito (2008), black omitted so it works on dark backgrounds too. */
export const OKABE_ITO = [
	'#E69F00', // orange
	'#56B4E9', // sky blue
	'#009E73', // bluish green
	'#0072B2', // blue
	'#D55E00', // vermillion
	'#CC79A7', // reddish purple
	'#F0E442' // yellow (low contrast on white: keep it last)
] as const;

/** Categorical colour i, cycling. */
export function categorical(i: number): string {
	const n = OKABE_ITO.length;
	return OKABE_ITO[((i % n) + n) % n];
}

export type Interpolator = (t: number) => string;

export const sequential: Record<'viridis' | 'cividis', Interpolator> = {
	viridis: interpolateViridis,
	cividis: interpolateCividis
};

/**
 * n colours sampled from a sequential ramp, avoiding its extremes
 * (the darkest and the lightest ends vanish against dark and light backgrounds).
 */
export function sequentialColors(n: number, ramp: Interpolator = interpolateViridis): string[] {
	if (n <= 0) return [];
	if (n === 1) return [ramp(0.5)];
	return Array.from({ length: n }, (_, i) => ramp(0.15 + (0.7 * i) / (n - 1)));
}

/** Theme colours as CSS variable references, with fallbacks for use outside the theme. */
export const themeColor = {
	text: 'var(--viz-text, currentColor)',
	axis: 'var(--viz-axis, currentColor)',
	grid: 'var(--viz-grid)',
	muted: 'var(--viz-muted)',
	accent: 'var(--viz-accent)'
} as const;
