/**
 * The graph layout: one box per node, no two in one place, every edge pointing down a row or
 * more. In an article, rows at most MAX_LANES wide, no two edges crossing, and no edge that skips
 * rows changing lanes (it would be drawn through the boxes between). On a slide, SLIDE_LANES wide
 * and at most one crossing; a few edges there skip rows across lanes.
 */
import { describe, expect, it } from 'vitest';
import { crossings, layoutPass, MAX_LANES, SLIDE_LANES } from './layout';
import { buildBackpropGraph } from './model';

describe('graph layout', () => {
	for (const act of ['tanh', 'relu', 'sigmoid'] as const)
		for (const loss of ['ce', 'mse'] as const)
			for (const xgrad of [false, true])
				it(`${act}, ${loss}, xgrad ${xgrad}, every detach, both loss graphs`, () => {
					for (const detach of [undefined, 'hidden', 'lsemax'] as const)
						for (const naive of [false, true])
							for (const lanes of [MAX_LANES, SLIDE_LANES]) check(buildBackpropGraph({ hidden: 3, batch: 2, act, loss, xgrad, detach, naive }).spec, lanes);
				});
});

function check(spec: ReturnType<typeof buildBackpropGraph>['spec'], lanes: number) {
	for (const phase of ['forward', 'backward'] as const) {
		const layout = layoutPass(spec, phase, lanes);
		const nodes = spec.nodes.filter((n) => n.phase === phase);
		expect(layout.boxes).toHaveLength(nodes.length);
		const places = new Set(layout.boxes.map((b) => `${b.row},${b.lane}`));
		expect(places.size).toBe(nodes.length);
		expect(layout.lanes).toBeLessThanOrEqual(lanes);
		expect(Math.max(...layout.boxes.map((b) => b.lane))).toBe(layout.lanes - 1);
		const at = new Map(layout.boxes.map((b) => [b.id, b]));
		for (const n of nodes)
			for (const input of n.inputs) {
				const from = at.get(input);
				if (!from) continue;
				const to = at.get(n.id)!;
				expect(from.row).toBeLessThan(to.row);
				if (to.row - from.row > 1 && lanes === MAX_LANES) expect(from.lane, `${input} → ${n.id} skips rows`).toBe(to.lane);
			}
		const index = new Map(nodes.map((n, i) => [n.id, i]));
		const inputs = nodes.map((n) => n.inputs.flatMap((input) => (index.has(input) ? [index.get(input)!] : [])));
		// Four lanes leave the search one crossing it cannot undo two rows at a time.
		expect(crossings(inputs, nodes.map((n) => at.get(n.id)!.row), nodes.map((n) => at.get(n.id)!.lane))).toBeLessThanOrEqual(lanes === MAX_LANES ? 0 : 1);
		for (const chip of layout.chips) expect(new Set(chip.readers).size).toBe(chip.readers.length);
	}
	// The seed feeds only the first backward node.
	const seed = layoutPass(spec, 'backward').chips.find((c) => c.id === spec.seed)!;
	expect(seed.readers).toEqual([spec.nodes.find((n) => n.phase === 'backward')!.id]);
}

describe('edge crossings', () => {
	// Rows 0 and 1, two boxes each: node 2 reads node 0 and node 3 reads node 1.
	const inputs = [[], [], [0], [1]];
	const rank = [0, 0, 1, 1];
	it('counts two edges that swap sides between rows, and not two that keep them', () => {
		expect(crossings(inputs, rank, [0, 1, 1, 0])).toBe(1);
		expect(crossings(inputs, rank, [0, 1, 0, 1])).toBe(0);
	});
	it('does not count edges that only share an end', () => {
		expect(crossings([[], [], [0, 1]], [0, 0, 1], [0, 1, 0])).toBe(0);
	});
	it('follows an edge across the rows it skips', () => {
		// 0 (lane 0, row 0) → 3 (lane 1, row 2) against 1 (lane 1, row 0) → 2 (lane 0, row 1).
		expect(crossings([[], [], [1], [0]], [0, 0, 1, 2], [0, 1, 0, 1])).toBe(1);
	});
});
