import { describe, expect, test } from 'vitest';
import { webgpuBuild } from '$lib/onnx/webgpuBuild';

describe('webgpuBuild', () => {
	test('a WebAssembly with Suspending (JavaScript Promise Integration) gets the jspi build', () => {
		expect(webgpuBuild({ Suspending: class {} })).toBe('jspi');
	});

	test('without it, or without WebAssembly, the asyncify build', () => {
		expect(webgpuBuild({})).toBe('asyncify');
		expect(webgpuBuild({ Suspending: 'yes' })).toBe('asyncify');
		expect(webgpuBuild(undefined)).toBe('asyncify');
	});
});
