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
		let turns = 0;
		let ticking = true;
		const tick = () => {
			turns += 1;
			if (ticking) setTimeout(tick, 0);
		};
		setTimeout(tick, 0);
		// Runs counted between the event loop's turns. Counted, not timed: on a loaded two-core
		// machine a timer fires tens of ms late whatever the code does (gaps of 52 and 53 ms failed
		// a full run), but each run holds the thread at least RUN_MS, so a stretch that yields once
		// SLICE_MS have passed holds at most SLICE_MS / RUN_MS + 1 runs, however slow the machine.
		const stretches: number[] = [0];
		let seen = turns;
		for (let i = 0; i < 60; i++) {
			await beforeRun();
			if (turns !== seen) {
				seen = turns;
				stretches.push(0);
			}
			stretches[stretches.length - 1] += 1;
			busy(RUN_MS);
		}
		ticking = false;
		const said = `runs between turns: ${stretches.join(', ')}`;
		// A loop that never yields is one stretch of 60 runs; one that yields every other slice, 16s.
		expect(Math.max(...stretches), said).toBeLessThanOrEqual(Math.floor(SLICE_MS / RUN_MS) + 1);
		expect(stretches.length, said).toBeGreaterThanOrEqual(Math.ceil(60 / (Math.floor(SLICE_MS / RUN_MS) + 1)));
	});

	it('a lone run starts at once, without a task hop', async () => {
		await idle();
		let hopped = false;
		setTimeout(() => (hopped = true), 0);
		await beforeRun();
		expect(hopped).toBe(false);
	});
});
