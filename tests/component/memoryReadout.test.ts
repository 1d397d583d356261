import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import BackendStatus from '$lib/ui/BackendStatus.svelte';
import type { AnyController } from '$lib/state/context';
import { reportSessionsFrom, sessionsChanged, type SessionStats } from '$lib/onnx/sessionEvents';

// The runtime's session caches as runtime.ts reports them (sessionEvents.ts): two WASM sessions, then one more after a change.
let stats: SessionStats = { wasm: { sessions: 2, bytes: 9 * 1048576, releasing: 0 } };
reportSessionsFrom(() => stats);
const runtime = {
	set(next: SessionStats) {
		stats = next;
		sessionsChanged();
	}
};

const controller = { status: 'ready', backend: 'wasm', lastRunMs: 12, runs: 2, backendNote: null, runsModels: true, switchBackend() {} } as unknown as AnyController;

afterEach(() => history.replaceState({}, '', '/'));

describe('BackendStatus memory readout', () => {
	it('is absent without ?debug=memory', () => {
		history.replaceState({}, '', '/labs/x');
		render(BackendStatus, { controller });
		expect(screen.queryByTestId('memory-readout')).toBeNull();
	});

	it('shows the sessions held and their estimated bytes, and follows changes', async () => {
		history.replaceState({}, '', '/labs/x?debug=memory');
		render(BackendStatus, { controller });
		await waitFor(() => expect(screen.getByTestId('memory-readout')).toHaveTextContent('Sessions held: WebAssembly 2 (≈ 9.0 MB)'));
		runtime.set({ wasm: { sessions: 3, bytes: 14.5 * 1048576, releasing: 1 }, webgpu: { sessions: 1, bytes: 1048576, releasing: 0 } });
		await waitFor(() =>
			expect(screen.getByTestId('memory-readout')).toHaveTextContent('Sessions held: WebAssembly 3 (≈ 14.5 MB, 1 releasing), WebGPU 1 (≈ 1.0 MB)')
		);
	});
});

describe('BackendStatus for a lab of formulas', () => {
	it('names no backend and offers no switch: there is no model', () => {
		history.replaceState({}, '', '/labs/x');
		render(BackendStatus, { controller: { ...controller, runsModels: false } as AnyController });
		expect(screen.getByTestId('backend-status')).toHaveTextContent('Computed in your browser from formulas: no model to load');
		expect(screen.getByTestId('backend-status')).not.toHaveTextContent(/WebAssembly|WebGPU|first run/);
		expect(screen.queryByRole('combobox')).toBeNull();
	});
});
