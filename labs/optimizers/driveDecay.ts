/**
 * Figure 6's run: one optimizer (Adam + L2 or AdamW) on figure 3's MLP for DECAY.epochs full-batch
 * steps from the seeded start, its own small loop over the ONNX step graph so the optimizer state
 * stays readable: after the last epoch one more step is run from the same state with λ and with
 * λ = 0, and the difference of the two is each weight's decay this step, read beside √v̂.
 * The same code makes the build-time recording (Node) and the reader's live run (the page's
 * runtime, WebAssembly in its worker).
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '$lib/onnx/training/loop';
import { decays, initialParams } from '$lib/onnx/training/model';
import { DECAY, type DecayKind, type DecayPoint, type DecayRunResult, type DecaySettings, type DecayWeight } from './decay';
import { decayEval, decayStep } from './decayGraphs';
import { runOnCopies } from './runOnCopies';
import { SPIRAL, spiralData, spiralMlp } from './spiralMlp';

export interface DecayHooks {
	/** Sees each validation reading as it comes. */
	onPoint?: (point: DecayPoint) => void;
	/** Called between steps: false stops the run (a pause awaits here). */
	proceed?: () => Promise<boolean>;
}

type Feeds = Record<string, OrtTypes.Tensor>;

function tensorsOf(ort: Ort, seed: number): Feeds {
	const { tensors } = spiralData(seed);
	return { x: new ort.Tensor('float32', tensors.x.data as Float32Array, tensors.x.dims), label: new ort.Tensor('int64', tensors.label.data as BigInt64Array, tensors.label.dims) };
}

const scalar = (ort: Ort, v: number) => new ort.Tensor('float32', Float32Array.of(v), []);


/** Runs one optimizer; resolves with its readings, or null when `proceed` stopped it. */
export async function driveDecay(ort: Ort, kind: DecayKind, settings: DecaySettings, hooks: DecayHooks = {}): Promise<DecayRunResult | null> {
	const step = decayStep(kind, settings);
	const options = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' as const, logSeverityLevel: 3 as const };
	const [session, evaluate] = await Promise.all([ort.InferenceSession.create(step.bytes, options), ort.InferenceSession.create(decayEval(), options)]);
	try {
		const model = spiralMlp(SPIRAL.examples);
		const feeds: Feeds = {};
		const start = initialParams(model, SPIRAL.seed);
		for (const p of step.io.params) feeds[p.input] = new ort.Tensor('float32', Float32Array.from(start[p.name]), p.shape);
		for (const s of step.io.state) feeds[s.input] = new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape);
		for (const [name, value] of Object.entries(step.io.hyper)) feeds[name] = scalar(ort, value);
		const train = tensorsOf(ort, SPIRAL.seed);
		feeds['batch.x'] = train.x;
		feeds['batch.label'] = train.label;
		const val = tensorsOf(ort, DECAY.valSeed);
		const params = () => Object.fromEntries(step.io.params.map((p) => [p.input, feeds[p.input]]));

		const points: DecayPoint[] = [];
		const read = async (epoch: number) => {
			const out = await runOnCopies(ort, evaluate, { ...params(), ...val });
			const point = { epoch, val: (out.val_loss.data as Float32Array)[0], norm: (out.norm.data as Float32Array)[0] };
			points.push(point);
			hooks.onPoint?.(point);
			return Number.isFinite(point.val) && Number.isFinite(point.norm);
		};
		if (!(await read(0))) return { kind, status: 'diverged', points, weights: [] };
		for (let epoch = 1; epoch <= DECAY.epochs; epoch++) {
			if (hooks.proceed && !(await hooks.proceed())) return null;
			const out = await runOnCopies(ort, session, feeds);
			for (const c of [...step.io.params, ...step.io.state]) feeds[c.input] = out[c.output];
			if ((epoch % DECAY.every === 0 || epoch === DECAY.epochs) && !(await read(epoch))) return { kind, status: 'diverged', points, weights: [] };
		}
		return { kind, status: 'done', points, weights: await measureDecay(ort, session, feeds, step.io.params, settings) };
	} finally {
		await Promise.all([session.release(), evaluate.release()]);
	}
}

/**
 * One more step from the trained state, with λ and with λ = 0: their difference is the decay
 * this step, divided here by ηλθ. √v̂ = √(v/(1 − β₂ᵗ)) is read from the step with λ. Every
 * DECAY.stride-th weight is kept (enough dots to see the law); those with |θ| < 10⁻³ are left out
 * (their ratio is rounding).
 */
async function measureDecay(
	ort: Ort,
	session: OrtTypes.InferenceSession,
	feeds: Feeds,
	params: { name: string; input: string; output: string }[],
	{ lr, wd }: DecaySettings
): Promise<DecayWeight[]> {
	const withDecay = await runOnCopies(ort, session, feeds);
	const without = await runOnCopies(ort, session, { ...feeds, 'hp.weight_decay': scalar(ort, 0) });
	const t = (withDecay['state.step.next'].data as Float32Array)[0];
	const correction = 1 - 0.999 ** t;
	const specs = spiralMlp(SPIRAL.examples).params;
	const out: DecayWeight[] = [];
	if (wd === 0) return out;
	for (const p of params) {
		if (!decays(specs.find((s) => s.name === p.name)!)) continue;
		const theta = feeds[p.input].data as Float32Array;
		const a = withDecay[p.output].data as Float32Array;
		const b = without[p.output].data as Float32Array;
		const v = withDecay[`state.${p.name}.v.next`].data as Float32Array;
		for (let i = 0; i < theta.length; i += DECAY.stride) {
			if (Math.abs(theta[i]) < 1e-3) continue;
			out.push({ sqrtV: Math.sqrt(v[i] / correction), decay: (b[i] - a[i]) / (lr * wd * theta[i]) });
		}
	}
	return out;
}
