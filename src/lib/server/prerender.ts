/**
 * The numbers a lab's figures draw at first paint, computed while the build prerenders its pages:
 * the lab's own controller and compute, its own ONNX graphs, on onnxruntime-web's WebAssembly
 * backend in Node (as the model tests run it). One computation per lab for the whole build; the
 * lab page and its embeds all serialize the same results.
 */
import { gzipSync } from 'node:zlib';
import type { Lab } from '$lib/labs/types';
import type { Prerendered } from '$lib/state/labController.svelte';
import { defaults, type Schema } from '$lib/state/schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPrerendered = Prerendered<Schema, any>;

const computed = new Map<string, Promise<AnyPrerendered>>();

/** The lab's default state and its results (computed once per build). */
export function prerenderLab(lab: Lab): Promise<AnyPrerendered> {
	let pending = computed.get(lab.slug);
	if (!pending) {
		pending = computeDefault(lab);
		computed.set(lab.slug, pending);
	}
	return pending;
}

async function computeDefault(lab: Lab): Promise<AnyPrerendered> {
	const started = performance.now();
	const Controller = await lab.controller();
	const state = defaults(lab.schema);
	const computed = await new Controller().computeFor(state, 'wasm');
	const omitted = lab.prerenderOmit ?? [];
	const results = Object.fromEntries(Object.entries(computed as Record<string, unknown>).filter(([key]) => !omitted.includes(key)));
	const json = JSON.stringify(results);
	const gzip = gzipSync(json).byteLength;
	console.log(`prerendered ${lab.slug}: ${(performance.now() - started).toFixed(0)} ms, ${kb(json.length)} of JSON, ${kb(gzip)} gzip`);
	return { state, results, omitted };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
