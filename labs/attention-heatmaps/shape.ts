/**
 * The lab's transformer's sizes and its parameters' names, shapes and initializations (model.ts
 * builds its graphs): plain data, so the figures and the quantization lab read them without
 * loading the graph builder at first paint.
 */
import type { ParamSpec } from '$lib/onnx/training/model';
import { MAX_LEN, VOCAB } from './tokens';

export interface TransformerShape {
	layers: number;
	heads: number;
	dModel: number;
	dMlp: number;
	vocab: number;
	maxLen: number;
}

export const SHAPE: TransformerShape = { layers: 2, heads: 4, dModel: 32, dMlp: 64, vocab: VOCAB, maxLen: MAX_LEN };

export const headDim = (s: TransformerShape) => s.dModel / s.heads;

export function paramSpecs(s: TransformerShape): ParamSpec[] {
	const { dModel: d, dMlp: m } = s;
	const lin = (name: string, i: number, o: number): ParamSpec[] => [
		{ name: `${name}.w`, shape: [i, o], init: { kind: 'normal', std: 1 / Math.sqrt(i) } },
		{ name: `${name}.b`, shape: [o], init: { kind: 'zeros' } }
	];
	const ln = (name: string): ParamSpec[] => [
		{ name: `${name}.g`, shape: [d], init: { kind: 'constant', value: 1 } },
		{ name: `${name}.b`, shape: [d], init: { kind: 'zeros' } }
	];
	const specs: ParamSpec[] = [
		{ name: 'tok_emb', shape: [s.vocab, d], init: { kind: 'normal', std: 0.5 }, decay: false },
		{ name: 'pos_emb', shape: [s.maxLen, d], init: { kind: 'normal', std: 0.5 }, decay: false }
	];
	for (let l = 0; l < s.layers; l++) {
		specs.push(...ln(`l${l}.ln1`), ...lin(`l${l}.q`, d, d), ...lin(`l${l}.k`, d, d), ...lin(`l${l}.v`, d, d), ...lin(`l${l}.o`, d, d));
		specs.push(...ln(`l${l}.ln2`), ...lin(`l${l}.mlp1`, d, m), ...lin(`l${l}.mlp2`, m, d));
	}
	specs.push(...ln('ln_f'), ...lin('out', d, s.vocab));
	return specs;
}
