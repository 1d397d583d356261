/**
 * Figure 6's graphs: the training step of Adam + L2 and of AdamW (the existing optimizer graphs
 * of src/lib/onnx/optimizers.ts on figure 3's MLP), and an evaluation graph giving the validation
 * loss and ‖W‖ of the parameters fed. Imported only when a run starts or is recorded.
 */
import { GraphBuilder } from '$lib/onnx/graph';
import { decays } from '$lib/onnx/training/model';
import { buildTrainStep, type TrainStepGraph } from '$lib/onnx/training/trainStep';
import type { DecayKind, DecaySettings } from './decay';
import { SPIRAL, spiralMlp } from './spiralMlp';

export function decayStep(kind: DecayKind, s: DecaySettings): TrainStepGraph {
	return buildTrainStep(spiralMlp(SPIRAL.examples), { kind, lr: s.lr, weightDecay: s.wd, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
}

/** Outputs `val_loss` (mean cross-entropy on x, label) and `norm` (‖W‖ over the decaying weights). */
export function decayEval(): Uint8Array {
	const model = spiralMlp(SPIRAL.examples);
	const g = new GraphBuilder('optimizers_decay_eval');
	const params = Object.fromEntries(model.params.map((p) => [p.name, g.input(`param.${p.name}`, p.shape)]));
	const x = g.input('x', [SPIRAL.examples, 2]);
	const label = g.input('label', [SPIRAL.examples], 'int64');
	g.output(model.loss(g, model.predict(g, params, { x }), { label }), 'val_loss');
	const squares = model.params.filter(decays).map((p) => g.reduceSumSquare(params[p.name], undefined, false));
	g.output(g.sqrt(squares.reduce((a, b) => g.add(a, b))), 'norm');
	return g.toBytes();
}
