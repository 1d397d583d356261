/**
 * `TrainingRunner`: trains one model in the reader's browser and reports as it goes.
 *
 *   const runner = new TrainingRunner(job, { backend, onProgress: (s) => draw(s.losses) });
 *   runner.start();  …  runner.pause(); runner.resume(); runner.cancel();
 *
 * Where the steps run depends on the backend:
 * - WASM: in a Web Worker (one per page, shared by every run), so the page stays responsive
 *   while the runtime computes; only the loss readings come back to the page.
 * - WebGPU: on the page, since the work is on the GPU already; outputs stay in GPU buffers and
 *   feed the next step directly (see loop.ts), and the loss is read back every k steps.
 * A NaN or infinite loss ends the run with status 'diverged' and a message.
 */
import { describeModelError } from '../errors';
import type { TrainingBackend } from './loop';
import type { LossPoint, ParamReading, TrainingJob, TrainingProgress, TrainingStatus } from './driver';
import type { ParamValues } from './model';
import type { ProbeReading } from './probe';
import type { FromWorker, ToWorker } from './protocol';

export type { TrainingBackend } from './loop';
export type { LossPoint, ParamReading, TrainingJob, TrainingStatus } from './driver';
export type { ProbeJob, ProbeReading } from './probe';

export interface RunnerSnapshot {
	status: TrainingStatus;
	backend: TrainingBackend;
	/** Where the steps run. */
	thread: 'worker' | 'page';
	step: number;
	maxSteps: number;
	/** Every loss read back so far, in step order. */
	losses: LossPoint[];
	/** Every parameter reading so far (jobs with `paramsAt`), in step order. */
	params: ParamReading[];
	/** The latest probe reading (jobs with `probe`). */
	probe: ProbeReading | null;
	firstLoss: number | null;
	lastLoss: number | null;
	stepsPerSecond: number | null;
	message: string | null;
}

export interface RunnerOptions {
	backend: TrainingBackend;
	onProgress?: (snapshot: RunnerSnapshot) => void;
}

/** What the runner needs from wherever the steps run. */
interface Channel {
	start(job: TrainingJob): void;
	send(command: 'pause' | 'resume' | 'cancel'): void;
	setHyper(name: string, value: number): void;
	readParams(): Promise<ParamValues>;
}

// ---- the shared worker -------------------------------------------------------------------

let worker: Worker | null = null;
let nextId = 1;
let nextRequest = 1;
const progressListeners = new Map<number, (p: TrainingProgress) => void>();
const paramRequests = new Map<number, { resolve(p: ParamValues): void; reject(e: Error): void }>();

function sharedWorker(): Worker {
	if (!worker) {
		worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
		worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
			const m = event.data;
			if (m.type === 'progress') progressListeners.get(m.id)?.(m.progress);
			else {
				const pending = paramRequests.get(m.request);
				paramRequests.delete(m.request);
				if (m.params) pending?.resolve(m.params);
				else pending?.reject(new Error(m.error ?? 'no parameters'));
			}
		});
		// The worker script itself failed (not found, or threw while loading): every run fails,
		// and the worker is dropped so that a retry loads a fresh one.
		const self = worker;
		self.addEventListener('error', (event) => {
			console.warn('the training worker failed', event.message);
			if (worker === self) worker = null;
			self.terminate();
			const listeners = [...progressListeners.values()];
			progressListeners.clear();
			for (const listener of listeners) listener(failure('the training code could not be loaded or stopped unexpectedly; check the connection and try again'));
		});
	}
	return worker;
}

function failure(reason: string): TrainingProgress {
	return { status: 'error', step: 0, maxSteps: 0, points: [], stepsPerSecond: null, message: `Training failed: ${reason}` };
}

function workerChannel(onProgress: (p: TrainingProgress) => void): Channel {
	const id = nextId++;
	const w = sharedWorker();
	// Messages leave in order, the start (which waits for the runtime module's URL) first.
	let queue: Promise<void> = Promise.resolve();
	const post = (message: ToWorker | (() => Promise<ToWorker>)) => {
		queue = queue
			.then(async () => w.postMessage(typeof message === 'function' ? await message() : message))
			.catch((error) => onProgress(failure(describeModelError(error))));
	};
	progressListeners.set(id, onProgress);
	return {
		start: (job) =>
			post(async () => {
				// `ort` is read here so the bundler keeps the export the worker imports by URL.
				const { moduleUrl, ort } = await import('../ortModule');
				if (!ort) throw new Error('the runtime module did not load');
				return { type: 'start', id, job, ortUrl: moduleUrl };
			}),
		send: (type) => {
			post({ type, id });
			if (type === 'cancel') progressListeners.delete(id);
		},
		setHyper: (name, value) => post({ type: 'hyper', id, name, value }),
		readParams: () =>
			new Promise((resolve, reject) => {
				const request = nextRequest++;
				paramRequests.set(request, { resolve, reject });
				post({ type: 'params', id, request });
			})
	};
}

// ---- on the page ---------------------------------------------------------------------------

function pageChannel(backend: TrainingBackend, onProgress: (p: TrainingProgress) => void): Channel {
	const { promise: ready, resolve } = deferred<import('./driver').TrainingDriver>();
	let driver: import('./driver').TrainingDriver | null = null;
	return {
		start: (job) => {
			void (async () => {
				try {
					const [{ loadOrt }, { TrainingDriver }] = await Promise.all([import('../runtime'), import('./driver')]);
					driver = new TrainingDriver(await loadOrt(backend), job, backend, onProgress);
					resolve(driver);
					await driver.start();
				} catch (error) {
					onProgress(failure(describeModelError(error)));
				}
			})();
		},
		send: (command) => {
			if (driver) driver[command]();
			else void ready.then((d) => d[command]());
		},
		setHyper: (name, value) => void ready.then((d) => d.setHyper(name, value)),
		readParams: () => ready.then((d) => d.readParams())
	};
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

// ---- the runner ------------------------------------------------------------------------------

export class TrainingRunner {
	#snapshot: RunnerSnapshot;
	#channel: Channel;
	#started = false;

	constructor(
		private readonly job: TrainingJob,
		private readonly options: RunnerOptions
	) {
		const inWorker = options.backend === 'wasm' && typeof Worker !== 'undefined';
		this.#snapshot = {
			status: 'idle',
			backend: options.backend,
			thread: inWorker ? 'worker' : 'page',
			step: 0,
			maxSteps: job.maxSteps,
			losses: [],
			params: [],
			probe: null,
			firstLoss: null,
			lastLoss: null,
			stepsPerSecond: null,
			message: null
		};
		const receive = (p: TrainingProgress) => this.#receive(p);
		this.#channel = inWorker ? workerChannel(receive) : pageChannel(options.backend, receive);
	}

	get snapshot(): RunnerSnapshot {
		return this.#snapshot;
	}

	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.#update({ status: 'loading' });
		this.#channel.start(this.job);
	}

	pause(): void {
		this.#channel.send('pause');
	}

	resume(): void {
		this.#channel.send('resume');
	}

	/** Stops the run and frees its session; the runner cannot be restarted (make a new one). */
	cancel(): void {
		if (!this.#started) return this.#update({ status: 'cancelled' });
		this.#channel.send('cancel');
		if (!['done', 'diverged', 'error'].includes(this.#snapshot.status)) this.#update({ status: 'cancelled' });
	}

	/** Changes a hyperparameter (`lr`, `momentum`, …) from the next step on. */
	setHyper(name: string, value: number): void {
		this.#channel.setHyper(name, value);
	}

	/** The current parameters (after a run: the trained weights). */
	readParams(): Promise<ParamValues> {
		return this.#channel.readParams();
	}

	#receive(p: TrainingProgress): void {
		// After a cancel, late reports from the worker must not revive the run.
		if (this.#snapshot.status === 'cancelled') return;
		const losses = p.points.length ? [...this.#snapshot.losses, ...p.points] : this.#snapshot.losses;
		const params = p.params?.length ? [...this.#snapshot.params, ...p.params] : this.#snapshot.params;
		this.#update({
			status: p.status,
			step: p.step,
			losses,
			params,
			probe: p.probes?.length ? p.probes[p.probes.length - 1] : this.#snapshot.probe,
			firstLoss: losses[0]?.loss ?? null,
			lastLoss: losses[losses.length - 1]?.loss ?? null,
			stepsPerSecond: p.stepsPerSecond ?? this.#snapshot.stepsPerSecond,
			message: p.message
		});
	}

	#update(patch: Partial<RunnerSnapshot>): void {
		this.#snapshot = { ...this.#snapshot, ...patch };
		this.options.onProgress?.(this.#snapshot);
	}
}
