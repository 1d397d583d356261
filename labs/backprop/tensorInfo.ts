/** A tensor of the graph description by id (a node's output or a graph input): what readers call it, and its shape. */
import type { GraphSpec } from './model';

export function tensorLabel(spec: GraphSpec, id: string): string {
	return spec.nodes.find((n) => n.id === id)?.label || spec.sources.find((s) => s.id === id)?.label || id;
}

export function tensorShape(spec: GraphSpec, id: string): number[] {
	return spec.nodes.find((n) => n.id === id)?.shape ?? spec.sources.find((s) => s.id === id)?.shape ?? [];
}
