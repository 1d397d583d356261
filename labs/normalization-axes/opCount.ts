/**
 * Operations per element, counted from a graph's nodes: a node that reads or writes a tensor of
 * the full size does one operation per element (an elementwise op, or a reduction's adds); a node
 * that only touches the statistics (one value per row) counts per row instead; moving data
 * (Identity, Reshape, Transpose) costs nothing here. Pure: takes the builder's node records.
 */
import type { Tensor } from '$lib/onnx/graph';

export interface CountedNode {
	op: string;
	inputs: readonly Tensor[];
	output: Tensor;
}

export interface OpCount {
	perElement: number;
	perRow: number;
	/** The full-size operations in graph order, e.g. ['ReduceMean', 'Sub', …]. */
	elementOps: string[];
}

const FREE = new Set(['Identity', 'Reshape', 'Transpose', 'Unsqueeze']);

const size = (t: Tensor): number => t.shape.reduce<number>((p, d) => p * (typeof d === 'number' ? d : NaN), 1);

export function countOps(nodes: readonly CountedNode[], elements: number): OpCount {
	const out: OpCount = { perElement: 0, perRow: 0, elementOps: [] };
	for (const node of nodes) {
		if (FREE.has(node.op)) continue;
		const full = size(node.output) === elements || node.inputs.some((t) => size(t) === elements);
		if (full) {
			out.perElement++;
			out.elementOps.push(node.op);
		} else out.perRow++;
	}
	return out;
}
