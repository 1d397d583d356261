/**
 * Figure 6's numbers for the state: the per-layer split of what the training graph keeps, over
 * s = 8…64, beside the activation formula, and the reader's model read whole (graphMemory.ts).
 */
import { analyzeTrainGraph, perLayerSaved, splitTerms } from './graphMemory';
import { graphModel } from './graphModel';
import { GRAPH_SEQS } from './graphSeqs';
import type { MemoryAndParallelismState } from './lab';

export interface GraphCurvePoint {
	s: number;
	/** Elements one layer keeps for backward, read off the graph (float32: 4 bytes each). */
	measured: number;
	/** Korthikanti et al. without dropout, in elements: 16·sbh + a·s²·b. */
	formula: number;
	/** Korthikanti et al. as published (fp32, with dropout), in bytes: sbh(66 + 9as/h). */
	megatronBytes: number;
}

export interface GraphResults {
	model: { layers: number; h: number; heads: number; seq: number; batch: number };
	/** Per layer: saved elements ∝ s·b·h (in units of sbh), and a×s×s tensors kept. */
	sbh: number;
	s2Tensors: number;
	curve: GraphCurvePoint[];
	/** The reader's model at its own s, whole graph. */
	forwardNodes: number;
	backwardNodes: number;
	savedBytes: number;
	layerBytes: number;
	peakBytes: number;
	paramBytes: number;
}

/** The last results per graph model: moving any of the other controls rebuilds no graph. */
const memo = new Map<string, GraphResults>();
const MEMO_SIZE = 16;

export function graphResults(state: MemoryAndParallelismState): GraphResults {
	const model = graphModel(state);
	const key = JSON.stringify(model);
	const known = memo.get(key);
	if (known) return known;
	const results = readGraphs(model);
	if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
	memo.set(key, results);
	return results;
}

function readGraphs(model: ReturnType<typeof graphModel>): GraphResults {
	const { h, heads: a, batch: b } = model;
	const layer = { h, heads: a, batch: b };
	const curve = GRAPH_SEQS.map((s) => ({
		s,
		measured: perLayerSaved(layer, s),
		formula: 16 * s * b * h + a * s * s * b,
		megatronBytes: s * b * h * (66 + (9 * a * s) / h)
	}));
	// GRAPH_SEQS doubles: its first two points give the split.
	const terms = splitTerms(layer, curve[0].s, curve[0].measured, curve[1].measured);
	const whole = analyzeTrainGraph(model);
	return {
		model,
		sbh: terms.sbh,
		s2Tensors: terms.s2Tensors,
		curve,
		forwardNodes: whole.forwardNodes,
		backwardNodes: whole.backwardNodes,
		savedBytes: 4 * whole.savedElements,
		layerBytes: 4 * (curve.find((p) => p.s === model.seq)?.measured ?? perLayerSaved(layer, model.seq)),
		peakBytes: whole.peakBytes,
		paramBytes: 4 * whole.paramElements
	};
}
