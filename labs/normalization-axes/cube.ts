/**
 * Geometry of the axes cube (figure 1), pure: which indices each axis shows, the oblique
 * projection, the three visible faces' cells as polygons, and the lines between groups.
 *
 * The block is drawn with axis 0 going back (up and to the right), axis 1 across and axis 2
 * down. Only the front (first sample), top (first position) and right (last channel) faces are
 * visible; every group of every method reaches at least one of them. An axis longer than its cap
 * shows its first indices, a gap, and its last two, so cells stay big enough to point at on a phone.
 */
import { scaleLinear } from 'd3';
import { categorical } from '$lib/viz/palette';

/**
 * Group colours: Okabe–Ito without black and yellow (the theme's versions), ordered so slots one
 * or two apart contrast well: orange, blue, bluish green, vermillion, sky blue, reddish purple.
 */
export const CUBE_COLORS = [0, 3, 2, 4, 1, 5].map(categorical);

/** Width of the gap that stands for hidden indices, in cells. */
export const GAP = 0.8;

export interface AxisSlots {
	size: number;
	/** The indices drawn, ascending. */
	indices: number[];
	/** Position of each drawn index along the axis, in cells (the gap included). */
	offsets: number[];
	/** Total length in cells. */
	span: number;
	/** Offset where the gap starts, or null when every index is drawn. */
	gapAt: number | null;
}

export function axisSlots(size: number, cap: number): AxisSlots {
	if (size <= cap) {
		const indices = Array.from({ length: size }, (_, i) => i);
		return { size, indices, offsets: [...indices], span: size, gapAt: null };
	}
	const head = Math.max(1, cap - 3);
	const indices = [...Array.from({ length: head }, (_, i) => i), size - 2, size - 1];
	const offsets = indices.map((_, k) => (k < head ? k : k + GAP));
	return { size, indices, offsets, span: head + GAP + 2, gapAt: head };
}

/** How many cells an axis may show at a given width: fewer on a phone. */
export function axisCaps(width: number): [number, number, number] {
	return width < 520 ? [8, 16, 16] : [12, 24, 24];
}

export type Point = [number, number];

export interface Projection {
	cell: number;
	width: number;
	height: number;
	/** Screen point of (depth, across, down) offsets in cells. */
	at(depth: number, across: number, down: number): Point;
	spans: [number, number, number];
}

/** Depth foreshortening: one step back moves this many cells right and up. */
const BACK: Point = [0.62 * Math.cos((38 * Math.PI) / 180), 0.62 * Math.sin((38 * Math.PI) / 180)];
export const CUBE_MARGIN = { top: 22, right: 14, bottom: 46, left: 50 } as const;
export type CubeMargin = { top: number; right: number; bottom: number; left: number };

/** Margins for axis labels of `fontPx` text (CUBE_MARGIN at 13 px): the labels grow on a slide. */
export function cubeMargin(fontPx: number): CubeMargin {
	const k = Math.max(1, fontPx / 13);
	// The top grows faster: the depth title stands above the block's top edge, lifted with k.
	return { top: Math.round(22 * k + 14 * (k - 1)), right: Math.round(14 * k), bottom: Math.round(46 * k), left: Math.round(50 * k) };
}

export function project(
	slots: [AxisSlots, AxisSlots, AxisSlots],
	width: number,
	maxHeight: number,
	maxCell = 34,
	m: CubeMargin = CUBE_MARGIN
): Projection {
	const spans: [number, number, number] = [slots[0].span, slots[1].span, slots[2].span];
	const cellsWide = spans[1] + spans[0] * BACK[0];
	const cellsHigh = spans[2] + spans[0] * BACK[1];
	const cell = Math.max(4, Math.min(maxCell, (width - m.left - m.right) / cellsWide, (maxHeight - m.top - m.bottom) / cellsHigh));
	// d3 scales turn cell offsets into pixels; the depth axis adds its oblique shift.
	const x = scaleLinear().domain([0, 1]).range([m.left, m.left + cell]);
	const y = scaleLinear()
		.domain([0, 1])
		.range([m.top + spans[0] * BACK[1] * cell, m.top + spans[0] * BACK[1] * cell + cell]);
	return {
		cell,
		// Floor: never wider than the room given (the right margin absorbs the fraction).
		width: Math.floor(m.left + cellsWide * cell + m.right),
		height: Math.ceil(m.top + cellsHigh * cell + m.bottom),
		at: (depth, across, down) => [x(across + depth * BACK[0]), y(down - depth * BACK[1])],
		spans
	};
}

export type Face = 'front' | 'top' | 'side';
export const FACES: readonly Face[] = ['front', 'top', 'side'];

/**
 * A drawn cell. Its polygon is in its face's own units (one cell = 1, the gap included), which
 * do not depend on the projection: the face's group carries the projection as an affine
 * `transform` (faceAffine, matrixOf). A batch or a width change then moves three transforms and adds or
 * removes the cells that came or went, instead of rewriting every cell's points (531 of them at
 * the default, the largest part of a control change's cost before the model runs).
 */
export interface CubeCell {
	key: string;
	face: Face;
	i0: number;
	i1: number;
	i2: number;
	/** Offsets of the cell's corner along the face's two axes, in cells. */
	u: number;
	v: number;
	/** The cell's square in face units. */
	points: string;
}

interface FaceGrid {
	face: Face;
	/** The face's two axes, as slots, and how a (u, v) offset pair maps to the screen. */
	u: AxisSlots;
	v: AxisSlots;
	corner(u: number, v: number): Point;
	cell(ui: number, vi: number): [number, number, number];
}

/** One face's axes and cell indices; its corners on screen only with a projection `p`. */
function faceGrid(face: Face, slots: [AxisSlots, AxisSlots, AxisSlots], p?: Projection): FaceGrid {
	const [d, a, w] = slots;
	const at = p?.at ?? (() => [0, 0] as Point);
	if (face === 'front') return { face, u: a, v: w, corner: (u, v) => at(0, u, v), cell: (ui, vi) => [0, ui, vi] };
	if (face === 'top') return { face, u: a, v: d, corner: (u, v) => at(v, u, 0), cell: (ui, vi) => [vi, ui, 0] };
	return { face, u: d, v: w, corner: (u, v) => at(u, a.span, v), cell: (ui, vi) => [ui, a.size - 1, vi] };
}

const fmt = (pt: Point) => `${pt[0].toFixed(1)},${pt[1].toFixed(1)}`;
/** A face-unit coordinate: offsets are whole cells or a whole number plus the gap's 0.8. */
const unit = (x: number) => String(Math.round(x * 100) / 100);
const square = (u: number, v: number) => `${unit(u)},${unit(v)} ${unit(u + 1)},${unit(v)} ${unit(u + 1)},${unit(v + 1)} ${unit(u)},${unit(v + 1)}`;

/** Every drawn cell of the three visible faces, in face units (independent of the projection). */
export function cubeCells(slots: [AxisSlots, AxisSlots, AxisSlots]): CubeCell[] {
	const out: CubeCell[] = [];
	for (const face of FACES) {
		const f = faceGrid(face, slots);
		f.u.indices.forEach((ui, k) => {
			const u = f.u.offsets[k];
			f.v.indices.forEach((vi, l) => {
				const v = f.v.offsets[l];
				const [i0, i1, i2] = f.cell(ui, vi);
				// The key holds the offsets: a cell that moved inside its face is a new polygon.
				out.push({ key: `${face}:${ui}:${vi}:${unit(u)}:${unit(v)}`, face, i0, i1, i2, u, v, points: square(u, v) });
			});
		});
	}
	return out;
}

/** `next`, with each cell that equals one of `previous` (same key, so same points) replaced by that object: Svelte then leaves its polygon alone. */
export function keepUnchanged(next: CubeCell[], previous: readonly CubeCell[]): CubeCell[] {
	const old = new Map(previous.map((c) => [c.key, c]));
	return next.map((c) => old.get(c.key) ?? c);
}

/** A 2×3 affine map as [a, b, c, d, e, f] (x' = a·u + c·v + e, y' = b·u + d·v + f). */
export type Affine = [number, number, number, number, number, number];

/** The projection of one face: face units → screen, read off three of its corners (it is affine). */
export function faceAffine(slots: [AxisSlots, AxisSlots, AxisSlots], p: Projection, face: Face): Affine {
	const f = faceGrid(face, slots, p);
	const o = f.corner(0, 0);
	const u = f.corner(1, 0);
	const v = f.corner(0, 1);
	return [u[0] - o[0], u[1] - o[1], v[0] - o[0], v[1] - o[1], o[0], o[1]];
}

const num = (x: number) => String(Math.round(x * 1000) / 1000);

/** An SVG `transform` for the affine map. */
export const matrixOf = (m: Affine) => `matrix(${m.map(num).join(' ')})`;

/**
 * The inverse of the map's linear part, as an SVG `patternTransform` prefix: a pattern used in a
 * face's units and transformed by it comes out in screen pixels (the padding hatch keeps its
 * 5 px spacing and 45° angle on every face).
 */
export function unskew(m: Affine): string {
	const [a, b, c, d] = m;
	const det = a * d - b * c;
	return `matrix(${[d / det, -b / det, -c / det, a / det, 0, 0].map(num).join(' ')})`;
}

/** A cell's square in screen coordinates (the focus ring, drawn above every face). */
export function screenPoints(slots: [AxisSlots, AxisSlots, AxisSlots], p: Projection, c: CubeCell): string {
	const f = faceGrid(c.face, slots, p);
	return [f.corner(c.u, c.v), f.corner(c.u + 1, c.v), f.corner(c.u + 1, c.v + 1), f.corner(c.u, c.v + 1)].map(fmt).join(' ');
}

/**
 * One SVG path per face, in face units, through every edge between two neighbouring drawn cells
 * of different groups: the outline of each group, whatever its colour.
 */
export function groupBoundaries(slots: [AxisSlots, AxisSlots, AxisSlots], groupOf: (i0: number, i1: number, i2: number) => number): Record<Face, string> {
	const out = { front: '', top: '', side: '' };
	for (const face of FACES) {
		const f = faceGrid(face, slots);
		const parts: string[] = [];
		const group = (k: number, l: number) => groupOf(...f.cell(f.u.indices[k], f.v.indices[l]));
		for (let k = 0; k < f.u.indices.length; k++) {
			for (let l = 0; l < f.v.indices.length; l++) {
				const u = f.u.offsets[k];
				const v = f.v.offsets[l];
				// Neighbours are consecutive drawn cells with no gap between them.
				if (k + 1 < f.u.indices.length && f.u.offsets[k + 1] === u + 1 && group(k, l) !== group(k + 1, l))
					parts.push(`M${unit(u + 1)},${unit(v)}V${unit(v + 1)}`);
				if (l + 1 < f.v.indices.length && f.v.offsets[l + 1] === v + 1 && group(k, l) !== group(k, l + 1))
					parts.push(`M${unit(u)},${unit(v + 1)}H${unit(u + 1)}`);
			}
		}
		out[face] = parts.join('');
	}
	return out;
}

/** The outline of the three faces (the block's silhouette and its two inner edges). */
export function blockOutline(p: Projection): string {
	const [D, A, W] = p.spans;
	const c = (d: number, a: number, w: number) => fmt(p.at(d, a, w));
	return [
		`M${c(0, 0, 0)}L${c(0, A, 0)}L${c(0, A, W)}L${c(0, 0, W)}Z`,
		`M${c(0, 0, 0)}L${c(D, 0, 0)}L${c(D, A, 0)}L${c(0, A, 0)}`,
		`M${c(D, A, 0)}L${c(D, A, W)}L${c(0, A, W)}`
	].join('');
}

/**
 * The block's three visible faces as filled polygons, drawn under the cells: where an axis skips
 * indices, the gap between the drawn slices shows this backdrop rather than the page behind.
 */
export function blockFaces(p: Projection): string[] {
	const [D, A, W] = p.spans;
	const c = (d: number, a: number, w: number) => p.at(d, a, w).join(',');
	return [
		[c(0, 0, 0), c(0, A, 0), c(0, A, W), c(0, 0, W)].join(' '),
		[c(0, 0, 0), c(D, 0, 0), c(D, A, 0), c(0, A, 0)].join(' '),
		[c(0, A, 0), c(D, A, 0), c(D, A, W), c(0, A, W)].join(' ')
	];
}

/** Moves a keyboard cursor one drawn index along an axis (skipping hidden ones), clamped. */
export function stepIndex(slots: AxisSlots, index: number, step: -1 | 1): number {
	const k = slots.indices.indexOf(index);
	const at = k < 0 ? 0 : Math.min(slots.indices.length - 1, Math.max(0, k + step));
	return slots.indices[at];
}
