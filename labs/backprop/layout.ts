/**
 * Where each box of figures 1 and 2 goes: a layered layout, one row per rank, computed from the
 * graph's node list (pure, so it runs wherever the results are made). A node's rank is the
 * longest path to it from the pass's first node; a node that reads only tensors from outside its
 * pass (a Transpose of a saved weight) is then moved down to sit just above its first consumer,
 * so side branches stay beside the step they serve. Graph inputs and saved tensors are chips in
 * a column on the left, in the row of their first reader.
 *
 * The spec names @dagrejs/dagre, run at build time into JSON. These graphs are nearly chains
 * (fewer than MAX_STEP nodes, a side branch or two), so layering by longest path already draws
 * them top to bottom, every edge pointing down (layout.test.ts), in one pass over the node list,
 * for any setting, in the browser: no dependency, no generated file to keep in step with the
 * builder, and rows that GraphView can wrap into side-by-side blocks on a slide.
 */
import type { GraphNodeSpec, GraphSpec } from './model';

export interface Box {
	id: string;
	row: number;
	lane: number;
}

export interface Chip {
	/** The tensor (graph input or forward node output). */
	id: string;
	row: number;
	/** The boxes that read it. */
	readers: string[];
}

export interface Layout {
	boxes: Box[];
	chips: Chip[];
	rows: number;
	lanes: number;
}

export function layoutPass(spec: GraphSpec, phase: GraphNodeSpec['phase']): Layout {
	const nodes = spec.nodes.filter((n) => n.phase === phase);
	const inPass = new Map(nodes.map((n, i) => [n.id, i]));
	const rank = new Array<number>(nodes.length).fill(0);
	nodes.forEach((n, i) => {
		for (const input of n.inputs) {
			const j = inPass.get(input);
			if (j !== undefined) rank[i] = Math.max(rank[i], rank[j] + 1);
		}
	});
	const consumers = nodes.map(() => [] as number[]);
	nodes.forEach((n, i) => n.inputs.forEach((input) => inPass.has(input) && consumers[inPass.get(input)!].push(i)));
	// Walk backwards so a chain of side nodes moves down together.
	for (let i = nodes.length - 1; i >= 0; i--) {
		if (consumers[i].length === 0) continue;
		const below = Math.min(...consumers[i].map((c) => rank[c])) - 1;
		if (below > rank[i]) rank[i] = below;
	}
	const lanesUsed = new Map<number, number>();
	const boxes = nodes.map((n, i) => {
		const lane = lanesUsed.get(rank[i]) ?? 0;
		lanesUsed.set(rank[i], lane + 1);
		return { id: n.id, row: rank[i], lane };
	});

	// Chips: graph inputs for the forward pass, saved forward tensors for the backward pass.
	const outside = phase === 'forward' ? new Set(spec.sources.map((s) => s.id)) : new Set([spec.seed, ...spec.saved]);
	const chips = new Map<string, Chip>();
	nodes.forEach((n, i) => {
		for (const input of n.inputs) {
			if (!outside.has(input)) continue;
			const chip = chips.get(input);
			if (chip) {
				if (!chip.readers.includes(n.id)) chip.readers.push(n.id);
			}
			else chips.set(input, { id: input, row: rank[i], readers: [n.id] });
		}
	});
	return {
		boxes,
		chips: [...chips.values()],
		rows: Math.max(0, ...rank) + 1,
		lanes: Math.max(1, ...lanesUsed.values())
	};
}
