import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's content width (whole pixels) each time its size changes, from a
 * ResizeObserver alone. Svelte's `bind:clientWidth` also reads the width as the element mounts:
 * during hydration that read forced a layout of the page at every chart, inside the hydration
 * task. The observer's first report arrives after the browser's own layout, before the frame is
 * painted, and takes the width from the entry instead of reading it again. An element with no
 * size (hidden) is not reported until it has one.
 */
export function observeWidth(report: (width: number) => void): Attachment<HTMLElement> {
	return (element) => {
		const observer = new ResizeObserver((entries) => report(Math.round(entries[entries.length - 1].contentRect.width)));
		observer.observe(element);
		return () => observer.disconnect();
	};
}
