/**
 * ORT's WebGPU WebAssembly is kept for offline use only where it would run: a browser with a
 * WebGPU adapter and JSPI. Elsewhere nothing is downloaded.
 */
import { describe, expect, test } from 'vitest';
import { WEBGPU_RUNTIME_CACHE, WEBGPU_RUNTIME_FILE } from '$lib/cache/offlineCaches';
import { cacheWebgpuRuntimeForOffline, type OfflineWebgpuHost } from '$lib/cache/webgpuRuntimeOffline';

const ORIGIN = 'http://localhost:4173';
const URL_IN_BUILD = '/_app/immutable/assets/ort-wasm-simd-threaded.jspi.CZzFqCHi.wasm';
const WITH_JSPI = { Suspending: function Suspending() {} };
const WITHOUT_JSPI = {};

/** A browser whose caches record what was opened, looked up and added. */
function browser(adapter: boolean, wasm: object, held: string[] = []) {
	const log: string[] = [];
	const host: OfflineWebgpuHost = {
		webgpu: async () => adapter,
		wasm,
		caches: {
			async open(name: string) {
				log.push(`open ${name}`);
				return {
					async match(url: string) {
						return held.includes(url) ? new Response('') : undefined;
					},
					async add(url: string) {
						log.push(`add ${url}`);
						held.push(url);
					},
					async keys() {
						return held.map((url) => new Request(new URL(url, ORIGIN)));
					},
					async delete(request: Request) {
						log.push(`delete ${request.url}`);
						held.splice(held.indexOf(new URL(request.url).pathname), 1);
						return true;
					}
				};
			}
		}
	};
	return { host, log };
}

describe('cacheWebgpuRuntimeForOffline', () => {
	test('a browser with an adapter and JSPI gets the jspi build cached, once; once cached, no adapter is asked for', async () => {
		const { host, log } = browser(true, WITH_JSPI);
		let asked = 0;
		const webgpu = host.webgpu;
		host.webgpu = () => (asked++, webgpu());
		expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('cached');
		expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('cached');
		expect(log).toEqual([`open ${WEBGPU_RUNTIME_CACHE}`, `add ${URL_IN_BUILD}`, `open ${WEBGPU_RUNTIME_CACHE}`]);
		expect(await (await host.caches.open(WEBGPU_RUNTIME_CACHE)).keys()).toHaveLength(1);
		expect(asked).toBe(1);
	});

	test('no adapter, or no JSPI (ORT would use its asyncify build): nothing is downloaded', async () => {
		for (const [adapter, wasm] of [
			[false, WITH_JSPI],
			[true, WITHOUT_JSPI],
			[false, WITHOUT_JSPI]
		] as const) {
			const { host, log } = browser(adapter, wasm);
			expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('not-needed');
			expect(log.filter((line) => line.startsWith('add'))).toEqual([]);
		}
	});

	test("an older site's WebGPU runtime is dropped once this one is cached", async () => {
		const older = '/_app/immutable/assets/ort-wasm-simd-threaded.jspi.OlderHash.wasm';
		const held = [older];
		const { host, log } = browser(true, WITH_JSPI, held);
		expect(await cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).toBe('cached');
		expect(held).toEqual([URL_IN_BUILD]);
		expect(log).toContain(`delete ${ORIGIN}${older}`);
	});

	test('a failed download rejects, so the page does not claim to be available offline', async () => {
		const { host } = browser(true, WITH_JSPI);
		const open = host.caches.open.bind(host.caches);
		host.caches.open = async (name) => Object.assign(await open(name), { add: async () => Promise.reject(new TypeError('Failed to fetch')) });
		await expect(cacheWebgpuRuntimeForOffline(host, URL_IN_BUILD)).rejects.toThrow('Failed to fetch');
	});

	test("the service worker's route for that cache matches the file's hashed name in the build, and no other runtime", () => {
		expect(WEBGPU_RUNTIME_FILE.test(`http://localhost:4173${URL_IN_BUILD}`)).toBe(true);
		expect(WEBGPU_RUNTIME_FILE.test('http://localhost:4173/_app/immutable/assets/ort-wasm-simd-threaded.DcHrbrbl.wasm')).toBe(false);
		expect(WEBGPU_RUNTIME_FILE.test('http://localhost:4173/_app/immutable/assets/ort-wasm-simd-threaded.asyncify.D5D0fo7z.wasm')).toBe(false);
	});
});
