/** How a training run's status reads in a figure ("training", "paused", …). */
import type { TrainingStatus } from '$lib/onnx/training/driver';

export const TRAINING_STATUS_TEXT: Record<TrainingStatus, string> = {
	idle: 'not started',
	loading: 'preparing…',
	running: 'training',
	paused: 'paused',
	done: 'done',
	diverged: 'diverged',
	error: 'failed',
	cancelled: 'stopped'
};
