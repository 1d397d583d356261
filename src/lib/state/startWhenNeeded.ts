/**
 * When a page that opened on prerendered numbers brings its runtime up. A lab page: when the
 * browser is idle (with a time-out), or when a figure is scrolled into view or a control is
 * touched. An embed: only when its figure is visible, so embeds off screen create no session.
 */
import { afterIdle } from '$lib/idle';

/** The longest a lab page waits for idle time before starting the runtime anyway. */
export const IDLE_TIMEOUT_MS = 3000;

/** Calls `start` once on the first trigger; returns the clean-up. */
export function startWhenNeeded(mode: 'idle' | 'visible', start: () => void): () => void {
	let done = false;
	const cleanups: (() => void)[] = [];
	const stop = () => cleanups.splice(0).forEach((clean) => clean());
	const go = () => {
		if (done) return;
		done = true;
		stop();
		start();
	};

	// Figures: on an embed any visible one starts it; on a lab page one coming into view does
	// (those on screen at load wait for idle time, so the first paint stays the reader's).
	let first = true;
	const observer = new IntersectionObserver((entries) => {
		const initial = first;
		first = false;
		if (entries.some((entry) => entry.isIntersecting) && (mode === 'visible' || !initial)) go();
	});
	document.querySelectorAll('[data-figure]').forEach((figure) => observer.observe(figure));
	cleanups.push(() => observer.disconnect());
	if (mode === 'visible') return stop;

	cleanups.push(afterIdle(go, IDLE_TIMEOUT_MS, 1000));
	// A control touched (before its value even changes).
	const touched = (event: Event) => {
		if (event.target instanceof Element && event.target.closest('input, select, button, textarea, [role="slider"]')) go();
	};
	for (const type of ['pointerdown', 'focusin', 'keydown'] as const) {
		document.addEventListener(type, touched, { capture: true });
		cleanups.push(() => document.removeEventListener(type, touched, { capture: true }));
	}
	return stop;
}
