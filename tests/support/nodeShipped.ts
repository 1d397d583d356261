/**
 * `$lib/onnx/shipped` for tests in Node: a shipped model's bytes read from static/models/, and its
 * session run on onnxruntime-web's WASM backend (tests/support/ort), in place of the page's
 * download, for every node test (tests/support/setup/node.ts).
 */
import { readFileSync } from 'node:fs';
import { getSession } from './nodeRuntime';
import type { Session } from './ort';

const read = (name: string) => new Uint8Array(readFileSync(new URL(`../../static/models/${name}.onnx`, import.meta.url)));

export const shippedModels = { bytes: async (name: string) => read(name) };

export function shippedSession(_backend: string, name: string): Promise<Session> {
	return getSession('wasm', `shipped:${name}`, () => read(name));
}
