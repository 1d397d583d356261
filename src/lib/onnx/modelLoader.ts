/**
 * The shipped models (static/models/*.onnx): each file is downloaded once per page and its bytes
 * kept, so switching backends or building a second session does not fetch it again.
 *
 * Two rules, both learned the hard way (issue 25 item 3):
 * - Every caller gets its own COPY of the bytes. In ORT's proxy worker (where the WASM runtime
 *   ran until the redraw work; `__vlabProxy` puts it back) the runtime transfers the buffer it is
 *   given, which detaches it; handing out the cached array itself broke the next session
 *   ("detached ArrayBuffer") when the reader switched to WebGPU.
 * - When a session cannot be built from the bytes, `forget` drops them: a truncated download
 *   must not stay cached until the page is reloaded.
 */
import { Lru } from '$lib/cache/lru';
import { fetchWithTimeout, LabFault, timeouts } from './faults';

const MB = 1024 * 1024;

export class ModelLoader {
	// A failed download is dropped by memoAsync; a few models of a few MB each fit easily.
	readonly #downloads = new Lru<Promise<Uint8Array>>({ maxEntries: 8, maxBytes: 64 * MB, sizeOf: () => 2 * MB });

	constructor(private readonly fetchBytes: (name: string) => Promise<Uint8Array>) {}

	/** A fresh copy of the model's bytes (the download is shared). */
	async bytes(name: string): Promise<Uint8Array> {
		const pending = this.#downloads.memoAsync(name, async () => {
			const bytes = await this.fetchBytes(name);
			if (this.#downloads.has(name)) this.#downloads.resize(name, bytes.byteLength);
			return bytes;
		});
		return (await pending).slice();
	}

	/** Starts the download now, so it overlaps other loading. */
	prefetch(name: string): void {
		this.bytes(name).catch(() => undefined);
	}

	/** Drops the cached bytes: the next request downloads the file again. */
	forget(name: string): void {
		this.#downloads.delete(name);
	}

	/** Whether the bytes of `name` are cached (or on their way). */
	has(name: string): boolean {
		return this.#downloads.has(name);
	}
}

/** Fetches /models/<name>.onnx under the site's base path, giving up after the model time-out. */
export async function fetchShippedModel(url: string, name: string): Promise<Uint8Array> {
	const what = `The download of the model “${name}”`;
	let response: Response;
	try {
		response = await fetchWithTimeout(url, timeouts().model, 'model', what);
	} catch (error) {
		if (error instanceof LabFault) throw error;
		throw new LabFault('model', `The model “${name}” could not be downloaded (no answer from the server). Check the connection and retry.`);
	}
	if (!response.ok)
		throw new LabFault('model', `The model “${name}” could not be downloaded (the server answered ${response.status === 404 ? '“not found”' : `with an error, status ${response.status}`}).`);
	return new Uint8Array(await response.arrayBuffer());
}

/**
 * The session of a shipped model from `sessions` (one backend's cache). When the session cannot
 * be built, the bytes are forgotten as well, so the next attempt downloads the file afresh.
 */
export function sessionFromLoader<S>(sessions: { get(key: string, bytes: () => Promise<Uint8Array>): Promise<S> }, loader: ModelLoader, name: string): Promise<S> {
	const session = sessions.get(name, () => loader.bytes(name));
	session.catch(() => loader.forget(name));
	return session;
}
