/**
 * Every build-time recording: a name, the lab file it is written to, and the function that makes
 * it (the lab's own `recording.ts`). `npm run record` writes them; each lab's
 * `recording.test.ts` checks its file against a fresh run.
 */
import { fileURLToPath } from 'node:url';
import type { Ort } from '../../src/lib/onnx/training/loop';
import { recordTraining as diffusionTraining } from '../../labs/diffusion-schedules/recording';
import { recordTraining as vanishingGradientsTraining } from '../../labs/vanishing-gradients/recording';
import { recordImplicit as doubleDescentImplicit } from '../../labs/double-descent/recording';
import { recordTraining as attentionTraining } from '../../labs/attention-heatmaps/recording';
import { recordSweep as optimizersSweep } from '../../labs/optimizers/recording';
import { recordDecay as optimizersDecay } from '../../labs/optimizers/recordingDecay';
import { recordBatch as optimizersBatch } from '../../labs/optimizers/recordingBatch';
import { recordNet as optimizersNet } from '../../labs/optimizers/netTheta';
import { recordSymptom as overfittingSymptom } from '../../labs/overfitting/recording';
import { recordCurves as overfittingCurves } from '../../labs/overfitting/recordingLearning';
import { recordFitSweep as overfittingFitSweep } from '../../labs/overfitting/recordingFitSweep';
import { recordFixes as overfittingFixes } from '../../labs/overfitting/recordingFixes';
import { recordGap as overfittingGap } from '../../labs/overfitting/recordingGap';
import { recordDistill as quantizationDistill } from '../../labs/quantization/distillRecording';
import { recordQat as quantizationQat } from '../../labs/quantization/qatRecording';

export interface Recording {
	/** The JSON file, relative to the repository root. */
	file: string;
	record(ort: Ort): Promise<unknown>;
}

export const RECORDINGS: Record<string, Recording> = {
	'vanishing-gradients/training': { file: 'labs/vanishing-gradients/recorded/training.json', record: vanishingGradientsTraining },
	'attention-heatmaps/train': { file: 'labs/attention-heatmaps/recorded/train.json', record: (ort) => attentionTraining(ort) },
	'double-descent/implicit': { file: 'labs/double-descent/recorded/implicit.json', record: doubleDescentImplicit },
	'diffusion-schedules/train': { file: 'labs/diffusion-schedules/recorded/train.json', record: diffusionTraining },
	'optimizers/sweep': { file: 'labs/optimizers/recorded/sweep.json', record: optimizersSweep },
	'optimizers/decay': { file: 'labs/optimizers/recorded/decay.json', record: optimizersDecay },
	'optimizers/batch': { file: 'labs/optimizers/recorded/batch.json', record: optimizersBatch },
	'optimizers/net': { file: 'labs/optimizers/recorded/net.json', record: optimizersNet },
	'overfitting/symptom': { file: 'labs/overfitting/recorded/symptom.json', record: overfittingSymptom },
	'overfitting/learning': { file: 'labs/overfitting/recorded/learning.json', record: (ort) => overfittingCurves(ort) },
	'overfitting/gap': { file: 'labs/overfitting/recorded/gap.json', record: (ort) => overfittingGap(ort) },
	'overfitting/fixes': { file: 'labs/overfitting/recorded/fixes.json', record: overfittingFixes },
	'overfitting/fit-sweep': { file: 'labs/overfitting/recorded/fit-sweep.json', record: (ort) => overfittingFitSweep(ort) },
	'quantization/distill': { file: 'labs/quantization/recorded/distill.json', record: quantizationDistill },
	'quantization/qat': { file: 'labs/quantization/recorded/qat.json', record: quantizationQat }
};

export const recordingPath = (name: string) => fileURLToPath(new URL(`../../${RECORDINGS[name].file}`, import.meta.url));

/** One line per top-level array element keeps diffs readable and the file small. */
export const serializeRecording = (value: unknown) => JSON.stringify(value) + '\n';
