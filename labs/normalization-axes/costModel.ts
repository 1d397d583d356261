/**
 * The cost graphs (figure 5): LayerNorm and RMSNorm over the last axis of one fixed tensor,
 * each as the standard operator and as its primitive composition. The compositions' node lists
 * are what `countOps` reads to get operations per element.
 */
import { GraphBuilder, type NodeRecord } from '$lib/onnx/graph';
import { filled, layerNormComposed, rmsNormComposed } from './composed';
import { NORM_OPSET } from './model';

/** Rows × width of the timed tensor: big enough that the kernels, not the call overhead, dominate. */
export const COST_SHAPE = [256, 1024] as const;

export type CostModel = 'layer-op' | 'rms-op' | 'layer-composed' | 'rms-composed';
export const COST_MODELS: readonly CostModel[] = ['layer-op', 'rms-op', 'layer-composed', 'rms-composed'];

export interface CostGraph {
	bytes: Uint8Array;
	nodes: readonly NodeRecord[];
}

export function buildCostGraph(kind: CostModel, eps = 1e-5): CostGraph {
	const g = new GraphBuilder(`cost_${kind.replace('-', '_')}`, { opset: NORM_OPSET });
	const width = COST_SHAPE[1];
	const x = g.input('x', [...COST_SHAPE]);
	const scale = filled(g, 1, [width]);
	// RMSNorm has no shift: only LayerNorm gets a bias (an unused initializer would make ORT warn).
	const bias = () => filled(g, 0, [width]);
	const y =
		kind === 'layer-op'
			? g.layerNormalization(x, scale, bias(), -1, eps)
			: kind === 'rms-op'
				? g.rmsNormalization(x, scale, -1, eps)
				: kind === 'layer-composed'
					? layerNormComposed(g, x, scale, bias(), eps)
					: rmsNormComposed(g, x, scale, eps);
	g.output(y, 'y');
	return { bytes: g.toBytes(), nodes: g.nodes };
}
