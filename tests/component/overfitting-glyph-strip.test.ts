/**
 * Figure 2's strip of training images: each image is a mask whose alpha is the image's ink, over
 * a square of the text colour. The alpha holds every pixel of the image at the strip's scale
 * (−0.5 → clear, 1.5 → full ink), and each square uses its own image's mask.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import GlyphStrip from '$labs/overfitting/GlyphStrip.svelte';
import { inkAlpha } from '$labs/overfitting/glyphInk';
import { CLASSES, CLASS_NAMES, PIXELS, SIDE, glyphs } from '$labs/overfitting/glyphs';
import { pickExamples } from '$labs/overfitting/summary';

/** The ink a pixel value shows with: linear from −0.5 (none) to 1.5 (full), clipped. */
const ink = (v: number) => Math.min(1, Math.max(0, (v + 0.5) / 2));

const examples = pickExamples(glyphs(64, 3), CLASSES);

describe('the ink of a training image', () => {
	it('is the alpha of every pixel, within half a step of 255; the colour channels stay 0', () => {
		for (const { pixels } of examples) {
			const rgba = inkAlpha(pixels);
			expect(rgba).toHaveLength(4 * PIXELS);
			pixels.forEach((v, p) => {
				expect(Math.abs(rgba[4 * p + 3] / 255 - ink(v)), `pixel ${p}`).toBeLessThanOrEqual(0.5 / 255 + 1e-9);
				expect([rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]]).toEqual([0, 0, 0]);
			});
		}
	});

	it('holds real images: inked and clear pixels in every one', () => {
		for (const { pixels } of examples) {
			const alpha = inkAlpha(pixels).filter((_, i) => i % 4 === 3);
			expect(Math.max(...alpha)).toBeGreaterThan(200);
			expect(Math.min(...alpha)).toBeLessThan(60);
		}
	});

	it('refuses an image of the wrong size', () => {
		expect(() => inkAlpha([0.5, 0.5])).toThrow(/2 pixels/);
	});
});

describe('GlyphStrip', () => {
	it('masks each square of the text colour with its own image, named by its class', () => {
		const { container } = render(GlyphStrip, { examples });
		const svgs = [...container.querySelectorAll('svg')];
		expect(svgs).toHaveLength(examples.length);
		const ids = new Set<string>();
		svgs.forEach((svg, i) => {
			const mask = svg.querySelector('mask')!;
			ids.add(mask.id);
			expect(mask.querySelector('image.heatmap'), 'the mask holds the image').not.toBeNull();
			const square = svg.querySelector('rect.ink')!;
			expect(square.getAttribute('mask')).toBe(`url(#${mask.id})`);
			expect([square.getAttribute('width'), square.getAttribute('height'), square.getAttribute('fill')]).toEqual([String(SIDE), String(SIDE), 'var(--text)']);
			expect(svg.getAttribute('aria-label')).toBe(`a training image of class ${CLASS_NAMES[examples[i].label]}`);
		});
		expect(ids.size, 'one mask id per image').toBe(examples.length);
	});
});
