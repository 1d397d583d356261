/**
 * The shipped diffusion denoisers (static/models/diffusion-*.onnx), run on onnxruntime-web's
 * WASM backend in Node with the lab's own samplers: every one beats the no-model baseline
 * (N(0, I) samples) on MMD to held-out data by a clear margin for every schedule, DDIM with 50
 * steps lands close to DDPM with T = 1000 steps, and guidance sharpens the conditional samples.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classCentres, dataset, labelledMixture, MIXTURE_CLASSES, type DatasetName } from './data';
import { makeDenoise } from './denoise';
import { GUIDED_COUNT, guidanceScore } from './guidanceScore';
import { mmd } from './quality';
import { sample } from './sampler';
import { makeSchedule } from './schedules';
import { EMBED_DIM } from './timeEmbedding';
import { createRng } from '$lib/random';
import { schema } from './lab';
import { createSession, runSession, type Session } from '../../tests/support/ort';

const COUNT = 500;
const HELD_OUT_SEED = 7001;
const file = (name: string) => new URL(`../../static/models/${name}.onnx`, import.meta.url);

async function open(name: string): Promise<Session> {
	return createSession(new Uint8Array(readFileSync(file(name))));
}

const runner = (session: Session) => async (feeds: Parameters<typeof runSession>[1]) => (await runSession(session, feeds)).prediction.data;

const baseline = createRng(12).fillNormal(new Float32Array(COUNT * 2));

describe.each(['moons', 'spiral', 'mixture'] as DatasetName[])('diffusion-%s', (data) => {
	const held = dataset(data, COUNT, HELD_OUT_SEED);
	const baselineMmd = mmd(baseline, held.points);

	it('is at most 1 MB and predicts ε of shape [batch, 2]', async () => {
		expect(statSync(file(`diffusion-${data}`)).size).toBeLessThan(1 << 20);
		const session = await open(`diffusion-${data}`);
		const out = await runSession(session, {
			x: { data: new Float32Array(6), dims: [3, 2] },
			temb: { data: new Float32Array(3 * EMBED_DIM), dims: [3, EMBED_DIM] },
			scale: { data: new Float32Array(6), dims: [3, 2] }
		});
		expect(out.prediction.dims).toEqual([3, 2]);
	});

	it.each(['linear', 'cosine', 'sigmoid'] as const)('DDIM-50 on %s beats N(0, I) by a clear margin', async (kind) => {
		const session = await open(`diffusion-${data}`);
		const out = await sample({ schedule: makeSchedule(kind, 1000), sampler: 'ddim', steps: 50, count: COUNT, seed: 11, denoise: makeDenoise(runner(session)) });
		const score = mmd(out.x, held.points);
		expect(score, `MMD ${score.toFixed(4)} vs baseline ${baselineMmd.toFixed(4)}`).toBeLessThan(0.7 * baselineMmd);
	});

	it('DDIM with 50 steps lands close to DDPM with T = 1000 steps (cosine)', async () => {
		const session = await open(`diffusion-${data}`);
		const schedule = makeSchedule('cosine', 1000);
		const denoise = makeDenoise(runner(session));
		const ddpm = await sample({ schedule, sampler: 'ddpm', steps: 1000, count: COUNT, seed: 11, denoise });
		const ddim = await sample({ schedule, sampler: 'ddim', steps: 50, count: COUNT, seed: 11, denoise });
		const ddpmScore = mmd(ddpm.x, held.points);
		expect(ddpmScore, `DDPM MMD ${ddpmScore.toFixed(4)} vs baseline ${baselineMmd.toFixed(4)}`).toBeLessThan(0.6 * baselineMmd);
		// Both about as close to the data, and the two clouds closer to each other than noise is to
		// DDPM's (two finite clouds of the same distribution sit ~0.04 apart on this measure).
		const ddimScore = mmd(ddim.x, held.points);
		expect(Math.abs(ddimScore - ddpmScore), `DDIM ${ddimScore.toFixed(4)} vs DDPM ${ddpmScore.toFixed(4)}`).toBeLessThan(0.35 * baselineMmd);
		const between = mmd(ddim.x, ddpm.x);
		expect(between, `MMD(DDIM-50, DDPM-1000) ${between.toFixed(4)}`).toBeLessThan(0.75 * mmd(baseline, ddpm.x));
	}, 60_000);
});

describe('diffusion-guided (classifier-free guidance)', () => {
	it('without guidance, each class is sampled where it lives (class means, Bayes accuracy)', async () => {
		// The four classes overlap so much that their union is close to N(0, I): MMD cannot tell a
		// good model from noise here, so check what the conditional model is for instead.
		const session = await open('diffusion-guided');
		const held = labelledMixture(COUNT, HELD_OUT_SEED);
		const denoise = makeDenoise(runner(session), { classes: MIXTURE_CLASSES, labels: held.labels, guidance: 0 });
		const out = await sample({ schedule: makeSchedule('cosine', 1000), sampler: 'ddim', steps: 50, count: COUNT, seed: 11, denoise });
		const centres = classCentres();
		for (let c = 0; c < MIXTURE_CLASSES; c++) {
			let mx = 0;
			let my = 0;
			let n = 0;
			for (let i = 0; i < COUNT; i++) if (held.labels[i] === c) ((mx += out.x[2 * i]), (my += out.x[2 * i + 1]), n++);
			expect(Math.hypot(mx / n - centres[c].x, my / n - centres[c].y), `class ${c} mean`).toBeLessThan(0.25);
		}
		const dataAccuracy = guidanceScore(held.points, held.labels).accuracy;
		expect(Math.abs(guidanceScore(out.x, held.labels).accuracy - dataAccuracy)).toBeLessThan(0.08);
	});

	it('guidance w = 4 puts more samples on their own class and lowers diversity than w = 0', async () => {
		const session = await open('diffusion-guided');
		const labels = Int32Array.from({ length: COUNT }, (_, i) => i % MIXTURE_CLASSES);
		const run = async (guidance: number) => {
			const denoise = makeDenoise(runner(session), { classes: MIXTURE_CLASSES, labels, guidance });
			const out = await sample({ schedule: makeSchedule('cosine', 1000), sampler: 'ddim', steps: 50, count: COUNT, seed: 11, denoise });
			return guidanceScore(out.x, labels);
		};
		const free = await run(0);
		const guided = await run(4);
		expect(free.accuracy, 'the conditional model alone already follows its class').toBeGreaterThan(0.7);
		expect(guided.accuracy).toBeGreaterThanOrEqual(free.accuracy);
		expect(guided.spread, `spread ${guided.spread.toFixed(3)} vs ${free.spread.toFixed(3)}`).toBeLessThan(free.spread);
	});

	it("the figure's default w separates its two panels: more samples on their own class, a clearly smaller spread", async () => {
		const session = await open('diffusion-guided');
		const labels = Int32Array.from({ length: GUIDED_COUNT }, (_, i) => i % MIXTURE_CLASSES);
		// The figure's own settings: DDIM with 50 steps on the default (cosine, T = 1000) schedule, seed 1.
		const run = async (guidance: number) => {
			const denoise = makeDenoise(runner(session), { classes: MIXTURE_CLASSES, labels, guidance });
			const out = await sample({ schedule: makeSchedule('cosine', 1000), sampler: 'ddim', steps: 50, count: GUIDED_COUNT, seed: schema.seed.default, denoise });
			return guidanceScore(out.x, labels);
		};
		const free = await run(0);
		const guided = await run(schema.guidance.default);
		expect(guided.accuracy - free.accuracy, `${guided.accuracy} vs ${free.accuracy}`).toBeGreaterThan(0.05);
		expect(guided.spread, `spread ${guided.spread.toFixed(3)} vs ${free.spread.toFixed(3)}`).toBeLessThan(0.75 * free.spread);
	});
});
