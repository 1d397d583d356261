/**
 * scrollCues marks display maths that overflows as a keyboard stop, and measures only what can
 * have changed: reading the width of prose the browser has not laid out (content-visibility)
 * forces its layout. jsdom lays nothing out, so widths are stubbed per element and ResizeObserver
 * is a stand-in the test triggers.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { scrollCues } from '$lib/ui/scrollCue';

let resize: (() => void) | null = null;
class FakeResizeObserver {
	constructor(callback: () => void) {
		resize = callback;
	}
	observe() {}
	disconnect() {}
}

/** A display whose content is `scrollWidth` px wide, read through a counter. */
function display(root: HTMLElement, scrollWidth: number, reads: Map<HTMLElement, number>): HTMLElement {
	const el = document.createElement('span');
	el.className = 'katex-display';
	Object.defineProperty(el, 'clientWidth', { get: () => 300 });
	let width = scrollWidth;
	Object.defineProperty(el, 'scrollWidth', {
		get: () => {
			reads.set(el, (reads.get(el) ?? 0) + 1);
			return width;
		},
		set: (w: number) => (width = w)
	});
	root.append(el);
	return el;
}

const afterPaint = async () => {
	await Promise.resolve(); // the MutationObserver's callback
	vi.runAllTimers(); // the frame, then the task after it
};

describe('scrollCues', () => {
	let root: HTMLElement;
	let rootWidth: number;
	const reads = new Map<HTMLElement, number>();

	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
		vi.stubGlobal('ResizeObserver', FakeResizeObserver);
		reads.clear();
		root = document.createElement('div');
		rootWidth = 600;
		Object.defineProperty(root, 'clientWidth', { get: () => rootWidth });
		document.body.append(root);
	});
	afterEach(() => {
		root.remove();
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	test('an overflowing display becomes a named tab stop; one that fits does not', () => {
		const wide = display(root, 500, reads);
		const narrow = display(root, 200, reads);
		scrollCues('.katex-display')(root);
		resize!();
		expect(wide.tabIndex).toBe(0);
		expect(wide.getAttribute('aria-label')).toMatch(/scroll sideways/);
		expect(narrow.hasAttribute('tabindex')).toBe(false);
	});

	test('after a change only the changed display is measured', async () => {
		const first = display(root, 200, reads);
		const second = display(root, 200, reads);
		scrollCues('.katex-display')(root);
		resize!();
		reads.clear();
		(second as unknown as { scrollWidth: number }).scrollWidth = 900;
		second.append(document.createElement('span'));
		await afterPaint();
		expect(reads.get(first) ?? 0, 'the unchanged display is not read').toBe(0);
		expect(second.tabIndex).toBe(0);
		// A display added later is measured too.
		const added = display(root, 800, reads);
		await afterPaint();
		expect(added.tabIndex).toBe(0);
	});

	test('a new height measures nothing; a new width measures every display', () => {
		const a = display(root, 200, reads);
		const b = display(root, 200, reads);
		scrollCues('.katex-display')(root);
		resize!();
		reads.clear();
		resize!(); // the same width: only the height changed
		expect(reads.size).toBe(0);
		rootWidth = 320;
		resize!();
		expect(reads.get(a)).toBe(1);
		expect(reads.get(b)).toBe(1);
	});

	test('a display the browser has not laid out (off screen) is measured when the page is idle', async () => {
		const idle: ((deadline: { timeRemaining(): number }) => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (callback: (typeof idle)[number]) => idle.push(callback));
		const shown = display(root, 200, reads);
		const offScreen = display(root, 900, reads);
		// Chromium answers false for an element in a skipped content-visibility: auto block.
		for (const [el, laidOut] of [[shown, true], [offScreen, false]] as const) el.checkVisibility = () => laidOut;
		scrollCues('.katex-display')(root);
		resize!();
		expect(reads.get(shown)).toBe(1);
		expect(reads.get(offScreen) ?? 0, 'not read while its layout is skipped').toBe(0);
		expect(offScreen.hasAttribute('tabindex')).toBe(false);
		expect(idle).toHaveLength(1);
		idle.shift()!({ timeRemaining: () => 20 });
		expect(reads.get(offScreen)).toBe(1);
		expect(offScreen.tabIndex).toBe(0);
		// A change to it while still off screen waits for idle again (a browser that does not say
		// when a content-visibility block is shown: jsdom, like Chromium before 120).
		(offScreen as unknown as { scrollWidth: number }).scrollWidth = 100;
		offScreen.append(document.createElement('span'));
		await afterPaint();
		expect(reads.get(offScreen)).toBe(1);
		idle.shift()!({ timeRemaining: () => 0 });
		expect(offScreen.hasAttribute('tabindex')).toBe(false);
	});

	test('a display that changes off screen is measured when its block is shown, where the browser says so', async () => {
		const idle: (() => void)[] = [];
		vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
		// Chromium's content-visibility: auto blocks fire contentvisibilityautostatechange.
		Object.defineProperty(HTMLElement.prototype, 'oncontentvisibilityautostatechange', { value: null, configurable: true });
		try {
			const block = document.createElement('div');
			root.append(block);
			const eq = display(block, 200, reads);
			let laidOut = true;
			eq.checkVisibility = () => laidOut;
			scrollCues('.katex-display')(root);
			resize!();
			expect(reads.get(eq)).toBe(1);
			// The reader scrolls away; a control change rewrites the display and makes it overflow.
			laidOut = false;
			(eq as unknown as { scrollWidth: number }).scrollWidth = 900;
			eq.append(document.createElement('span'));
			await afterPaint();
			expect(reads.get(eq), 'not read while its block is skipped').toBe(1);
			expect(idle, 'nor queued for idle, where reading it would lay its block out').toHaveLength(0);
			// Another block shown does not concern it.
			const other = document.createElement('div');
			root.append(other);
			other.dispatchEvent(Object.assign(new Event('contentvisibilityautostatechange', { bubbles: true }), { skipped: false }));
			await afterPaint();
			expect(reads.get(eq)).toBe(1);
			// Its block is shown again: measured after the next paint.
			laidOut = true;
			block.dispatchEvent(Object.assign(new Event('contentvisibilityautostatechange', { bubbles: true }), { skipped: false }));
			await afterPaint();
			expect(reads.get(eq)).toBe(2);
			expect(eq.tabIndex).toBe(0);
		} finally {
			delete (HTMLElement.prototype as { oncontentvisibilityautostatechange?: unknown }).oncontentvisibilityautostatechange;
		}
	});
});
