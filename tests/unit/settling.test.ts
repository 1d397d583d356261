/**
 * Settling (src/lib/cache/settling.ts): async work memoized by key, readable without waiting once
 * landed. One run per key however many ask; nothing landed until it resolves; a failure is
 * forgotten so the next call runs again.
 */
import { describe, expect, it, vi } from 'vitest';
import { Settling } from '$lib/cache/settling';

describe('Settling', () => {
	it('runs the work once per key and reads its result once it has landed', async () => {
		const s = new Settling<number>(4);
		let finish!: (v: number) => void;
		const make = vi.fn(() => new Promise<number>((done) => (finish = done)));
		const a = s.get('k', make);
		const b = s.get('k', make);
		expect(b).toBe(a);
		expect(make).toHaveBeenCalledTimes(1);
		expect(s.landed('k')).toBeNull();
		finish(7);
		await expect(a).resolves.toBe(7);
		expect(s.landed('k')).toBe(7);
		expect(s.landed('other')).toBeNull();
	});

	it('forgets a failure: the next call runs the work again', async () => {
		const s = new Settling<number>(4);
		await expect(s.get('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		await Promise.resolve();
		expect(s.landed('k')).toBeNull();
		await expect(s.get('k', () => Promise.resolve(3))).resolves.toBe(3);
		expect(s.landed('k')).toBe(3);
	});
});
