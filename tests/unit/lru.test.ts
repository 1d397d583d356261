import { describe, expect, it } from 'vitest';
import { estimateBytes } from '../../src/lib/cache/bytes';
import { Lru } from '../../src/lib/cache/lru';

describe('Lru', () => {
	it('evicts the least recently used entry beyond the entry cap', () => {
		const cache = new Lru<number>({ maxEntries: 2 });
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1); // a is now the most recent
		cache.set('c', 3);
		expect(cache.keys()).toEqual(['a', 'c']);
		expect(cache.get('b')).toBeUndefined();
	});

	it('keeps the sum of size estimates within the byte budget', () => {
		const cache = new Lru<Float32Array>({ maxBytes: 1000, sizeOf: (v) => v.byteLength });
		cache.set('a', new Float32Array(100)); // 400 bytes
		cache.set('b', new Float32Array(100)); // 800
		cache.set('c', new Float32Array(50)); // 1000: still fits
		expect(cache.size).toBe(3);
		expect(cache.bytes).toBe(1000);
		cache.set('d', new Float32Array(150)); // 1600: a and b must go
		expect(cache.keys()).toEqual(['c', 'd']);
		expect(cache.bytes).toBe(800);
	});

	it('keeps a new entry that alone is over budget, evicting all the others', () => {
		const cache = new Lru<string>({ maxBytes: 10 });
		cache.set('small', 's', 4);
		cache.set('huge', 'h', 50);
		expect(cache.keys()).toEqual(['huge']);
		expect(cache.bytes).toBe(50);
	});

	it('disposes evicted, deleted, replaced and cleared values, once each', () => {
		const gone: string[] = [];
		const cache = new Lru<string>({ maxEntries: 2, dispose: (v, k) => gone.push(`${k}=${v}`) });
		cache.set('a', 'A');
		cache.set('b', 'B');
		cache.set('c', 'C'); // evicts a
		cache.set('b', 'B2'); // replaces B
		cache.delete('c');
		cache.clear();
		expect(gone).toEqual(['a=A', 'b=B', 'c=C', 'b=B2']);
		expect(cache.size).toBe(0);
		expect(cache.bytes).toBe(0);
	});

	it('resizes an entry once its size is known, and evicts if needed', () => {
		const cache = new Lru<string>({ maxBytes: 100 });
		cache.set('a', 'A', 10);
		cache.set('b', 'B', 10);
		cache.resize('b', 95);
		expect(cache.keys()).toEqual(['b']);
		expect(cache.bytes).toBe(95);
	});

	it('memo makes a value once and reuses it', () => {
		const cache = new Lru<number[]>({ maxEntries: 4 });
		let made = 0;
		const make = () => (made++, [1, 2]);
		const first = cache.memo('k', make);
		expect(cache.memo('k', make)).toBe(first);
		expect(made).toBe(1);
	});

	it('memoAsync drops a rejected promise so the next call tries again', async () => {
		const cache = new Lru<Promise<number>>({ maxEntries: 4 });
		await expect(cache.memoAsync('k', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
		expect(cache.has('k')).toBe(false);
		await expect(cache.memoAsync('k', () => Promise.resolve(7))).resolves.toBe(7);
		expect(await cache.memoAsync('k', () => Promise.resolve(8))).toBe(7);
	});
});

describe('estimateBytes', () => {
	it('counts typed arrays by their bytes, numbers as 8, and adds overhead for containers', () => {
		expect(estimateBytes(new Float32Array(256))).toBe(1024 + 16);
		expect(estimateBytes([1, 2, 3])).toBe(16 + 24);
		expect(estimateBytes({ x: new Float64Array(4) })).toBe(16 + 8 + 32 + 16);
		expect(estimateBytes('abcd')).toBe(8);
	});
});
