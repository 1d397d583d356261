/**
 * The page's runtime (`$lib/onnx/runtime`) for tests in Node: the same getSession / runSession
 * calls, served by onnxruntime-web's WASM backend in this process (tests/support/ort), so a
 * checkpoint's `solve` runs the lab's real ONNX graph. Every node test gets it in place of the
 * page's (tests/support/setup/node.ts). Sessions are shared by every test file a worker runs, as
 * the page's are by its labs: a key names one graph everywhere.
 */
import * as ort from 'onnxruntime-web';
import { createSession, runSession as runNode, type Feeds, type Session } from './ort';

export type { Feeds, Session };
export type Outputs = Record<string, { data: Float32Array; dims: readonly number[] }>;

const sessions = new Map<string, Promise<Session>>();

export function getSession(_backend: string, key: string, bytes: () => Uint8Array | Promise<Uint8Array>): Promise<Session> {
	let s = sessions.get(key);
	if (!s) {
		s = Promise.resolve(bytes()).then(createSession);
		sessions.set(key, s);
	}
	return s;
}

export function runSession(session: Session, feeds: Feeds, fetches?: readonly string[]): Promise<Outputs> {
	return runNode(session, feeds, fetches);
}

export function dropSession(_backend: string, key: string): void {
	sessions.delete(key);
}

/** The runtime module itself, for code that drives training in Node (jobToEnd): onnxruntime-web's WASM build, one thread. */
export async function loadOrt(_backend: string): Promise<typeof ort> {
	return ort;
}
