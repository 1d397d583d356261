/**
 * Async work memoized by key, whose result can also be read without waiting once it has landed
 * (a compute that returns staged results asks `landed` first: src/lib/state/staged.ts). One
 * promise per key however many callers ask at once; a failed one is forgotten, so the next call
 * tries again. Both maps keep the most recently used `maxEntries` keys.
 */
import { Lru } from './lru';

export class Settling<V> {
	readonly #pending: Lru<Promise<V>>;
	readonly #landed: Lru<V>;

	constructor(maxEntries: number) {
		this.#pending = new Lru({ maxEntries });
		this.#landed = new Lru({ maxEntries });
	}

	/** The result for `key`: started by `make` on the first call, the same promise after. */
	get(key: string, make: () => Promise<V>): Promise<V> {
		const hit = this.#pending.get(key);
		if (hit) return hit;
		const work = make();
		work.then(
			(value) => this.#landed.set(key, value),
			() => this.#pending.delete(key)
		);
		this.#pending.set(key, work);
		return work;
	}

	/** The result for `key` if it has landed, else null. */
	landed(key: string): V | null {
		return this.#landed.get(key) ?? null;
	}
}
