import { describe, expect, it, vi } from 'vitest';
import { ModelLoader, sessionFromLoader } from '../../src/lib/onnx/modelLoader';
import { SessionCache } from '../../src/lib/onnx/sessionCache';

/**
 * A stand-in for onnxruntime-web: like its WASM proxy worker, it takes ownership of the bytes it
 * is given (transferring detaches them), and it refuses bytes that are not a whole model.
 */
function fakeRuntime(modelLength: number) {
	return async (bytes: Uint8Array) => {
		if (bytes.buffer.byteLength === 0) throw new TypeError('Cannot perform Construct on a detached ArrayBuffer');
		if (bytes.byteLength !== modelLength) throw new Error('failed to load model: truncated');
		structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
		return { release: async () => undefined };
	};
}

const sessionCache = (create: (bytes: Uint8Array) => Promise<{ release(): Promise<void> }>) =>
	new SessionCache({ maxEntries: 4, maxBytes: 1 << 30, create });

describe('ModelLoader', () => {
	it('downloads a model once and hands each caller its own copy', async () => {
		const fetchBytes = vi.fn(async () => Uint8Array.of(1, 2, 3));
		const loader = new ModelLoader(fetchBytes);
		const a = await loader.bytes('m');
		const b = await loader.bytes('m');
		expect(fetchBytes).toHaveBeenCalledTimes(1);
		expect(Array.from(b)).toEqual([1, 2, 3]);
		expect(a.buffer).not.toBe(b.buffer);
	});

	it('builds a second backend’s session after the first runtime took ownership of its bytes', async () => {
		const loader = new ModelLoader(async () => new Uint8Array(16).fill(7));
		const runtime = fakeRuntime(16);
		await sessionFromLoader(sessionCache(runtime), loader, 'denoiser'); // "WASM"
		await expect(sessionFromLoader(sessionCache(runtime), loader, 'denoiser')).resolves.toBeDefined(); // "WebGPU"
	});

	it('drops cached bytes when no session can be built from them, so the fixed file is fetched', async () => {
		let served = new Uint8Array(10); // a truncated download of a 16-byte model
		const fetchBytes = vi.fn(async () => served);
		const loader = new ModelLoader(fetchBytes);
		const sessions = sessionCache(fakeRuntime(16));
		await expect(sessionFromLoader(sessions, loader, 'm')).rejects.toThrow('truncated');
		expect(loader.has('m')).toBe(false);
		served = new Uint8Array(16);
		await expect(sessionFromLoader(sessions, loader, 'm')).resolves.toBeDefined();
		expect(fetchBytes).toHaveBeenCalledTimes(2);
	});

	it('retries a failed download on the next request', async () => {
		const fetchBytes = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(Uint8Array.of(5));
		const loader = new ModelLoader(fetchBytes);
		await expect(loader.bytes('m')).rejects.toThrow('offline');
		expect(Array.from(await loader.bytes('m'))).toEqual([5]);
	});
});
