/**
 * The quantization lab's RegionsPanel (figure 6, distillation): one network's regions over the
 * 48 × 48 grid. Every cell the network is surer than a coin toss about is tinted exactly once, in
 * its arm's hue and more opaque the surer it is; the labelled points sit where their coordinates
 * say, in their arm's colour; the panel names itself and its accuracy to a screen reader; and the
 * pointer (mouse or arrow keys) reports the cell it is on.
 */
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import RegionsPanel from '$labs/quantization/RegionsPanel.svelte';
import type { Regions } from '$labs/quantization/distillRegions';

/** The grid of distillConfig.ts: 48 cells a side over [−1.25, 1.25]². */
const SIZE = 48;
const EXTENT = 1.25;
const CELLS = SIZE * SIZE;
/** The arms' tints as RGB (Okabe–Ito vermillion, blue, bluish green). */
const TINT = ['rgb(213,94,0)', 'rgb(0,114,178)', 'rgb(0,158,115)'];
/** The points' theme colours: categorical 4, 3 and 2, with the Okabe–Ito fallbacks. */
const DOT = ['var(--viz-cat-4, #D55E00)', 'var(--viz-cat-3, #0072B2)', 'var(--viz-cat-2, #009E73)'];

/**
 * Regions made up for the test: the arm is the row's third (top: arm 0, middle: 1, bottom: 2),
 * and how sure the network is cycles over the columns: certain, 2/3, and a coin toss (1/3).
 */
function madeUpRegions(accuracy = 0.875): Regions {
	const arm = new Uint8Array(CELLS);
	const sure = new Float32Array(CELLS);
	for (let r = 0; r < SIZE; r++)
		for (let c = 0; c < SIZE; c++) {
			arm[r * SIZE + c] = Math.floor((3 * r) / SIZE);
			sure[r * SIZE + c] = [1, 2 / 3, 1 / 3][c % 3];
		}
	return { step: 800, arm, sure, accuracy };
}

/** Expected fill opacity per sureness: 0 (not drawn) at 1/3, 0.6 at 1, linear between (2/3 → 0.3). */
const expectedOpacity = (c: number) => [0.6, 0.3, 0][c % 3];

/** Labelled points: (x, y) pairs and their arms. */
const POINTS = new Float32Array([0, 0, 1.25, 1.25, -1, 0.5, 0.5, -1, -1.25, -1.25]);
const LABELS = new Int32Array([0, 1, 0, 2, 1]);
/** Where (x, y) lands in the picture: 48 / 2.5 = 19.2 units per data unit, y pointing down. */
const toPicture = (x: number, y: number) => [(x + EXTENT) * (SIZE / (2 * EXTENT)), (EXTENT - y) * (SIZE / (2 * EXTENT))];

/**
 * The cells a path's closed subpaths cover, read from its M/h/v/z commands (each subpath a
 * rectangle of whole cells, as the picture draws them).
 */
function cellsOf(d: string): number[] {
	const cells: number[] = [];
	for (const sub of d.split(/(?=M)/).filter(Boolean)) {
		const tokens = sub.match(/[MhvzHV]|-?\d+(?:\.\d+)?/g) ?? [];
		let x = 0;
		let y = 0;
		const xs: number[] = [];
		const ys: number[] = [];
		for (let i = 0; i < tokens.length; i++) {
			const t = tokens[i];
			if (t === 'M') (x = Number(tokens[++i])), (y = Number(tokens[++i]));
			else if (t === 'h') x += Number(tokens[++i]);
			else if (t === 'v') y += Number(tokens[++i]);
			else if (t === 'H') x = Number(tokens[++i]);
			else if (t === 'V') y = Number(tokens[++i]);
			else if (t === 'z') continue;
			else throw new Error(`unexpected path token ${t} in ${sub}`);
			xs.push(x);
			ys.push(y);
		}
		for (let r = Math.min(...ys); r < Math.max(...ys); r++) for (let c = Math.min(...xs); c < Math.max(...xs); c++) cells.push(r * SIZE + c);
	}
	return cells;
}

/** The centres of a path of discs ("M x y h0" per disc, dots.ts) and their radius (half the stroke's width). */
function discCentres(path: SVGPathElement): { x: number; y: number; r: number }[] {
	const d = path.getAttribute('d') ?? '';
	const r = Number(path.getAttribute('stroke-width')) / 2;
	expect(path.closest('[stroke-linecap="round"]'), 'a round cap draws each zero-length segment as a disc').not.toBeNull();
	const discs = [...d.matchAll(/M(-?[\d.]+) (-?[\d.]+)h0/g)];
	expect(discs.map((m) => m[0]).join(''), 'the path holds nothing but discs').toBe(d);
	return discs.map((m) => ({ x: Number(m[1]), y: Number(m[2]), r }));
}

const tintPaths = (container: HTMLElement) => Array.from(container.querySelectorAll<SVGPathElement>('g[shape-rendering] path'));
const dotPaths = (container: HTMLElement) => Array.from(container.querySelectorAll<SVGPathElement>('g.points path.disc'));

describe('RegionsPanel', () => {
	it('tints every cell surer than a coin toss exactly once, in its arm’s hue, more opaque the surer', () => {
		const regions = madeUpRegions();
		const { container } = render(RegionsPanel, { label: 'teacher', regions, points: POINTS, labels: LABELS, note: '' });
		const arm = new Array<number>(CELLS).fill(-1);
		const opacity = new Array<number>(CELLS).fill(0);
		const times = new Array<number>(CELLS).fill(0);
		const paths = tintPaths(container);
		expect(paths.length).toBeGreaterThan(0);
		for (const p of paths) {
			const fill = p.getAttribute('fill')!;
			expect(TINT).toContain(fill);
			for (const cell of cellsOf(p.getAttribute('d')!)) {
				times[cell]++;
				arm[cell] = TINT.indexOf(fill);
				opacity[cell] = Number(p.getAttribute('fill-opacity'));
			}
		}
		for (let r = 0; r < SIZE; r++)
			for (let c = 0; c < SIZE; c++) {
				const i = r * SIZE + c;
				const want = expectedOpacity(c);
				if (want === 0) {
					expect(times[i], `cell (${r}, ${c}) is a coin toss: not tinted`).toBe(0);
					continue;
				}
				expect(times[i], `cell (${r}, ${c}) tinted once`).toBe(1);
				expect(arm[i], `cell (${r}, ${c})'s arm`).toBe(Math.floor((3 * r) / SIZE));
				expect(opacity[i], `cell (${r}, ${c})'s opacity`).toBeCloseTo(want, 6);
			}
		// The picture is the grid: a viewBox of 48 × 48 cells, framed.
		const svg = container.querySelector('svg')!;
		expect(svg.getAttribute('viewBox')).toBe(`0 0 ${SIZE} ${SIZE}`);
		const frame = svg.querySelector('rect.frame')!;
		expect([frame.getAttribute('width'), frame.getAttribute('height')]).toEqual([String(SIZE), String(SIZE)]);
	});

	it('a network unsure everywhere gets no tint at all; a sure one covers the whole grid', () => {
		const unsure: Regions = { step: 0, arm: new Uint8Array(CELLS).fill(2), sure: new Float32Array(CELLS).fill(1 / 3), accuracy: 1 / 3 };
		const { container } = render(RegionsPanel, { label: 'hard', regions: unsure, points: POINTS, labels: LABELS, note: '' });
		expect(tintPaths(container)).toHaveLength(0);
		const sure: Regions = { step: 0, arm: new Uint8Array(CELLS).fill(1), sure: new Float32Array(CELLS).fill(1), accuracy: 1 };
		const other = render(RegionsPanel, { label: 'soft', regions: sure, points: POINTS, labels: LABELS, note: '' });
		const paths = tintPaths(other.container);
		expect(paths.map((p) => p.getAttribute('fill'))).toEqual([TINT[1]]);
		expect(Number(paths[0].getAttribute('fill-opacity'))).toBeCloseTo(0.6, 6);
		expect(new Set(cellsOf(paths[0].getAttribute('d')!)).size).toBe(CELLS);
	});

	it('draws each labelled point at its coordinates, in its arm’s colour, one path per arm', () => {
		const { container } = render(RegionsPanel, { label: 'teacher', regions: madeUpRegions(), points: POINTS, labels: LABELS, note: '' });
		const paths = dotPaths(container);
		expect(paths.map((p) => p.getAttribute('stroke'))).toEqual(DOT);
		for (let arm = 0; arm < 3; arm++) {
			const want = [...LABELS.keys()].filter((i) => LABELS[i] === arm).map((i) => toPicture(POINTS[2 * i], POINTS[2 * i + 1]));
			const got = discCentres(paths[arm]);
			expect(got, `arm ${arm}'s points`).toHaveLength(want.length);
			got.forEach((g, k) => {
				expect(g.x).toBeCloseTo(want[k][0], 1);
				expect(g.y).toBeCloseTo(want[k][1], 1);
				expect(g.r).toBeGreaterThan(0);
			});
		}
		// Spot checks of the mapping: the origin is the centre, (1.25, 1.25) the top-right corner.
		const [corner] = discCentres(paths[1]);
		expect(corner.x).toBeCloseTo(48, 6);
		expect(corner.y).toBeCloseTo(0, 6);
		const [origin] = discCentres(paths[0]);
		expect(origin.x).toBeCloseTo(24, 6);
		expect(origin.y).toBeCloseTo(24, 6);
	});

	it('names itself and its held-out accuracy; before training, says so and shows the note', async () => {
		const { rerender } = render(RegionsPanel, { label: 'teacher', color: '#123456', regions: madeUpRegions(0.875), points: POINTS, labels: LABELS, note: 'not trained yet' });
		const group = screen.getByRole('group', { name: 'Regions: teacher' });
		expect(screen.getByRole('img', { name: 'Regions of the teacher: it puts 87.5% of the held-out points in their own arm.' })).toBeTruthy();
		expect(group.querySelector('.readout')).toHaveTextContent(/^held-out accuracy 87\.5%$/);
		expect(group.querySelector('.name')).toHaveTextContent(/^teacher$/);
		const swatch = group.querySelector<HTMLElement>('.swatch')!;
		expect(swatch.style.background).toBe('rgb(18, 52, 86)');
		expect(swatch.getAttribute('aria-hidden')).toBe('true');

		await rerender({ label: 'student on hard labels', color: undefined, regions: null, points: POINTS, labels: LABELS, note: 'not trained yet' });
		const untrained = screen.getByRole('group', { name: 'Regions: student on hard labels' });
		expect(screen.getByRole('img', { name: 'The labelled points of the three arms; the student on hard labels has not been trained yet.' })).toBeTruthy();
		expect(untrained.querySelector('.readout')).toHaveTextContent(/^not trained yet$/);
		expect(untrained.querySelector('.swatch')).toBeNull();
		expect(tintPaths(untrained)).toHaveLength(0);
		// The points are drawn all the same.
		expect(discCentres(dotPaths(untrained)[0])).toHaveLength(2);
	});

	it('without onpoint there is nothing to point with; with it, the pointer reports the cell under it', async () => {
		const props = { label: 'teacher', regions: madeUpRegions(), points: POINTS, labels: LABELS, note: '' };
		const plain = render(RegionsPanel, props);
		expect(plain.container.querySelector('[role="slider"]')).toBeNull();
		expect(plain.container.querySelector('rect.marker')).toBeNull();
		plain.unmount();

		const onpoint = vi.fn();
		render(RegionsPanel, { ...props, onpoint });
		const slider = screen.getByRole('slider', { name: 'Point in the teacher’s picture (arrow keys move it)' });
		// A 480 px square on the page: 10 px per cell.
		slider.getBoundingClientRect = () => ({ left: 100, top: 50, width: 480, height: 480, right: 580, bottom: 530, x: 100, y: 50, toJSON: () => ({}) });
		await fireEvent.pointerDown(slider, { clientX: 100 + 10 * 10 + 5, clientY: 50 + 20 * 10 + 5 });
		expect(onpoint).toHaveBeenLastCalledWith(20 * SIZE + 10);
		await fireEvent.pointerMove(slider, { clientX: 100 + 47 * 10 + 9, clientY: 50 + 1 });
		expect(onpoint).toHaveBeenLastCalledWith(47);
		// Outside the box (a drag that left it): the nearest edge cell.
		await fireEvent.pointerMove(slider, { clientX: 0, clientY: 2000 });
		expect(onpoint).toHaveBeenLastCalledWith(47 * SIZE);
	});

	it('moves with the arrow keys from the centre, or from the marked cell, within the grid (shift: 4 cells)', async () => {
		const onpoint = vi.fn();
		const props = { label: 'teacher', regions: madeUpRegions(), points: POINTS, labels: LABELS, note: '', onpoint };
		const { rerender, container } = render(RegionsPanel, props);
		const slider = () => screen.getByRole('slider');
		const centre = 24 * SIZE + 24;
		expect(slider().getAttribute('aria-valuemin')).toBe('0');
		expect(slider().getAttribute('aria-valuemax')).toBe(String(CELLS - 1));
		expect(slider().getAttribute('aria-valuenow')).toBe(String(centre));
		expect(slider().getAttribute('aria-valuetext')).toBe('no point chosen yet');
		await fireEvent.keyDown(slider(), { key: 'ArrowRight' });
		expect(onpoint).toHaveBeenLastCalledWith(centre + 1);
		await fireEvent.keyDown(slider(), { key: 'ArrowUp' });
		expect(onpoint).toHaveBeenLastCalledWith(centre - SIZE);
		await fireEvent.keyDown(slider(), { key: 'ArrowDown', shiftKey: true });
		expect(onpoint).toHaveBeenLastCalledWith(centre + 4 * SIZE);
		const calls = onpoint.mock.calls.length;
		await fireEvent.keyDown(slider(), { key: 'Enter' });
		expect(onpoint).toHaveBeenCalledTimes(calls);

		// Marked at row 10, column 30: the keys move from there; a marker square sits on it.
		const marked = 10 * SIZE + 30;
		await rerender({ ...props, marked });
		expect(slider().getAttribute('aria-valuenow')).toBe(String(marked));
		// Its centre: x = −1.25 + 30.5 · 2.5/48 ≈ 0.339, y = 1.25 − 10.5 · 2.5/48 ≈ 0.703.
		expect(slider().getAttribute('aria-valuetext')).toBe('x 0.34, y 0.7');
		const marker = container.querySelector('rect.marker')!;
		expect([marker.getAttribute('x'), marker.getAttribute('y')]).toEqual(['29.5', '9.5']);
		await fireEvent.keyDown(slider(), { key: 'ArrowLeft', shiftKey: true });
		expect(onpoint).toHaveBeenLastCalledWith(marked - 4);

		// At the top-left corner the keys stop at the edge.
		await rerender({ ...props, marked: 0 });
		await fireEvent.keyDown(slider(), { key: 'ArrowLeft' });
		expect(onpoint).toHaveBeenLastCalledWith(0);
		await fireEvent.keyDown(slider(), { key: 'ArrowUp', shiftKey: true });
		expect(onpoint).toHaveBeenLastCalledWith(0);
		// Its centre is left of and above the origin: a real minus sign.
		expect(slider().getAttribute('aria-valuetext')).toBe('x −1.2, y 1.2');
	});
});
