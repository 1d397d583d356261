/**
 * θ* of figure 1's `net` surface (`npm run record -- optimizers/net`): figure 3's spiral MLP
 * trained once, full batch, by Adam from its seeded start, with the same job machinery the
 * reader's runs use. Kept as the weights (4 significant digits, flat in SPIRAL_PARAMS order)
 * and the loss of those rounded weights is what the plane's origin shows.
 */
import type { Ort } from '$lib/onnx/training/loop';
import type { TrainingJob } from '$lib/onnx/training/driver';
import { initialParams } from '$lib/onnx/training/model';
import { buildTrainStep } from '$lib/onnx/training/trainStep';
import { driveJob } from '$lib/recorded/drive';
import { roundSig } from '$lib/recorded/pack';
import { SWEEP } from './rateSweep';
import { flatParams, SPIRAL, spiralData, spiralMlp } from './spiralMlp';

/** Adam at 0.01 for 1,000 full-batch steps: low enough a loss that the minimum is a real basin. */
export const NET_TRAINING = { lr: 0.01, steps: 1000 } as const;

export interface RecordedNet {
	/** Training loss at the last step, as the run reported it. */
	trainLoss: number;
	/** θ*, flat in SPIRAL_PARAMS order. */
	theta: number[];
}

function netJob(): TrainingJob {
	const model = spiralMlp(SPIRAL.examples);
	const graph = buildTrainStep(model, { kind: 'adam', lr: NET_TRAINING.lr });
	return {
		bytes: graph.bytes,
		io: graph.io,
		params: initialParams(model, SPIRAL.seed),
		batches: { dataset: spiralData(), batchSize: SPIRAL.examples, seed: SWEEP.batchSeed },
		maxSteps: NET_TRAINING.steps,
		lossEvery: NET_TRAINING.steps,
		hyper: { lr: NET_TRAINING.lr }
	};
}

export async function recordNet(ort: Ort): Promise<RecordedNet> {
	const run = await driveJob(ort, netJob(), { finalParams: true });
	if (run.status !== 'done' || !run.final) throw new Error(`training θ* ended ${run.status}: ${run.message}`);
	return { trainLoss: roundSig(run.losses.at(-1)!.loss), theta: Array.from(flatParams(run.final), (x) => roundSig(x)) };
}
