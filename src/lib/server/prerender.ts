/**
 * The numbers a lab's figures draw at first paint, computed while the build prerenders its pages:
 * the lab's own controller and compute, its own ONNX graphs, on onnxruntime-web's WebAssembly
 * backend in Node (as the model tests run it). One computation per lab and state for the whole
 * build: the lab page and its embeds serialize the default's results, the presentation view each
 * scene's.
 */
import { gzipSync } from 'node:zlib';
import type { Lab } from '$lib/labs/types';
import type { Prerendered } from '$lib/state/labController.svelte';
import { sceneState } from '$lib/state/scenes';
import { defaults, type Schema, type StateOf } from '$lib/state/schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPrerendered = Prerendered<Schema, any>;

const computed = new Map<string, Promise<AnyPrerendered>>();

/** The lab's default state and its results (computed once per build). */
export const prerenderLab = (lab: Lab): Promise<AnyPrerendered> => prerenderState(lab, defaults(lab.schema), 'default');

/** Scene `index` (from 0) of the lab, as the presentation view shows it. */
export function prerenderScene(lab: Lab, index: number): Promise<AnyPrerendered> {
	const scene = lab.scenes[index];
	if (!scene) throw new Error(`${lab.slug} has no scene ${index + 1}`);
	return prerenderState(lab, sceneState(defaults(lab.schema), scene), `scene ${index + 1}`);
}

/** One state's results; a scene whose state is the default's shares its computation. */
function prerenderState(lab: Lab, state: StateOf<Schema>, name: string): Promise<AnyPrerendered> {
	const key = `${lab.slug} ${JSON.stringify(state)}`;
	let pending = computed.get(key);
	if (!pending) {
		pending = compute(lab, state, name);
		computed.set(key, pending);
	}
	return pending;
}

async function compute(lab: Lab, state: StateOf<Schema>, name: string): Promise<AnyPrerendered> {
	const started = performance.now();
	const Controller = await lab.controller();
	const computed = await new Controller().computeFor(state, 'wasm');
	const omitted = lab.prerenderOmit ?? [];
	const results = Object.fromEntries(Object.entries(computed as Record<string, unknown>).filter(([key]) => !omitted.includes(key)));
	const json = JSON.stringify(results);
	const gzip = gzipSync(json).byteLength;
	console.log(`prerendered ${lab.slug} (${name}): ${(performance.now() - started).toFixed(0)} ms, ${kb(json.length)} of JSON, ${kb(gzip)} gzip`);
	return { state, results, omitted };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
