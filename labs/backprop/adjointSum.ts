/**
 * The adjoint sum v̄ = Σ_c c̄ ∂c/∂v for one forward tensor v, read off the lab's graphs: the forward
 * nodes that consume v, and the backward tensors whose sum is v̄ (the Add autodiff inserts where
 * v fans out, one term per reading; a single term when v is read once). Pure: the derivation's
 * live line draws it from a run's values.
 */
import type { GraphSpec } from './model';

export interface AdjointSum {
	/** The forward tensor and its adjoint's backward tensor. */
	tensor: string;
	adjoint: string;
	/** Forward nodes reading v, once per input slot (so Mul(d, d) appears twice). */
	consumers: string[];
	/** Backward tensors that add up to the adjoint: one per consumer slot, or the adjoint alone. */
	terms: string[];
}

/** Forward tensors with an adjoint (the loss excepted), in graph order: the ones a reader can pick. */
export function pickable(spec: GraphSpec): string[] {
	const ids = [...spec.sources.map((s) => s.id), ...spec.nodes.filter((n) => n.phase === 'forward').map((n) => n.id)];
	return ids.filter((id) => id !== spec.named.loss && spec.adjoints[id] !== undefined);
}

export function adjointSum(spec: GraphSpec, tensor: string): AdjointSum | null {
	const adjoint = spec.adjoints[tensor];
	if (adjoint === undefined) return null;
	// Only consumers the gradient passes through send a term (not a detached one's reading).
	const carries = (id: string) => id === spec.named.loss || spec.adjoints[id] !== undefined;
	const consumers = spec.nodes
		.filter((n) => n.phase === 'forward' && carries(n.id))
		.flatMap((n) => n.inputs.filter((input) => input === tensor).map(() => n.id));
	const byId = new Map(spec.nodes.map((n) => [n.id, n]));
	// Where v has k readings, autodiff added their terms pairwise: k − 1 Adds, the last one v̄.
	const terms = [adjoint];
	while (terms.length < consumers.length) {
		const i = terms.findIndex((id) => byId.get(id)?.op === 'Add' && byId.get(id)?.phase === 'backward');
		if (i < 0) break;
		terms.splice(i, 1, ...byId.get(terms[i])!.inputs);
	}
	return { tensor, adjoint, consumers, terms: terms.length === consumers.length ? terms : [adjoint] };
}
