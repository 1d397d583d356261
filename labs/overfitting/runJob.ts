/**
 * The job of any run of figure 1's network (figures 1, 3, 5 and 6): the plain job, or with the
 * fixes the page applies (early stopping is not in the job: it reads the run's curve).
 */
import type { TrainingJob } from '$lib/onnx/training/driver';
import { fixedJob, TRAINING_FIXES, type TrainingFix } from './fixRuns';
import { symptomJob } from './mlp';
import type { RunSettings } from './settings';

export function runJob(settings: RunSettings, probeAt?: readonly number[]): TrainingJob {
	const training = (settings.applied?.fixes ?? []).filter((f): f is TrainingFix => (TRAINING_FIXES as readonly string[]).includes(f));
	return training.length ? fixedJob(training, settings, settings.applied!.strengths, probeAt) : symptomJob(settings, probeAt);
}
