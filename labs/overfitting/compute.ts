/**
 * The page's own compute for one state: the data sets, and one forward pass of the untrained
 * network (the run's epoch 0) over the training and validation images, through the same probe
 * graph a run evaluates every epoch. Training itself is a LiveRun the reader starts.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/session';
import { initialParams } from '$lib/onnx/training/model';
import { estimateBytes } from '$lib/cache/bytes';
import { Lru } from '$lib/cache/lru';
import { dataChecks, settledDataChecks } from './dataChecks';
import { CLASSES, PIXELS, splitSets, type SplitSets } from './glyphs';
import type { OverfittingState } from './lab';
import { evalProbe, evalRows, glyphMlp, parameterCount } from './mlp';
import { batchSize } from './settings';
import { summarize, type OverfittingResults } from './summary';
import { staged, type Staged } from '$lib/state/staged';

// A control change that keeps the data (n, seed, faults) keeps the images, and one that
// keeps width and the seed keeps the initial weights: both are pure, and costly to redo per change.
const sets = new Lru<{ sets: SplitSets; rows: Float32Array }>({ maxEntries: 4, maxBytes: 32 * 1024 * 1024, sizeOf: (s) => 2 * s.rows.byteLength });
const inits = new Lru<Record<string, Float32Array>>({ maxEntries: 4, maxBytes: 16 * 1024 * 1024, sizeOf: estimateBytes });

/** The images of one data set: they and figure 2's checks depend on these controls only. */
const dataKeyOf = ({ n, seed, leak, split, shift }: OverfittingState) => `${n}:${seed}:${leak}:${split}:${shift}`;

function dataOf(state: OverfittingState) {
	const { n, seed, leak, split, shift } = state;
	return sets.memo(dataKeyOf(state), () => {
		const sets = splitSets(n, seed, { leak, split, shift });
		return { sets, rows: evalRows(sets.train, sets.val) };
	});
}

/**
 * Figure 1's numbers: the untrained network over the images. Figure 2's checks (small fits, about
 * half a second the first time for a data set) come with them when computed already, else after
 * them (staged.ts): the hero does not wait for a figure further down.
 */
export async function computeOverfitting(state: OverfittingState, backend: Backend): Promise<OverfittingResults | Staged<OverfittingResults>> {
	const { n, width, seed } = state;
	const data = dataOf(state);
	const { rows } = data;
	const { train, val } = data.sets;
	// The same parameter shapes and seed as the run's model (the batch size does not change them).
	const model = glyphMlp(width, batchSize(n));
	// The probe graph is built only when its session is not cached.
	const session = await getSession(backend, `overfitting-eval-${width}-${n}`, () => evalProbe(model, rows, [0]).bytes);
	const params = inits.memo(`${width}:${seed}`, () => initialParams(model, seed));
	const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = { x: { data: rows, dims: [train.count + val.count, PIXELS] } };
	for (const p of model.params) feeds[`param.${p.name}`] = { data: params[p.name], dims: p.shape };
	const outputs = await runSession(session, feeds);
	const first = { ...summarize(outputs.probe.data, train, val, width, parameterCount(width), CLASSES), checks: settledDataChecks(dataKeyOf(state), backend) };
	if (first.checks) return first;
	return staged(first, dataChecks(dataKeyOf(state), data.sets, backend, seed).then((checks) => ({ checks })));
}
