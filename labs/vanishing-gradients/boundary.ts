/**
 * Figure 5's decision boundaries, the pure part: the grid of points each network is evaluated on,
 * and what its probe's output means. The probe (training.ts) runs the network's own forward graph
 * with the run's current weights on the grid points followed by the training points, and returns
 * p(class 1) for each; the grid part is the picture, the training part the accuracy beside it.
 *
 * Grid: `size` × `size` cell centres over [−extent, extent]², row 0 at the top (largest y), so
 * row r, column c is the pixel a heatmap draws at (r, c).
 */

export const BOUNDARY = {
	/** Cells per side. */
	size: 48,
	/** Half-width of the square drawn (the spirals reach radius 1, plus jitter). */
	extent: 1.25,
	/** Probe every k steps (and at the first and the last). */
	every: 25
} as const;

export interface GridSpec {
	size: number;
	extent: number;
}

export const cellWidth = ({ size, extent }: GridSpec) => (2 * extent) / size;

/** The grid's cell centres as [size², 2] (x, y) rows, row-major from the top-left. */
export function gridPoints(grid: GridSpec): Float32Array {
	const { size, extent } = grid;
	const cell = cellWidth(grid);
	const out = new Float32Array(2 * size * size);
	for (let r = 0; r < size; r++) {
		for (let c = 0; c < size; c++) {
			const i = r * size + c;
			out[2 * i] = -extent + (c + 0.5) * cell;
			out[2 * i + 1] = extent - (r + 0.5) * cell;
		}
	}
	return out;
}

/** What a probe is fed: the grid points, then the training points. */
export function probePoints(grid: GridSpec, train: Float32Array): Float32Array {
	const g = gridPoints(grid);
	const out = new Float32Array(g.length + train.length);
	out.set(g);
	out.set(train, g.length);
	return out;
}

/** Probe after 0, k, 2k, … updates and after the last. */
export function probeSteps(maxSteps: number, every: number): number[] {
	const steps: number[] = [];
	for (let s = 0; s < maxSteps; s += every) steps.push(s);
	steps.push(maxSteps);
	return steps;
}

/** One network's boundary after `step` updates. */
export interface Boundary {
	step: number;
	/** p(class 1) per grid cell, row-major from the top-left. */
	grid: Float32Array;
	/** Share of the training points on the right side of p = ½. */
	accuracy: number;
}

/** Fraction of `labels` matched by thresholding `p1` at ½. */
export function accuracyOf(p1: ArrayLike<number>, labels: ArrayLike<number>): number {
	let right = 0;
	for (let i = 0; i < labels.length; i++) if ((p1[i] > 0.5 ? 1 : 0) === labels[i]) right++;
	return labels.length ? right / labels.length : NaN;
}

/** Splits a probe's output (grid, then training points) into the picture and the accuracy. */
export function readBoundary(step: number, values: Float32Array, grid: GridSpec, labels: ArrayLike<number>): Boundary {
	const cells = grid.size * grid.size;
	if (values.length !== cells + labels.length) throw new Error(`readBoundary: ${values.length} values for ${cells} cells and ${labels.length} points`);
	return { step, grid: values.slice(0, cells), accuracy: accuracyOf(values.subarray(cells), labels) };
}

/** p(class 1) at (x, y) read off the grid picture: bilinear between the cell centres, clamped at the edges. */
export function sampleGrid(picture: ArrayLike<number>, grid: GridSpec, x: number, y: number): number {
	const { size, extent } = grid;
	const cell = cellWidth(grid);
	const clamp = (v: number) => Math.max(0, Math.min(size - 1, v));
	const fc = clamp((x + extent) / cell - 0.5);
	const fr = clamp((extent - y) / cell - 0.5);
	const c0 = Math.floor(fc);
	const r0 = Math.floor(fr);
	const c1 = Math.min(size - 1, c0 + 1);
	const r1 = Math.min(size - 1, r0 + 1);
	const tc = fc - c0;
	const tr = fr - r0;
	const at = (r: number, c: number) => picture[r * size + c];
	return (1 - tr) * ((1 - tc) * at(r0, c0) + tc * at(r0, c1)) + tr * ((1 - tc) * at(r1, c0) + tc * at(r1, c1));
}
