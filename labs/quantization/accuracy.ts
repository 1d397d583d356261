/**
 * Figure 2's measurement (its tests only so far; not yet on the page, see compute.ts): held-out token accuracy of the chosen task's shipped transformer with
 * every linear weight matrix rounded to b bits (b = 2…8), per tensor and per output channel.
 * The weights are rounded by the lab's quantizer and fed, as float32 values s·(q − z), to the
 * attention lab's inference graph with its parameters as inputs; embeddings, biases and norms stay
 * float. (The spec's int4/int8 codes through DequantizeLinear need int8/int4 tensors, which the
 * graph builder does not have yet: the dequantized values are the same numbers.)
 */
import { buildTransformerInference, maskValues, paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { MAX_LEN, VOCAB, type Task } from '$labs/attention-heatmaps/tasks';
import { encodeExamples, heldOutInputs, tokenAccuracy, TRAINING } from '$labs/attention-heatmaps/training';
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { quantizeMatrix, type Granularity, type Scheme } from './quantizer';
import { BITS } from './summary';
import type { WeightTensor } from './weights';

/** Held-out sequences scored (inputs the model never trained on). */
export const HELD_OUT = 160;

/**
 * Counts of held-out tokens predicted right (integers, so two backends may differ by a token
 * near a tie without it reading as a different result), out of `tokens`.
 */
export interface AccuracyByBits {
	float: number;
	/** At b = BITS[i]. */
	tensor: number[];
	channel: number[];
	/** Sequences and scored tokens behind each count. */
	sequences: number;
	tokens: number;
}

const isLinearWeight = (name: string) => /\.w$/.test(name);

export function heldOut(task: Task): number[][] {
	return heldOutInputs(task, HELD_OUT, TRAINING.heldOutSeed, TRAINING.examples, TRAINING.seed);
}

/** The weights fed to the graph: linear matrices rounded (or float when `bits` is null). */
export function feedsFor(weights: Map<string, WeightTensor>, bits: number | null, scheme: Scheme, gran: Granularity) {
	const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
	for (const p of paramSpecs(SHAPE)) {
		const w = weights.get(p.name);
		if (!w) throw new Error(`The model has no tensor “${p.name}”.`);
		const data = bits !== null && isLinearWeight(p.name) ? Float32Array.from(quantizeMatrix(w.data, w.shape[0], w.shape[1], bits, scheme, gran).values) : w.data;
		feeds[`param.${p.name}`] = { data, dims: [...p.shape] };
	}
	return feeds;
}

export async function accuracyByBits(task: Task, weights: Map<string, WeightTensor>, scheme: Scheme, backend: Backend): Promise<AccuracyByBits> {
	const session = await getSession(backend, 'quantization-transformer', () => buildTransformerInference(SHAPE));
	const inputs = heldOut(task);
	const { tokens } = encodeExamples(task, inputs);
	const common = {
		tokens: { data: Float32Array.from(tokens, Number), dims: [inputs.length, MAX_LEN] },
		positions: { data: Float32Array.from({ length: MAX_LEN }, (_, i) => i), dims: [MAX_LEN] },
		mask: { data: maskValues(MAX_LEN, true), dims: [MAX_LEN, MAX_LEN] },
		pos_scale: { data: Float32Array.of(1), dims: [1] }
	};
	const scored = inputs.reduce((n, x) => n + x.length, 0);
	const run = async (bits: number | null, gran: Granularity) => {
		const out = await runSession(session, { ...common, ...feedsFor(weights, bits, scheme, gran) });
		return Math.round(scored * tokenAccuracy(task, inputs, out.logits.data as Float32Array, VOCAB));
	};
	const float = await run(null, 'tensor');
	const tensor: number[] = [];
	const channel: number[] = [];
	for (const b of BITS) {
		tensor.push(await run(b, 'tensor'));
		channel.push(await run(b, 'channel'));
	}
	return { float, tensor, channel, sequences: inputs.length, tokens: scored };
}
