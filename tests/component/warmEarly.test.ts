/**
 * The runtime comes up before hydration only for a lab page that must compute at once: one whose
 * link asks for other settings than the build's, or that has no build numbers.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';

const warmUp = vi.fn(async (_backend: string) => undefined);
const loadOrt = vi.fn(async (_backend: string) => ({}));
vi.mock('$app/environment', () => ({ browser: true }));
vi.mock('$lib/onnx/warmUp', () => ({ warmUp }));
vi.mock('$lib/onnx/runtime', () => ({ chooseBackend: async (requested: string | null) => ({ backend: requested ?? 'wasm' }), loadOrt }));

const { warmEarly } = await import('$lib/state/warmEarly');

const schema = {
	n: { kind: 'int', label: 'n', min: 1, max: 10, default: 4 },
	act: { kind: 'enum', label: 'activation', options: [{ value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }], default: 'relu' }
} as const;
const built = { n: 4, act: 'relu' } as const;

async function warmedFor(search: string, prerendered: typeof built | null = built): Promise<string[]> {
	warmUp.mockClear();
	loadOrt.mockClear();
	history.replaceState(null, '', `/labs/x${search}`);
	warmEarly(schema, prerendered);
	await new Promise((done) => setTimeout(done, 0));
	await new Promise((done) => setTimeout(done, 0));
	return [...warmUp.mock.calls.map(([backend]) => `warm ${backend}`), ...loadOrt.mock.calls.map(([backend]) => `load ${backend}`)];
}

describe('warmEarly', () => {
	afterEach(() => void delete (globalThis as { __vlabNoPrerender?: boolean }).__vlabNoPrerender);

	test('leaves the runtime for later when the link asks for the build’s settings', async () => {
		expect(await warmedFor('')).toEqual([]);
		expect(await warmedFor('?n=4&backend=wasm')).toEqual([]);
	});

	test('starts it at once for other settings: a warm-up on WASM, only the script on WebGPU', async () => {
		expect(await warmedFor('?n=7')).toEqual(['warm wasm']);
		expect(await warmedFor('?act=tanh&backend=webgpu')).toEqual(['load webgpu']);
	});

	test('starts it when there are no build numbers, or a test dropped them', async () => {
		expect(await warmedFor('', null)).toEqual(['warm wasm']);
		(globalThis as { __vlabNoPrerender?: boolean }).__vlabNoPrerender = true;
		expect(await warmedFor('')).toEqual(['warm wasm']);
	});
});
