/**
 * Figure 1's red box: the first forward node, in the graph's topological order, whose output
 * holds a value that is not a finite number (∞ or NaN; null where the values went through JSON,
 * as prerendered results do). Everything after it inherits the damage, so it is where to look.
 */
import type { GraphNodeSpec, GraphSpec } from './model';

const isBad = (v: number | null) => v === null || !Number.isFinite(v);

export function firstNonFinite(spec: GraphSpec, values: Record<string, readonly (number | null)[]>): GraphNodeSpec | null {
	for (const node of spec.nodes) {
		if (node.phase !== 'forward') continue;
		const v = values[node.id];
		if (v && v.some(isBad)) return node;
	}
	return null;
}
