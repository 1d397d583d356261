/**
 * Drives one training job to its end: creates the loop, runs steps until `maxSteps`, reads the
 * loss back every `lossEvery` steps, and keeps a status a figure can show. Pause, resume and
 * cancel take effect between steps. A loss that comes back NaN or ±∞ stops the run as
 * 'diverged', with a sentence saying so. A job may also ask for the parameters themselves at
 * chosen steps (`paramsAt`), for figures that watch the iterate rather than the loss, or a probe
 * (probe.ts): another graph run on the current parameters at chosen steps, e.g. a decision boundary.
 *
 * The same driver runs inside the training worker (WASM) and on the page (WebGPU). Jobs in one
 * realm take turns step by step (`takeTurn`), so three runs side by side advance together
 * instead of one after the other, and no two session creations or `session.run` calls overlap.
 */
import type { BatchPlan } from './batches';
import { TrainingLoop, type Ort, type TrainingBackend } from './loop';
import type { ParamValues } from './model';
import { ProbeSession, type ProbeJob, type ProbeReading } from './probe';
import type { TrainStepIO } from './trainStep';
import { takeTurn } from '../turns';
import { describeModelError } from '../errors';

export type TrainingStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'diverged' | 'cancelled' | 'error';

export interface LossPoint {
	step: number;
	loss: number;
}

/** The parameters after `step` updates (step 0: the initial values). */
export interface ParamReading {
	step: number;
	params: ParamValues;
}

/** Everything a run needs, as plain data (it is posted to the worker as is). */
export interface TrainingJob {
	bytes: Uint8Array;
	io: TrainStepIO;
	params: ParamValues;
	batches: BatchPlan;
	maxSteps: number;
	/** Read the loss back every k steps (and at the first and the last step). */
	lossEvery: number;
	/** Hyperparameter overrides (`lr`, `momentum`, …). */
	hyper?: Record<string, number>;
	/**
	 * Read the parameters back after these many updates (0..maxSteps); the loss is read at the
	 * same steps, so each reading pairs with the loss of the same parameters (except at maxSteps).
	 */
	paramsAt?: readonly number[];
	/** Evaluate a probe graph on the current parameters at chosen steps (the loss is read there too). */
	probe?: ProbeJob;
}

export interface TrainingProgress {
	status: TrainingStatus;
	step: number;
	maxSteps: number;
	/** Loss readings since the previous report (the receiver keeps the history). */
	points: LossPoint[];
	/** Parameter readings since the previous report (only for jobs with `paramsAt`). */
	params?: ParamReading[];
	/** Probe readings since the previous report (only for jobs with `probe`). */
	probes?: ProbeReading[];
	stepsPerSecond: number | null;
	message: string | null;
}

/** Longest stretch of steps between two breaths (ms). */
const BREATH_MS = 16;

/**
 * Lets the event loop run queued tasks: a pause or cancel posted by the page, a timer. On WASM a
 * step's `session.run` settles in microtasks alone, so a loop of steps would otherwise hold the
 * worker until the run ends. A MessageChannel rather than setTimeout, which nested calls clamp
 * to 4 ms.
 */
function breath(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof MessageChannel === 'undefined') return void setTimeout(resolve, 0);
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

export class TrainingDriver {
	status: TrainingStatus = 'idle';
	#loop: TrainingLoop | null = null;
	#points: LossPoint[] = [];
	#readings: ParamReading[] = [];
	#lastReadStep = -1;
	#paramsAt: Set<number>;
	#probe: ProbeSession | null = null;
	#probeAt: Set<number>;
	#probes: ProbeReading[] = [];
	#lastProbeStep = -1;
	#message: string | null = null;
	#rate: number | null = null;
	#windowStart = { step: 0, time: 0 };
	#running = false;

	constructor(
		private readonly ort: Ort,
		private readonly job: TrainingJob,
		private readonly backend: TrainingBackend,
		private readonly report: (progress: TrainingProgress) => void
	) {
		this.#paramsAt = new Set(job.paramsAt ?? []);
		this.#probeAt = new Set(job.probe?.at ?? []);
	}

	get step(): number {
		return this.#loop?.step ?? 0;
	}

	async start(): Promise<void> {
		if (this.status !== 'idle') return;
		this.#set('loading');
		try {
			const { bytes, io, params, batches, hyper } = this.job;
			// In turn too: ORT's WebGPU provider refuses to create two sessions at once.
			this.#loop = await takeTurn(() => TrainingLoop.create(this.ort, { bytes, io, params, batches, hyper, backend: this.backend }));
			const probe = this.job.probe;
			if (probe) this.#probe = await takeTurn(() => ProbeSession.create(this.ort, probe, this.backend));
		} catch (error) {
			void this.#release();
			return this.#fail(error);
		}
		// cancel() may have run while the session was being created (TS narrowed status above).
		if ((this.status as TrainingStatus) === 'cancelled') return void (await this.#release());
		this.#set('running');
		void this.#run();
	}

	pause(): void {
		if (this.status === 'running') this.#set('paused');
	}

	resume(): void {
		if (this.status !== 'paused') return;
		this.#set('running');
		void this.#run();
	}

	/** Stops the run (if it is still going) and frees its session and tensors. */
	cancel(): void {
		if (!['done', 'diverged', 'error', 'cancelled'].includes(this.status)) this.#set('cancelled');
		if (!this.#running) void this.#release();
	}

	setHyper(name: string, value: number): void {
		this.job.hyper = { ...this.job.hyper, [name]: value };
		this.#loop?.setHyper(name, value);
	}

	readParams(): Promise<ParamValues> {
		if (!this.#loop) return Promise.reject(new Error('TrainingDriver: not started'));
		return takeTurn(() => this.#loop!.readParams());
	}

	async #run(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		this.#windowStart = { step: this.step, time: performance.now() };
		const loop = this.#loop!;
		const { maxSteps, lossEvery } = this.job;
		let lastBreath = performance.now();
		try {
			while (this.status === 'running' && loop.step < maxSteps) {
				if (performance.now() - lastBreath > BREATH_MS) {
					await breath();
					lastBreath = performance.now();
					if (this.status !== 'running') break;
				}
				const index = loop.step;
				const watched = this.#paramsAt.has(index);
				if (watched) await this.#readParamsNow(loop, index);
				const probed = this.#probeAt.has(index);
				if (probed) await this.#probeNow(loop, index);
				const read = watched || probed || index === 0 || (index + 1) % lossEvery === 0 || index + 1 === maxSteps;
				const { loss } = await takeTurn(() => loop.run(read));
				if (loss === null) continue;
				this.#points.push({ step: index, loss });
				this.#measureRate();
				if (!Number.isFinite(loss)) {
					this.#message = `The loss became ${loss} at step ${index}: this run diverged (the activations or the updates overflowed).`;
					this.#set('diverged');
				} else this.#emit();
			}
			if (this.status === 'running') {
				if (this.#paramsAt.has(maxSteps)) await this.#readParamsNow(loop, maxSteps);
				if (this.#probeAt.has(maxSteps)) await this.#probeNow(loop, maxSteps);
				this.#set('done');
			}
			// A pause lands between steps: report the step count it stopped at.
			else if (this.status === 'paused') this.#emit();
		} catch (error) {
			this.#fail(error);
		} finally {
			this.#running = false;
		}
		if (this.status === 'cancelled' || this.status === 'diverged') await this.#release();
	}

	/** Frees the training session and the probe's. */
	async #release(): Promise<void> {
		const probe = this.#probe;
		this.#probe = null;
		await Promise.all([this.#loop?.release(), probe?.release()]);
	}

	/** Runs the probe on the current parameters (once per step, however often asked). */
	async #probeNow(loop: TrainingLoop, step: number): Promise<void> {
		const probe = this.#probe;
		if (!probe || this.#lastProbeStep === step) return;
		this.#lastProbeStep = step;
		this.#probes.push({ step, values: await takeTurn(() => probe.run(loop.paramFeeds())) });
	}

	/** Reads the current parameters (once per step, however often asked). */
	async #readParamsNow(loop: TrainingLoop, step: number): Promise<void> {
		if (this.#lastReadStep === step) return;
		this.#lastReadStep = step;
		this.#readings.push({ step, params: await takeTurn(() => loop.readParams()) });
	}

	#measureRate(): void {
		const now = performance.now();
		const steps = this.step - this.#windowStart.step;
		if (now - this.#windowStart.time >= 250 && steps > 0) {
			this.#rate = (1000 * steps) / (now - this.#windowStart.time);
			this.#windowStart = { step: this.step, time: now };
		}
	}

	#fail(error: unknown): void {
		// The reader gets a sentence; the console keeps what the runtime said, to tell failures apart.
		console.warn('training failed', error);
		this.#message = `Training failed: ${describeModelError(error)}`;
		this.#set('error');
	}

	#set(status: TrainingStatus): void {
		this.status = status;
		this.#emit();
	}

	#emit(): void {
		this.report({
			status: this.status,
			step: this.step,
			maxSteps: this.job.maxSteps,
			points: this.#points.splice(0),
			...(this.#readings.length ? { params: this.#readings.splice(0) } : {}),
			...(this.#probes.length ? { probes: this.#probes.splice(0) } : {}),
			stepsPerSecond: this.#rate,
			message: this.#message
		});
	}
}
