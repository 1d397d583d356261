/**
 * The browser runtime: loads onnxruntime-web lazily (the build that fits the backend, its .wasm
 * served from our own origin by Vite), picks a backend, and keeps a bounded cache of inference
 * sessions per backend (sessionCache.ts), releasing the ones it evicts.
 *
 * The figures never call this: a lab's controller does, and hands numbers down.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Backend } from './backend';
import { LabFault, timeouts, withTimeout } from './faults';
import { webgpuHealth } from './gpuLoss';
import { SessionCache } from './sessionCache';
import { takeTurn } from './turns';
import { modelBytes } from './proxyCopies';
import { ortTensor, type Feeds } from './feeds';
import { wasmRuntimeInWorker } from './placement';
import { webgpuBuild } from './webgpuBuild';
import { beforeRun } from './runSlices';
import { timing } from './timing';
import { reportSessionsFrom, sessionsChanged, type SessionStats } from './sessionEvents';

// Backend choice (backendChoice.ts) and the session readout's events (sessionEvents.ts, which the
// page reads before the runtime loads) live apart; chooseBackend is re-exported for code that
// imports the runtime anyway (warmEarly, practice).
export { chooseBackend } from './backendChoice';

export type Ort = typeof OrtTypes;
export type Session = OrtTypes.InferenceSession;
export type { Feed, Feeds } from './feeds';
export type Outputs = Record<string, { data: Float32Array; dims: readonly number[] }>;

const ortPromises: Partial<Record<Backend, Promise<Ort>>> = {};

/**
 * Imports the runtime on first use, so it stays out of the page's first-load JavaScript. Each
 * backend gets the smallest build that runs it: WASM the plain one (a 14 MB .wasm, the same
 * module the training worker imports), WebGPU the `jspi` entry where the browser has JavaScript
 * Promise Integration (webgpuBuild.ts says why), else the `webgpu` entry. A page only loads two
 * builds if the reader switches backends.
 *
 * On WASM a lab's page runs the runtime on its main thread, or in ORT's proxy worker when the
 * lab trains on it (placement.ts says why and who decides). WebGPU work is asynchronous on the
 * GPU already, and ORT does not support the proxy with it.
 */
export function loadOrt(backend: Backend): Promise<Ort> {
	const loading = (ortPromises[backend] ??= importOrt(backend).then((ort) => {
		// Threads need cross-origin isolation; without it the runtime uses one thread anyway.
		const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
		ort.env.wasm.numThreads = isolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
		// Where the WASM runtime computes (placement.ts): set here for code that builds its own
		// sessions from this module (a lab's training loops), and again before the first session.
		if (backend === 'wasm') ort.env.wasm.proxy = wasmRuntimeInWorker();
		ort.env.logLevel = 'error';
		return ort;
	}));
	// A failed or stalled import is not kept: the next attempt imports the chunk again.
	const forget = () => {
		if (ortPromises[backend] === loading) delete ortPromises[backend];
	};
	loading.catch(forget);
	return withTimeout(loading, timeouts().runtime, 'runtime', 'The model runtime (its script)').catch((error: unknown) => {
		forget();
		throw error instanceof LabFault ? error : new LabFault('runtime', 'The model runtime could not be downloaded. Check the connection and retry.');
	});
}

/**
 * A runtime chunk whose import failed, per backend. Browsers remember a failed module import for
 * the page's lifetime, so importing the same URL again fails again without asking the server;
 * a retry imports the chunk under a fresh query instead. (Chrome and Firefox name the URL in the
 * error; where it is not named, a retry imports the usual way.)
 */
const failedChunks: Partial<Record<Backend, string>> = {};
let importAttempt = 0;

function importOrt(backend: Backend): Promise<Ort> {
	// The build's prerender computes in Node, with the package's Node entry (the tests' own runtime).
	if (import.meta.env.SSR) return import('onnxruntime-web') as Promise<Ort>;
	const failed = failedChunks[backend];
	const loading: Promise<{ ort?: unknown }> = failed
		? import(/* @vite-ignore */ `${failed}?retry=${++importAttempt}`)
		: backend === 'wasm'
			? import('./ortModule')
			: webgpuBuild() === 'jspi'
				? (import('onnxruntime-web/jspi') as Promise<{ ort?: unknown }>)
				: (import('onnxruntime-web/webgpu') as Promise<{ ort?: unknown }>);
	return loading.then(
		// The WASM build comes from ortModule (its `ort` export), WebGPU's is the package itself.
		(module) => (backend === 'wasm' ? module.ort : module) as Ort,
		(error: unknown) => {
			const url = /(https?:\/\/[^\s'"?]+\.js)/.exec(error instanceof Error ? error.message : String(error))?.[1];
			if (url) failedChunks[backend] = url;
			throw error;
		}
	);
}

/** Backends whose runtime has built a session once (its WebAssembly module is loaded). */
const runtimeStarted = new Set<Backend>();
let watchedDevice: unknown = null;

/** WebGPU sessions the page holds: the runtime's cache and the training loops on the GPU. */
const webgpuSessionsHeld = () => (caches.webgpu?.stats().sessions ?? 0) + webgpuHealth.held;

/** Watches the runtime's GPU device (ORT exposes it once a WebGPU session exists). */
async function watchDevice(ort: Ort): Promise<void> {
	try {
		const device = (await (ort.env.webgpu as { device?: unknown }).device) as { lost?: Promise<{ message?: string; reason?: string }> } | undefined;
		if (!device?.lost || device === watchedDevice) return;
		watchedDevice = device;
		void device.lost.then((info) => {
			// ORT destroys its own device when its last session is released; destroyed while we
			// still hold sessions, it was taken from under us (by the browser or another script).
			if (info?.reason === 'destroyed' && webgpuSessionsHeld() === 0) return;
			webgpuHealth.fail('the GPU device was lost');
		});
	} catch {
		// No device to watch: nothing to do.
	}
}

// Once WebGPU has failed its sessions are dropped: nothing may run on them again.
webgpuHealth.onFailure(() => caches.webgpu?.clear());

/**
 * Builds a session under a time-out. Before the backend's first session the runtime still has to
 * fetch and compile its WebAssembly, so that wait is charged to the runtime, later ones to the
 * backend. A session finished after its time-out is released: nobody holds it.
 *
 * Sessions are built one at a time (takeTurn), and the clock starts when this one's turn comes:
 * a lab's first state can queue several, and under load the last of them once timed out while it
 * only waited behind the others. A build that never answers still frees the queue at its time-out.
 */
async function createSession(backend: Backend, model: Uint8Array): Promise<{ ort: Ort; created: Session }> {
	const asked = performance.now();
	const ort = await loadOrt(backend);
	const loaded = performance.now();
	// Severity 3 (errors): ORT's warning that it placed small shape ops on the CPU is not a fault.
	// A copy under the proxy: the caller may keep the bytes to build the session again (proxyCopies.ts).
	const create = () => {
		// Where the WASM runtime computes is settled as it starts, by its first session (placement.ts).
		if (backend === 'wasm' && !runtimeStarted.has('wasm')) ort.env.wasm.proxy = wasmRuntimeInWorker();
		return ort.InferenceSession.create(modelBytes(ort, model), { executionProviders: [backend], graphOptimizationLevel: 'all', logSeverityLevel: 3 });
	};
	let first = false;
	let started = loaded;
	const created = await takeTurn(() => {
		first = !runtimeStarted.has(backend);
		started = performance.now();
		const limit = first ? timeouts().runtime : timeouts().session;
		const what = first ? `The model runtime (${backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'})` : 'Preparing the model';
		const creating = backend === 'webgpu' ? webgpuHealth.guard(create, 'it could not prepare the model') : create();
		return withTimeout(creating, limit, first ? 'runtime' : 'backend', what, (late) => void late.release().catch(() => undefined));
	});
	runtimeStarted.add(backend);
	// User timings (DevTools, the redraw profiler): where a model's first run waits.
	timing(`vlab:${backend} runtime import`, asked, loaded);
	timing(`vlab:${backend} session queue`, loaded, started);
	timing(`vlab:${backend} session create${first ? ' (first: runtime compile)' : ''}`, started, performance.now());
	if (backend === 'webgpu') void watchDevice(ort);
	return { ort, created };
}

const MB = 1024 * 1024;

/**
 * Per backend, at most this many sessions and this many estimated bytes (sessionCache.ts says
 * how a session is estimated). A lab needs up to seven sessions for one state (normalization
 * axes: four graphs and three cost models), so twelve keep a slider going back and forth warm.
 */
export const SESSION_LIMITS = { maxEntries: 12, maxBytes: 160 * MB };

/** Which runtime build made a session: its tensors must come from the same one. */
const runtimeOf = new WeakMap<Session, Ort>();
const backendOf = new WeakMap<Session, Backend>();
/** Which cache holds a session: runs are counted there, so it is never released mid-run. */
const cacheOf = new WeakMap<Session, SessionCache<Session>>();
const caches: Partial<Record<Backend, SessionCache<Session>>> = {};
reportSessionsFrom(() => {
	const out: SessionStats = {};
	for (const [backend, cache] of Object.entries(caches) as [Backend, SessionCache<Session>][]) out[backend] = cache.stats();
	return out;
});

function cacheFor(backend: Backend): SessionCache<Session> {
	const cache: SessionCache<Session> = (caches[backend] ??= new SessionCache<Session>({
		...SESSION_LIMITS,
		async create(model) {
			const { ort, created } = await createSession(backend, model);
			runtimeOf.set(created, ort);
			backendOf.set(created, backend);
			cacheOf.set(created, cache);
			return created;
		},
		// A release waits its turn: ORT's WebGPU provider must not tear down while another session is built.
		// After a WebGPU failure its sessions are let go without a release: that would call into the
		// runtime on a dead device, which may never return (the device took its GPU memory with it).
		schedule: (work) => takeTurn(() => (backend === 'webgpu' && webgpuHealth.failure !== null ? Promise.resolve() : work())),
		onChange: sessionsChanged
	}));
	return cache;
}

/** One session per (backend, model key); the bytes are only built or fetched on a cache miss. */
export function getSession(backend: Backend, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	return cacheFor(backend).get(key, bytes);
}

/** Lets go of a session the caller no longer needs (e.g. a live run reset): released once idle. */
export function dropSession(backend: Backend, key: string): void {
	caches[backend]?.drop(key);
}

/** Lets the page's shipped-model loader (shipped.ts) build its sessions in the same caches. */
export const sessionCacheFor = (backend: Backend): SessionCache<Session> => cacheFor(backend);

/**
 * Runs a session on its inputs. Every run takes its turn on the realm's runtime queue (turns.ts),
 * with session builds, releases and on-page training steps: ORT's WebGPU runtime breaks when runs
 * overlap (buffer-mapping errors, "setPipeline … not of type GPUComputePipeline", a corrupted
 * heap), and four labs had met it one by one. So never call it from inside `takeTurn`: it would
 * wait for itself.
 */
export async function runSession(session: Session, feeds: Feeds, fetches?: readonly string[]): Promise<Outputs> {
	return (await runSessionTimed(session, feeds, fetches)).outputs;
}

/**
 * `runSession`, with the run's own duration in ms (from the start of its turn, not the wait before it): for figures that time models.
 * `fetches` names the outputs to read (all when absent): each output read is a new array the size
 * of the tensor, and in Chromium a fresh buffer of a megabyte costs milliseconds of page faults.
 */
export async function runSessionTimed(session: Session, feeds: Feeds, fetches?: readonly string[]): Promise<{ outputs: Outputs; ms: number }> {
	const ort = runtimeOf.get(session);
	if (!ort) throw new Error('runSession: this session was not made by getSession');
	const inputs: Record<string, OrtTypes.Tensor> = {};
	// In proxy mode the runtime transfers input buffers to its worker, detaching them: send copies,
	// so callers may keep (and share) their arrays.
	const copy = ort.env.wasm.proxy === true;
	let inputBytes = 0;
	for (const [name, feed] of Object.entries(feeds)) {
		inputs[name] = ortTensor(ort, feed, copy);
		inputBytes += feed.data.byteLength;
	}
	const cache = cacheOf.get(session);
	// A WASM run on the page's main thread takes its turn in the page's tasks (runSlices.ts).
	const sliced = !copy && !import.meta.env.SSR && typeof document !== 'undefined' && backendOf.get(session) === 'wasm';
	const run = async () => {
		if (sliced) await beforeRun();
		const started = performance.now();
		const results = await (fetches ? session.run(inputs, fetches) : session.run(inputs));
		timing(`vlab:session run${copy ? ' (via proxy worker)' : ''}`, started, performance.now());
		const outputs: Outputs = {};
		for (const [name, tensor] of Object.entries(results)) {
			// getData() downloads GPU-resident outputs; on WASM it is the CPU buffer already.
			const data = (await tensor.getData()) as Float32Array;
			outputs[name] = { data, dims: tensor.dims };
			tensor.dispose();
		}
		return { outputs, ms: performance.now() - started };
	};
	// On WebGPU a run is refused once the device is lost, and cut off if it is lost mid-run.
	const guarded = backendOf.get(session) === 'webgpu' ? () => webgpuHealth.guard(run) : run;
	const inTurn = () => takeTurn(guarded);
	if (!cache) return inTurn();
	// The output sizes are only known afterwards; inputs twice is the estimate until then.
	return cache.run(session, 2 * inputBytes, inTurn);
}
