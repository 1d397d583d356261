/**
 * Main-thread model runs in a loop give the event loop a turn about every SLICE_MS (runSlices.ts),
 * and a lone run (a control change) never waits for one.
 */
import { describe, expect, it } from 'vitest';
import { beforeRun, SLICE_MS } from '$lib/onnx/runSlices';

/** A stand-in for a synchronous WASM run: holds the thread for `ms`. */
function busy(ms: number): void {
	const end = performance.now() + ms;
	while (performance.now() < end) {
		// spin
	}
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('runs on the main thread', () => {
	it('a loop of runs gives the event loop a turn at least every SLICE_MS plus one run', async () => {
		await idle();
		const RUN_MS = 4;
		const turns: number[] = [];
		let ticking = true;
		const tick = () => {
			turns.push(performance.now());
			if (ticking) setTimeout(tick, 0);
		};
		setTimeout(tick, 0);
		const started = performance.now();
		for (let i = 0; i < 60; i++) {
			await beforeRun();
			busy(RUN_MS);
		}
		const ended = performance.now();
		ticking = false;
		const during = [started, ...turns.filter((t) => t > started && t < ended), ended];
		const gaps = during.slice(1).map((t, i) => t - during[i]);
		expect(ended - started, 'the loop ran').toBeGreaterThan(200);
		// Timers fire late on a busy machine: allow a run and a few milliseconds beyond the slice,
		// and one turn up to twice that late (a GC pause, the other test worker on a 2-core machine).
		// A loop that never yields has one gap of the whole loop; one that yields every other slice,
		// many gaps of two slices.
		const limit = SLICE_MS + RUN_MS + 15;
		const [worst, next] = [...gaps].sort((a, b) => b - a);
		const said = `gaps between turns: ${gaps.map(Math.round).join(', ')}`;
		expect(worst, said).toBeLessThan(2 * limit);
		expect(next, said).toBeLessThan(limit);
	});

	it('a lone run starts at once, without a task hop', async () => {
		await idle();
		let hopped = false;
		setTimeout(() => (hopped = true), 0);
		await beforeRun();
		expect(hopped).toBe(false);
	});
});
