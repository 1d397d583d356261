/**
 * `$lib/onnx/shipped` for tests in Node: a shipped model's session read from static/models/ and
 * run on onnxruntime-web's WASM backend (tests/support/ort), in place of the page's download.
 * Use it as `vi.mock('$lib/onnx/shipped', () => import('../../tests/support/nodeShipped'))`.
 */
import { readFileSync } from 'node:fs';
import { getSession } from './nodeRuntime';
import type { Session } from './ort';

export function shippedSession(_backend: string, name: string): Promise<Session> {
	return getSession('wasm', `shipped:${name}`, () => new Uint8Array(readFileSync(new URL(`../../static/models/${name}.onnx`, import.meta.url))));
}
