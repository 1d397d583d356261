/**
 * A decision boundary picture as a few SVG paths instead of a canvas: each cell's p(class 1) is
 * tinted towards its class by how sure the network is (opacity ½·|2p − 1|, in `levels` steps),
 * and the cells of one class and step are one path of row runs. Plain SVG, so the picture is in
 * the prerendered HTML (the build-time recording draws at first paint) and scales at any width.
 */
import type { GridSpec } from './boundary';

export interface TintPath {
	/** 0 or 1: the class the cells lean to. */
	cls: number;
	/** Fill opacity, in (0, ½]. */
	opacity: number;
	d: string;
}

export function tintPaths(grid: ArrayLike<number>, { size }: GridSpec, levels = 16): TintPath[] {
	const runs = new Map<number, string>();
	for (let r = 0; r < size; r++) {
		let c = 0;
		while (c < size) {
			const key = keyOf(grid[r * size + c], levels);
			let end = c + 1;
			while (end < size && keyOf(grid[r * size + end], levels) === key) end++;
			if (key !== 0) runs.set(key, (runs.get(key) ?? '') + `M${c} ${r}h${end - c}v1h${c - end}z`);
			c = end;
		}
	}
	return [...runs].map(([key, d]) => ({ cls: key > 0 ? 1 : 0, opacity: (0.5 * Math.abs(key)) / levels, d }));
}

/** Signed level: +k leans to class 1, −k to class 0, 0 is undecided (or not a number). */
function keyOf(p: number, levels: number): number {
	if (!Number.isFinite(p)) return 0;
	const level = Math.round(Math.abs(2 * p - 1) * levels);
	return p > 0.5 ? level : -level;
}
