/**
 * Figure 2's measurement: held-out token accuracy of the chosen task's shipped transformer with
 * its weight matrices rounded to b bits (b = 2…8), per tensor and per output channel, and, when
 * activations are quantized too, W b A a under the chosen calibration. Every point is a run of
 * the quantized graph (qmodel.ts) on the page's backend: codes, scales and zero points in,
 * logits out, scored in TypeScript.
 */
import { maskValues, paramSpecs, SHAPE } from '$labs/attention-heatmaps/model';
import { drawInputs, MAX_LEN, VOCAB, type Task } from '$labs/attention-heatmaps/tasks';
import { encodeExamples, heldOutInputs, tokenAccuracy, TRAINING } from '$labs/attention-heatmaps/training';
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Feeds } from '$lib/onnx/session';
import { calibrate, type Calibration } from './calibrate';
import { buildQuantTransformer, EMBEDDINGS, inputName, LINEAR_WEIGHTS, LINEARS, probeName, quantGraphKey, type QuantGraphOptions } from './qmodel';
import { codeTypeFor, typedCodes } from './dequant';
import { codesOf, quantizeMatrix, type Granularity, type Grid, type Scheme } from './quantizer';
import { BITS, FLOAT_LAYOUT, type FloatFormat } from './weightFormats';
import { roundAllToFloat } from './floatFormats';
import type { WeightTensor } from './weights';

/** Held-out sequences scored (inputs the model never trained on). */
export const HELD_OUT = 160;
/** Calibration sequences: drawn like the training inputs, never scored. */
export const CALIBRATION = 32;

export interface WeightQuant {
	bits: number;
	scheme: Scheme;
	gran: Granularity;
	/** Round the token and position embeddings too. */
	emb: boolean;
}
/** Weights rounded to a 16-bit float format instead (in TypeScript; the graph runs them in float32). */
export interface WeightFloat {
	format: HalfFormat;
	emb: boolean;
}
export type HalfFormat = Exclude<FloatFormat, 'fp32'>;
export const HALF_FORMATS: readonly HalfFormat[] = ['fp16', 'bf16'];
export interface ActQuant {
	bits: number;
	scheme: Scheme;
	calib: Calibration;
	pct: number;
}

/**
 * What figure 2 draws for one task, scheme, embeddings and activation setting. While a live run
 * goes, `float` is NaN until its run lands and the curves hold the bits measured so far.
 */
export interface AccuracySweep {
	/** Held-out tokens predicted right (integers, so backends may differ by a token near a tie), out of `tokens`. */
	float: number;
	/** The same with the weights rounded to fp16 and to bf16 (NaN until measured). */
	half: Record<HalfFormat, number>;
	/** At b = BITS[i], weights only. */
	tensor: number[];
	channel: number[];
	/** Weights at BITS[i] (the chosen granularity) and activations at `abits`; null with float activations. */
	wa: number[] | null;
	sequences: number;
	tokens: number;
	/** Model bytes: float32 everywhere, with the rounded matrices at each b (codes, scales, zero points), and in a 16-bit float. */
	bytes: { float: number; tensor: number[]; channel: number[]; half: number };
}

export interface SweepSettings {
	scheme: Scheme;
	emb: boolean;
	/** Weight granularity of the W+A curve. */
	gran: Granularity;
	act: Omit<ActQuant, 'scheme'> | null;
}

export const heldOut = (task: Task) => heldOutInputs(task, HELD_OUT, TRAINING.heldOutSeed, TRAINING.examples, TRAINING.seed);
const calibrationInputs = (task: Task) => drawInputs(task, CALIBRATION, TRAINING.seed);

const quantized = (name: string, emb: boolean) => LINEAR_WEIGHTS.includes(name) || (emb && (EMBEDDINGS as readonly string[]).includes(name));

export function inputFeeds(task: Task, inputs: number[][]): Feeds {
	const { tokens } = encodeExamples(task, inputs);
	return {
		tokens: { data: Float32Array.from(tokens, Number), dims: [inputs.length, MAX_LEN] },
		positions: { data: Float32Array.from({ length: MAX_LEN }, (_, i) => i), dims: [MAX_LEN] },
		mask: { data: maskValues(MAX_LEN, true), dims: [MAX_LEN, MAX_LEN] }
	};
}

/**
 * The weights as the graph takes them: rounded matrices as int4 or int8 codes with per-column
 * scales and zero points; the others as float32 values (s = 1, z = 0), themselves or rounded to a
 * 16-bit float.
 */
export function weightFeeds(weights: Map<string, WeightTensor>, q: WeightQuant | WeightFloat | null): Feeds {
	const feeds: Feeds = {};
	for (const p of paramSpecs(SHAPE)) {
		const w = weights.get(p.name);
		if (!w) throw new Error(`The model has no tensor “${p.name}”.`);
		if (!(LINEAR_WEIGHTS.includes(p.name) || (EMBEDDINGS as readonly string[]).includes(p.name))) {
			feeds[inputName.param(p.name)] = { data: w.data, dims: [...p.shape] };
			continue;
		}
		const [rows, cols] = p.shape;
		const rounded = q !== null && quantized(p.name, q.emb);
		if (rounded && !('format' in q)) {
			const { grids } = quantizeMatrix(w.data, rows, cols, q.bits, q.scheme, q.gran);
			const c = codesOf(w.data, rows, cols, grids);
			const typed = typedCodes(c.codes, c.zeros, grids, q.bits, [rows, cols]);
			feeds[inputName.codes(p.name)] = typed.codes;
			feeds[inputName.scales(p.name)] = { data: c.scales, dims: [cols] };
			feeds[inputName.zeros(p.name)] = typed.zeros;
			continue;
		}
		feeds[inputName.codes(p.name)] = { data: rounded && 'format' in q ? roundAllToFloat(w.data, q.format) : w.data, dims: [rows, cols] };
		feeds[inputName.scales(p.name)] = { data: new Float32Array(cols).fill(1), dims: [cols] };
		feeds[inputName.zeros(p.name)] = { data: new Float32Array(cols), dims: [cols] };
	}
	return feeds;
}

/** How the graph for weights `q` takes its matrices: integer codes for a b-bit setting, float32 otherwise. */
export const graphCodes = (q: WeightQuant | WeightFloat | null): QuantGraphOptions['codes'] =>
	q && !('format' in q) ? { type: codeTypeFor(q.bits), emb: q.emb } : undefined;

/**
 * Storage of the model, in bytes: float32 tensors, and rounded matrices at b bits plus 32-bit
 * scales and b-bit zero points (asym), or at 16 bits each in a 16-bit float.
 */
export function modelBytes(weights: Map<string, WeightTensor>, q: WeightQuant | WeightFloat | null): number {
	let bits = 0;
	for (const p of paramSpecs(SHAPE)) {
		const n = p.shape.reduce((a, b) => a * b, 1);
		if (!q || !quantized(p.name, q.emb)) bits += 32 * n;
		else if ('format' in q) bits += FLOAT_LAYOUT[q.format].bits * n;
		else bits += q.bits * n + (q.gran === 'channel' ? p.shape[1] : 1) * (32 + (q.scheme === 'asym' ? q.bits : 0));
	}
	return Math.ceil(bits / 8);
}

/** The calibration run: the float model with every linear layer's input as an output. */
const CALIBRATION_GRAPH: QuantGraphOptions = { acts: false, probes: true };
export const calibrationGraph = () => buildQuantTransformer(CALIBRATION_GRAPH);
export const calibrationFeeds = (task: Task, weights: Map<string, WeightTensor>): Feeds => ({ ...inputFeeds(task, calibrationInputs(task)), ...weightFeeds(weights, null) });
export const readLinearInputs = (out: Record<string, { data: Float32Array }>) => new Map(LINEARS.map((l) => [l, out[probeName(l)].data]));

/**
 * The calibration runs made, per weights (the shipped ones are one Map per task, weightsOf; the
 * outlier figure's are new Maps) and per task and backend: figure 1's inputs, figure 2's
 * activation grids and QAT's share one run. Read only: every caller reads the values, none writes.
 */
const calibrationRuns = new WeakMap<Map<string, WeightTensor>, Map<string, Promise<Map<string, Float32Array>>>>();

/** Per linear layer, the float inputs the calibration sequences produce (float weights), run once per weights, task and backend. */
export function linearInputs(task: Task, weights: Map<string, WeightTensor>, backend: Backend): Promise<Map<string, Float32Array>> {
	let runs = calibrationRuns.get(weights);
	if (!runs) calibrationRuns.set(weights, (runs = new Map()));
	const key = `${backend}:${task}`;
	let pending = runs.get(key);
	if (!pending) {
		pending = (async () => {
			const session = await getSession(backend, quantGraphKey(CALIBRATION_GRAPH), calibrationGraph);
			return readLinearInputs(await runSession(session, calibrationFeeds(task, weights)));
		})();
		const forget = runs;
		pending.catch(() => forget.delete(key)); // a failed run is tried again next time
		runs.set(key, pending);
	}
	return pending;
}

/** The activation grid of every linear layer's input. */
export function actGrids(inputs: Map<string, Float32Array>, a: ActQuant): Map<string, Grid> {
	return new Map(LINEARS.map((l) => [l, calibrate(inputs.get(l)!, a.bits, a.scheme, a.calib, a.pct)]));
}

export function actFeeds(grids: Map<string, Grid>): Feeds {
	const feeds: Feeds = {};
	for (const [l, g] of grids) feeds[inputName.act(l)] = { data: Float32Array.of(g.scale, g.qmin - g.zero, g.qmax - g.zero), dims: [3] };
	return feeds;
}

/** The logits for input feeds `inputs` (inputFeeds) with weights `w` and activation grids `acts`. */
async function logitsOf(inputs: Feeds, weights: Map<string, WeightTensor>, w: WeightQuant | WeightFloat | null, acts: Map<string, Grid> | null, backend: Backend): Promise<Float32Array> {
	const graph: QuantGraphOptions = { acts: acts !== null, probes: false, codes: graphCodes(w) };
	const session = await getSession(backend, quantGraphKey(graph), () => buildQuantTransformer(graph));
	const out = await runSession(session, { ...inputs, ...weightFeeds(weights, w), ...(acts ? actFeeds(acts) : {}) });
	return out.logits.data;
}

/** The logits of the task's held-out set with weights `w`, and activations on `acts` if given (the backend comparison's page hook). */
export const heldOutLogits = (task: Task, weights: Map<string, WeightTensor>, w: WeightQuant | WeightFloat | null, backend: Backend, acts: ActQuant | null = null) =>
	(acts ? linearInputs(task, weights, backend).then((inputs) => actGrids(inputs, acts)) : Promise.resolve(null)).then((grids) =>
		logitsOf(inputFeeds(task, heldOut(task)), weights, w, grids, backend)
	);

/** Runs the held-out set through one setting; returns the right tokens, out of `tokens`. */
export async function scorer(task: Task, weights: Map<string, WeightTensor>, backend: Backend) {
	const inputs = heldOut(task);
	const common = inputFeeds(task, inputs); // encoded once for every setting scored
	const tokens = inputs.reduce((n, x) => n + x.length, 0);
	const score = async (w: WeightQuant | WeightFloat | null, acts: Map<string, Grid> | null) =>
		Math.round(tokens * tokenAccuracy(task, inputs, await logitsOf(common, weights, w, acts, backend), VOCAB));
	return { score, tokens, sequences: inputs.length };
}

/**
 * Figure 2's sweep. `report` (the live run) gets the sweep so far after every model run, the
 * curves growing from b = 2; returning false from it stops the sweep (the reader pressed Stop).
 */
export async function accuracySweep(
	task: Task,
	weights: Map<string, WeightTensor>,
	s: SweepSettings,
	backend: Backend,
	report: (partial: AccuracySweep, runs: number) => boolean = () => true
): Promise<AccuracySweep> {
	const { score, tokens, sequences } = await scorer(task, weights, backend);
	const acts = s.act ? actGrids(await linearInputs(task, weights, backend), { ...s.act, scheme: s.scheme }) : null;
	const at = (bits: number, gran: Granularity): WeightQuant => ({ bits, scheme: s.scheme, gran, emb: s.emb });
	const bytes = {
		float: modelBytes(weights, null),
		tensor: BITS.map((b) => modelBytes(weights, at(b, 'tensor'))),
		channel: BITS.map((b) => modelBytes(weights, at(b, 'channel'))),
		half: modelBytes(weights, { format: 'fp16', emb: s.emb })
	};
	const sweep: AccuracySweep = { float: NaN, half: { fp16: NaN, bf16: NaN }, tensor: [], channel: [], wa: acts ? [] : null, sequences, tokens, bytes };
	let runs = 0;
	// A copy per report: the run keeps what it is handed, and the figure redraws on a new object.
	const landed = () => report({ ...sweep, half: { ...sweep.half }, tensor: [...sweep.tensor], channel: [...sweep.channel], wa: sweep.wa && [...sweep.wa] }, ++runs);
	sweep.float = await score(null, null);
	if (!landed()) return sweep;
	for (const format of HALF_FORMATS) {
		sweep.half[format] = await score({ format, emb: s.emb }, null);
		if (!landed()) return sweep;
	}
	for (const b of BITS) {
		sweep.tensor.push(await score(at(b, 'tensor'), null));
		if (!landed()) return sweep;
		sweep.channel.push(await score(at(b, 'channel'), null));
		if (!landed()) return sweep;
		if (acts) {
			sweep.wa!.push(await score(at(b, s.gran), acts));
			if (!landed()) return sweep;
		}
	}
	return sweep;
}
