/**
 * The shipped models (static/models/<name>.onnx) on the page: downloaded once by one loader
 * (modelLoader.ts), their sessions kept in the runtime's bounded caches. Page-only: it resolves
 * URLs with $app/paths, which a worker cannot import (the runtime itself runs in workers too).
 */
import { asset } from '$app/paths';
import type { Backend } from './backend';
import { fetchShippedModel, ModelLoader, sessionFromLoader } from './modelLoader';
import type { Session } from './runtime';
import { runtime } from './session';

export const shippedModels = new ModelLoader((name) =>
	// The build's prerender (Node) reads the file the site will serve; the page downloads it.
	import.meta.env.SSR ? readShippedModel(name) : fetchShippedModel(asset(`/models/${name}.onnx`), name)
);

async function readShippedModel(name: string): Promise<Uint8Array> {
	const { readFile } = await import('node:fs/promises');
	return new Uint8Array(await readFile(`static/models/${name}.onnx`));
}

/**
 * The session of a shipped model. The runtime gets its own copy of the bytes; when no session
 * can be built from them (a truncated download), the bytes are dropped so the next try fetches.
 */
export async function shippedSession(backend: Backend, name: string): Promise<Session> {
	shippedModels.prefetch(name); // the download overlaps the runtime's own loading
	const { sessionCacheFor } = await runtime();
	return sessionFromLoader(sessionCacheFor(backend), shippedModels, name);
}
