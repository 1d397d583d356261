/**
 * The page's side of the sweep worker: starts it on first use, sends one job per state, hands
 * partial results to a callback as they stream in, abandons a job the moment a newer state
 * supersedes it (the worker is told, and the abandoned promise settles with `null`), and answers
 * the worker's requests for feature tables by running the ONNX graph.
 */
import type { Backend } from '$lib/onnx/backend';
import { SweepEngine, type SweepRequest } from './engine';
import { computedInFloat64, float64FeatureTable } from './float64Features';
import { runFeatureGraph } from './featureRun';
import type { FromWorker, ToWorker } from './protocol';
import type { DdResults } from './summary';

export type OnPartial = (results: DdResults, fraction: number) => void;

interface Job {
	id: number;
	resolve(results: DdResults | null): void;
	reject(error: Error): void;
	onPartial: OnPartial;
}

export class SweepClient {
	#worker: Worker | null = null;
	#job: Job | null = null;
	#nextId = 1;

	/** Runs a sweep; resolves with its results, or with null if `supersede` was called first. */
	run(request: SweepRequest, backend: Backend, onPartial: OnPartial): Promise<DdResults | null> {
		// The build's prerender (Node, no workers) runs the worker's engine in-process.
		if (import.meta.env.SSR) return sweepInProcess(request, backend);
		this.supersede();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#job = { id, resolve, reject, onPartial };
			this.#send({ type: 'run', id, backend, request });
		});
	}

	/** Drops the job in flight, if any. */
	supersede(): void {
		const job = this.#job;
		if (!job) return;
		this.#job = null;
		this.#send({ type: 'cancel', id: job.id });
		job.resolve(null);
	}

	#send(message: ToWorker): void {
		this.#ensureWorker().postMessage(message);
	}

	#ensureWorker(): Worker {
		if (!this.#worker) {
			// Vite bundles the worker (the maths and ml-matrix, no runtime) as its own module.
			const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'double-descent-sweep' });
			worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
			worker.onerror = (event) => {
				event.preventDefault();
				this.#fail(new Error(`The sweep worker stopped: ${event.message || 'it could not be loaded'}.`));
				this.#worker = null;
			};
			this.#worker = worker;
		}
		return this.#worker;
	}

	#receive(message: FromWorker): void {
		if (message.type === 'features') return void this.#answer(message);
		const job = this.#job;
		if (!job || message.id !== job.id) return; // a cancelled job's last words
		if (message.type === 'partial') job.onPartial(message.results, message.done / message.total);
		else {
			this.#job = null;
			if (message.type === 'done') job.resolve(message.results);
			else job.reject(new Error(message.message));
		}
	}

	/** Runs the feature graph the worker asked for and transfers the table to it. */
	async #answer(request: Extract<FromWorker, { type: 'features' }>): Promise<void> {
		const { ticket, backend, family, seed, replicate, n } = request;
		try {
			const { data, cols } = await runFeatureGraph(backend, family, seed, replicate, n);
			this.#worker?.postMessage({ type: 'features', ticket, data, cols } satisfies ToWorker, [data.buffer]);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			this.#worker?.postMessage({ type: 'features-failed', ticket, message } satisfies ToWorker);
		}
	}

	#fail(error: Error): void {
		const job = this.#job;
		this.#job = null;
		job?.reject(error);
	}
}

/** The worker's job without the worker: the same engine, features from the same sources. */
async function sweepInProcess(request: SweepRequest, backend: Backend): Promise<DdResults> {
	const engine = new SweepEngine(async (family, seed, replicate, n) =>
		computedInFloat64(family) ? float64FeatureTable(family, seed, replicate, n) : runFeatureGraph(backend, family, seed, replicate, n)
	);
	for await (const progress of engine.run(request)) void progress;
	return engine.assemble(request, true);
}
