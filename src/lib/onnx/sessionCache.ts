/**
 * A bounded cache of inference sessions for one backend. Each graph shape a reader visits makes
 * a session, and a session holds the model's weights and its working buffers in WASM memory or
 * on the GPU, outside the JavaScript heap. Kept forever they grow the tab by megabytes per shape
 * (issue 24), so this keeps the most recently used ones within an entry count and a byte budget
 * (src/lib/cache/lru.ts) and releases the others explicitly.
 *
 * Size estimate of a session, in bytes (a guide for the budget, not a measurement):
 *   2 × model bytes        the runtime's copy of the graph and its initializers as tensors;
 * + 2 × largest run's I/O  input and output tensors, about as much again in intermediate buffers;
 * + 1 MiB                  fixed cost of a session (kernels, arena, bookkeeping).
 * The I/O part is learned from the runs (`noteRun`), so a graph fed 50 MB of weights counts as
 * big even though its model file is small.
 *
 * An evicted session may still be in use: a run in flight on it, or a caller that has just
 * received it and is about to run it. It is released only once no run is in flight and it has
 * not been used for `graceMs`; asked for again before that, it comes back into the cache.
 */
import { Lru } from '$lib/cache/lru';

export interface Releasable {
	release(): Promise<void>;
}

export interface SessionCacheOptions<S> {
	/** Builds a session from model bytes. */
	create(bytes: Uint8Array): Promise<S>;
	maxEntries: number;
	maxBytes: number;
	/** How long an evicted session must sit unused before it is released. */
	graceMs?: number;
	/** Runs a release (the runtime queues it with its other work). */
	schedule?: (work: () => Promise<void>) => Promise<void>;
	/** Called whenever the held sessions or their estimate change (the debug readout). */
	onChange?: () => void;
}

const SESSION_OVERHEAD = 1024 * 1024;

interface Held<S> {
	key: string;
	session: S;
	modelBytes: number;
	ioBytes: number;
	inFlight: number;
	lastUsed: number;
	/** Evicted, waiting to be released. */
	retired: boolean;
	released: boolean;
}

export const sessionEstimate = (modelBytes: number, ioBytes: number) => 2 * modelBytes + 2 * ioBytes + SESSION_OVERHEAD;

export class SessionCache<S extends Releasable> {
	readonly #lru: Lru<Promise<S>>;
	readonly #held = new Map<S, Held<S>>();
	/** Evicted sessions by key, not released yet (they can be revived). */
	readonly #retired = new Map<string, Held<S>>();
	readonly #released = new WeakMap<S, string>();
	readonly #options: SessionCacheOptions<S>;
	readonly #graceMs: number;

	constructor(options: SessionCacheOptions<S>) {
		this.#options = options;
		this.#graceMs = options.graceMs ?? 5000;
		this.#lru = new Lru<Promise<S>>({
			maxEntries: options.maxEntries,
			maxBytes: options.maxBytes,
			dispose: (pending, key) => {
				pending.then((session) => this.#retire(key, session)).catch(() => undefined);
			}
		});
	}

	/** The session for `key`; `bytes` is only called (and a session built) on a miss. */
	get(key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<S> {
		const cached = this.#lru.get(key);
		if (cached) return cached.then((session) => this.#touch(session));
		const retired = this.#retired.get(key);
		if (retired) {
			this.#retired.delete(key);
			retired.retired = false;
			retired.lastUsed = Date.now();
			const revived = Promise.resolve(retired.session);
			this.#lru.set(key, revived, sessionEstimate(retired.modelBytes, retired.ioBytes));
			this.#changed();
			return revived;
		}
		const pending = (async () => {
			const model = await bytes();
			const modelBytes = model.byteLength;
			const session = await this.#options.create(model);
			this.#held.set(session, { key, session, modelBytes, ioBytes: 0, inFlight: 0, lastUsed: Date.now(), retired: false, released: false });
			// Evicted while it was being built: it goes straight to the retired list.
			if (this.#lru.has(key)) this.#lru.resize(key, sessionEstimate(modelBytes, 0));
			this.#changed();
			return session;
		})();
		// A failed creation must not poison the cache: the next request tries again.
		pending.catch(() => {
			if (this.#lru.has(key) && this.#lru.get(key) === pending) this.#lru.delete(key);
		});
		this.#lru.set(key, pending, SESSION_OVERHEAD);
		return pending;
	}

	/** Runs `work` on `session`, counting it as in flight so the session is not released under it. */
	async run<T>(session: S, ioBytes: number, work: () => Promise<T>): Promise<T> {
		const gone = this.#released.get(session);
		if (gone !== undefined) throw new Error(`The session "${gone}" was released; ask for it again.`);
		const held = this.#held.get(session);
		if (held) {
			held.inFlight++;
			held.lastUsed = Date.now();
			if (ioBytes > held.ioBytes) {
				held.ioBytes = ioBytes;
				if (!held.retired) this.#lru.resize(held.key, sessionEstimate(held.modelBytes, ioBytes));
				this.#changed();
			}
		}
		try {
			return await work();
		} finally {
			if (held) {
				held.inFlight--;
				held.lastUsed = Date.now();
				if (held.retired) this.#releaseWhenIdle(held);
			}
		}
	}

	/** Drops `key` now (e.g. a live run's session at reset): released once idle. */
	drop(key: string): void {
		this.#lru.delete(key);
	}

	/** Drops everything. */
	clear(): void {
		this.#lru.clear();
	}

	/** Sessions held in the cache and their estimated bytes (retired ones not yet released included). */
	stats(): { sessions: number; bytes: number; releasing: number } {
		let retiredBytes = 0;
		for (const held of this.#retired.values()) retiredBytes += sessionEstimate(held.modelBytes, held.ioBytes);
		return { sessions: this.#lru.size, bytes: this.#lru.bytes + retiredBytes, releasing: this.#retired.size };
	}

	#touch(session: S): S {
		const held = this.#held.get(session);
		if (held) held.lastUsed = Date.now();
		return session;
	}

	#retire(key: string, session: S): void {
		const held = this.#held.get(session);
		if (!held || held.released) return;
		held.retired = true;
		this.#retired.set(key, held);
		this.#changed();
		this.#releaseWhenIdle(held);
	}

	#releaseWhenIdle(held: Held<S>): void {
		const wait = held.lastUsed + this.#graceMs - Date.now();
		if (held.inFlight > 0) return; // checked again when the run ends
		if (wait > 0) {
			setTimeout(() => held.retired && !held.released && this.#releaseWhenIdle(held), wait);
			return;
		}
		held.released = true;
		held.retired = false;
		if (this.#retired.get(held.key) === held) this.#retired.delete(held.key);
		this.#held.delete(held.session);
		this.#released.set(held.session, held.key);
		const schedule = this.#options.schedule ?? ((work) => work());
		schedule(() => held.session.release()).catch(() => undefined);
		this.#changed();
	}

	#changed(): void {
		this.#options.onChange?.();
	}
}
