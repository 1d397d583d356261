/**
 * The browser's requestIdleCallback, or undefined where there is none (Safari, jsdom). Read on
 * each call, not once at import, so a test can stub it.
 */
export function requestIdle(): typeof globalThis.requestIdleCallback | undefined {
	return typeof globalThis.requestIdleCallback === 'function' ? globalThis.requestIdleCallback : undefined;
}

/**
 * Runs `work` when the main thread is next idle (at most `timeoutMs` late), and returns what
 * cancels it. Without requestIdleCallback it runs after `fallbackMs`, or, when that is not given,
 * not at all (the caller has another way to catch up).
 */
export function afterIdle(work: () => void, timeoutMs: number, fallbackMs?: number): () => void {
	const idle = requestIdle();
	if (idle) {
		const handle = idle(work, { timeout: timeoutMs });
		return () => globalThis.cancelIdleCallback?.(handle);
	}
	if (fallbackMs === undefined) return () => {};
	const handle = setTimeout(work, fallbackMs);
	return () => clearTimeout(handle);
}
