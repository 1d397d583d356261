/**
 * The browser's requestIdleCallback, or undefined where there is none (Safari, jsdom). Read on
 * each call, not once at import, so a test can stub it.
 */
export function requestIdle(): typeof globalThis.requestIdleCallback | undefined {
	return typeof globalThis.requestIdleCallback === 'function' ? globalThis.requestIdleCallback : undefined;
}
