/**
 * The first screen of a lab shows its hero figure, on a laptop and on a phone, and nothing is
 * wider than a phone's screen. The hero is moved out of the article, not repeated; once the
 * model has answered, no figure still says it is computing. The index shows each lab's still.
 */
import { describe, expect, test } from 'vitest';
import { liveLabs } from '../../src/lib/labs/registry';
import { previewFigure } from '../../src/lib/share/preview';
import { useBrowser } from './support/guard';
import { withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

const SCREENS = [
	{ name: 'laptop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
] as const;

describe('the first screen of a lab', () => {
	const browser = useBrowser('wasm');

	for (const lab of liveLabs) {
		for (const screen of SCREENS) {
			test(`${lab.slug} at ${screen.width}×${screen.height}: the hero is on the first screen`, async () => {
				expect(lab.hero, `${lab.slug} declares a hero figure`).toBeTruthy();
				const viewport = { width: screen.width, height: screen.height };
				const { page } = await browser.open(withQuery(`/labs/${lab.slug}`, { backend: 'wasm' }), { viewport });
				await waitForLabReady(page);

				const layout = await page.evaluate((hero) => {
					const figures = document.querySelectorAll(`figure[data-figure="${hero}"]`);
					const figure = figures[0];
					const chart = figure?.querySelector('.body');
					const top = (el: Element | null | undefined) => (el ? el.getBoundingClientRect().top + scrollY : null);
					return {
						copies: figures.length,
						figureTop: top(figure),
						chartTop: top(chart),
						scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
						stillComputing: document.querySelectorAll('[data-testid="figure-computing"], figure[aria-busy="true"]').length
					};
				}, lab.hero);

				expect(layout.copies, 'the hero figure appears once (moved, not repeated)').toBe(1);
				expect(layout.figureTop).not.toBeNull();
				expect(layout.figureTop!, 'the hero starts inside the first screen').toBeGreaterThanOrEqual(0);
				expect(layout.figureTop!, 'the hero starts inside the first screen').toBeLessThan(screen.height);
				expect(layout.chartTop!, "the hero's chart, not only its title, starts on the first screen").toBeLessThan(screen.height);
				if (screen.width === 390) expect(layout.scrollWidth, 'nothing overflows the phone sideways').toBeLessThanOrEqual(390);
				expect(layout.stillComputing, 'no figure says "computing" once the model has answered').toBe(0);
			});
		}
	}
});

describe('the index', () => {
	const browser = useBrowser('wasm');

	test("each lab's card shows its hero picture (drawn by the build), sized and described, and fits a phone", async () => {
		const { page } = await browser.open('/', { viewport: { width: 390, height: 844 } });
		for (const lab of liveLabs) {
			const img = page.locator(`a[href$="labs/${lab.slug}"] img`);
			await img.scrollIntoViewIfNeeded();
			const shown = await img.evaluate(async (el: HTMLImageElement) => {
				await el.decode();
				return { src: el.getAttribute('src'), alt: el.alt, natural: el.naturalWidth, box: el.getBoundingClientRect().height };
			});
			expect(shown.src).toBe(`/stills/${lab.slug}/${previewFigure(lab)?.id}.png`);
			expect(shown.natural, 'the picture loaded').toBeGreaterThan(100);
			expect(shown.box, 'the card holds its room').toBeGreaterThan(100);
			expect(shown.alt.length).toBeGreaterThan(10);
		}
		expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
	});
});
