/**
 * Figure 2's strip of training images: each image is a mask whose alpha is the image's ink, over
 * a square of the text colour. The mask's PNG, decoded here, holds every pixel of the image at
 * the strip's scale (−0.5 → clear, 1.5 → full ink), and each square uses its own image's mask.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import { decode } from 'fast-png';
import GlyphStrip from '$labs/overfitting/GlyphStrip.svelte';
import { CLASSES, CLASS_NAMES, PIXELS, SIDE, glyphs } from '$labs/overfitting/glyphs';
import { pickExamples } from '$labs/overfitting/summary';

/** The ink a pixel value shows with: linear from −0.5 (none) to 1.5 (full), clipped. */
const ink = (v: number) => Math.min(1, Math.max(0, (v + 0.5) / 2));

function alphaOf(href: string): Uint8Array {
	const png = decode(Uint8Array.from(atob(href.replace('data:image/png;base64,', '')), (c) => c.charCodeAt(0)));
	expect([png.width, png.height]).toEqual([SIDE, SIDE]);
	const out = new Uint8Array(PIXELS);
	for (let p = 0; p < PIXELS; p++) out[p] = png.channels === 4 ? png.data[4 * p + 3] : 255;
	return out;
}

describe('GlyphStrip', () => {
	const examples = pickExamples(glyphs(64, 3), CLASSES);

	it('masks each square with its own image: alpha = the ink of every pixel, within one step of 255', () => {
		const { container } = render(GlyphStrip, { examples });
		const svgs = [...container.querySelectorAll('svg')];
		expect(svgs).toHaveLength(examples.length);
		const ids = new Set<string>();
		svgs.forEach((svg, i) => {
			const mask = svg.querySelector('mask')!;
			ids.add(mask.id);
			expect(svg.querySelector('rect.ink')!.getAttribute('mask')).toBe(`url(#${mask.id})`);
			expect(svg.getAttribute('aria-label')).toBe(`a training image of class ${CLASS_NAMES[examples[i].label]}`);
			const alpha = alphaOf(mask.querySelector('image')!.getAttribute('href')!);
			examples[i].pixels.forEach((v, p) => expect(Math.abs(alpha[p] / 255 - ink(v)), `image ${i}, pixel ${p}`).toBeLessThanOrEqual(0.5 / 255 + 1e-9));
		});
		expect(ids.size, 'one mask id per image').toBe(examples.length);
	});

	it('draws real images: inked and clear pixels in every one', () => {
		const { container } = render(GlyphStrip, { examples });
		for (const image of container.querySelectorAll('mask image')) {
			const alpha = alphaOf(image.getAttribute('href')!);
			expect(Math.max(...alpha)).toBeGreaterThan(200);
			expect(Math.min(...alpha)).toBeLessThan(60);
		}
	});
});
