/** Messages between a page's TrainingRunner and the training worker (runs are told apart by id). */
import type { TrainingJob, TrainingProgress } from './driver';
import type { ParamValues } from './model';

export type ToWorker =
	/** `ortUrl`: where the page's runtime module lives (see ../ortModule.ts). */
	| { type: 'start'; id: number; job: TrainingJob; ortUrl: string }
	| { type: 'pause' | 'resume' | 'cancel'; id: number }
	| { type: 'hyper'; id: number; name: string; value: number }
	| { type: 'params'; id: number; request: number };

export type FromWorker =
	| { type: 'progress'; id: number; progress: TrainingProgress }
	| { type: 'params'; id: number; request: number; params?: ParamValues; error?: string };
