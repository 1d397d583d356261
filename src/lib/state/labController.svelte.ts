/**
 * One lab's state in one place: the URL-backed control values, the model's latest results and
 * the runtime status. Data flows one way: URL → state → model run (coalesced per frame) →
 * results → figures. A lab supplies `compute`, which runs its ONNX model(s) and returns the
 * numbers its figures draw; figures read `results` and never touch the runtime.
 */
import { replaceState } from '$app/navigation';
import { type Backend, requestedBackend } from '$lib/onnx/backend';
import { LabFault } from '$lib/onnx/faults';
import { LatestRunner } from '$lib/onnx/latestRunner';
import { timing } from '$lib/onnx/timing';
import { requestIdle } from '$lib/idle';
import { defaults, mergeIntoParams, parsePatch, parseState, type Schema, type StateOf } from './schema';
import { isStaged, whole, type Staged } from './staged';
import { openControllers } from './openControllers';

export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** A lab's model run: its results, or results in two parts (staged.ts). */
export type Compute<S extends Schema, R> = (state: StateOf<S>, backend: Backend) => Promise<R | Staged<R>>;

/** Results computed when the site was built (the default state), serialized into the page. */
export interface Prerendered<S extends Schema, R> {
	state: StateOf<S>;
	results: R;
	/** Fields of `results` left out (too heavy to serialize): the live model must run to fill them. */
	omitted: readonly string[];
}

/** Where the results on show came from: the build (prerendered) or the live model in this page. */
export type ResultsSource = 'prerendered' | 'live';

/** When a page that opened on prerendered numbers starts its runtime. */
export type StartOn = 'change' | 'visible';

/** Whether two states hold the same value for every key of the schema. */
export const sameState = <S extends Schema>(schema: S, a: StateOf<S> | null, b: StateOf<S> | null): boolean =>
	a !== null && b !== null && Object.keys(schema).every((key) => a[key as keyof StateOf<S>] === b[key as keyof StateOf<S>]);

/** How long URL writes wait for a slider to settle (browsers throttle rapid history updates). */
const URL_WRITE_DELAY_MS = 150;

/**
 * Runs `work` when the main thread is idle (at most a second late): a history update costs
 * milliseconds that must not land between a control change and its redraw.
 */
function whenIdle(work: () => void): void {
	const idle = requestIdle();
	if (idle) idle(work, { timeout: 1000 });
	else work();
}

type Errors = typeof import('$lib/onnx/errors');
type BackendChoice = typeof import('$lib/onnx/backendChoice');

/**
 * Choosing a backend, watching WebGPU, and putting failures into words: needed from start() on,
 * not to show the build's numbers, so they load with the runtime (1.6 KB gzip less before it).
 */
let liveHelpers: Promise<[BackendChoice, Errors]> | undefined;
const loadLiveHelpers = () => (liveHelpers ??= Promise.all([import('$lib/onnx/backendChoice'), import('$lib/onnx/errors')]));

/** A shipped model that cannot be downloaded fails on every backend alike: no fallback helps. */
const isModelFault = (error: unknown) => error instanceof LabFault && error.part === 'model';

export class LabController<S extends Schema, R> {
	state: StateOf<S>;
	notes = $state<string[]>([]);
	results = $state.raw<R | null>(null);
	/** The state `results` were computed for (a control may have moved on since). */
	resultsFor = $state.raw<StateOf<S> | null>(null);
	status = $state<Status>('idle');
	error = $state<string | null>(null);
	/** Why the second part of staged results (staged.ts) failed, or null: said by the figures it feeds. */
	laterError = $state<string | null>(null);
	/** The results on show wait for the second part of staged results (tests read it: complete numbers). */
	laterPending = false;
	#laterToken = 0;
	backend = $state<Backend | null>(null);
	backendNote = $state<string | null>(null);
	lastRunMs = $state<number | null>(null);
	/** Live model runs that landed (prerendered results do not count). */
	runs = $state(0);
	/** Where `results` came from; null before any. */
	source = $state<ResultsSource | null>(null);
	/** performance.now() when new results were first / last committed to the DOM (bench, tests). */
	firstDrawnAt: number | null = null;
	lastDrawnAt: number | null = null;

	#runner: LatestRunner<{ state: StateOf<S>; backend: Backend }>;
	#urlTimer: ReturnType<typeof setTimeout> | undefined;
	/** Set by dispose: a URL write still waiting for an idle moment must not touch the next page. */
	#disposed = false;
	#requested: Backend | null = null;
	#unwatchGpu: (() => void) | undefined;
	/** errors.ts, once start() has loaded it (before any live run). */
	#errors: Errors | null = null;
	/** Until the runtime starts: what starts it besides the page's own triggers (LabShell). */
	#startOn: StartOn | null = null;
	#started = false;
	/** A live run was asked for once: from then on every state is computed live. */
	#requestedOnce = false;
	/** The seeded results lack fields (Prerendered.omitted): the default state runs live too. */
	#partial = false;
	/** unseed() was called: the page computes every state live. */
	#unseeded = false;
	/** performance.now() when live results were last assigned (the "results to DOM" timing). */
	#committedAt: number | null = null;

	constructor(
		readonly schema: S,
		private readonly compute: Compute<S, R>,
		/** False for a lab of formulas (Lab.runsModels): the runtime is never brought up. */
		readonly runsModels = true
	) {
		this.state = $state(defaults(schema));
		openControllers?.add(this);
		this.#runner = new LatestRunner(async ({ state, backend: asked }) => {
			// A request queued before a fallback to WebAssembly runs there too.
			const backend = asked === 'webgpu' && this.backend === 'wasm' ? 'wasm' : asked;
			const started = performance.now();
			// A fresh attempt after a failure: say so (the notice stays until it succeeds).
			if (this.status === 'error') this.status = 'loading';
			try {
				const computed = await this.compute(state, backend);
				const results = isStaged(computed) ? computed.first : computed;
				if (isStaged(computed)) this.#fillInLater(state, computed.rest);
				else this.laterPending = false;
				timing('vlab:model run', started, performance.now());
				this.lastRunMs = performance.now() - started;
				this.#committedAt = performance.now();
				this.results = results;
				this.resultsFor = state;
				this.source = 'live';
				this.status = 'ready';
				this.error = null;
				this.runs += 1;
			} catch (error) {
				console.warn('model run failed', error);
				// The backend changed meanwhile: a run on the new one is queued already.
				if (backend !== this.backend) return;
				if (backend === 'webgpu' && !isModelFault(error)) {
					this.fallBackToWasm(this.#describeWebgpuFailure(error));
					return;
				}
				this.status = 'error';
				this.error = this.#describe(error);
			}
		});
	}

	/** A failure in words (errors.ts); before start() has loaded that, its own message. */
	#describe(error: unknown): string {
		return this.#errors?.describeModelError(error) ?? (error instanceof Error ? error.message : String(error));
	}

	#describeWebgpuFailure(error: unknown): string {
		return this.#errors?.describeWebgpuFailure(error) ?? (error instanceof Error ? error.message : String(error));
	}

	/**
	 * WebGPU failed (no device, a session or a run error, the device lost): the page moves to
	 * WebAssembly by itself and says so, instead of asking the reader to switch.
	 */
	fallBackToWasm(reason: string): void {
		if (this.backend !== 'webgpu') return;
		this.backend = 'wasm';
		this.backendNote = `WebGPU failed: ${reason}; running on WebAssembly.`;
		this.status = 'loading';
		this.#runner.request({ state: this.current(), backend: 'wasm' });
		this.restartRuns();
	}

	/**
	 * Called once the page has moved to WebAssembly: a lab starts again there, from their current
	 * settings, the live runs (training, sampling, sweeps, timings) that WebGPU cut off
	 * (`LiveRun.restartOnWasm`). Runs the main model run starts itself need nothing here.
	 */
	protected restartRuns(): void {}

	/** Starts a fresh attempt for the current state (the Retry button; any control change does too). */
	retry(): void {
		if (!this.backend) return;
		this.#requestedOnce = true;
		this.status = 'loading';
		this.error = null;
		this.#runner.request({ state: this.current(), backend: this.backend });
	}

	/** One run of the lab's compute, outside the page's flow (the build's prerender, its test): both parts of staged results. */
	async computeFor(state: StateOf<S>, backend: Backend): Promise<R> {
		return whole(await this.compute(state, backend));
	}

	/** The second part of staged results for `state`: merged into the results on show if they are still that state's. */
	#fillInLater(state: StateOf<S>, rest: Promise<object>): void {
		this.laterError = null;
		this.laterPending = true;
		const token = ++this.#laterToken;
		const settled = () => {
			if (token === this.#laterToken) this.laterPending = false;
		};
		rest.then(
			(fields) => {
				if (this.resultsFor === state && this.results !== null) {
					this.#committedAt = performance.now();
					this.results = { ...this.results, ...fields } as R;
				}
				settled();
			},
			(error: unknown) => {
				console.warn('model run (second part) failed', error);
				if (this.resultsFor === state) this.laterError = this.#describe(error);
				settled();
			}
		);
	}

	/** Takes results computed at build time as the first results: no live run recomputes them. */
	seed(prerendered: Prerendered<S, R> | null): void {
		if (!prerendered || this.#unseeded) return;
		this.results = prerendered.results;
		this.resultsFor = prerendered.state;
		this.source = 'prerendered';
		this.#partial = prerendered.omitted.length > 0;
	}

	/**
	 * Forgets seeded results, and refuses any later ones (a scene's): tests and the benchmark that
	 * need the page as it was before prerendering.
	 */
	unseed(): void {
		this.#unseeded = true;
		if (this.source !== 'prerendered') return;
		this.results = null;
		this.resultsFor = null;
		this.source = null;
	}

	/** Whether seed() takes results (unseed() turns it off for good). */
	get seedable(): boolean {
		return !this.#unseeded;
	}

	/** Which settings the build computed the results for, in words: the defaults, or a scene's. */
	get builtSettings(): 'the default settings' | 'the settings of this scene' {
		return sameState(this.schema, this.resultsFor, defaults(this.schema)) ? 'the default settings' : 'the settings of this scene';
	}

	/** True while the results on show are the build's and the reader's state is another. */
	get awaitingReaderState(): boolean {
		return this.source === 'prerendered' && !sameState(this.schema, this.resultsFor, this.state);
	}

	/**
	 * Reads the URL and starts the runtime; call once, in the browser, after mount. With
	 * `startOn`, the runtime waits for `start()` (the page calls it when idle, or when a figure is
	 * seen), or, for 'change', also for the state to leave the prerendered one.
	 */
	async connect(url: URL, startOn: StartOn | null = null): Promise<void> {
		this.#disposed = false;
		const { state, notes } = parseState(this.schema, url.searchParams);
		Object.assign(this.state, state);
		this.notes = notes;
		this.#requested = requestedBackend(url.searchParams);
		this.#startOn = startOn;
		if (startOn === null || (startOn === 'change' && this.awaitingReaderState)) await this.start();
	}

	/**
	 * Starts the runtime (once): picks the backend and runs the model for the current state. When
	 * the prerendered results are the current state's, nothing is recomputed: the runtime is only
	 * brought up (warmUp), so a failure to load it is found and said while the figures stay.
	 */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.#startOn = null;
		this.status = 'loading';
		let choice: BackendChoice;
		try {
			[choice, this.#errors] = await loadLiveHelpers();
		} catch (error) {
			console.warn('the lab could not load its code', error);
			this.status = 'error';
			this.error = `The lab’s code could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection, then reload the page.`;
			return;
		}
		if (!this.#disposed) this.#unwatchGpu ??= choice.onWebgpuLost((reason) => this.fallBackToWasm(reason));
		const { backend, note } = await choice.chooseBackend(this.#requested);
		this.backend = backend;
		this.backendNote = note ?? null;
		if (this.source === 'prerendered' && !this.awaitingReaderState && !this.#partial && !this.runsModels) {
			// Nothing to warm up: the figures are arithmetic, and a 14 MB runtime would be waste.
			if (!this.#requestedOnce) this.status = 'ready';
		} else if (this.source === 'prerendered' && !this.awaitingReaderState && !this.#partial) {
			try {
				const { warmUp } = await import('$lib/onnx/warmUp');
				await warmUp(backend).catch((error: unknown) => {
					if (backend !== 'webgpu' || isModelFault(error)) throw error;
					// As for a run: WebGPU failing moves the page to WebAssembly, saying so.
					this.backend = 'wasm';
					this.backendNote = `WebGPU failed: ${this.#describeWebgpuFailure(error)}; running on WebAssembly.`;
					return warmUp('wasm');
				});
			} catch (error) {
				console.warn('the runtime could not start', error);
				this.status = 'error';
				this.error = this.#describe(error);
				return;
			}
			if (!this.#requestedOnce) this.status = 'ready';
		}
		this.refresh();
	}

	/**
	 * Re-runs the model for the current state. Called from an effect: it reads every control and
	 * the backend before anything else, so the effect re-runs whenever any of them changes.
	 */
	refresh(): void {
		const state = this.current();
		const backend = this.backend;
		if (!backend) {
			// Not started yet: start() calls back once the backend is known. A page waiting for
			// idle time starts now when the reader's state leaves the prerendered one.
			if (this.#startOn === 'change' && this.awaitingReaderState) void this.start();
			return;
		}
		this.#scheduleUrlWrite();
		// The prerendered results are this state's: no second run for them.
		if (!this.#requestedOnce && this.source === 'prerendered' && !this.awaitingReaderState && !this.#partial) return;
		this.#requestedOnce = true;
		this.#runner.request({ state, backend });
	}

	set(patch: Partial<StateOf<S>>): void {
		Object.assign(this.state, patch);
	}

	/**
	 * A patch from outside the page's own controls (the test hook, which ships with the site):
	 * checked by the URL's rules, and refused whole, with the reasons, if any part is not valid.
	 */
	setChecked(input: Record<string, unknown>): void {
		const { patch, errors } = parsePatch(this.schema, input);
		if (errors.length > 0) throw new Error(`State refused: ${errors.join(' ')}`);
		this.set(patch);
	}

	/** The reader's backend choice; it goes into the URL so a reload keeps it. */
	async switchBackend(requested: Backend): Promise<void> {
		this.status = 'loading';
		const [{ chooseBackend }] = await loadLiveHelpers();
		const { backend, note } = await chooseBackend(requested);
		this.backend = backend;
		this.backendNote = note ?? null;
		this.#requested = requested;
		// The reader asked for this backend: it computes, whatever the build computed.
		this.#requestedOnce = true;
		this.refresh();
	}

	/** The current state as a query string (no leading '?'), other keys of `base` kept. */
	query(base = new URLSearchParams()): string {
		return mergeIntoParams(this.schema, this.current(), base).toString();
	}

	/**
	 * A plain copy of the state. Reading every field (a spread; all values are primitives) also
	 * makes an effect that calls this depend on every control.
	 */
	current(): StateOf<S> {
		return { ...this.state };
	}

	/** Stops pending work tied to the page (the delayed URL write); call when the page goes. */
	dispose(): void {
		this.#disposed = true;
		openControllers?.delete(this);
		clearTimeout(this.#urlTimer);
		this.#unwatchGpu?.();
	}

	markDrawn(): void {
		const now = performance.now();
		// From the live results' assignment to the DOM holding them: Svelte's updates.
		if (this.#committedAt !== null) timing('vlab:results to DOM', this.#committedAt, now);
		this.#committedAt = null;
		this.firstDrawnAt ??= now;
		this.lastDrawnAt = now;
	}

	#scheduleUrlWrite(): void {
		clearTimeout(this.#urlTimer);
		this.#urlTimer = setTimeout(() => whenIdle(() => this.#writeUrl()), URL_WRITE_DELAY_MS);
	}

	#writeUrl(): void {
		if (this.#disposed) return;
		const params = new URLSearchParams(location.search);
		if (this.#requested) params.set('backend', this.#requested);
		const query = this.query(params);
		const next = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
		if (next !== `${location.pathname}${location.search}${location.hash}`) replaceState(next, {});
	}
}
