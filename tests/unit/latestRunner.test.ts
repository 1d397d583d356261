import { describe, expect, it } from 'vitest';
import { LatestRunner } from '$lib/onnx/latestRunner';

function manualFrames() {
	const queue: (() => void)[] = [];
	return { frame: (cb: () => void) => void queue.push(cb), flush: () => queue.splice(0).forEach((cb) => cb()) };
}

describe('LatestRunner', () => {
	it('runs once with the newest of the requests made in one task', async () => {
		const ran: number[] = [];
		const frames = manualFrames();
		const runner = new LatestRunner<number>(async (n) => void ran.push(n), frames.frame);
		for (let i = 0; i < 30; i++) runner.request(i);
		expect(ran).toEqual([]);
		frames.flush();
		await Promise.resolve();
		expect(ran).toEqual([29]);
	});

	it('keeps only the newest request while a run is in flight', async () => {
		const ran: number[] = [];
		let release!: () => void;
		const frames = manualFrames();
		const runner = new LatestRunner<number>(async (n) => {
			ran.push(n);
			if (n === 0) await new Promise<void>((r) => (release = r));
		}, frames.frame);
		runner.request(0);
		frames.flush();
		await Promise.resolve();
		runner.request(1);
		runner.request(2);
		runner.request(3);
		release();
		await new Promise((r) => setTimeout(r, 0));
		expect(ran).toEqual([0, 3]);
	});
});
