/**
 * Reverse-mode differentiation over the graph builder: `gradients(g, loss, wrt)` appends the
 * backward pass of a scalar `loss` to the same builder and returns ∂loss/∂t for each t of
 * `wrt`, as tensors of t's shape.
 *
 *   const loss = meanSquaredError(g, g.matMul(x, w), y);
 *   const [dw] = gradients(g, loss, [w]);
 *
 * The builder records every node in topological order, so one backward sweep over that list
 * suffices: each node whose output carries a gradient hands it to its inputs through the
 * operator's vector-Jacobian rule (`vjp.ts`), and gradients reaching a tensor along several
 * paths are added. Only nodes on a path from some `wrt` tensor to the loss are visited, and
 * only inputs that depend on a `wrt` tensor get gradients (no ∂loss/∂data is built).
 *
 * Options: `stop` lists tensors to treat as constants (PyTorch's `detach()`, TensorFlow's
 * `stop_gradient`; `g.stopGradient(x)` marks one in the graph itself): no gradient flows through them, so nothing behind them on that path gets a
 * backward node. `seed` is the tensor backward starts from, ∂loss/∂loss (default: the constant
 * 1); a graph cut in two (split.ts) can take it as an input of the backward part, as
 * `loss.backward(gradient)` does.
 */
import type { GraphBuilder, NodeRecord } from './graph';
import type { OpType } from './ops';
import { formatShape, numElements, sameShape, type Tensor } from './shape';
import { VJP, type Vjp } from './vjp';

export interface GradientOptions {
	stop?: readonly Tensor[];
	/** A float32 tensor of the loss's shape; its own constant, so that no forward or backward rule reads it for a 1. */
	seed?: Tensor;
}

export function gradients(g: GraphBuilder, loss: Tensor, wrt: readonly Tensor[], options: GradientOptions = {}): Tensor[] {
	const { stop = [], seed } = options;
	if (loss.dtype !== 'float32' || numElements(loss.shape) !== 1)
		throw new Error(`autodiff: the loss must be one float32 value, got ${loss.dtype}${formatShape(loss.shape)}`);
	// Backward nodes are appended to g.nodes as we go: walk a copy of the forward part.
	const forward = g.nodes.slice();

	// Tensors that depend on at least one wrt tensor: the only ones worth a gradient.
	const stopped = new Set([...stop.map((t) => t.name), ...g.gradientStops]);
	const live = new Set(wrt.map((t) => t.name).filter((name) => !stopped.has(name)));
	for (const node of forward) if (!stopped.has(node.output.name) && node.inputs.some((t) => live.has(t.name))) live.add(node.output.name);

	const grads = new Map<string, Tensor>();
	if (seed && (seed.dtype !== 'float32' || !sameShape(seed.shape, loss.shape)))
		throw new Error(`autodiff: the seed must have the loss's shape ${formatShape(loss.shape)}, got ${seed.dtype}${formatShape(seed.shape)}`);
	const ones = new Array<number>(loss.shape.length).fill(1);
	grads.set(loss.name, seed ?? (loss.shape.length === 0 ? g.scalar(1) : g.constant([1], ones)));

	for (let i = forward.length - 1; i >= 0; i--) {
		const node = forward[i];
		const dy = grads.get(node.output.name);
		if (!dy || !live.has(node.output.name)) continue;
		const need = node.inputs.map((t) => t.dtype === 'float32' && live.has(t.name));
		if (!need.some(Boolean)) continue;
		const rule = VJP[node.op] as Vjp<OpType> | undefined;
		if (!rule) throw new Error(`autodiff: no gradient rule for ${node.op} (node ${node.output.name})`);
		const inputGrads = rule(g, node as NodeRecord<OpType>, dy, need);
		node.inputs.forEach((input, j) => {
			const grad = inputGrads[j];
			if (!need[j] || !grad) return;
			if (!sameShape(grad.shape, input.shape))
				throw new Error(
					`autodiff: ${node.op} gave a gradient of shape ${formatShape(grad.shape)} for ${input.name}${formatShape(input.shape)}`
				);
			const previous = grads.get(input.name);
			grads.set(input.name, previous ? g.add(previous, grad) : grad);
		});
	}

	// A parameter the loss does not depend on has a zero gradient.
	return wrt.map((t) => grads.get(t.name) ?? g.expandAs(0, t));
}
