/**
 * Display maths wider than a phone scrolls sideways (theme.css draws a shadow at the edge that
 * has more). A region that really overflows must also be reachable from the keyboard, so these
 * give it tabindex=0 and a name while it overflows, and take them away when it fits again
 * (a tab stop on every equation that fits would only slow keyboard readers down).
 */
import type { Attachment } from 'svelte/attachments';
import { requestIdle } from '$lib/idle';

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
 * True when `el` sits in a content-visibility: auto block that is off screen: the browser skipped
 * its layout, and reading its width would force that layout there and then.
 */
function layoutSkipped(el: HTMLElement): boolean {
	return typeof el.checkVisibility === 'function' && !el.checkVisibility({ contentVisibilityAuto: true });
}

/**
 * markScrollable for `el` now when it is laid out, else when the main thread is idle: measuring an
 * off-screen display forces its block's layout, which cost a lab 12 ms a redraw (memory lab,
 * its live equations) and a long task at hydration. Idle comes soon after the page settles, so
 * an overflowing display further down is a tab stop long before a keyboard reader gets there.
 */
function measureQueue(): (el: HTMLElement) => void {
	const idle = requestIdle();
	if (!idle) return markScrollable;
	const later = new Set<HTMLElement>();
	let scheduled = false;
	const drain = (deadline: IdleDeadline) => {
		scheduled = false;
		// At least one per callback, so a busy page still gets through them.
		for (const el of later) {
			later.delete(el);
			if (el.isConnected) markScrollable(el);
			if (deadline.timeRemaining() < 5) break;
		}
		schedule();
	};
	const schedule = () => {
		if (scheduled || later.size === 0) return;
		scheduled = true;
		idle(drain, { timeout: 1000 });
	};
	return (el) => {
		if (!layoutSkipped(el)) return markScrollable(el);
		later.add(el);
		schedule();
	};
}

/**
 * Watches `root` (its size and its contents) and marks `root` itself, or each descendant that
 * matches `selector`, with markScrollable.
 */
export function scrollCues(selector?: string): Attachment<HTMLElement> {
	return (root) => {
		const all = () => (selector ? Array.from(root.querySelectorAll<HTMLElement>(selector)) : [root]);
		const measure = measureQueue();
		// Only what changed is measured: reading the width of an element the browser has not laid
		// out (off screen, under content-visibility: auto) forces its layout, so checking every
		// equation after each change cost a lab page 12 ms per control change.
		const changedSince = new Set<HTMLElement>();
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
					const els = [...changedSince];
					changedSince.clear();
					// Displays re-rendered while off screen leave the page: let go of them, or the set grows with every change.
					for (const old of offScreen) if (!old.isConnected) offScreen.delete(old);
					for (const el of els) if (el.isConnected) measureChanged(el);
				})
			);
		};
		// A display that changed while its block is off screen (content-visibility: auto skips its
		// layout) is measured when the block is shown again, which the browser announces. Measured
		// at idle instead, it forced that block's layout after every control change, in idle time
		// that double descent's redraws spend waiting on its worker: its bench redraw p95 went from
		// 30 and 28 ms to 24 and 23 (two runs each; medians 16.0 and 14.1 → 14.3 and 14.1). The
		// load's first pass and a new width still measure at idle (measureQueue), so tab stops
		// exist before a keyboard reader arrives.
		const offScreen = new Set<HTMLElement>();
		const announces = typeof HTMLElement !== 'undefined' && 'oncontentvisibilityautostatechange' in HTMLElement.prototype;
		const measureChanged = (el: HTMLElement) => {
			if (announces && layoutSkipped(el)) offScreen.add(el);
			else measure(el);
		};
		const shown = (event: Event) => {
			if ((event as Event & { skipped?: boolean }).skipped !== false || !(event.target instanceof Node)) return;
			for (const el of offScreen) {
				if (!event.target.contains(el)) continue;
				offScreen.delete(el);
				changedSince.add(el);
			}
			if (changedSince.size > 0) afterPaint();
		};
		// On the document: the block may be an ancestor of root (a live Equation) or inside it (an article).
		document.addEventListener('contentvisibilityautostatechange', shown);
		// A new width can change every element's overflow; a new height (prose rendering as it
		// nears the screen) changes none. A ResizeObserver reports after layout: checking there
		// forces nothing for what is laid out.
		let width = -1;
		const resized = new ResizeObserver(() => {
			if (root.clientWidth === width) return;
			width = root.clientWidth;
			for (const el of all()) measure(el);
		});
		resized.observe(root);
		// With a selector, only mutations that add or change a match call for a check: a figure
		// redrawing its marks inside the root must not.
		const changed = new MutationObserver((records) => {
			for (const record of records) for (const el of selector ? matchesIn(record, selector) : [root]) changedSince.add(el);
			if (changedSince.size > 0) afterPaint();
		});
		changed.observe(root, { childList: true, subtree: true });
		return () => {
			resized.disconnect();
			changed.disconnect();
			document.removeEventListener('contentvisibilityautostatechange', shown);
		};
	};
}

/** The matches for `selector` a mutation changed: the one it happened in, and any it added. */
function matchesIn(record: MutationRecord, selector: string): HTMLElement[] {
	const found: HTMLElement[] = [];
	const around = record.target instanceof Element ? record.target.closest<HTMLElement>(selector) : null;
	if (around) found.push(around);
	for (const node of record.addedNodes) {
		if (!(node instanceof HTMLElement)) continue;
		if (node.matches(selector)) found.push(node);
		found.push(...node.querySelectorAll<HTMLElement>(selector));
	}
	return found;
}
