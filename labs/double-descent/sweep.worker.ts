/// <reference lib="webworker" />
/**
 * The sweep worker: every decomposition of the sweep, off the page's main thread. The ReLU
 * feature tables come from the page, which runs the ONNX graph through the site's runtime (see
 * protocol.ts for why); the Fourier ones are computed here in float64 (see float64Features.ts).
 * One table per replicate, cached here.
 *
 * One job at a time: a newer 'run' (or a 'cancel') makes the current job stale, and a stale job
 * stops at its next check. Between decompositions the job yields to the worker's event loop so
 * those messages get through. It posts partial results for the page to redraw progressively at
 * each milestone (the selected fit, every seed of the sweep) and at least every POST_EVERY_MS, once
the job has run that long (a quicker job posts only its final results).
 */
import type { Backend } from '$lib/onnx/backend';
import type { FeatureFamily } from './data';
import { SweepEngine, type SweepRequest } from './engine';
import { computedInFloat64, float64FeatureTable } from './float64Features';
import type { FromWorker, ToWorker } from './protocol';
import type { FeatureTable } from './sweep';

declare const self: DedicatedWorkerGlobalScope;

/** How often partial results are posted, and how long a job computes before yielding. */
const POST_EVERY_MS = 120;
const SLICE_MS = 12;

let backend: Backend = 'wasm';
const waiting = new Map<number, { resolve(table: FeatureTable): void; reject(error: Error): void }>();
let nextTicket = 1;

/** A feature table: Fourier ones computed here in float64, the others asked of the page (ONNX). */
function features(family: FeatureFamily, seed: number, replicate: number, n: number): Promise<FeatureTable> {
	if (computedInFloat64(family)) return Promise.resolve(float64FeatureTable(family, seed, replicate, n));
	const ticket = nextTicket++;
	return new Promise((resolve, reject) => {
		waiting.set(ticket, { resolve, reject });
		post({ type: 'features', ticket, backend, family, seed, replicate, n });
	});
}

let engine = new SweepEngine(features);
let current = 0;

function post(message: FromWorker): void {
	self.postMessage(message);
}

/** A macrotask: lets queued messages ('run', 'cancel') in before the job goes on. */
function breath(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => resolve();
		channel.port2.postMessage(null);
	});
}

async function runJob(id: number, request: SweepRequest): Promise<void> {
	const stale = () => id !== current;
	const sweep = engine;
	try {
		const started = performance.now();
		let lastPost = started;
		let lastBreath = started;
		for await (const { done, total, milestone } of sweep.run(request)) {
			if (stale()) return;
			const now = performance.now();
			// A job that finishes within POST_EVERY_MS (a λ, noise or target move: all decompositions
			// cached) posts its final results only: each partial costs the page a full redraw.
			const streaming = now - started > POST_EVERY_MS;
			if (streaming && (milestone || now - lastPost > POST_EVERY_MS) && done < total) {
				const partial = await sweep.assemble(request, false);
				// Nothing to draw yet (a new n before its first sizes): keep the old curve on screen.
				if (partial.ps.length > 0) post({ type: 'partial', id, results: partial, done, total });
				lastPost = now;
			}
			if (now - lastBreath > SLICE_MS) {
				await breath();
				lastBreath = performance.now();
				if (stale()) return;
			}
		}
		const results = await sweep.assemble(request, true);
		if (!stale()) post({ type: 'done', id, results });
	} catch (error) {
		if (!stale()) post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
	}
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
	const message = event.data;
	switch (message.type) {
		case 'features':
		case 'features-failed': {
			const waiter = waiting.get(message.ticket);
			waiting.delete(message.ticket);
			if (message.type === 'features') waiter?.resolve({ data: message.data, cols: message.cols });
			else waiter?.reject(new Error(message.message));
			return;
		}
		case 'cancel':
			if (message.id === current) current = 0;
			return;
		case 'run':
			current = message.id;
			// Another backend computes its own features: the caches of the old one must not answer.
			if (message.backend !== backend) engine = new SweepEngine(features);
			backend = message.backend;
			void runJob(message.id, message.request);
	}
};
