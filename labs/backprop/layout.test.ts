/** The graph layout: one box per node, no two in one place, every edge pointing down a row or more. */
import { describe, expect, it } from 'vitest';
import { layoutPass } from './layout';
import { buildBackpropGraph } from './model';

describe('graph layout', () => {
	for (const act of ['tanh', 'relu', 'sigmoid'] as const)
		for (const loss of ['ce', 'mse'] as const)
			for (const xgrad of [false, true])
				it(`${act}, ${loss}, xgrad ${xgrad}`, () => {
					const { spec } = buildBackpropGraph({ hidden: 3, batch: 2, act, loss, xgrad });
					for (const phase of ['forward', 'backward'] as const) {
						const layout = layoutPass(spec, phase);
						const nodes = spec.nodes.filter((n) => n.phase === phase);
						expect(layout.boxes).toHaveLength(nodes.length);
						const places = new Set(layout.boxes.map((b) => `${b.row},${b.lane}`));
						expect(places.size).toBe(nodes.length);
						const at = new Map(layout.boxes.map((b) => [b.id, b]));
						for (const n of nodes)
							for (const input of n.inputs) {
								const from = at.get(input);
								if (from) expect(from.row).toBeLessThan(at.get(n.id)!.row);
							}
						for (const chip of layout.chips) expect(new Set(chip.readers).size).toBe(chip.readers.length);
					}
					// The seed feeds only the first backward node.
					const seed = layoutPass(spec, 'backward').chips.find((c) => c.id === spec.seed)!;
					expect(seed.readers).toEqual([spec.nodes.find((n) => n.phase === 'backward')!.id]);
				});
});
