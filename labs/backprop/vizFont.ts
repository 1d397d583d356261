/**
 * The chart font size that applies at `el`, in px. `--viz-font-size` may be an expression (the
 * presentation view's `max(14px, min(1.25vw, 2.222vh))`), which reading the custom property
 * returns unresolved; a font size computed from it is resolved to px.
 */
export function vizFontPx(el: HTMLElement, fallback = 13): number {
	const probe = document.createElement('span');
	probe.style.fontSize = 'var(--viz-font-size)';
	probe.style.position = 'absolute';
	probe.style.visibility = 'hidden';
	el.appendChild(probe);
	const px = parseFloat(getComputedStyle(probe).fontSize);
	probe.remove();
	return Number.isFinite(px) && px > 0 ? px : fallback;
}
