/**
 * The diffusion lab's denoisers (labs/diffusion-schedules): one ε-prediction MLP per 2D data
 * set, conditioned on the log-SNR rather than the step index, so one file serves the linear,
 * cosine, sigmoid and custom schedules at any T; plus a class-conditional one (`diffusion-guided`) on four
 * overlapping labelled Gaussian classes (labs/diffusion-schedules/data.ts, labelledMixture), trained with 10% label dropout for classifier-free guidance.
 *
 * Each: MLP (2 + 16 [+ 4]) → 128 → 128 → 128 → 2 with SiLU, AdamW (lr 3e-3, cosine decay, 3000 steps (the spiral, harder, 6000),
 * weight decay 1e-4), minibatches of 512 from 2¹⁷ noised rows (x_0 from 4096 points, schedule,
 * t and ε drawn once with the seed; see trainingSet.ts). Scored by DDIM with 50 steps on the
 * cosine schedule: MMD of 1000 samples to 1000 held-out data points, next to N(0, I)'s MMD.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { dataset, labelledMixture, MIXTURE_CLASSES, type DatasetName } from '../../labs/diffusion-schedules/data';
import { denoiserModel, SHIPPED_SHAPE } from '../../labs/diffusion-schedules/model';
import { makeDenoise } from '../../labs/diffusion-schedules/denoise';
import { mmd } from '../../labs/diffusion-schedules/quality';
import { sample } from '../../labs/diffusion-schedules/sampler';
import { makeSchedule } from '../../labs/diffusion-schedules/schedules';
import { diffusionTrainingSet } from '../../labs/diffusion-schedules/trainingSet';
import { createRng } from '../../src/lib/random';
import { cosineLr, type TrainRecipe } from './recipe';

export const DENOISER_SEED = 7;
/** Held-out data for scoring come from another seed. */
export const HELD_OUT_SEED = 7001;
const BATCH = 512;
const STEPS = 3000;
const LR = 3e-3;

/** Samples 1000 points with DDIM-50 on the cosine schedule, scores them and the N(0, I) baseline. */
async function scoreDenoiser(ort: typeof OrtTypes, bytes: Uint8Array, data: DatasetName, classes: number) {
	const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
	try {
		const count = 1000;
		const held = classes ? labelledMixture(count, HELD_OUT_SEED) : dataset(data, count, HELD_OUT_SEED);
		const run = async (feeds: Record<string, { data: Float32Array; dims: readonly number[] }>) => {
			const inputs = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', v.data, v.dims)]));
			return (await session.run(inputs)).prediction.data as Float32Array;
		};
		const denoise = makeDenoise(run, classes ? { classes, labels: held.labels, guidance: 0 } : undefined);
		const out = await sample({ schedule: makeSchedule('cosine', 1000), sampler: 'ddim', steps: 50, count, seed: 11, denoise });
		const baseline = createRng(12).fillNormal(new Float32Array(count * 2));
		return { mmdDdim50: mmd(out.x, held.points), mmdBaseline: mmd(baseline, held.points) };
	} finally {
		await session.release();
	}
}

function denoiserRecipe(data: DatasetName, conditional: boolean, steps = STEPS): () => TrainRecipe {
	return () => {
		const classes = conditional ? MIXTURE_CLASSES : 0;
		const points = conditional ? labelledMixture(4096, DENOISER_SEED) : dataset(data, 4096, DENOISER_SEED);
		return {
			name: conditional ? 'diffusion-guided' : `diffusion-${data}`,
			description: conditional ? 'class-conditional ε-prediction denoiser on four overlapping Gaussian classes, label dropout 10%' : `ε-prediction denoiser on ${data}, conditioned on log-SNR`,
			seed: DENOISER_SEED,
			model: denoiserModel({ ...SHIPPED_SHAPE, classes, batch: BATCH }),
			optimizer: { kind: 'adamw', lr: LR, weightDecay: 1e-4 },
			batches: {
				dataset: diffusionTrainingSet(points, { rows: 1 << 17, seed: DENOISER_SEED + 1, classes, dropLabel: 0.1 }),
				batchSize: BATCH,
				seed: DENOISER_SEED + 2
			},
			steps,
			schedule: cosineLr(LR),
			evaluate: (ort, bytes) => scoreDenoiser(ort, bytes, data, classes)
		};
	};
}

export const diffusionRecipes: Record<string, () => TrainRecipe> = {
	'diffusion-moons': denoiserRecipe('moons', false),
	'diffusion-spiral': denoiserRecipe('spiral', false, 2 * STEPS),
	'diffusion-mixture': denoiserRecipe('mixture', false),
	'diffusion-guided': denoiserRecipe('mixture', true)
};
