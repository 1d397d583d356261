/**
 * Embeds the way other software finds and sizes them:
 * - oEmbed through a real consumer (unfurl.js): it reads each lab and embed page, discovers the
 *   `application/json+oembed` link, fetches the response and parses it, as a blog platform or a
 *   chat would. The pages name the site by the origin it was built for (SITE_ORIGIN, see
 *   src/lib/share/siteOrigin.js); the consumer's fetch maps that origin onto the local server
 *   that serves build/, as DNS would map it for the real host. The preview images it points at
 *   exist in build/ and are the 1200×630 cards.
 * - The Embedly-style and AMP-style listeners of tests/e2e/support/resizeHosts.ts each resize
 *   their iframe to the embed's height, from messages only.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { unfurl } from 'unfurl.js';
import { siteOrigin } from '../../src/lib/share/siteOrigin.js';
import { useBrowser } from './support/guard';
import { serveResizeHosts } from './support/resizeHosts';
import { LIVE_LABS, withQuery } from './support/site';
import { liveLabs } from '../../src/lib/labs/registry';
import { embedTitleOf } from '../../src/lib/labs/declare';

const baseURL = inject('baseURL');

/** The consumer's fetch: the site's public origin is answered by the local server. */
const localFetch = (url: string) => fetch(url.startsWith(siteOrigin) ? baseURL + url.slice(siteOrigin.length) : url);

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'a PNG').toBe('PNG');
	return [view.getUint32(16), view.getUint32(20)];
}

describe('oEmbed, found and read by unfurl.js', () => {
	for (const lab of liveLabs) {
		const pages = [
			{ path: `/labs/${lab.slug}`, embed: `/embed/${lab.slug}`, title: lab.title, image: `/previews/${lab.slug}.png` },
			{ path: `/embed/${lab.slug}`, embed: `/embed/${lab.slug}`, title: lab.title, image: `/previews/${lab.slug}.png` },
			...lab.figures
				.filter((f) => f.embeddable)
				.map((f) => ({
					path: `/embed/${lab.slug}/${f.id}`,
					embed: `/embed/${lab.slug}/${f.id}`,
					title: `${embedTitleOf(f)} · ${lab.title}`,
					image: `/previews/${lab.slug}/${f.id}.png`
				}))
		];
		for (const page of pages) {
			test(`${page.path}: a rich oEmbed of ${page.embed}, and a link preview`, async () => {
				const meta = await unfurl(baseURL + page.path, { fetch: localFetch });
				const oembed = meta.oEmbed;
				expect(oembed?.type).toBe('rich');
				if (oembed?.type !== 'rich') return;
				expect(oembed.version).toBe('1.0');
				expect(oembed.title).toBe(page.title);
				expect(oembed.provider_name).toBe('Deep-learning visual lab');
				expect(oembed.width).toBe(720);
				expect(oembed.height).toBeGreaterThanOrEqual(300);
				expect(oembed.html).toMatch(new RegExp(`^<iframe src="${siteOrigin}${page.embed}" title="[^"]+" width="720" height="${oembed.height}"`));
				expect(oembed.thumbnails?.[0]).toEqual({ url: siteOrigin + page.image, width: 1200, height: 630 });

				// The same card is the page's Open Graph and Twitter image, and its own address is its URL.
				expect(meta.open_graph.images?.[0]?.url).toBe(siteOrigin + page.image);
				expect(meta.open_graph.url).toBe(siteOrigin + page.path);
				expect(meta.open_graph.title).toBe(page.title);
				expect(meta.open_graph.description?.length).toBeGreaterThan(20);
				expect(meta.twitter_card.card).toBe('summary_large_image');
				expect(meta.twitter_card.images[0]?.url).toBe(siteOrigin + page.image);

				const image = await localFetch(siteOrigin + page.image);
				expect(image.status).toBe(200);
				expect(pngSize(new Uint8Array(await image.arrayBuffer()))).toEqual([1200, 630]);
			});
		}
	}
});

describe('hosts with their own resize protocols', () => {
	const browser = useBrowser('wasm');
	let hosts: Awaited<ReturnType<typeof serveResizeHosts>>;
	beforeAll(async () => {
		hosts = await serveResizeHosts();
	});
	afterAll(async () => {
		await hosts.close();
	});

	const lab = LIVE_LABS[0];
	for (const kind of ['embedly', 'amp'] as const) {
		test(`an ${kind === 'amp' ? 'AMP' : 'Embedly'}-style listener sizes its iframe to the embed`, async () => {
			const { page } = await browser.newPage();
			const src = browser.baseURL + withQuery(`/embed/${lab.slug}/${lab.figures[0]}`, { backend: 'wasm' });
			await page.goto(hosts.url(kind, src));
			const frame = page.frameLocator('#embed');
			await frame.locator(`[data-figure="${lab.figures[0]}"]`).waitFor({ state: 'visible', timeout: 30_000 });
			// Once the embed settles, the iframe is as tall as the embed's content, to the pixel.
			let sizes: [number, number] = [0, 0];
			for (let i = 0; i < 100; i++) {
				const content = await frame.locator('main.embed').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
				const iframe = await page.locator('#embed').evaluate((el) => el.getBoundingClientRect().height);
				sizes = [iframe, content];
				if (iframe === content && iframe > 150) break;
				await page.waitForTimeout(200);
			}
			expect(sizes[0], 'iframe height').toBe(sizes[1]);
			expect(sizes[0], 'grown from its starting 150 px').toBeGreaterThan(150);
		});
	}
});
