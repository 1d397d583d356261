/**
 * The training worker: runs WASM training jobs off the page's main thread, so sliders, scrolling
 * and the figures stay responsive while the runtime computes. One worker hosts every run of a
 * page (one runtime instance, not three); their steps interleave (see driver.ts).
 *
 * It imports the page's own runtime module by URL (see ../ortModule.ts) rather than bundling one,
 * so the browser fetches one copy of the runtime and its .wasm for the page and the worker.
 */
import type * as OrtTypes from 'onnxruntime-web';
import { describeModelError } from '../errors';
import { TrainingDriver } from './driver';
import type { FromWorker, ToWorker } from './protocol';

type Ort = typeof OrtTypes;

/** Runs by id; a promise, so commands that arrive while the runtime loads wait for their run. */
const drivers = new Map<number, Promise<TrainingDriver>>();
let ortPromise: Promise<Ort> | null = null;

function loadOrt(url: string): Promise<Ort> {
	ortPromise ??= (import(/* @vite-ignore */ url) as Promise<{ ort: Ort }>).then(({ ort }) => {
		// One thread (the page keeps the other core), and no proxy worker inside this worker.
		ort.env.wasm.numThreads = 1;
		ort.env.wasm.proxy = false;
		ort.env.logLevel = 'error';
		return ort;
	});
	return ortPromise;
}

const post = (message: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);

async function handle(message: ToWorker): Promise<void> {
	if (message.type === 'start') {
		const created = loadOrt(message.ortUrl).then(
			(ort) => new TrainingDriver(ort, message.job, 'wasm', (progress) => post({ type: 'progress', id: message.id, progress }))
		);
		drivers.set(message.id, created);
		return (await created).start();
	}
	const driver = await drivers.get(message.id);
	switch (message.type) {
		case 'pause':
			return driver?.pause();
		case 'resume':
			return driver?.resume();
		case 'cancel':
			driver?.cancel();
			drivers.delete(message.id);
			return;
		case 'hyper':
			return driver?.setHyper(message.name, message.value);
		case 'params':
			try {
				if (!driver) throw new Error(`no run ${message.id}`);
				post({ type: 'params', id: message.id, request: message.request, params: await driver.readParams() });
			} catch (error) {
				post({ type: 'params', id: message.id, request: message.request, error: String(error) });
			}
	}
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
	handle(event.data).catch((error) => {
		const progress = { status: 'error' as const, step: 0, maxSteps: 0, points: [], stepsPerSecond: null, message: `Training failed: ${describeModelError(error)}` };
		post({ type: 'progress', id: event.data.id, progress });
	});
});
