/**
 * Runs the lab's graphs (forward, then backward fed forward's saved tensors; every intermediate
 * an output) for one state and hands the outputs to `summary.ts`. The graphs are built in the
 * browser once per shape and their sessions cached; weights and data are inputs, so a new seed
 * only feeds new tensors.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession, type Outputs } from '$lib/onnx/session';
import { backwardFeeds, forwardFeeds } from '$lib/onnx/split';
import type { Feeds } from '$lib/onnx/feeds';
import { Lru } from '$lib/cache/lru';
import type { StateOf } from '$lib/state/schema';
import type { BackpropSchema } from './lab';
import { CLASSES, drawSample, feedsFor, INPUTS, type Sample } from './data';
import { buildBackpropGraph, PARAM_NAMES, shapeKey, type BuiltGraph, type InPlace, type NetShape } from './model';
import { bisectBreak, buildLseGraph, lseFeeds, LSE_LABEL, LSE_LOGITS, LSE_SWEEP, summarizeLse, type LseGraph, type LseResults } from './lse';
import { crossEntropy64, isBroken } from './lseReference';
import { buildCheckGraph, checkFeeds, float64Curve, H_SWEEP, variantCount, type GradcheckResults } from './gradcheck';
import { summarize, type BackpropResults, type ConfidentlyWrong, type TricksResults } from './summary';
import { accumulate, ACC_BATCH } from './accumulate';
import { applyWeights, parseWeights } from './weights';

export type BackpropState = StateOf<BackpropSchema>;

/** The shape of figures 1 and 2's graph: with `lse=naive` its loss is the textbook one on s·z. */
export const netShape = (s: BackpropState): NetShape => ({
	hidden: s.hidden,
	batch: s.batch,
	act: s.act,
	loss: s.loss,
	xgrad: s.xgrad,
	detach: s.detach,
	...(s.lse === 'naive' ? { naive: true } : {})
});

const graphs = new Lru<BuiltGraph>({ maxEntries: 16 });

const checkGraphs = new Lru<Uint8Array>({ maxEntries: 8 });

/** Figure 5: the loss at θ ± h·eᵢ for every parameter and every h (the sweep, then the reader's), in one run. */
async function computeGradcheck(state: BackpropState, shape: NetShape, sample: ReturnType<typeof drawSample>, backend: Backend): Promise<GradcheckResults> {
	const hs = [...H_SWEEP, state.h];
	const variants = variantCount(shape.hidden, hs.length);
	const key = `backprop-gradcheck-${shape.hidden}x${shape.batch}-${shape.act}-${shape.loss}`;
	const bytes = checkGraphs.memo(key, () => buildCheckGraph(shape, variants));
	const session = await getSession(backend, key, () => bytes);
	const out = await runSession(session, checkFeeds(sample, shape, hs));
	return { hs, losses: Array.from(out.L.data), float64: float64Curve(sample, shape, hs) };
}

/** The seed's sample with the reader's dragged weights (`w`) written into its parameters. */
function weightedSample(state: BackpropState, batch: number): Sample {
	const sample = drawSample(state.hidden, batch, state.seed);
	return { ...sample, params: applyWeights(sample.params, parseWeights(state.w, state.hidden).overrides) };
}

const graphFor = (shape: NetShape): BuiltGraph => graphs.memo(shapeKey(shape), () => buildBackpropGraph(shape));

/**
 * Forward, then backward, for `shape`: both runs' outputs together. With `inplace`, backward is
 * fed the tensor doubled (an emulated `t.mul_(2)` between the runs) when it reads it; when it
 * does not, nothing changes, as in PyTorch.
 */
async function runNet(shape: NetShape, feeds: Feeds, backend: Backend, inplace: InPlace = 'none'): Promise<Outputs> {
	const { split, spec } = graphFor(shape);
	const key = shapeKey(shape);
	const forward = await getSession(backend, `${key}-forward`, () => split.forward.bytes);
	const backward = await getSession(backend, `${key}-backward`, () => split.backward.bytes);
	const forwardOut = await runSession(forward, forwardFeeds(split, feeds));
	const replace: Feeds = {};
	const overwritten = inplace === 'none' ? null : spec.named[inplace];
	if (overwritten && split.saved.some((t) => t.name === overwritten)) {
		const { data, dims } = forwardOut[overwritten];
		replace[overwritten] = { data: data.map((v) => 2 * v), dims };
	}
	const backwardOut = await runSession(backward, backwardFeeds(split, feeds, forwardOut, replace));
	return { ...forwardOut, ...backwardOut };
}

/** The lab's graphs for `shape` on `sample`: the parameter gradients, flat (W1, b1, W2, b2). */
async function gradientOf(shape: NetShape, sample: Sample, backend: Backend, inplace: InPlace = 'none'): Promise<number[]> {
	const out = await runNet(shape, feedsFor(sample, shape), backend, inplace);
	const { spec } = graphFor(shape);
	return PARAM_NAMES.flatMap((p) => Array.from(out[spec.gradOutputs[p]].data));
}

/** Rows [from, to) of a sample's data, with the same weights. */
const rows = (s: Sample, from: number, to: number): Sample => ({
	params: s.params,
	X: s.X.slice(from * INPUTS, to * INPUTS),
	Y: s.Y.slice(from * CLASSES, to * CLASSES),
	labels: s.labels.slice(from, to)
});

/**
 * Figure 6: the graph without its stop-gradient (to compare), the in-place variant's gradient,
 * and `.grad` through k micro-batches of a batch of 16 (samples 0–15 of the seed; samples 16–31
 * give the previous step's gradient, at the same weights, for the forgotten zero_grad).
 */
export async function computeTricks(state: BackpropState, graphShape: NetShape, sample: Sample, backend: Backend): Promise<TricksResults> {
	// Figure 6 is about the stable graph: figure 4's naive loss stays out of it.
	const shape = { ...graphShape, naive: false };
	const plain = { ...shape, detach: 'none' as const };
	const undetached = shape.detach && shape.detach !== 'none' ? await gradientOf(plain, sample, backend) : null;
	const backwardNodes = (s: NetShape) => graphFor(s).spec.nodes.filter((n) => n.phase === 'backward').length;
	const inplace = state.inplace !== 'none' ? await gradientOf(shape, sample, backend, state.inplace) : null;
	const key = `${shapeKey({ ...shape, batch: ACC_BATCH, xgrad: false })}-${state.seed}-k${state.k}-${state.acc}-${backend}-w${state.w}`;
	let accumulation = accumulations.get(key);
	if (!accumulation) {
		accumulation = await computeAccumulation(state, shape, backend);
		accumulations.set(key, accumulation);
	}
	return {
		undetached,
		backwardNodes: { detached: backwardNodes(shape), plain: backwardNodes(plain) },
		inplace,
		accumulation
	};
}

/**
 * The accumulation runs depend on neither the reader's batch nor h, step or scale: kept per
 * setting (same inputs, same runs), so moving another control does not repeat them.
 */
const accumulations = new Lru<TricksResults['accumulation']>({ maxEntries: 16 });

async function computeAccumulation(state: BackpropState, shape: NetShape, backend: Backend): Promise<TricksResults['accumulation']> {
	const k = Number(state.k);
	const base = { ...shape, xgrad: false };
	const data = weightedSample(state, 2 * ACC_BATCH);
	const batch = rows(data, 0, ACC_BATCH);
	const oneBatch = await gradientOf({ ...base, batch: ACC_BATCH }, batch, backend);
	const size = ACC_BATCH / k;
	const micro: number[][] = [];
	for (let j = 0; j < k; j++) micro.push(k === 1 ? oneBatch : await gradientOf({ ...base, batch: size }, rows(batch, j * size, (j + 1) * size), backend));
	const previous = state.acc === 'nozero' ? await gradientOf({ ...base, batch: ACC_BATCH }, rows(data, ACC_BATCH, 2 * ACC_BATCH), backend) : null;
	return { k, variant: state.acc, oneBatch, after: accumulate(micro, state.acc, previous ?? new Array(oneBatch.length).fill(0)) };
}

let lseGraph: LseGraph | null = null;

/** Figure 4: both float32 losses over the sweep of scales and at the reader's s, in one run. */
async function computeLse(s: number, backend: Backend): Promise<LseResults> {
	const graph = (lseGraph ??= buildLseGraph());
	const session = await getSession(backend, 'backprop-lse', () => graph.bytes);
	return summarizeLse(graph, s, await runSession(session, lseFeeds([...LSE_SWEEP, s])));
}

/** The smallest s (to float32 precision) where figure 4's naive loss breaks: bisection over runs of the naive graph, one s per run. */
export async function naiveBreakScale(backend: Backend): Promise<number | null> {
	const graph = buildLseGraph(1);
	const session = await getSession(backend, 'backprop-lse-single', () => graph.bytes);
	const z = [...LSE_LOGITS];
	return bisectBreak(async (s) => {
		const out = await runSession(session, lseFeeds([s]));
		return isBroken(Number.isFinite(out[graph.loss.naive].data[0]) ? out[graph.loss.naive].data[0] : null, crossEntropy64(z, LSE_LABEL, s));
	});
}

/** The true class's probability in figure 3's confidently wrong example. */
export const CONFIDENT_PC = 1e-4;
const confidentRuns = new Lru<Promise<ConfidentlyWrong>>({ maxEntries: 8 });

/**
 * Figure 3 with squared error: one example the model is confidently wrong about, through the
 * lab's graph (batch 1) with each loss. W₁ = W₂ = 0 make the logits b₂ = (a, 0, 0), whatever the
 * activation, with eᵃ/(eᵃ + 2) = p_c for the true class 0.
 */
function confidentlyWrong(state: BackpropState, backend: Backend): Promise<ConfidentlyWrong> {
	const { hidden, act } = state;
	return confidentRuns.memoAsync(`${backend}|${hidden}|${act}`, async () => {
		const a = Math.log((2 * CONFIDENT_PC) / (1 - CONFIDENT_PC));
		const sample: Sample = {
			params: { W1: new Float32Array(INPUTS * hidden), b1: new Float32Array(hidden), W2: new Float32Array(hidden * CLASSES), b2: Float32Array.of(a, 0, 0) },
			X: Float32Array.of(0.3, -0.2),
			Y: Float32Array.of(1, 0, 0),
			labels: [0]
		};
		const dzc = async (loss: 'mse' | 'ce') => {
			const shape: NetShape = { hidden, batch: 1, act, loss, xgrad: false };
			return summarize(graphFor(shape).spec, sample, 1, await runNet(shape, feedsFor(sample, shape), backend)).softmax.dz[0];
		};
		return { pc: CONFIDENT_PC, dzMse: await dzc('mse'), dzCe: await dzc('ce') };
	});
}

export async function computeBackprop(state: BackpropState, backend: Backend): Promise<BackpropResults> {
	const shape = netShape(state);
	const sample = weightedSample(state, shape.batch);
	const outputs = await runNet(shape, feedsFor(sample, shape, state.scale), backend);
	const graph = summarize(graphFor(shape).spec, sample, shape.batch, outputs);
	return {
		...graph,
		// Figures 5 and 6 check the stable loss of the weights themselves, not figure 4's s·z.
		checkGrads: shape.naive ? await gradientOf({ ...shape, naive: false }, sample, backend) : PARAM_NAMES.flatMap((p) => graph.grads[p]),
		confident: state.loss === 'mse' ? await confidentlyWrong(state, backend) : null,
		lse: await computeLse(state.scale, backend),
		gradcheck: await computeGradcheck(state, shape, sample, backend),
		tricks: await computeTricks(state, shape, sample, backend)
	};
}
