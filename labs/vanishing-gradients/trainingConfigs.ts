/**
 * Figure 5's three networks and the sizes that keep training them live quick. Plain data, so the
 * figure can draw its legend before the training code (builder, runtime) has loaded.
 */
import type { Activation } from './model';

export type TrainInit = 'normal1' | 'xavier' | 'he';
export type TrainConfigId = 'sigmoid-normal' | 'relu-he' | 'relu-he-residual';

export interface TrainConfig {
	id: TrainConfigId;
	label: string;
	act: Activation;
	init: TrainInit;
	residual: boolean;
}

export const TRAIN_CONFIGS: readonly TrainConfig[] = [
	{ id: 'sigmoid-normal', label: 'sigmoid, N(0, 1) init', act: 'sigmoid', init: 'normal1', residual: false },
	{ id: 'relu-he', label: 'ReLU, He init', act: 'relu', init: 'he', residual: false },
	{ id: 'relu-he-residual', label: 'ReLU, He init, residual', act: 'relu', init: 'he', residual: true }
];

/**
 * Width is capped and the batch kept small so three runs of a few hundred steps take seconds.
 * SGD with momentum, lr 0.05, gradients clipped to global norm 1: fast enough that the ReLU nets
 * learn the spirals at every depth from 3 to 40, and the clipping keeps the deep ones from
 * diverging on a bad batch; it never enlarges a small gradient, so a vanishing one still shows.
 */
export const LIVE = { maxWidth: 64, batch: 128, examples: 1024, steps: 300, lossEvery: 5, lr: 0.05, momentum: 0.9, clipNorm: 1 } as const;

export const liveWidth = (width: number) => Math.min(width, LIVE.maxWidth);
