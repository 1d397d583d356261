/**
 * A least-recently-used cache with a size budget (in bytes, as the caller measures them): the
 * sweep keeps decompositions for reuse across slider moves, but a large n with many seeds must
 * not grow the worker's memory without bound. Evicted entries are simply recomputed.
 */
export class LruCache<V> {
	#entries = new Map<string, { value: V; bytes: number }>();
	#bytes = 0;

	constructor(
		readonly budgetBytes: number,
		private readonly sizeOf: (value: V) => number
	) {}

	get(key: string): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		// Re-insert: Map keeps insertion order, so the first key is always the least recent.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.value;
	}

	has(key: string): boolean {
		return this.#entries.has(key);
	}

	set(key: string, value: V): void {
		const old = this.#entries.get(key);
		if (old) {
			this.#bytes -= old.bytes;
			this.#entries.delete(key);
		}
		const bytes = this.sizeOf(value);
		this.#entries.set(key, { value, bytes });
		this.#bytes += bytes;
		for (const [k, entry] of this.#entries) {
			if (this.#bytes <= this.budgetBytes || k === key) break;
			this.#entries.delete(k);
			this.#bytes -= entry.bytes;
		}
	}

	get bytes(): number {
		return this.#bytes;
	}
}
