/**
 * The spec's fact for leak=both: with the watermark in the training and the validation images, the
 * validation score flatters the model, and the deploy images (never watermarked) show it. Figure
 * 1's job on the leaked data, driven here, probed on the validation and the deploy images.
 */
import { describe, expect, it } from 'vitest';
import '../../tests/support/ort';
import * as ort from 'onnxruntime-web';
import { driveJob } from '$lib/recorded/drive';
import { CLASSES, N_DEPLOY, N_VAL, PIXELS, deploySet, splitSets, type DataFaults } from './glyphs';
import { evalProbe, glyphMlp, symptomJob } from './mlp';
import { batchSize } from './settings';

const SETTINGS = { n: 256, width: 256, epochs: 10, lr: 1e-3, seed: 1 };

describe('leak=both', () => {
	it('validation accuracy beats deploy accuracy by 20 points or more', { timeout: 600_000 }, async () => {
		const faults: DataFaults = { leak: 'both', split: 'random', shift: 0 };
		const { val } = splitSets(SETTINGS.n, SETTINGS.seed, faults);
		const deploy = deploySet(SETTINGS.seed);
		const rows = new Float32Array((N_VAL + N_DEPLOY) * PIXELS);
		rows.set(val.images, 0);
		rows.set(deploy.images, N_VAL * PIXELS);
		const job = symptomJob({ ...SETTINGS, faults });
		const run = await driveJob(ort as never, { ...job, probe: evalProbe(glyphMlp(SETTINGS.width, batchSize(SETTINGS.n)), rows, [job.maxSteps]) });
		expect(run.status).toBe('done');
		const values = run.probes.at(-1)!.values;
		const accuracy = (from: number, labels: Int32Array) => {
			let right = 0;
			labels.forEach((label, i) => {
				const row = Array.from(values.subarray((from + i) * CLASSES, (from + i + 1) * CLASSES));
				if (row.indexOf(Math.max(...row)) === label) right++;
			});
			return right / labels.length;
		};
		const valAcc = accuracy(0, val.labels);
		const deployAcc = accuracy(N_VAL, deploy.labels);
		console.log(`leak=both, ${SETTINGS.epochs} epochs: validation ${valAcc}, deploy ${deployAcc}`);
		expect(valAcc - deployAcc).toBeGreaterThanOrEqual(0.2);
	});
});
