import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionCache, sessionEstimate } from '../../src/lib/onnx/sessionCache';

const MB = 1024 * 1024;

class FakeSession {
	released = false;
	constructor(readonly bytes: number) {}
	async release() {
		this.released = true;
	}
}

function cache(limits: { maxEntries?: number; maxBytes?: number } = {}) {
	const created: FakeSession[] = [];
	const sessions = new SessionCache<FakeSession>({
		maxEntries: limits.maxEntries ?? 10,
		maxBytes: limits.maxBytes ?? 1000 * MB,
		graceMs: 1000,
		async create(bytes) {
			const session = new FakeSession(bytes.byteLength);
			created.push(session);
			return session;
		}
	});
	return { sessions, created };
}

const model = (mb: number) => () => new Uint8Array(mb * MB);

describe('SessionCache', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('builds one session per key and reuses it', async () => {
		const { sessions, created } = cache();
		const bytes = vi.fn(model(1));
		const a = await sessions.get('a', bytes);
		expect(await sessions.get('a', bytes)).toBe(a);
		expect(bytes).toHaveBeenCalledTimes(1);
		expect(created).toHaveLength(1);
	});

	it('estimates a session from its model bytes, then from its largest run', async () => {
		const { sessions } = cache();
		const a = await sessions.get('a', model(3));
		expect(sessions.stats()).toEqual({ sessions: 1, bytes: 2 * 3 * MB + MB, releasing: 0 });
		await sessions.run(a, 10 * MB, async () => 0);
		expect(sessions.stats().bytes).toBe(2 * 3 * MB + 2 * 10 * MB + MB);
		expect(sessionEstimate(3 * MB, 10 * MB)).toBe(27 * MB);
	});

	it('evicts the least recently used session beyond the byte budget and releases it once idle', async () => {
		// Each 4 MB model is estimated at 9 MB: two fit in 20 MB, three do not.
		const { sessions, created } = cache({ maxBytes: 20 * MB });
		await sessions.get('a', model(4));
		await sessions.get('b', model(4));
		await sessions.get('a', model(4)); // a is now more recent than b
		await sessions.get('c', model(4));
		await vi.advanceTimersByTimeAsync(0);
		const [a, b, c] = created;
		expect(sessions.stats().sessions).toBe(2);
		expect(sessions.stats().releasing).toBe(1);
		expect(b.released).toBe(false); // just used: it gets a grace period
		await vi.advanceTimersByTimeAsync(1000);
		expect(b.released).toBe(true);
		expect(a.released || c.released).toBe(false);
		expect(sessions.stats()).toEqual({ sessions: 2, bytes: 2 * 9 * MB, releasing: 0 });
	});

	it('evicts beyond the entry cap', async () => {
		const { sessions, created } = cache({ maxEntries: 2 });
		for (const key of ['a', 'b', 'c']) await sessions.get(key, model(1));
		await vi.advanceTimersByTimeAsync(1000);
		expect(created.map((s) => s.released)).toEqual([true, false, false]);
	});

	it('never releases a session while a run is in flight on it', async () => {
		const { sessions, created } = cache({ maxEntries: 1 });
		const a = await sessions.get('a', model(1));
		let finish!: () => void;
		const running = sessions.run(a, 0, () => new Promise<void>((resolve) => (finish = resolve)));
		await sessions.get('b', model(1)); // evicts a mid-run
		await vi.advanceTimersByTimeAsync(5000);
		expect(created[0].released).toBe(false);
		finish();
		await running;
		await vi.advanceTimersByTimeAsync(1000);
		expect(created[0].released).toBe(true);
		await expect(sessions.run(a, 0, async () => 1)).rejects.toThrow(/released/);
	});

	it('gives an evicted session back, unreleased, when asked for again within its grace', async () => {
		const { sessions, created } = cache({ maxEntries: 1 });
		const a = await sessions.get('a', model(1));
		await sessions.get('b', model(1));
		await vi.advanceTimersByTimeAsync(0);
		const bytes = vi.fn(model(1));
		expect(await sessions.get('a', bytes)).toBe(a);
		expect(bytes).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(5000);
		expect(created.map((s) => s.released)).toEqual([false, true]);
	});

	it('drops a session on request and forgets a failed creation', async () => {
		const { sessions, created } = cache();
		await sessions.get('a', model(1));
		sessions.drop('a');
		await vi.advanceTimersByTimeAsync(1000);
		expect(created[0].released).toBe(true);
		await expect(sessions.get('bad', () => Promise.reject(new Error('truncated')))).rejects.toThrow('truncated');
		expect(sessions.stats().sessions).toBe(0);
		await sessions.get('bad', model(1));
		expect(sessions.stats().sessions).toBe(1);
	});
});
