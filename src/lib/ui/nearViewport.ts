/**
 * Whether an element is near the viewport (within NEAR_MARGIN above or below it), for what waits
 * to redraw while off screen (Equation, Figure's `near`). One IntersectionObserver serves every
 * element on the page, so a lab's forty figures and equations do not each start their own.
 */
const NEAR_MARGIN = '300px 0px';

let observer: IntersectionObserver | null = null;
const listeners = new Map<Element, (near: boolean) => void>();

/** Calls `onChange` with the element's nearness now and on every change; returns what stops it. Without IntersectionObserver (jsdom), never calls: the caller's default stands. */
export function observeNear(element: Element, onChange: (near: boolean) => void): () => void {
	if (typeof IntersectionObserver === 'undefined') return () => {};
	observer ??= new IntersectionObserver((entries) => {
		for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
	}, { rootMargin: NEAR_MARGIN });
	listeners.set(element, onChange);
	observer.observe(element);
	return () => {
		listeners.delete(element);
		observer?.unobserve(element);
	};
}
