/**
 * Where each box of figures 1 and 2 goes: a layered layout, one row per rank, computed from the
 * graph's node list (pure, so it runs wherever the results are made). A node's rank is the
 * longest path to it from the pass's first node; a node that reads only tensors from outside its
 * pass (a Transpose of a saved weight) is then moved down to sit just above its first consumer,
 * so side branches stay beside the step they serve. Rows hold at most MAX_LANES boxes (so the
 * backward graph fits an article column; SLIDE_LANES on a slide, where height is short), in the
 * order that crosses fewest edges. Graph inputs
 * and saved tensors are chips in a column on the left, in the row of their first reader.
 *
 * The spec names @dagrejs/dagre, run at build time into JSON. These graphs are nearly chains
 * (fewer than MAX_STEP nodes, a side branch or two), so layering by longest path already draws
 * them top to bottom, every edge pointing down and none crossing (layout.test.ts), in a few
 * passes over the node list, for any setting, in the browser: no dependency, no generated file to
 * keep in step with the builder, and rows that GraphView can wrap into side-by-side blocks on a
 * slide. A run rebuilds the spec, but the layout only changes with the graph's shape: the last
 * few are kept by a key of the pass's nodes and edges.
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

/** The widest a row gets in an article: four lanes of boxes and the chips overflow its column at 1280 px. */
export const MAX_LANES = 3;
/** On a slide, wide and short: four lanes keep the backward graph's rows within 1080 px. */
export const SLIDE_LANES = 4;

const recent = new Map<string, Layout>();

export function layoutPass(spec: GraphSpec, phase: GraphNodeSpec['phase'], maxLanes = MAX_LANES): Layout {
	const nodes = spec.nodes.filter((n) => n.phase === phase);
	const key = [phase, maxLanes, spec.seed, spec.saved.join(','), spec.sources.map((s) => s.id).join(','), ...nodes.map((n) => `${n.id}<${n.inputs.join(',')}`)].join('|');
	const known = recent.get(key);
	if (known) return known;
	const layout = computeLayout(spec, nodes, phase, maxLanes);
	if (recent.size >= 8) recent.delete(recent.keys().next().value!);
	recent.set(key, layout);
	return layout;
}

function computeLayout(spec: GraphSpec, nodes: GraphSpec['nodes'], phase: GraphNodeSpec['phase'], maxLanes: number): Layout {
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
	// At most maxLanes boxes a row: in graph order, a node that finds its row full moves down a row,
	// and its consumers (later in the order) follow, so every edge still points down.
	const perRow = new Map<number, number>();
	nodes.forEach((n, i) => {
		for (const input of n.inputs) {
			const j = inPass.get(input);
			if (j !== undefined) rank[i] = Math.max(rank[i], rank[j] + 1);
		}
		while ((perRow.get(rank[i]) ?? 0) >= maxLanes) rank[i] += 1;
		perRow.set(rank[i], (perRow.get(rank[i]) ?? 0) + 1);
	});
	// That can leave a node far above its one consumer (a long edge through other boxes): move each
	// down again as far as rows with room allow.
	for (let i = nodes.length - 1; i >= 0; i--) {
		if (consumers[i].length === 0) continue;
		let to = Math.min(...consumers[i].map((c) => rank[c])) - 1;
		while (to > rank[i] && (perRow.get(to) ?? 0) >= maxLanes) to--;
		if (to <= rank[i]) continue;
		perRow.set(rank[i], perRow.get(rank[i])! - 1);
		perRow.set(to, (perRow.get(to) ?? 0) + 1);
		rank[i] = to;
	}
	// Within a row, boxes take the order that crosses fewest edges. Rows hold three or four boxes,
	// so each pair of neighbouring rows tries all their orders together (the rest held), over a
	// few passes: one row at a time gets stuck where two must change at once.
	const rows = Math.max(0, ...rank) + 1;
	const byRow = Array.from({ length: rows }, (_, r) => nodes.map((_, i) => i).filter((i) => rank[i] === r));
	const inputs = nodes.map((n) => n.inputs.map((input) => inPass.get(input)).filter((j): j is number => j !== undefined));
	const lane = new Array<number>(nodes.length).fill(0);
	byRow.forEach((row) => row.forEach((i, k) => (lane[i] = k)));
	let best = crossings(inputs, rank, lane);
	for (let pass = 0; pass < 3 && best > 0; pass++) {
		const before = best;
		for (let r = 0; r + 1 < rows; r++) {
			const [upper, lower] = [byRow[r], byRow[r + 1]];
			const both = [...upper, ...lower];
			let keep = both.map((i) => lane[i]);
			for (const a of permutations(upper.length))
				for (const b of permutations(lower.length)) {
					upper.forEach((i, k) => (lane[i] = a[k]));
					lower.forEach((i, k) => (lane[i] = b[k]));
					const now = crossings(inputs, rank, lane);
					if (now < best) [best, keep] = [now, [...a, ...b]];
				}
			both.forEach((i, k) => (lane[i] = keep[k]));
		}
		if (best === before) break;
	}
	const boxes = nodes.map((n, i) => ({ id: n.id, row: rank[i], lane: lane[i] }));

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
		rows,
		lanes: Math.max(1, ...byRow.map((row) => row.length))
	};
}

/** Pairs of edges that cross, each edge taken as a straight line from lane to lane across the rows both span. */
export function crossings(inputs: number[][], rank: number[], lane: number[]): number {
	const edges = inputs.flatMap((from, i) => [...new Set(from)].map((j) => [j, i] as const));
	const x = ([a, b]: readonly [number, number], r: number) => lane[a] + ((lane[b] - lane[a]) * (r - rank[a])) / (rank[b] - rank[a]);
	let count = 0;
	for (let e = 0; e < edges.length; e++)
		for (let f = e + 1; f < edges.length; f++) {
			const top = Math.max(rank[edges[e][0]], rank[edges[f][0]]);
			const bottom = Math.min(rank[edges[e][1]], rank[edges[f][1]]);
			if (top >= bottom) continue;
			if ((x(edges[e], top) - x(edges[f], top)) * (x(edges[e], bottom) - x(edges[f], bottom)) < 0) count++;
		}
	return count;
}

/** Every order of 0 … n − 1 (n is at most SLIDE_LANES). */
function permutations(n: number): number[][] {
	if (n <= 1) return [[0]];
	return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}
