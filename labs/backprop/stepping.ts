/** The stepper shared by figures 1 and 2: which nodes `step` has computed, in the graph's topological order. */
import type { GraphSpec } from './model';

export interface Stepping {
	/** Nodes computed so far (the first `step` of the node list). */
	revealed: Set<string>;
	/** The node computed last, or null before the first. */
	current: string | null;
	/** `step` kept within the node count. */
	step: number;
	total: number;
}

export function stepping(spec: GraphSpec, step: number): Stepping {
	const total = spec.nodes.length;
	const k = Math.max(0, Math.min(step, total));
	return {
		revealed: new Set(spec.nodes.slice(0, k).map((n) => n.id)),
		current: k > 0 ? spec.nodes[k - 1].id : null,
		step: k,
		total
	};
}

/** What the tensor highlighted in one pass corresponds to in the other: a tensor and its adjoint. */
export function partners(spec: GraphSpec, id: string | null): Set<string> {
	const out = new Set<string>();
	if (!id) return out;
	out.add(id);
	for (const [t, adj] of Object.entries(spec.adjoints)) {
		if (t === id) out.add(adj);
		if (adj === id) out.add(t);
	}
	return out;
}
