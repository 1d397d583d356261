/**
 * session.ts, the labs' door to the runtime, imports the runtime on the first call and keeps it.
 * A redraw makes many runs, and Chromium settles each import() in a task of its own, even of a
 * module it has: one per run had made redraws two to three times slower. A run after the first
 * must settle within microtasks, with no import between.
 */
import { expect, it, vi } from 'vitest';

vi.mock('$lib/onnx/runtime', () => ({
	getSession: vi.fn(async () => ({ id: 'session' })),
	runSession: vi.fn(async () => ({ y: { data: new Float32Array(1), dims: [1] } })),
	runSessionTimed: vi.fn()
}));

const { getSession, runSession } = await import('$lib/onnx/session');

/** Lets the microtasks queued so far, and those they queue (`depth` deep), run: no task boundary. */
async function microtasks(depth = 8): Promise<void> {
	for (let i = 0; i < depth; i++) await Promise.resolve();
}

it('a run after the first settles within microtasks', async () => {
	const session = await getSession('wasm', 'model', () => new Uint8Array());
	await runSession(session, {});
	let settled = false;
	void runSession(session, {}).then(() => (settled = true));
	await microtasks();
	expect(settled).toBe(true);
});
