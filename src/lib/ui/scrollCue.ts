/**
 * Display maths wider than a phone scrolls sideways (theme.css draws a shadow at the edge that
 * has more). A region that really overflows must also be reachable from the keyboard, so these
 * give it tabindex=0 and a name while it overflows, and take them away when it fits again
 * (a tab stop on every equation that fits would only slow keyboard readers down).
 */
import type { Attachment } from 'svelte/attachments';

const LABEL = 'Equation: scroll sideways to read all of it';

/** Focusable, with a name, exactly while `el` is wider than its box. */
export function markScrollable(el: HTMLElement): void {
	const overflows = el.scrollWidth > el.clientWidth + 1;
	if (overflows && !el.hasAttribute('tabindex')) {
		el.tabIndex = 0;
		el.dataset.scrollCue = '';
		// Keep a name the element already has (a live Equation's label), else give it one.
		if (!el.hasAttribute('role')) {
			el.setAttribute('role', 'group');
			el.setAttribute('aria-label', LABEL);
			el.dataset.scrollCue = 'named';
		}
	} else if (!overflows && el.dataset.scrollCue !== undefined) {
		el.removeAttribute('tabindex');
		if (el.dataset.scrollCue === 'named') {
			el.removeAttribute('role');
			el.removeAttribute('aria-label');
		}
		delete el.dataset.scrollCue;
	}
}

/**
 * Watches `root` (its size and its contents) and marks `root` itself, or each descendant that
 * matches `selector`, with markScrollable.
 */
export function scrollCues(selector?: string): Attachment<HTMLElement> {
	return (root) => {
		const update = () => {
			if (!selector) return markScrollable(root);
			for (const el of root.querySelectorAll<HTMLElement>(selector)) markScrollable(el);
		};
		// Reading scrollWidth right after the DOM changed forces a layout of the whole page, on top
		// of the frame's own. After content changes the check waits until the frame is painted,
		// when layout is clean and the read costs nothing (a tab stop one frame late is harmless).
		let pending = false;
		const afterPaint = () => {
			if (pending) return;
			pending = true;
			requestAnimationFrame(() =>
				setTimeout(() => {
					pending = false;
					update();
				})
			);
		};
		// A ResizeObserver reports after layout: checking there forces nothing.
		const resized = new ResizeObserver(update);
		resized.observe(root);
		// With a selector, only mutations that add or change a match call for a check: a figure
		// redrawing its marks inside the root must not.
		const changed = new MutationObserver((records) => {
			if (!selector || records.some((record) => addsMatch(record, selector))) afterPaint();
		});
		changed.observe(root, { childList: true, subtree: true });
		return () => {
			resized.disconnect();
			changed.disconnect();
		};
	};
}

/** Did this mutation change a match for `selector`, or add an element that is or holds one? */
function addsMatch(record: MutationRecord, selector: string): boolean {
	if (record.target instanceof Element && record.target.closest(selector) !== null) return true;
	for (const node of record.addedNodes) {
		if (node instanceof Element && (node.matches(selector) || node.querySelector(selector) !== null)) return true;
	}
	return false;
}
