/**
 * Figure 6's regions as a few SVG paths: each grid cell is tinted towards its most likely arm,
 * more opaque the surer the network is (from 1/3, a coin toss over three arms, to 1), in
 * TINT_LEVELS steps; the cells of one arm and level are one path of row runs. Plain SVG, so the
 * picture is in the prerendered HTML and scales at any width.
 */
import { categorical } from '$lib/viz';
import type { Regions } from './distillRegions';
import { TINT_LEVELS, tintLevel } from './tintLevels';

export interface RegionPath {
	arm: number;
	/** Fill opacity, in (0, 0.6]. */
	opacity: number;
	d: string;
}

/** The arms' colours: Okabe–Ito vermillion, blue and bluish green (plain RGB, drawn translucent over the page). */
export const ARM_TINTS: readonly (readonly [number, number, number])[] = [
	[213, 94, 0],
	[0, 114, 178],
	[0, 158, 115]
];

/** The same hues as theme colours, for the points (they keep their contrast in every theme). */
export const ARM_COLORS = [categorical(4), categorical(3), categorical(2)] as const;

/** Opacity of the surest cells. */
const MAX_OPACITY = 0.6;

export function regionPaths({ arm, sure }: Pick<Regions, 'arm' | 'sure'>, size: number): RegionPath[] {
	const levels = TINT_LEVELS;
	const keyOf = (i: number) => {
		const level = tintLevel(sure[i]);
		return level === 0 ? -1 : arm[i] * (levels + 1) + level;
	};
	const runs = new Map<number, string>();
	for (let r = 0; r < size; r++) {
		let c = 0;
		while (c < size) {
			const key = keyOf(r * size + c);
			let end = c + 1;
			while (end < size && keyOf(r * size + end) === key) end++;
			if (key >= 0) runs.set(key, (runs.get(key) ?? '') + `M${c} ${r}h${end - c}v1h${c - end}z`);
			c = end;
		}
	}
	return [...runs].map(([key, d]) => ({ arm: Math.floor(key / (levels + 1)), opacity: (MAX_OPACITY * (key % (levels + 1))) / levels, d }));
}
