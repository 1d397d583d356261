/**
 * What a reader is told when the runtime fails: fed the raw shapes ORT and the browser throw,
 * `describeModelError` must answer in a sentence with no raw number, stack line or internal name.
 */
import { describe, expect, test } from 'vitest';
import { describeModelError, describeWebgpuFailure } from '$lib/onnx/errors';
import { fetchWithTimeout, LabFault, withTimeout } from '$lib/onnx/faults';

/** What must never reach a reader. */
function leaks(message: string): string[] {
	const found: string[] = [];
	if (/\d{5,}/.test(message)) found.push('a raw number');
	if (/\bat \S+[/\\:]/.test(message)) found.push('a stack line');
	if (/ERROR_CODE|OrtRun|OrtCreateSession|InferenceSession|TypeError|undefined|null\b|\[object/i.test(message)) found.push('an internal name');
	return found;
}

function withStack(message: string, name = 'Error'): Error {
	const error = new Error(message);
	error.name = name;
	error.stack = `${name}: ${message}\n    at Object.run (http://127.0.0.1:4173/_app/immutable/chunks/ort.js:1:23456)`;
	return error;
}

const rawShapes: [string, unknown, RegExp][] = [
	['a bare pointer-like number', 9943320, /failed to run/],
	['a number as an Error message', withStack('9943320'), /failed to run/],
	['an ORT session error', withStack("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."), /could not be read/],
	['an ORT run error with a code', withStack('failed to call OrtRun(). ERROR_CODE: 1, ERROR_MESSAGE: Non-zero status code returned while running 140723412'), /failed to run/],
	['a WebGPU device error', withStack('no available backend found. ERR: [webgpu] RangeError: requestDevice failed'), /WebGPU/],
	['a WebGPU adapter error', withStack('Failed to get GPU adapter. You may need to enable flag "--enable-unsafe-webgpu"'), /WebGPU/],
	['an AbortError', new DOMException('The user aborted a request.', 'AbortError'), /cut off/],
	['a network TypeError', withStack('Failed to fetch', 'TypeError'), /could not be downloaded/],
	['a failed chunk import', withStack('Failed to fetch dynamically imported module: http://127.0.0.1:4173/_app/immutable/chunks/ortModule.B1x2y3.js', 'TypeError'), /runtime\) could not be downloaded/],
	['an out-of-memory error', withStack('Array buffer allocation failed', 'RangeError'), /out of memory/],
	['a plain object', { code: 12345678 }, /failed to run/],
	['undefined', undefined, /failed to run/]
];

describe('describeModelError', () => {
	test.each(rawShapes)('%s becomes a sentence for the reader', (_label, raw, expected) => {
		const said = describeModelError(raw);
		expect(said).toMatch(expected);
		expect(leaks(said)).toEqual([]);
		expect(said).toMatch(/^[A-Z].*\.$/);
	});

	test('a LabFault keeps the sentence it was made with', () => {
		const fault = new LabFault('model', 'The download of the model “attention-copy” did not answer within 2 s.', true);
		expect(describeModelError(fault)).toBe('The download of the model “attention-copy” did not answer within 2 s.');
	});

	test('the WebGPU fallback reason reads as a clause', () => {
		expect(describeWebgpuFailure(withStack('9943320'))).toBe('it could not run the model');
		expect(describeWebgpuFailure(withStack('Array buffer allocation failed', 'RangeError'))).toBe('the model ran out of memory in this browser');
		expect(describeWebgpuFailure(withStack('requestAdapter returned an adapter but no device'))).toBe('it could not run the model');
	});
});

describe('time-outs', () => {
	test('withTimeout rejects with a fault naming the part that stalled, and hands a late result to onLate', async () => {
		let finish: (value: string) => void = () => undefined;
		const work = new Promise<string>((resolve) => (finish = resolve));
		const late: string[] = [];
		const timed = withTimeout(work, 20, 'runtime', 'The model runtime (WebAssembly)', (value) => late.push(value));
		await expect(timed).rejects.toMatchObject({ part: 'runtime', timedOut: true, message: 'The model runtime (WebAssembly) did not answer within 1 s.' });
		finish('session');
		await work;
		expect(late).toEqual(['session']);
	});

	test('withTimeout passes a result and an error through when in time', async () => {
		await expect(withTimeout(Promise.resolve(3), 1000, 'backend', 'x')).resolves.toBe(3);
		await expect(withTimeout(Promise.reject(new Error('boom')), 1000, 'backend', 'x')).rejects.toThrow('boom');
	});

	test('fetchWithTimeout aborts a stalled fetch with a model fault', async () => {
		const realFetch = globalThis.fetch;
		globalThis.fetch = ((_url: string, init?: RequestInit) =>
			new Promise((_resolve, reject) => {
				init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
			})) as typeof fetch;
		try {
			await expect(fetchWithTimeout('/models/x.onnx', 20, 'model', 'The download of the model “x”')).rejects.toBeInstanceOf(LabFault);
		} finally {
			globalThis.fetch = realFetch;
		}
	});
});
