/**
 * Messages between the page and the sweep worker (structured-cloned: plain data only).
 *
 * The worker does the decompositions; the page runs the ONNX feature graph through the site's
 * runtime (`src/lib/onnx/runtime.ts`: on WASM inside onnxruntime's own proxy worker, on WebGPU
 * asynchronously on the GPU) and hands the worker each table it asks for.
 */
import type { Backend } from '$lib/onnx/backend';
import type { FeatureFamily } from './data';
import type { SweepRequest } from './engine';
import type { DdResults } from './summary';

export type ToWorker =
	| { type: 'run'; id: number; backend: Backend; request: SweepRequest }
	/** The page no longer wants job `id` (a control moved). */
	| { type: 'cancel'; id: number }
	/** The answer to a feature request: raw features, row-major [N_MAX + GRID_SIZE, cols]. */
	| { type: 'features'; ticket: number; data: Float32Array; cols: number }
	| { type: 'features-failed'; ticket: number; message: string };

export type FromWorker =
	| { type: 'partial'; id: number; results: DdResults; done: number; total: number }
	| { type: 'done'; id: number; results: DdResults }
	| { type: 'error'; id: number; message: string }
	/** The worker needs replicate `replicate`'s feature table for n points. */
	| { type: 'features'; ticket: number; backend: Backend; family: FeatureFamily; seed: number; replicate: number; n: number };
