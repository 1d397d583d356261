/**
 * How the build pictures a figure (linkPreviews.ts): the lab page, JavaScript off, in a window of
 * PICTURE_VIEWPORT, each figure's box taken with PICTURE_STYLE on. tests/e2e/pictures.e2e.ts
 * takes the same pictures another way and compares.
 */
import type { Lab } from '../src/lib/labs/types';
import { previewFigure } from '../src/lib/share/preview';

export const PICTURE_VIEWPORT = { width: 760, height: 1000 };

/** The figures of a lab the build pictures: its preview figure (the hero), then each embeddable one. */
export function picturedFigures(lab: Lab): string[] {
	const hero = previewFigure(lab)?.id;
	return [...new Set([...(hero ? [hero] : []), ...lab.figures.filter((f) => f.embeddable).map((f) => f.id)])];
}

/**
 * Hides what is dead in a picture: the site's header, the control panel, a figure's controls,
 * tools and file pickers, and any other input a figure draws in its body (`data-live-only`).
 *
 * Also turns off the page's skipping of off-screen prose (content-visibility): scrolled to a
 * figure, the prose around it would render and change height after the figure's box was measured,
 * and the picture showed whatever slid into that box (prose, or part of another figure).
 */
export const PICTURE_STYLE =
	'.site-header, .panel, .figure .tools, .figure .message, .figure .controls, .figure .file-input, .figure [data-live-only] { display: none !important; } ' +
	'.article > * { content-visibility: visible !important; }';
