/**
 * Training on the page's WASM runtime goes through ORT's proxy worker, which transfers every input
 * buffer to the worker and so detaches it on the page. A tensor fed twice then arrives empty: the
 * optimizers lab's rate-sweep checkpoint failed on its first full batch that way ("Tensor's
 * size(1024) does not match data length(0)"). Here onnxruntime-web in Node is wrapped to detach
 * the model bytes of every session and the inputs of every run as the proxy does, and real jobs
 * are driven through it: full-batch jobs with a hyperparameter sharing one graph (the optimizers
 * sweep), and a mini-batch job with a probe every epoch (overfitting's figure 1 run).
 */
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import '../support/ort';
import type { Ort } from '$lib/onnx/training/loop';
import { driveJob } from '$lib/recorded/drive';
import { sweepJob } from '$labs/optimizers/sweepJob';
import { runJob } from '$labs/overfitting/runJob';

/** onnxruntime-web as the page's proxy makes it behave: each run detaches the buffers it was fed (`proxy` says whether it owns up to it). */
function proxyLike(proxy = true): Ort {
	const detach = (feeds: Record<string, ort.Tensor>) => {
		for (const t of Object.values(feeds)) {
			const buffer = (t.data as Float32Array).buffer;
			if (buffer.byteLength > 0) structuredClone(buffer, { transfer: [buffer] });
		}
	};
	const create = async (bytes: Uint8Array, options: ort.InferenceSession.SessionOptions) => {
		const session = await ort.InferenceSession.create(bytes, options);
		// The model's bytes go to the worker too.
		structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
		const run = session.run.bind(session);
		return Object.assign(session, {
			run: async (feeds: Record<string, ort.Tensor>, ...rest: unknown[]) => {
				const results = await (run as (...a: unknown[]) => Promise<ort.InferenceSession.ReturnType>)(feeds, ...rest);
				detach(feeds);
				return results;
			}
		});
	};
	const env = { ...ort.env, wasm: { ...ort.env.wasm, proxy } };
	return { ...ort, env, InferenceSession: { ...ort.InferenceSession, create } } as unknown as Ort;
}

describe('training through a runtime that detaches what it is fed (the page’s proxy worker)', () => {
	it('the wrapper reproduces the failure: fed as they are, a full batch and a rate arrive empty at the second step', async () => {
		// Its own copy of the shared graph: this runtime detaches what it is given.
		const job = sweepJob(0.1);
		const run = await driveJob(proxyLike(false), { ...job, bytes: job.bytes.slice(), maxSteps: 3, lossEvery: 1 });
		expect(run.status).toBe('error');
		expect(run.step).toBe(1);
	});

	it('full-batch jobs that share one graph, their rate fed every step, run to the end as on plain WASM', async () => {
		const proxy = proxyLike();
		for (const rate of [0.1, 0.3]) {
			const job = { ...sweepJob(rate), maxSteps: 12, lossEvery: 4 };
			const proxied = await driveJob(proxy, job);
			const plain = await driveJob(ort as unknown as Ort, { ...sweepJob(rate), maxSteps: 12, lossEvery: 4 });
			expect(proxied.message).toBeNull();
			expect(proxied.status).toBe('done');
			expect(proxied.losses.map((p) => p.loss)).toEqual(plain.losses.map((p) => p.loss));
		}
	});

	it('a mini-batch job probed every epoch runs to the end, as on plain WASM', async () => {
		const settings = { n: 32, width: 8, epochs: 3, lr: 1e-3, seed: 1, faults: { leak: 'off', split: 'random', shift: 0 } } as const;
		const job = runJob(settings);
		const proxied = await driveJob(proxyLike(), job);
		const plain = await driveJob(ort as unknown as Ort, runJob(settings));
		expect(proxied.message).toBeNull();
		expect(proxied.status).toBe('done');
		expect(proxied.probes.length).toBeGreaterThan(2);
		expect(proxied.probes.map((p) => Array.from(p.values))).toEqual(plain.probes.map((p) => Array.from(p.values)));
	});
});
