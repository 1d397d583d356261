/**
 * The control panel folds to one bar on phones: at the first load, and when a wide window is
 * narrowed past the breakpoint (or a tablet turned); widened again, its side column comes back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync } from 'svelte';
import { render, screen } from '@testing-library/svelte';
import ControlPanel from '$lib/ui/ControlPanel.svelte';

/** A stand-in for the browser's media query: `resize(narrow)` flips it and tells the listeners. */
function fakeScreen(narrow: boolean) {
	const listeners = new Set<() => void>();
	const query = {
		get matches() {
			return narrow;
		},
		addEventListener: (_: string, listener: () => void) => listeners.add(listener),
		removeEventListener: (_: string, listener: () => void) => listeners.delete(listener)
	};
	vi.stubGlobal('matchMedia', () => query);
	return {
		resize(next: boolean) {
			narrow = next;
			listeners.forEach((listener) => listener());
			flushSync();
		}
	};
}

const children = createRawSnippet(() => ({ render: () => '<p>a slider</p>' }));
const bar = () => screen.getByRole('button', { name: /Controls/ });

afterEach(() => vi.unstubAllGlobals());

describe('ControlPanel', () => {
	it('starts open on a wide screen, folds when narrowed, opens when widened', () => {
		const window = fakeScreen(false);
		render(ControlPanel, { summary: 'depth 20', children });
		expect(bar()).toHaveAttribute('aria-expanded', 'true');
		window.resize(true);
		expect(bar()).toHaveAttribute('aria-expanded', 'false');
		window.resize(false);
		expect(bar()).toHaveAttribute('aria-expanded', 'true');
	});

	it('starts folded on a phone', () => {
		fakeScreen(true);
		render(ControlPanel, { summary: 'depth 20', children });
		expect(bar()).toHaveAttribute('aria-expanded', 'false');
	});
});
