/**
 * The browser runtime: loads onnxruntime-web lazily (the build that fits the backend, its .wasm
 * served from our own origin by Vite), picks a backend, and caches one inference session per
 * (backend, model).
 *
 * The figures never call this: a lab's controller does, and hands numbers down.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { type Backend, webgpuAvailable } from './backend';
import { takeTurn } from './turns';

export type Ort = typeof OrtTypes;
export type Session = OrtTypes.InferenceSession;
export type Feeds = Record<string, { data: Float32Array; dims: readonly number[] }>;
export type Outputs = Record<string, { data: Float32Array; dims: readonly number[] }>;

const ortPromises: Partial<Record<Backend, Promise<Ort>>> = {};

/**
 * Imports the runtime on first use, so it stays out of the page's first-load JavaScript. Each
 * backend gets the smallest build that runs it: WASM the plain one (a 14 MB .wasm, the same
 * module the training worker imports), WebGPU the `webgpu` entry (its 27 MB asyncify .wasm
 * carries the GPU provider). A page only loads both if the reader switches backends.
 *
 * On WASM the runtime runs in its own worker (ORT's proxy mode), so a long model run never
 * blocks scrolling or a slider; WebGPU work is asynchronous on the GPU already, and ORT does
 * not support the proxy with it.
 */
export function loadOrt(backend: Backend): Promise<Ort> {
	ortPromises[backend] ??= (
		backend === 'wasm'
			? import('./training/ortModule').then(({ ort }) => ort as unknown as Ort)
			: (import('onnxruntime-web/webgpu') as unknown as Promise<Ort>)
	).then((ort) => {
		// Threads need cross-origin isolation; without it the runtime uses one thread anyway.
		const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
		ort.env.wasm.numThreads = isolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
		ort.env.wasm.proxy = backend === 'wasm';
		ort.env.logLevel = 'error';
		return ort;
	});
	return ortPromises[backend];
}

/** The backend to use: the reader's request if it can run, else WebGPU when an adapter exists. */
export async function chooseBackend(requested: Backend | null): Promise<{ backend: Backend; note?: string }> {
	if (requested === 'wasm') return { backend: 'wasm' };
	const hasGpu = await webgpuAvailable();
	if (hasGpu) return { backend: 'webgpu' };
	return {
		backend: 'wasm',
		note: requested === 'webgpu' ? 'This browser offers no WebGPU adapter; running on WebAssembly instead.' : undefined
	};
}

const sessions = new Map<string, Promise<Session>>();
/** Which runtime build made a session: its tensors must come from the same one. */
const runtimeOf = new WeakMap<Session, Ort>();

/** One session per (backend, model key); the bytes are only built or fetched on a cache miss. */
export function getSession(backend: Backend, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	const cacheKey = `${backend}:${key}`;
	let session = sessions.get(cacheKey);
	if (!session) {
		session = (async () => {
			const ort = await loadOrt(backend);
			const model = await bytes();
			const created = await takeTurn(() => ort.InferenceSession.create(model, { executionProviders: [backend], graphOptimizationLevel: 'all' }));
			runtimeOf.set(created, ort);
			return created;
		})();
		// A failed creation must not poison the cache: the next request tries again.
		session.catch(() => sessions.delete(cacheKey));
		sessions.set(cacheKey, session);
	}
	return session;
}

export async function runSession(session: Session, feeds: Feeds): Promise<Outputs> {
	const ort = runtimeOf.get(session);
	if (!ort) throw new Error('runSession: this session was not made by getSession');
	const inputs: Record<string, OrtTypes.Tensor> = {};
	// In proxy mode the runtime transfers input buffers to its worker, detaching them: send copies,
	// so callers may keep (and share) their arrays.
	const copy = ort.env.wasm.proxy === true;
	for (const [name, { data, dims }] of Object.entries(feeds)) {
		inputs[name] = new ort.Tensor('float32', copy ? data.slice() : data, dims);
	}
	const results = await session.run(inputs);
	const outputs: Outputs = {};
	for (const [name, tensor] of Object.entries(results)) {
		// getData() downloads GPU-resident outputs; on WASM it is the CPU buffer already.
		const data = (await tensor.getData()) as Float32Array;
		outputs[name] = { data, dims: tensor.dims };
		tensor.dispose();
	}
	return outputs;
}
