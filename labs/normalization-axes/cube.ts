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

export interface CubeCell {
	key: string;
	face: Face;
	i0: number;
	i1: number;
	i2: number;
	points: string;
	/** Centre, for labels and the focus ring. */
	centre: Point;
}

interface FaceGrid {
	face: Face;
	/** The face's two axes, as slots, and how a (u, v) offset pair maps to the screen. */
	u: AxisSlots;
	v: AxisSlots;
	corner(u: number, v: number): Point;
	cell(ui: number, vi: number): [number, number, number];
}

function faces(slots: [AxisSlots, AxisSlots, AxisSlots], p: Projection): FaceGrid[] {
	const [d, a, w] = slots;
	const lastAcross = a.size - 1;
	return [
		{ face: 'front', u: a, v: w, corner: (u, v) => p.at(0, u, v), cell: (ui, vi) => [0, ui, vi] },
		{ face: 'top', u: a, v: d, corner: (u, v) => p.at(v, u, 0), cell: (ui, vi) => [vi, ui, 0] },
		{ face: 'side', u: d, v: w, corner: (u, v) => p.at(u, a.span, v), cell: (ui, vi) => [ui, lastAcross, vi] }
	];
}

const fmt = (pt: Point) => `${pt[0].toFixed(1)},${pt[1].toFixed(1)}`;

export function cubeCells(slots: [AxisSlots, AxisSlots, AxisSlots], p: Projection): CubeCell[] {
	const out: CubeCell[] = [];
	for (const f of faces(slots, p)) {
		f.u.indices.forEach((ui, k) => {
			const u = f.u.offsets[k];
			f.v.indices.forEach((vi, l) => {
				const v = f.v.offsets[l];
				const corners = [f.corner(u, v), f.corner(u + 1, v), f.corner(u + 1, v + 1), f.corner(u, v + 1)];
				const [i0, i1, i2] = f.cell(ui, vi);
				const c = f.corner(u + 0.5, v + 0.5);
				out.push({ key: `${f.face}:${ui}:${vi}`, face: f.face, i0, i1, i2, points: corners.map(fmt).join(' '), centre: c });
			});
		});
	}
	return out;
}

/**
 * One SVG path through every edge between two neighbouring drawn cells of different groups, on
 * all three faces: the outline of each group, whatever its colour.
 */
export function groupBoundaries(slots: [AxisSlots, AxisSlots, AxisSlots], p: Projection, groupOf: (i0: number, i1: number, i2: number) => number): string {
	const parts: string[] = [];
	for (const f of faces(slots, p)) {
		const group = (k: number, l: number) => groupOf(...f.cell(f.u.indices[k], f.v.indices[l]));
		for (let k = 0; k < f.u.indices.length; k++) {
			for (let l = 0; l < f.v.indices.length; l++) {
				const u = f.u.offsets[k];
				const v = f.v.offsets[l];
				// Neighbours are consecutive drawn cells with no gap between them.
				if (k + 1 < f.u.indices.length && f.u.offsets[k + 1] === u + 1 && group(k, l) !== group(k + 1, l))
					parts.push(`M${fmt(f.corner(u + 1, v))}L${fmt(f.corner(u + 1, v + 1))}`);
				if (l + 1 < f.v.indices.length && f.v.offsets[l + 1] === v + 1 && group(k, l) !== group(k, l + 1))
					parts.push(`M${fmt(f.corner(u, v + 1))}L${fmt(f.corner(u + 1, v + 1))}`);
			}
		}
	}
	return parts.join('');
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
