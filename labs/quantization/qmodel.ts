/**
 * Figure 2's graph: the attention lab's transformer with every rounded weight matrix fed as
 * integer codes (int4 for b ≤ 4, packed; int8 for b ≥ 5) with one float32 scale and one zero
 * point per output channel, dequantized by DequantizeLinear(axis = 1), then MatMul. Matrices
 * left in float (float weights, the 16-bit formats, embeddings when they are not rounded, the
 * calibration run) are fed as float32 values through s·(q − z) with s = 1, z = 0.
 * With `acts`, the input of every linear layer is fake-quantized in float:
 * s·clip(floor(x/s + ½), q_min − z, q_max − z), the same number as s·(clip(floor(x/s + ½) + z) − z).
 * Only DequantizeLinear, Sub, Mul, Div, Floor, Relu and Add: they run on WASM and on WebGPU.
 * Clip is composed from two Relus, exact for the integer values it sees.
 */
import { paramSpecs, SHAPE, transformerForward } from '$labs/attention-heatmaps/model';
import { GraphBuilder, type Tensor } from '$lib/onnx/graph';
import type { Tensors } from '$lib/onnx/training/model';
import { QUANT_OPSET, type CodeType } from './dequant';
import { EMBEDDINGS, inputName, LINEAR_WEIGHTS, LINEARS, probeName } from './qnames';

export { EMBEDDINGS, inputName, LINEAR_WEIGHTS, LINEARS, probeName } from './qnames';

const isMatrix = (name: string) => LINEAR_WEIGHTS.includes(name) || (EMBEDDINGS as readonly string[]).includes(name);

export interface QuantGraphOptions {
	acts: boolean;
	probes: boolean;
	/** Figure 3: a grid per input channel, and channels kept float (LLM.int8's outliers). */
	channelActs?: boolean;
	/**
	 * The rounded matrices as integer codes of `type` (the linear weights; the embeddings too
	 * with `emb`). Absent: every matrix is fed as float32 values.
	 */
	codes?: { type: CodeType; emb: boolean };
}

/** The session cache's key for a graph: one per set of options. */
export function quantGraphKey({ acts, probes, channelActs = false, codes }: QuantGraphOptions): string {
	const kind = acts ? (channelActs ? 'wc' : 'wa') : 'w';
	return `quantization-transformer-${kind}${probes ? '-probes' : ''}${codes ? `-${codes.type}${codes.emb ? '' : '-floatemb'}` : ''}`;
}

/** Input width of linear layer l (rows of its weight). */
const widthOf = (l: string) => paramSpecs(SHAPE).find((p) => p.name === `${l}.w`)!.shape[0];

/** Per input channel: keep·x + (1 − keep)·fake-quant(x), on the grids of `a` = [4, n_in] (rows s, lo, hi, keep). */
export function fakeQuantChannelsInGraph(g: GraphBuilder, x: Tensor, a: Tensor): Tensor {
	const [s, lo, hi, keep] = [0, 1, 2, 3].map((i) => g.gather(a, g.int64Constant([i], [1]), 0));
	const u = g.floor(g.add(g.div(x, s), 0.5));
	const q = g.mul(g.sub(g.add(lo, g.relu(g.sub(u, lo))), g.relu(g.sub(u, hi))), s);
	return g.add(g.mul(keep, x), g.mul(g.sub(1, keep), q));
}

/** x fake-quantized on the grid `a` = [s, q_min − z, q_max − z]: s·clip(floor(x/s + ½), lo, hi), clip = lo + relu(u − lo) − relu(u − hi). */
export function fakeQuantInGraph(g: GraphBuilder, x: Tensor, a: Tensor): Tensor {
	const [s, lo, hi] = [0, 1, 2].map((i) => g.gather(a, g.int64Constant([i], [1]), 0));
	const u = g.floor(g.add(g.div(x, s), 0.5));
	return g.mul(g.sub(g.add(lo, g.relu(g.sub(u, lo))), g.relu(g.sub(u, hi))), s);
}

export function buildQuantTransformer(options: QuantGraphOptions): Uint8Array {
	const { acts, probes, channelActs = false, codes: typed } = options;
	const g = new GraphBuilder(quantGraphKey(options).replaceAll('-', '_'), { opset: typed ? QUANT_OPSET : undefined });
	const params: Tensors = {};
	for (const p of paramSpecs(SHAPE)) {
		if (!isMatrix(p.name)) {
			params[p.name] = g.input(inputName.param(p.name), p.shape);
			continue;
		}
		const cols = p.shape[1];
		const linear = LINEAR_WEIGHTS.includes(p.name);
		const type = typed && (linear || typed.emb) ? typed.type : 'float32';
		const codes = g.input(inputName.codes(p.name), p.shape, type);
		const scales = g.input(inputName.scales(p.name), [cols]);
		const zeros = g.input(inputName.zeros(p.name), [cols], type);
		const w = type === 'float32' ? g.mul(g.sub(codes, zeros), scales) : g.dequantizeLinear(codes, scales, zeros, 1);
		params[p.name] = typed && channelActs && linear ? g.add(w, g.input(inputName.kept(p.name), p.shape)) : w;
	}
	const tokens = g.cast(g.input('tokens', ['batch', 'seq']), 'int64');
	const positions = g.cast(g.input('positions', ['seq']), 'int64');
	const mask = g.input('mask', ['seq', 'seq']);
	const seen = new Set<string>();
	const onInput = (x: Tensor, name: string): Tensor => {
		if (probes && !seen.has(name)) g.output(x, probeName(name));
		seen.add(name);
		if (!acts) return x;
		if (channelActs) return fakeQuantChannelsInGraph(g, x, g.input(inputName.actChannels(name), [4, widthOf(name)]));
		return fakeQuantInGraph(g, x, g.input(inputName.act(name), [3]));
	};
	const f = transformerForward(g, SHAPE, params, { tokens, positions, mask }, onInput);
	g.output(f.logits, 'logits');
	return g.toBytes();
}
