import '@testing-library/jest-dom/vitest';

// jsdom has no layout and no ResizeObserver; Svelte's bind:clientWidth needs the constructor.
// A no-op observer leaves clientWidth at 0, which Chart treats as "use the default width".
if (!('ResizeObserver' in globalThis)) {
	class NoLayoutResizeObserver {
		observe() {}
		unobserve() {}
		disconnect() {}
	}
	globalThis.ResizeObserver = NoLayoutResizeObserver as unknown as typeof ResizeObserver;
}
