/**
 * Staged results (src/lib/state/staged.ts): a compute that returns its cheap fields at once and
 * the costly ones later. The controller must show the first part as soon as it lands (status
 * ready, `laterPending` until the rest settles), merge the rest in when it resolves, drop a rest
 * that resolves after the reader moved on, say a failed rest without failing the lab, and give
 * the build's run both parts.
 */
import { describe, expect, it, vi } from 'vitest';
import { render, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import { staged } from '$lib/state/staged';
import type { Schema, StateOf } from '$lib/state/schema';
import ShellHarness from './harness/ShellHarness.svelte';

const schema = { depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 } } satisfies Schema;
type State = StateOf<typeof schema>;
interface Results {
	cheap: string;
	costly: string | null;
}

/** A compute whose costly part waits until the test settles it, per depth. */
function setup() {
	const later = new Map<number, { resolve(r: Partial<Results>): void; reject(e: Error): void }>();
	const compute = vi.fn(async (state: State) =>
		staged<Results>({ cheap: `cheap ${state.depth}`, costly: null }, new Promise((resolve, reject) => later.set(state.depth, { resolve, reject })))
	);
	history.replaceState({}, '', '/lab');
	const controller = new LabController(schema, compute);
	render(ShellHarness, { controller });
	return { controller, later, compute };
}

describe('staged results', () => {
	it('shows the first part at once, ready, and merges the rest in when it resolves', async () => {
		const { controller, later } = setup();
		await waitFor(() => expect(controller.results).toEqual({ cheap: 'cheap 20', costly: null }));
		expect(controller.status).toBe('ready');
		expect(controller.laterPending).toBe(true);
		later.get(20)!.resolve({ costly: 'costly 20' });
		await waitFor(() => expect(controller.results).toEqual({ cheap: 'cheap 20', costly: 'costly 20' }));
		expect(controller.laterPending).toBe(false);
		expect(controller.laterError).toBeNull();
	});

	it('drops a rest that resolves after the results moved on to another state', async () => {
		const { controller, later } = setup();
		await waitFor(() => expect(controller.results?.cheap).toBe('cheap 20'));
		controller.set({ depth: 7 });
		await waitFor(() => expect(controller.results?.cheap).toBe('cheap 7'));
		later.get(20)!.resolve({ costly: 'costly 20' });
		await new Promise((done) => setTimeout(done, 20));
		expect(controller.results).toEqual({ cheap: 'cheap 7', costly: null });
		later.get(7)!.resolve({ costly: 'costly 7' });
		await waitFor(() => expect(controller.results?.costly).toBe('costly 7'));
	});

	it('a failed rest is said in laterError; the lab stays ready with its first part', async () => {
		const { controller, later } = setup();
		await waitFor(() => expect(controller.results?.cheap).toBe('cheap 20'));
		later.get(20)!.reject(new Error('Failed to fetch model'));
		await waitFor(() => expect(controller.laterError).toMatch(/could not be downloaded/));
		expect(controller.laterPending).toBe(false);
		expect(controller.status).toBe('ready');
		expect(controller.error).toBeNull();
		expect(controller.results).toEqual({ cheap: 'cheap 20', costly: null });
	});

	it('the build’s run (computeFor) waits for both parts', async () => {
		const controller = new LabController(schema, async (state: State) => staged<Results>({ cheap: `cheap ${state.depth}`, costly: null }, Promise.resolve({ costly: 'costly' })));
		await expect(controller.computeFor({ depth: 3 }, 'wasm')).resolves.toEqual({ cheap: 'cheap 3', costly: 'costly' });
	});
});
