/**
 * observeWidth reports widths from the ResizeObserver's entries only: reading clientWidth as a
 * chart mounts forced a layout inside the hydration task, which is why it replaced bind:clientWidth.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { observeWidth } from '$lib/viz/observeWidth';

afterEach(() => vi.unstubAllGlobals());

test('reports the observed content width in whole pixels, never reads clientWidth, and stops when detached', () => {
	let callback: ResizeObserverCallback | null = null;
	const disconnect = vi.fn();
	vi.stubGlobal(
		'ResizeObserver',
		class {
			constructor(cb: ResizeObserverCallback) {
				callback = cb;
			}
			observe() {}
			disconnect = disconnect;
		}
	);
	const element = document.createElement('div');
	const reads = vi.fn(() => 999);
	Object.defineProperty(element, 'clientWidth', { get: reads });
	const widths: number[] = [];
	const detach = observeWidth((w) => widths.push(w))(element);

	expect(widths, 'nothing before the first observation').toEqual([]);
	const entry = (width: number) => ({ contentRect: { width } }) as ResizeObserverEntry;
	callback!([entry(612.6)], {} as ResizeObserver);
	callback!([entry(400), entry(390.2)], {} as ResizeObserver);
	expect(widths).toEqual([613, 390]);
	expect(reads).not.toHaveBeenCalled();
	(detach as () => void)();
	expect(disconnect).toHaveBeenCalledOnce();
});
