/**
 * The one memo cache of the site: least recently used first out, bounded by an entry count and
 * by a budget in bytes. Each entry carries its own size estimate (from `sizeOf`, or given to
 * `set`), so a cache of a few huge arrays and one of many small records obey the same rule:
 * a reader who keeps changing shapes for an hour must not grow the page's memory without end.
 * Evicted values go to `dispose` (a session to release, a GPU buffer to free).
 */
export interface LruOptions<V> {
	/** Most entries kept (default: no count limit). */
	maxEntries?: number;
	/** Most bytes kept, summed over the entries' estimates (default: no byte limit). */
	maxBytes?: number;
	/** An entry's size estimate in bytes when `set` is not given one (default 0). */
	sizeOf?: (value: V) => number;
	/** Called with each value that leaves the cache by eviction, `delete` or `clear`. */
	dispose?: (value: V, key: string) => void;
}

interface Entry<V> {
	value: V;
	bytes: number;
}

export class Lru<V> {
	// A Map keeps insertion order: re-inserting on use makes the first key the least recent.
	#entries = new Map<string, Entry<V>>();
	#bytes = 0;
	readonly maxEntries: number;
	readonly maxBytes: number;
	readonly #sizeOf: (value: V) => number;
	readonly #dispose?: (value: V, key: string) => void;

	constructor(options: LruOptions<V> = {}) {
		this.maxEntries = options.maxEntries ?? Infinity;
		this.maxBytes = options.maxBytes ?? Infinity;
		this.#sizeOf = options.sizeOf ?? (() => 0);
		this.#dispose = options.dispose;
	}

	/** The value under `key`, now the most recently used; undefined when absent. */
	get(key: string): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.value;
	}

	/** Whether `key` is held (does not count as a use). */
	has(key: string): boolean {
		return this.#entries.has(key);
	}

	/**
	 * Stores `value` as the most recent entry, then evicts the least recent ones until both
	 * limits hold. The new entry itself is never evicted, even when it alone is over budget.
	 */
	set(key: string, value: V, bytes = this.#sizeOf(value)): void {
		const old = this.#entries.get(key);
		if (old) {
			this.#entries.delete(key);
			this.#bytes -= old.bytes;
			if (old.value !== value) this.#dispose?.(old.value, key);
		}
		this.#entries.set(key, { value, bytes });
		this.#bytes += bytes;
		this.#evict(key);
	}

	/** Changes an entry's size estimate (e.g. once a pending value has arrived) and evicts as needed. */
	resize(key: string, bytes: number): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#bytes += bytes - entry.bytes;
		entry.bytes = bytes;
		this.#evict(key);
	}

	/** The cached value under `key`, or `make()`'s, stored. */
	memo(key: string, make: () => V): V {
		if (this.#entries.has(key)) return this.get(key) as V;
		const value = make();
		this.set(key, value);
		return value;
	}

	/**
	 * `memo` for promises: a rejected promise is dropped (without `dispose`), so the next request
	 * tries again instead of getting the old failure.
	 */
	memoAsync<T>(this: Lru<Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
		if (this.#entries.has(key)) return this.get(key) as Promise<T>;
		const pending = make();
		pending.catch(() => {
			if (this.#entries.get(key)?.value === pending) this.#remove(key);
		});
		this.set(key, pending);
		return pending;
	}

	/** Removes `key` and disposes its value. */
	delete(key: string): boolean {
		const entry = this.#remove(key);
		if (entry) this.#dispose?.(entry.value, key);
		return entry !== undefined;
	}

	/** Removes and disposes everything. */
	clear(): void {
		for (const key of [...this.#entries.keys()]) this.delete(key);
	}

	/** Entries held. */
	get size(): number {
		return this.#entries.size;
	}

	/** Sum of the entries' size estimates. */
	get bytes(): number {
		return this.#bytes;
	}

	/** Keys from least to most recently used. */
	keys(): string[] {
		return [...this.#entries.keys()];
	}

	#remove(key: string): Entry<V> | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		this.#entries.delete(key);
		this.#bytes -= entry.bytes;
		return entry;
	}

	#evict(keep: string): void {
		for (const key of [...this.#entries.keys()]) {
			if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
			if (key === keep) continue;
			this.delete(key);
		}
	}
}
