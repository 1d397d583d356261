/**
 * A lab page whose link asks for other settings than the build computed (or that has no build
 * numbers) runs its model as soon as it mounts. The runtime it needs, a 14 MB WebAssembly module,
 * is most of that wait; started from the route's `load`, which runs in the browser before the page
 * hydrates (after `placeWasmRuntime`, so it starts where the lab wants it: placement.ts), it
 * downloads and compiles (the browser compiles it off the main thread) while the page hydrates.
 *
 * A page showing the build's numbers for the reader's settings does not call it: its runtime
 * still loads after first paint (startWhenNeeded.ts). Nor does an embed: one off screen must not
 * start a runtime at all.
 */
import { browser } from '$app/environment';
import { requestedBackend } from '$lib/onnx/backend';
import { parseState, type Schema, type StateOf } from './schema';
import { sameState } from './labController.svelte';

export function warmEarly<S extends Schema>(schema: S, prerenderedState: StateOf<S> | null): void {
	if (!browser) return;
	const params = new URLSearchParams(location.search);
	const unseeded = (globalThis as { __vlabNoPrerender?: boolean }).__vlabNoPrerender === true;
	if (!unseeded && prerenderedState && sameState(schema, prerenderedState, parseState(schema, params).state)) return;
	void (async () => {
		const [{ chooseBackend, loadOrt }, { warmUp }] = await Promise.all([import('$lib/onnx/runtime'), import('$lib/onnx/warmUp')]);
		const { backend } = await chooseBackend(requestedBackend(params));
		// On WASM the whole runtime comes up: its script, module and one tiny session. ORT's asyncify
		// WebGPU build does not survive a warm-up run beside the lab's own first session ("memory access
		// out of bounds"): on WebGPU only its script is fetched early (the jspi build too: untried there).
		if (backend === 'wasm') await warmUp(backend);
		else await loadOrt(backend);
		// A failure here is the controller's to find and say: it starts the runtime again itself.
	})().catch(() => undefined);
}
