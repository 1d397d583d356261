/**
 * The page's own compute for one state: the data sets, and one forward pass of the untrained
 * network (the run's epoch 0) over the training and validation images, through the same probe
 * graph a run evaluates every epoch. Training itself is a LiveRun the reader starts.
 */
import type { Backend } from '$lib/onnx/backend';
import { getSession, runSession } from '$lib/onnx/runtime';
import { initialParams } from '$lib/onnx/training/model';
import { CLASSES, PIXELS, splitSets } from './glyphs';
import type { OverfittingState } from './lab';
import { evalProbe, evalRows, glyphMlp, parameterCount } from './mlp';
import { batchSize } from './settings';
import { summarize, type OverfittingResults } from './summary';

export async function computeOverfitting(state: OverfittingState, backend: Backend): Promise<OverfittingResults> {
	const { n, width, seed } = state;
	const { train, val } = splitSets(n, seed);
	// The same parameter shapes and seed as the run's model (the batch size does not change them).
	const model = glyphMlp(width, batchSize(n));
	const rows = evalRows(train, val);
	const probe = evalProbe(model, rows, [0]);
	const session = await getSession(backend, `overfitting-eval-${width}-${n}`, () => probe.bytes);
	const params = initialParams(model, seed);
	const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = { x: { data: rows, dims: [train.count + val.count, PIXELS] } };
	for (const p of model.params) feeds[`param.${p.name}`] = { data: params[p.name], dims: p.shape };
	const outputs = await runSession(session, feeds);
	return summarize(outputs.probe.data, train, val, width, parameterCount(width), CLASSES);
}
