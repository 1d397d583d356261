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
 * Pairs of visible text boxes inside one figure's SVG that overlap: both by more than 2 px
 * across and by more than a quarter of the shorter box's height (stacked lines that merely touch
 * pass). The boxes are those of <text> elements without <tspan>s, and of the <tspan>s.
 */
export function overlappingText(page: Page, root: string): Promise<string[]> {
	return page.evaluate((root) => {
		const visible = (el: Element) => {
			for (let e: Element | null = el; e && e.tagName.toLowerCase() !== 'svg'; e = e.parentElement) {
				const style = getComputedStyle(e);
				if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
			}
			return true;
		};
		const found: string[] = [];
		for (const figure of document.querySelectorAll(`${root} [data-figure]`)) {
			for (const svg of figure.querySelectorAll('svg')) {
				const boxes = [...svg.querySelectorAll('text, tspan')]
					.filter((el) => !el.querySelector('tspan') && el.textContent?.trim() && visible(el))
					.map((el) => ({ text: el.textContent!.trim().slice(0, 30), box: el.getBoundingClientRect() }))
					.filter(({ box }) => box.width > 0 && box.height > 0);
				for (let i = 0; i < boxes.length; i++) {
					for (let j = i + 1; j < boxes.length; j++) {
						const a = boxes[i].box;
						const b = boxes[j].box;
						const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
						const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
						if (across > 2 && down > 0.25 * Math.min(a.height, b.height))
							found.push(`${figure.getAttribute('data-figure')}: "${boxes[i].text}" over "${boxes[j].text}"`);
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
