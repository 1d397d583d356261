/**
 * From the graph's outputs to what the figures draw: every node's value (flattened), the loss,
 * the parameter gradients and, for sample 0, the softmax close-up. Plain arrays and numbers
 * (the e2e tests compare backends on them); the graph description rides along as plain data.
 */
import type { Outputs } from '$lib/onnx/runtime';
import { CLASSES, type Sample } from './data';
import type { GraphSpec } from './model';
import type { LseResults } from './lse';
import type { GradcheckResults } from './gradcheck';
import type { AccVariant } from './accumulate';

export interface SoftmaxCloseUp {
	z: number[];
	p: number[];
	y: number[];
	/** ∂L/∂z for sample 0 from the backward graph. */
	dz: number[];
	/** (p − y)/B for sample 0 from forward's p: what ∂L/∂z is for cross-entropy. */
	pMinusY: number[];
	/** ∂p_i/∂z_k = p_i(δ_ik − p_k), row-major, from forward's p by that formula. */
	jacobian: number[];
}

export interface GraphResults {
	graph: GraphSpec;
	/** Tensor name → its values, flattened row-major (graph inputs and every float32 node). */
	values: Record<string, number[]>;
	loss: number;
	/** Parameter (and X with xgrad) → ∂L/∂it from the backward graph. */
	grads: Record<string, number[]>;
	softmax: SoftmaxCloseUp;
	batch: number;
}

/** Figure 6's runs; gradients flat in the order W1, b1, W2, b2. */
export interface TricksResults {
	/** The same graph without its stop-gradient (null when detach = none: then it is `grads`). */
	undetached: number[] | null;
	/** Backward node counts of the graph with the reader's stop-gradient and without any. */
	backwardNodes: { detached: number; plain: number };
	/** Backward's gradient with the in-place overwrite (null when inplace = none). */
	inplace: number[] | null;
	accumulation: {
		k: number;
		variant: AccVariant;
		/** The gradient of the whole batch of 16 in one run. */
		oneBatch: number[];
		/** `.grad` before the first micro-batch, then after each. */
		after: number[][];
	};
}

/** The graph's results and figures 4–6's, which compute.ts runs beside it. */
export interface BackpropResults extends GraphResults {
	/** ∂L/∂θ flat (W1, b1, W2, b2) of the stable loss: `grads` unless figure 1 draws the naive loss on s·z. */
	checkGrads: number[];
	/** With `loss=mse`, figure 3's confidently wrong example; null with cross-entropy. */
	confident: ConfidentlyWrong | null;
	lse: LseResults;
	gradcheck: GradcheckResults;
	tricks: TricksResults;
}

/**
 * One example whose true class the model gives p_c = 10⁻⁴, run through the lab's graph with each
 * loss: backward's ∂L/∂z_c for squared error and for cross-entropy.
 */
export interface ConfidentlyWrong {
	pc: number;
	dzMse: number;
	dzCe: number;
}

export function summarize(graph: GraphSpec, sample: Sample, batch: number, outputs: Outputs): GraphResults {
	const values: Record<string, number[]> = {
		X: Array.from(sample.X),
		Y: Array.from(sample.Y),
		W1: Array.from(sample.params.W1),
		b1: Array.from(sample.params.b1),
		W2: Array.from(sample.params.W2),
		b2: Array.from(sample.params.b2)
	};
	for (const node of graph.nodes) if (node.output) values[node.id] = Array.from(outputs[node.output].data);
	const grads: Record<string, number[]> = {};
	for (const [param, out] of Object.entries(graph.gradOutputs)) grads[param] = Array.from(outputs[out].data);

	const row = (name: string) => values[name].slice(0, CLASSES);
	const { logits, loss, logProbs, probs } = graph.named;
	const p = probs ? row(probs) : row(logProbs!).map(Math.exp);
	const y = values.Y.slice(0, CLASSES);
	const jacobian: number[] = [];
	for (let i = 0; i < CLASSES; i++) for (let k = 0; k < CLASSES; k++) jacobian.push(p[i] * ((i === k ? 1 : 0) - p[k]));
	return {
		graph,
		values,
		loss: values[loss][0],
		grads,
		softmax: {
			z: row(logits),
			p,
			y,
			dz: row(graph.adjoints[logits]),
			pMinusY: p.map((pi, i) => (pi - y[i]) / batch),
			jacobian
		},
		batch
	};
}
