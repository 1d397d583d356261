/**
 * `LiveRun`: the one home for long-running work a reader starts on a page: training runs,
 * samplers, sweeps, timings. A lab's controller creates it with the job to run and the rows
 * ("tracks") the figure shows; figures receive it and only read it or press its buttons.
 *
 *   readonly training = new LiveRun({ tracks: () => [...], job: async (settings, run) => { ... } });
 *   training.start(settings); training.pause(); training.resume(); training.cancel(); training.reset();
 *
 * Why a class of its own: a run starts after awaits (code to import, sessions to build), and a
 * second Start pressed during them must not leave two runs alive. `start` takes a generation
 * token before its first await and ends the previous run at once; whatever the old job creates
 * afterwards (`run.own(...)`) is cancelled and released the moment it is handed over, and its
 * reports are dropped. Reset and cancel release every owned runner, session and worker.
 */

import { untrack } from 'svelte';
import type { Backend } from '$lib/onnx/backend';

export type RunStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'diverged' | 'cancelled' | 'error';

/** The state of a whole run (all its tracks together), as the controls need it. */
export type RunPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished';

/** How a status reads in a figure ("training", "paused", …). */
export const RUN_STATUS_TEXT: Record<RunStatus, string> = {
	idle: 'not started',
	loading: 'preparing…',
	running: 'training',
	paused: 'paused',
	done: 'done',
	diverged: 'diverged',
	error: 'failed',
	cancelled: 'stopped'
};

const FINAL: ReadonlySet<RunStatus> = new Set(['done', 'diverged', 'error', 'cancelled']);

export const isFinal = (status: RunStatus): boolean => FINAL.has(status);
/** A status that needs the reader's attention (drawn in the error colour). */
export const isFailure = (status: RunStatus): boolean => status === 'diverged' || status === 'error';

/** One row of a run: one network, one start, one sampler. */
export interface Track<T> {
	id: string;
	label: string;
	status: RunStatus;
	step: number;
	maxSteps: number;
	stepsPerSecond: number | null;
	/** Where the work runs, once known. */
	thread: 'worker' | 'page' | null;
	/** Why it stopped (diverged, failed), in a sentence. */
	message: string | null;
	/** What the lab keeps per row (losses, points, iterates). */
	data: T;
}

export type TrackSeed<T> = Pick<Track<T>, 'id' | 'label' | 'data'> & Partial<Pick<Track<T>, 'maxSteps'>>;
export type TrackPatch<T> = Partial<Omit<Track<T>, 'id' | 'label'>>;

/** Something a job started that must stop with the run: a training runner, a session, a worker. */
export interface Resource {
	pause?(): void;
	resume?(): void;
	/** Stops the work. */
	cancel?(): void;
	/** Frees what it holds (sessions, GPU buffers, workers). */
	release?(): unknown;
}

/** What a job sees of its run. Every method is a no-op once the run is superseded or ended. */
export interface RunScope<T, R = unknown> {
	/** False once a newer start, a reset or a cancel ended this run. */
	readonly current: boolean;
	/** Aborted when the run ends early. */
	readonly signal: AbortSignal;
	/** Hands over something to pause, resume, cancel and release with the run. */
	own<R extends Resource>(resource: R): R;
	track(index: number): Track<T>;
	update(index: number, patch: TrackPatch<T>): void;
	/** Sets what the run produced beyond its rows (a problem's numbers, snapshots, samples). */
	setResult(update: R | ((previous: R | null) => R)): void;
	/** For jobs that loop on the page: waits while the run is paused; false once it is not current. */
	checkpoint(): Promise<boolean>;
}

export interface LiveRunSpec<S, T, R> {
	/**
	 * The rows before and after a start (the same ids in both). On a start, `previous` holds the
	 * rows as they were, for a figure that keeps showing the last result until the new one comes.
	 */
	tracks(settings: S | null, previous: readonly Track<T>[]): TrackSeed<T>[];
	/** Does the work; resolves when it has ended. Rows it leaves unfinished count as done. */
	job(settings: S, run: RunScope<T, R>): Promise<void>;
	/** A failed job's sentence (default: the error's message). */
	describeError?(error: unknown): string;
	/** One row as the test hook shows it (default: id, status, thread, steps, maxSteps, message). */
	summarize?(track: Track<T>): unknown;
}

/** What buttons need of a run, whatever its settings and rows. */
export type RunHandle = Pick<LiveRun<unknown, unknown, unknown>, 'phase' | 'status' | 'active' | 'pause' | 'resume' | 'cancel' | 'reset'>;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The backend named by a run's settings: the settings themselves, or their `backend` field. */
export function backendOfSettings(settings: unknown): Backend | null {
	if (settings === 'webgpu' || settings === 'wasm') return settings;
	const named = typeof settings === 'object' && settings !== null ? (settings as { backend?: unknown }).backend : undefined;
	return named === 'webgpu' || named === 'wasm' ? named : null;
}

/** The same settings on WebAssembly. */
function onWasm<S>(settings: S): S {
	return (typeof settings === 'string' ? 'wasm' : { ...settings, backend: 'wasm' }) as S;
}

export class LiveRun<S, T = null, R = null> {
	/** What the current run was started with (null: none). */
	settings = $state.raw<S | null>(null);
	tracks = $state.raw<Track<T>[]>([]);
	/** A failure of the job itself (a row's own failure is in its `message`). */
	error = $state<string | null>(null);
	/** What the run produced beyond its rows (null until the job sets it). */
	result = $state.raw<R | null>(null);
	readonly #spec: LiveRunSpec<S, T, R>;
	#generation = 0;
	#owned: Resource[] = [];
	#abort: AbortController | null = null;
	#paused = false;
	#wake: (() => void)[] = [];

	constructor(spec: LiveRunSpec<S, T, R>) {
		this.#spec = spec;
		this.tracks = this.#seed(null, 'idle');
	}

	get phase(): RunPhase {
		if (this.error) return 'finished';
		const statuses = this.tracks.map((t) => t.status);
		if (statuses.every((s) => s === 'idle')) return this.settings ? 'loading' : 'idle';
		if (statuses.some((s) => s === 'running')) return 'running';
		if (statuses.some((s) => s === 'loading')) return 'loading';
		if (statuses.some((s) => s === 'paused')) return 'paused';
		return statuses.every(isFinal) ? 'finished' : 'loading';
	}

	/** One word for the whole run: a single row's status, or the rows' together. */
	get status(): RunStatus {
		if (this.error) return 'error';
		if (this.tracks.length === 1) return this.tracks[0].status;
		const phase = this.phase;
		if (phase !== 'finished') return phase;
		const statuses = this.tracks.map((t) => t.status);
		return (['error', 'diverged', 'cancelled'] as const).find((s) => statuses.includes(s)) ?? 'done';
	}

	/** Loading or running: a start is in flight. */
	get active(): boolean {
		return this.phase === 'loading' || this.phase === 'running';
	}

	/** The fraction of all rows' steps taken (null before any row knows its length). */
	get progress(): number | null {
		const total = this.tracks.reduce((sum, t) => sum + t.maxSteps, 0);
		return total > 0 ? this.tracks.reduce((sum, t) => sum + Math.min(t.step, t.maxSteps), 0) / total : null;
	}

	/** What went wrong, if anything: the job's failure, or the first row that diverged or failed. */
	get failure(): string | null {
		if (this.error) return this.error;
		const bad = this.tracks.find((t) => isFailure(t.status));
		return bad ? (bad.message ?? `${bad.label}: ${RUN_STATUS_TEXT[bad.status]}`) : null;
	}

	/**
	 * What failed, if anything (the job, or a row that errored), for the figure's error notice.
	 * A diverged row is a result the figure explains, not a fault.
	 */
	get fault(): string | null {
		if (this.error) return this.error;
		const bad = this.tracks.find((t) => t.status === 'error');
		return bad ? (bad.message ?? `${bad.label}: ${RUN_STATUS_TEXT.error}`) : null;
	}

	/**
	 * Ends any run in flight (releasing what it owned) and starts a new one. Resolves when the
	 * new run ends: true if it ran to its end, false if it failed or was superseded, reset or
	 * cancelled.
	 */
	async start(settings: S): Promise<boolean> {
		// The token is taken before any await: an older start still awaiting sees it is stale.
		this.#end();
		const generation = ++this.#generation;
		const abort = new AbortController();
		this.#abort = abort;
		this.settings = settings;
		this.error = null;
		this.result = null;
		this.tracks = this.#seed(settings, 'loading');
		try {
			await this.#spec.job(settings, this.#scope(generation, abort.signal));
			if (generation !== this.#generation) return false;
			this.#finishRows('done');
			return !this.tracks.some((t) => isFailure(t.status));
		} catch (error) {
			if (generation !== this.#generation) return false;
			this.error = (this.#spec.describeError ?? errorText)(error);
			this.#finishRows('error');
			return false;
		}
	}

	/**
	 * True when the current run was started on WebGPU and has not ended on its own (it is still
	 * going, paused, or failed): after WebGPU fails on the page, it has to run again elsewhere.
	 */
	get cutOffByWebgpu(): boolean {
		if (backendOfSettings(this.settings) !== 'webgpu') return false;
		const phase = this.phase;
		return phase !== 'idle' && (phase !== 'finished' || this.error !== null || this.tracks.some((t) => t.status === 'error'));
	}

	/**
	 * WebGPU failed on the page: a run it cut off starts again from the same settings on
	 * WebAssembly (superseding the old one, whose late reports are dropped). True if it did.
	 */
	restartOnWasm(): boolean {
		return untrack(() => {
			const settings = this.settings;
			if (settings === null || !this.cutOffByWebgpu) return false;
			void this.start(onWasm(settings));
			return true;
		});
	}

	pause(): void {
		untrack(() => this.#pause());
	}

	#pause(): void {
		if (!this.active) return;
		this.#paused = true;
		for (const resource of this.#owned) resource.pause?.();
		this.tracks = this.tracks.map((t) => (t.status === 'running' ? { ...t, status: 'paused' } : t));
	}

	resume(): void {
		untrack(() => this.#resume());
	}

	#resume(): void {
		if (!this.#paused) return;
		this.#paused = false;
		for (const resource of this.#owned) resource.resume?.();
		this.tracks = this.tracks.map((t) => (t.status === 'paused' ? { ...t, status: 'running' } : t));
		this.#wakeAll();
	}

	/** Stops the run and releases what it owned; what it produced stays on show. */
	cancel(): void {
		untrack(() => this.#cancel());
	}

	#cancel(): void {
		const wasLive = this.#owned.length > 0 || this.tracks.some((t) => !isFinal(t.status) && t.status !== 'idle');
		this.#end();
		if (wasLive) this.#finishRows('cancelled');
	}

	/** Stops the run, releases what it owned and clears it: back to not started. */
	reset(): void {
		this.#end();
		this.settings = null;
		this.error = null;
		this.result = null;
		this.tracks = this.#seed(null, 'idle');
	}

	/** The rows as the test hook shows them. */
	summary(): unknown[] {
		const summarize = this.#spec.summarize ?? defaultSummary;
		return this.tracks.map((t) => summarize(t));
	}

	/**
	 * `window.__vlabTraining`: a view of this run for the e2e tests and the benchmark (phase,
	 * settings, rows, and `start`), plus any `extra` getters. Returns the cleanup, which leaves a
	 * newer figure's hook in place. A second training figure on a page names its own `global`.
	 */
	expose(start: () => void, extra: Record<string, () => unknown> = {}, global = '__vlabTraining'): () => void {
		const hook: Record<string, unknown> = {};
		const view: Record<string, () => unknown> = {
			phase: () => this.phase,
			status: () => this.status,
			settings: () => this.settings,
			error: () => this.failure,
			runs: () => this.summary(),
			...extra
		};
		for (const [name, get] of Object.entries(view)) Object.defineProperty(hook, name, { get, enumerable: true });
		hook.start = start;
		const scope = globalThis as Record<string, unknown>;
		scope[global] = hook;
		return () => {
			if (scope[global] === hook) delete scope[global];
		};
	}

	/** Supersedes the run in flight: its token goes stale, its resources are cancelled and released. */
	#end(): void {
		this.#generation++;
		this.#abort?.abort();
		this.#abort = null;
		const owned = this.#owned;
		this.#owned = [];
		for (const resource of owned) release(resource);
		this.#paused = false;
		this.#wakeAll();
	}

	#finishRows(status: RunStatus): void {
		this.tracks = this.tracks.map((t) => (isFinal(t.status) ? t : { ...t, status }));
	}

	#seed(settings: S | null, status: RunStatus): Track<T>[] {
		// Untracked: a start or reset called from an effect must not make it depend on the rows.
		const previous = settings === null ? [] : untrack(() => this.tracks);
		return this.#spec.tracks(settings, previous).map((seed) => ({
			id: seed.id,
			label: seed.label,
			status,
			step: 0,
			maxSteps: seed.maxSteps ?? 0,
			stepsPerSecond: null,
			thread: null,
			message: null,
			data: seed.data
		}));
	}

	#wakeAll(): void {
		const waiting = this.#wake;
		this.#wake = [];
		for (const wake of waiting) wake();
	}

	#scope(generation: number, signal: AbortSignal): RunScope<T, R> {
		const current = () => generation === this.#generation;
		return {
			get current() {
				return current();
			},
			signal,
			own: (resource) => {
				if (current()) this.#owned.push(resource);
				else release(resource); // handed over after a newer start, a reset or a cancel
				return resource;
			},
			track: (index) => this.tracks[index],
			update: (index, patch) => {
				if (!current()) return;
				// A row reported running while the reader has paused stays paused until resumed.
				const status = this.#paused && patch.status === 'running' ? 'paused' : patch.status;
				this.tracks = this.tracks.map((t, i) => (i === index ? { ...t, ...patch, status: status ?? t.status } : t));
			},
			setResult: (update) => {
				if (!current()) return;
				this.result = typeof update === 'function' ? (update as (previous: R | null) => R)(this.result) : update;
			},
			checkpoint: async () => {
				while (this.#paused && current()) await new Promise<void>((resolve) => this.#wake.push(resolve));
				return current();
			}
		};
	}
}

function release(resource: Resource): void {
	try {
		resource.cancel?.();
		const released = resource.release?.();
		if (released instanceof Promise) released.catch((error) => console.warn('releasing a run failed', error));
	} catch (error) {
		console.warn('releasing a run failed', error);
	}
}

function defaultSummary<T>(t: Track<T>) {
	return { id: t.id, status: t.status, thread: t.thread, steps: t.step, maxSteps: t.maxSteps, message: t.message };
}
