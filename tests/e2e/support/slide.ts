/**
 * What a projected slide must be, measured in the page: it fits the screen (a clicker cannot
 * scroll), its text is large, no two labels inside a figure's SVG sit on each other, and the
 * figures the scene declares are on screen.
 */
import type { Page } from 'playwright-core';

/** Visible text smaller than `min` px on screen (SVG text scaled by its transform), deduplicated. */
export function smallText(page: Page, min: number): Promise<string[]> {
	return page.evaluate((min) => {
		const found = new Set<string>();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent?.trim();
			const el = node.parentElement;
			if (!text || !el) continue;
			// KaTeX's MathML copy is for screen readers, its struts are empty.
			if (el.closest('.katex-mathml, .vlist-s, .visually-hidden, dialog:not([open]), [hidden]')) continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
			const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
			const scale = ctm ? Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c)) : 1;
			const px = parseFloat(getComputedStyle(el).fontSize) * scale;
			if (px < min) found.add(`${px.toFixed(1)} px: "${text.slice(0, 40)}" (${el.tagName.toLowerCase()}.${[...el.classList].join('.')})`);
		}
		return [...found];
	}, min);
}

/** How far the page scrolls, in px, vertically and sideways (0 when it fits the viewport). */
export function overflow(page: Page): Promise<{ down: number; across: number }> {
	return page.evaluate(() => {
		const root = document.scrollingElement ?? document.documentElement;
		return { down: root.scrollHeight - innerHeight, across: root.scrollWidth - innerWidth };
	});
}

/**
 * Pairs of visible text boxes inside one figure's SVG that overlap. A box is the text's own
 * rectangle (getBBox) carried to the screen by its transform, so rotated labels are compared as
 * drawn, not by their inflated screen-aligned bounds. Two boxes overlap when their projections
 * overlap on every edge direction of both (separating axes) by more than 2 px, and across the
 * lines by more than a quarter of the shorter box's height (stacked lines that touch pass).
 * The boxes are those of <text> elements without <tspan>s, and of the <tspan>s.
 */
export function overlappingText(page: Page, root: string): Promise<string[]> {
	return page.evaluate((root) => {
		type Pt = { x: number; y: number };
		const visible = (el: Element) => {
			for (let e: Element | null = el; e && e.tagName.toLowerCase() !== 'svg'; e = e.parentElement) {
				const style = getComputedStyle(e);
				if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
			}
			return true;
		};
		const corners = (el: SVGGraphicsElement): Pt[] | null => {
			const b = el.getBBox();
			const m = el.getScreenCTM();
			if (!m || b.width === 0 || b.height === 0) return null;
			const at = (x: number, y: number) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
			return [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height), at(b.x, b.y + b.height)];
		};
		const len = (a: Pt, b: Pt) => Math.hypot(b.x - a.x, b.y - a.y);
		/** How far two quads overlap along a unit axis. */
		const depth = (p: Pt[], q: Pt[], ax: Pt) => {
			const proj = (r: Pt[]) => r.map((c) => c.x * ax.x + c.y * ax.y);
			const [a, b] = [proj(p), proj(q)];
			return Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b));
		};
		const unit = (a: Pt, b: Pt): Pt => ({ x: (b.x - a.x) / len(a, b), y: (b.y - a.y) / len(a, b) });
		const found: string[] = [];
		for (const figure of document.querySelectorAll(`${root} [data-figure]`)) {
			for (const svg of figure.querySelectorAll('svg')) {
				const boxes = [...svg.querySelectorAll<SVGGraphicsElement>('text, tspan')]
					.filter((el) => !el.querySelector('tspan') && el.textContent?.trim() && visible(el))
					.map((el) => ({ text: el.textContent!.trim().slice(0, 30), quad: corners(el) }))
					.filter((b): b is { text: string; quad: Pt[] } => b.quad !== null);
				for (let i = 0; i < boxes.length; i++) {
					for (let j = i + 1; j < boxes.length; j++) {
						const [p, q] = [boxes[i].quad, boxes[j].quad];
						const lines = Math.min(len(p[1], p[2]), len(q[1], q[2]));
						const along = [unit(p[0], p[1]), unit(q[0], q[1])];
						const across = [unit(p[1], p[2]), unit(q[1], q[2])];
						const hit =
							along.every((ax) => depth(p, q, ax) > 2) && across.every((ax) => depth(p, q, ax) > Math.max(2, 0.25 * lines));
						if (hit) found.push(`${figure.getAttribute('data-figure')}: "${boxes[i].text}" over "${boxes[j].text}"`);
					}
				}
			}
		}
		return found;
	}, root);
}

/** Where each figure with `data-figure` inside `root` is on screen (or that it is missing). */
export function figureBoxes(page: Page, root: string): Promise<{ id: string; top: number; bottom: number; left: number; right: number }[]> {
	return page.evaluate((root) => {
		return [...document.querySelectorAll(`${root} [data-figure]`)].map((el) => {
			const box = el.getBoundingClientRect();
			return { id: el.getAttribute('data-figure') ?? '', top: box.top, bottom: box.bottom, left: box.left, right: box.right };
		});
	}, root);
}
