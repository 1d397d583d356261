/**
 * The build's numbers at first paint (issue 16, items 1, 3 and 6): a lab's figures never pass the
 * build's numbers off as a reader's other settings, a lab of formulas needs no runtime, a scene
 * opens on its own build numbers, and an embed off screen starts no runtime. (Each lab page
 * keeping its prerendered figures when its runtime cannot load is checked in lab.e2e.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { useBrowser } from './support/guard';
import { countMarks, forgive, MARKS, RUNTIME_FILES } from './support/prerendered';
import { LIVE_LABS, withQuery } from './support/site';
import { waitForLabReady, type VlabWindow } from './support/vlab';
import { liveLabs } from '../../src/lib/labs/registry';
import { defaults } from '../../src/lib/state/schema';
import { htmlPages } from '../../scripts/builtPages';
import { STYLESHEET_LINK } from '../../scripts/pageStylesheets';
import { BUILD_DIR } from '../../scripts/serve';

const browser = useBrowser('wasm');

describe('a lab of formulas needs no runtime', () => {
	for (const lab of LIVE_LABS.filter((l) => !l.runsModels)) {
		test(`${lab.slug}: with the runtime refused, it is live and says nothing failed`, async () => {
			const guarded = await browser.newPage({ prerendered: true });
			const asked: string[] = [];
			await guarded.context.route(RUNTIME_FILES, (route: Route) => {
				asked.push(route.request().url());
				return route.abort('failed');
			});
			await guarded.page.goto(browser.baseURL + withQuery(`/labs/${lab.slug}`, { backend: 'wasm' }), { waitUntil: 'load' });
			const ready = await waitForLabReady(guarded.page, 0);
			expect(ready.status).toBe('ready');
			// The runtime of a lab with models starts when the page is idle: give it that chance.
			await guarded.page.waitForTimeout(2000);
			expect(await guarded.page.getByText('The live model could not load').count()).toBe(0);
			expect(asked, 'no runtime file was even asked for').toEqual([]);
		}, 120_000);
	}
});

describe('a reader state other than the default', () => {
	test('shows "computing your settings…" over the faded build numbers, then the live ones', async () => {
		const guarded = await browser.newPage({ prerendered: true });
		// Hold the runtime's files until the waiting state has been seen.
		const held: Route[] = [];
		let holding = true;
		await guarded.context.route(RUNTIME_FILES, async (route) => {
			if (holding) held.push(route);
			else await route.continue();
		});
		// Every frame: while the build's numbers are on show for another state, each figure must be
		// faded and busy (or its own run's pending state), never shown as the reader's.
		await guarded.context.addInitScript(() => {
			const w = window as VlabWindow & { __violations?: string[] };
			w.__violations = [];
			const check = () => {
				const v = w.__vlab;
				if (v?.source === 'prerendered' && v.resultsFor && JSON.stringify(v.resultsFor) !== JSON.stringify(v.state)) {
					for (const figure of document.querySelectorAll('[data-figure]')) {
						if (!figure.querySelector('.body.stale')) w.__violations!.push(`${figure.id} shows the build's numbers unfaded`);
					}
				}
				requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		});
		const { page } = guarded;
		await page.goto(browser.baseURL + withQuery('/labs/vanishing-gradients', { depth: 7, backend: 'wasm' }), { waitUntil: 'load' });
		await page.getByText('computing your settings…').first().waitFor({ timeout: 30_000 });
		const waiting = await page.evaluate(() => {
			const v = (window as VlabWindow).__vlab!;
			return { source: v.source, depth: v.state.depth, resultsForDepth: v.resultsFor?.depth, runs: v.runs };
		});
		expect(waiting).toEqual({ source: 'prerendered', depth: 7, resultsForDepth: 20, runs: 0 });
		const busy = await page.locator('[data-figure][aria-busy="true"]').count();
		expect(busy, 'figures say they are computing').toBeGreaterThan(0);

		holding = false;
		await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
		const ready = await waitForLabReady(page);
		expect(ready.source).toBe('live');
		expect(ready.resultsFor?.depth).toBe(7);
		expect(ready.results?.depth, 'the results are those of depth 7').toBe(7);
		await expect.poll(() => page.getByText('computing your settings…').count()).toBe(0);
		expect(await page.locator('[data-figure] .body.stale').count()).toBe(0);
		expect(await page.evaluate(() => (window as Window & { __violations?: string[] }).__violations)).toEqual([]);
	}, 240_000);

	test("before the page's scripts run, a link with settings of its own fades the build's numbers and controls; one without does not", async () => {
		const guarded = await browser.newPage({ prerendered: true });
		const held: Route[] = [];
		let holding = true;
		// The page's scripts (not the inline one) are held: the page stays as first painted.
		await guarded.context.route('**/_app/immutable/**/*.js', async (route) => {
			if (holding) held.push(route);
			else await route.continue();
		});
		const { page } = guarded;
		const look = () =>
			page.evaluate(() => {
				const content = document.querySelector('[data-figure] .body > .content > *');
				const body = document.querySelector('[data-figure] .body');
				const panel = document.querySelector('aside.panel');
				return {
					marked: document.documentElement.dataset.readerSettings !== undefined,
					opacity: content ? getComputedStyle(content).opacity : null,
					says: body ? getComputedStyle(body, '::after').content : null,
					// The control panel shows the build's settings until hydration puts the link's in it.
					controls: panel ? getComputedStyle(panel).opacity : null
				};
			});
		await page.goto(browser.baseURL + withQuery('/labs/vanishing-gradients', { backend: 'wasm' }), { waitUntil: 'commit' });
		await page.waitForSelector('[data-figure] .body');
		expect(await look(), "default settings: the build numbers are the reader's").toEqual({ marked: false, opacity: '1', says: 'none', controls: '1' });
		await page.goto(browser.baseURL + withQuery('/labs/vanishing-gradients', { depth: 7, backend: 'wasm' }), { waitUntil: 'commit' });
		await page.waitForSelector('[data-figure] .body');
		expect(await look()).toEqual({ marked: true, opacity: '0.15', says: '"computing your settings…"', controls: '0.5' });
		// Hydrated, the page takes over: its figures say it for themselves (faded, busy), then go live.
		holding = false;
		await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
		const ready = await waitForLabReady(page);
		expect(ready.resultsFor?.depth).toBe(7);
		expect((await look()).marked).toBe(false);
		expect((await look()).opacity).toBe('1');
		expect((await look()).controls).toBe('1');
	}, 240_000);

	test('the default state runs no second time: the build numbers are the first results', async () => {
		const guarded = await browser.newPage({ prerendered: true });
		const { page } = guarded;
		await page.goto(browser.baseURL + withQuery('/labs/normalization-axes', { backend: 'wasm' }), { waitUntil: 'load' });
		await page.waitForFunction(() => (window as VlabWindow).__vlab?.status === 'ready', null, { timeout: 60_000 });
		await page.waitForTimeout(500);
		const snap = await page.evaluate(() => ({ runs: (window as VlabWindow).__vlab!.runs, source: (window as VlabWindow).__vlab!.source }));
		expect(snap).toEqual({ runs: 0, source: 'prerendered' });
		// A control change is then computed live.
		await page.evaluate(() => (window as VlabWindow).__vlab!.setState({ seed: 2 }));
		const after = await waitForLabReady(page);
		expect(after.source).toBe('live');
		expect(after.resultsFor?.seed).toBe(2);
	}, 240_000);
});

describe('a reader state other than the default, in the live equations', () => {
	/**
	 * Opens `path` with the browser's KaTeX held (its own chunk): the equations can only be the
	 * prerendered ones, the hidden source, or faded. Every frame once the page's scripts run (before,
	 * the page cannot know the reader's settings), an equation that shows TeX containing `built`
	 * (the build's numbers) unfaded is recorded.
	 */
	async function openHeld(path: string, built: string, holdRuntime: boolean) {
		const chunks = join(BUILD_DIR, '_app/immutable/chunks');
		const katex = readdirSync(chunks).find((file) => readFileSync(join(chunks, file), 'utf8').includes('KaTeX parse error'));
		expect(katex, 'the build has a KaTeX chunk').toBeTruthy();
		const guarded = await browser.newPage({ prerendered: true });
		const held: Route[] = [];
		let holding = true;
		const hold = async (route: Route) => {
			if (holding) held.push(route);
			else await route.continue();
		};
		await guarded.context.route(`**/${katex}`, hold);
		if (holdRuntime) await guarded.context.route(RUNTIME_FILES, hold);
		await guarded.context.addInitScript((built) => {
			const w = window as VlabWindow & { __violations?: string[] };
			w.__violations = [];
			const check = () => {
				if (w.__vlab) for (const eq of document.querySelectorAll('.equation')) {
					const tex = eq.querySelector('annotation')?.textContent ?? '';
					if (tex.includes(built) && getComputedStyle(eq).opacity === '1') w.__violations!.push(tex.slice(0, 60));
				}
				requestAnimationFrame(check);
			};
			requestAnimationFrame(check);
		}, built);
		await guarded.page.goto(browser.baseURL + path, { waitUntil: 'load' });
		const release = async () => {
			holding = false;
			await Promise.all(held.splice(0).map((route) => route.continue().catch(() => undefined)));
		};
		const violations = () => guarded.page.evaluate(() => (window as Window & { __violations?: string[] }).__violations);
		const shown = () => guarded.page.evaluate(() => [...document.querySelectorAll('.equation annotation')].map((a) => a.textContent ?? ''));
		return { page: guarded.page, release, violations, shown };
	}

	test("while the reader's settings compute, the build's typeset equations are faded and busy", async () => {
		const { page, release, violations, shown } = await openHeld(withQuery('/labs/double-descent', { p: 120, backend: 'wasm' }), 'p = 80', true);
		await page.getByText('computing your settings…').first().waitFor({ timeout: 30_000 });
		expect(await page.locator('.equation.stale[aria-busy="true"]').count(), 'faded and busy').toBeGreaterThan(0);
		await release();
		await waitForLabReady(page);
		// The reader's p (on the lab's grid of widths) replaces the build's 80, typeset.
		await expect.poll(async () => (await shown()).some((tex) => /p = (?!80)\d+/.test(tex)), { timeout: 30_000 }).toBe(true);
		await expect.poll(async () => (await shown()).filter((tex) => tex.includes('p = 80')), { timeout: 30_000 }).toEqual([]);
		await expect.poll(() => page.locator('.equation.stale').count(), { timeout: 30_000 }).toBe(0);
		expect(await violations()).toEqual([]);
	}, 120_000);

	test("a lab of formulas shows the reader's numbers from the start, never the build's", async () => {
		// L = 16: the memory lab computes at once; the build's states equation reads Ψ = 12·32·4096² + …
		const { page, release, violations, shown } = await openHeld(withQuery('/labs/memory-and-parallelism', { L: 16 }), '12\\cdot32', false);
		await page.waitForFunction(() => (window as VlabWindow).__vlab?.status === 'ready', null, { timeout: 60_000 });
		await release();
		await expect.poll(async () => (await shown()).some((tex) => tex.includes('12\\cdot16')), { timeout: 30_000 }).toBe(true);
		expect(await violations()).toEqual([]);
	}, 120_000);
});

describe('the presentation view', () => {
	test('a later scene opens on the build numbers for it, with the runtime refused', async () => {
		const lab = liveLabs.find((l) => l.slug === 'normalization-axes')!;
		const scene = 3;
		const expected = { ...defaults(lab.schema), ...lab.scenes[scene - 1].state };
		expect(expected, 'the scene is not the default state').not.toEqual(defaults(lab.schema));
		const refused = await browser.newPage({ prerendered: true });
		await refused.context.route(RUNTIME_FILES, (route: Route) => route.abort('failed'));
		const { page } = refused;
		await page.goto(browser.baseURL + withQuery(`/present/${lab.slug}`, { scene, backend: 'wasm' }), { waitUntil: 'load' });
		await page.getByText('The live model could not load').first().waitFor({ timeout: 60_000 });
		await expect
			.poll(() => page.evaluate(() => JSON.stringify((window as VlabWindow).__vlab?.resultsFor)), { timeout: 10_000 })
			.toBe(JSON.stringify(expected));
		const snap = await page.evaluate(() => {
			const v = (window as VlabWindow).__vlab!;
			return { source: v.source, runs: v.runs, state: v.state };
		});
		expect(snap).toEqual({ source: 'prerendered', runs: 0, state: expected });
		expect(await countMarks(page), 'the scene draws the build numbers').toBeGreaterThan(50);
		expect(await page.locator('[data-figure] .body.stale').count(), 'no figure waits for them').toBe(0);
		expect(await page.getByTestId('prerendered-note').innerText()).toMatch(/the settings of this scene, computed when the site was built/);
		// Each figure's own notice names the scene's settings too, never the lab's defaults.
		const figureTexts = (await page.locator('[data-figure]').allInnerTexts()).join('\n');
		expect(figureTexts).toMatch(/figure shows the settings of this scene, computed when the site was built/);
		expect(figureTexts).not.toMatch(/default settings/);
		await refused.context.close();
		forgive(refused, /console error|ERR_FAILED|model run failed|runtime could not start/);
	}, 240_000);
});

describe('embeds stay light', () => {
	test('a post with three embeds off screen creates no session for them', async () => {
		const guarded = await browser.newPage({ prerendered: true });
		const { page } = guarded;
		const runtime: string[] = [];
		page.on('request', (request) => {
			if (RUNTIME_FILES.test(request.url())) runtime.push(request.url());
		});
		const frames = ['vanishing-gradients/activations', 'double-descent/curve', 'normalization-axes/batch-noise']
			.map((embed) => `<iframe src="/embed/${embed}?backend=wasm" width="640" height="600" title="${embed}"></iframe>`)
			.join('');
		// A blog post of our own origin: a screen of text, then the embeds below it.
		await page.route('**/post-with-embeds', (route) =>
			route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>post</title><div style="height:4000px">text</div>${frames}` })
		);
		await page.goto(browser.baseURL + '/post-with-embeds', { waitUntil: 'load' });
		const embeds = page.frames().filter((frame) => frame.url().includes('/embed/'));
		expect(embeds.length).toBe(3);
		for (const frame of embeds) await frame.waitForFunction(() => (window as VlabWindow).__vlab !== undefined, null, { timeout: 30_000 });
		await page.waitForTimeout(3000);
		for (const frame of embeds) {
			const snap = await frame.evaluate(
				(marks) => ({ status: (window as VlabWindow).__vlab!.status, marks: document.querySelectorAll(marks).length }),
				MARKS
			);
			expect(snap.status, `${frame.url()} has not started its runtime`).toBe('idle');
			expect(snap.marks, `${frame.url()} shows its prerendered figure`).toBeGreaterThan(20);
		}
		expect(runtime, 'no .wasm or .onnx was fetched for embeds off screen').toEqual([]);

		// Scrolled into view, the first embed goes live (its runtime starts).
		await page.locator('iframe').first().scrollIntoViewIfNeeded();
		await embeds[0].waitForFunction(() => (window as VlabWindow).__vlab?.status === 'ready', null, { timeout: 60_000 });
		expect(runtime.some((url) => url.endsWith('.wasm'))).toBe(true);
	}, 240_000);
});

describe('each prerendered page links only the stylesheets it uses', () => {
	// Which lab's components each stylesheet styles, from Vite's manifest of the client build.
	const manifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<string, { src?: string; css?: string[] }>;
	const labOfCss = new Map<string, string>();
	for (const chunk of Object.values(manifest)) {
		const slug = /^labs\/([^/]+)\//.exec(chunk.src ?? '')?.[1];
		if (slug) for (const css of chunk.css ?? []) labOfCss.set(`/${css}`, slug);
	}
	// Linked, then moved into the page (scripts/inlineStyles.ts): each link stays, disabled.
	const linkedBy = (page: string) => [...readFileSync(join(BUILD_DIR, `${page}.html`), 'utf8').matchAll(/<link href="([^"]+\.css)" rel="stylesheet"(?: disabled)?>/g)].map((m) => m[1]);

	test.each(LIVE_LABS.map((lab) => lab.slug))("%s: its own figures' styles, no other lab's", (slug) => {
		const labs = linkedBy(`labs/${slug}`).map((href) => labOfCss.get(href)).filter(Boolean);
		expect(labs.length, 'the figures rendered into the page keep their styles').toBeGreaterThan(0);
		expect(new Set(labs)).toEqual(new Set([slug]));
	});

	test("the index links no lab's figure styles", () => {
		expect(linkedBy('index').filter((href) => labOfCss.has(href))).toEqual([]);
	});

	test('no page waits for a stylesheet before its first paint: their rules are in the page', () => {
		const pages = htmlPages(BUILD_DIR);
		expect(pages.length).toBeGreaterThan(3 * LIVE_LABS.length);
		// match(), not test(): the shared pattern is global, and test() would carry its lastIndex from page to page.
		const blocking = pages.filter((page) => readFileSync(page, 'utf8').match(STYLESHEET_LINK) !== null);
		expect(blocking.map((page) => page.slice(BUILD_DIR.length))).toEqual([]);
		const lab = readFileSync(join(BUILD_DIR, 'labs/optimizers.html'), 'utf8');
		for (const href of linkedBy('labs/optimizers')) expect(lab, `${href}'s rules`).toContain(readFileSync(join(BUILD_DIR, href), 'utf8').trim());
	});
});

describe('live equations at first paint', () => {
	// Every page of a lab: its page, its scenes, its embeds.
	const pages = LIVE_LABS.flatMap((lab) => [`labs/${lab.slug}`, `present/${lab.slug}`, `embed/${lab.slug}`]);
	const html = (page: string) => readFileSync(join(BUILD_DIR, `${page}.html`), 'utf8');
	/** Each live equation's markup (Equation.svelte), up to the next one. */
	const equations = (text: string) => text.split(/<(?:div|span) class="equation\b/).slice(1);

	test('are typeset in the prerendered HTML (KaTeX on the server), none left as hidden TeX', () => {
		const untypeset = pages.filter((page) => equations(html(page)).some((eq) => !/^[^>]*>\s*(?:<!---->)?\s*<span class="katex/.test(eq)));
		expect(untypeset).toEqual([]);
		// The memory lab's article has six: each typeset with its numbers.
		const memory = equations(html('labs/memory-and-parallelism'));
		expect(memory.length).toBeGreaterThanOrEqual(6);
		expect(memory.every((eq) => eq.includes('<annotation encoding="application/x-tex">'))).toBe(true);
	});
});

describe('numbers at first paint keep their size', () => {
	test("the vanishing-gradients page writes layer 1's vanished gradient norms as powers of ten, not as 0", () => {
		// The default sigmoid stack shrinks them to about 10⁻¹³, far below the 10⁻¹² under which
		// formatNumber reads a value as rounding noise; they are measured, so formatMagnitude.
		const text = readFileSync(join(BUILD_DIR, 'labs/vanishing-gradients.html'), 'utf8')
			.replace(/<[^>]+>/g, '')
			.replace(/\u2060/g, '')
			.replace(/\s+/g, ' ');
		expect(text).toMatch(/at layer 1, ‖∂L\/∂h₁‖ = \d(\.\d+)?×10⁻¹\S+ and ‖∂L\/∂W₁‖ = \d(\.\d+)?×10⁻¹/);
		expect(text).toMatch(/The weight gradient at layer 1 is \d(\.\d+)?×10⁻¹/);
	});
});

describe("an article's static maths", () => {
	// The double-descent article: dozens of static formulas (its live equations are left out).
	const LAB = 'double-descent';
	const FORMULAS = '.article .math .katex';
	/** Each static formula's TeX, in page order, from KaTeX's MathML annotation. */
	const texOf = (page: Page) => page.locator(`${FORMULAS} annotation`).allTextContents();
	const decode = (text: string) =>
		text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&amp;', '&');
	/** The same, read from the prerendered HTML file. */
	const built = () => {
		const html = readFileSync(join(BUILD_DIR, `labs/${LAB}.html`), 'utf8');
		const formula = /class="math math-(?:inline|display)">(?:<!---->)?<span class="katex[^"]*">.*?<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/gs;
		return [...html.matchAll(formula)].map((m) => decode(m[1]));
	};

	test("no script of the site carries an article's typeset HTML (the browser gets the TeX)", () => {
		const dir = join(BUILD_DIR, '_app/immutable');
		const scripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
		expect(scripts.length).toBeGreaterThan(50);
		const typeset = scripts.filter((file) => readFileSync(join(dir, file), 'utf8').includes('class="katex"><span class="katex-mathml">'));
		expect(typeset).toEqual([]);
	});

	test('a page load keeps the typeset formulas of the HTML: hydration removes none of them', async () => {
		const guarded = await browser.newPage({ prerendered: true });
		// From the first byte: every typeset static formula taken out of the page is counted (not
		// the live equations', which KaTeX typesets again once the browser has it).
		await guarded.context.addInitScript(() => {
			const w = window as { __formulasRemoved?: number };
			w.__formulasRemoved = 0;
			new MutationObserver((records) => {
				for (const record of records) {
					if (!(record.target instanceof Element && record.target.matches('.math-inline, .math-display'))) continue;
					for (const node of record.removedNodes) if (node instanceof Element && node.matches('.katex')) w.__formulasRemoved! += 1;
				}
			}).observe(document, { childList: true, subtree: true });
		});
		const { page } = guarded;
		await page.goto(`${browser.baseURL}/labs/${LAB}`, { waitUntil: 'load' });
		await page.waitForFunction(() => (window as VlabWindow).__vlab !== undefined);
		await page.waitForTimeout(1500);
		const expected = built();
		expect(expected.length).toBeGreaterThan(20);
		expect(await texOf(page)).toEqual(expected);
		expect(await page.evaluate(() => (window as { __formulasRemoved?: number }).__formulasRemoved)).toBe(0);
	}, 120_000);

	test('a lab reached by a link inside the site typesets its formulas in the browser', async () => {
		const { page } = await browser.newPage({ prerendered: true });
		// From a hydrated page, links navigate in the page (a marker on window survives them).
		await page.goto(`${browser.baseURL}/labs/vanishing-gradients`, { waitUntil: 'load' });
		await page.waitForFunction(() => (window as VlabWindow).__vlab !== undefined);
		await page.evaluate(() => void ((window as { __samePage?: boolean }).__samePage = true));
		await Promise.all([page.waitForURL(`${browser.baseURL}/`), page.locator('header a[href="/"]').first().click()]);
		await Promise.all([page.waitForURL(`**/labs/${LAB}`), page.locator(`a[href="/labs/${LAB}"]`).first().click()]);
		expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage), 'navigated inside the page').toBe(true);
		const expected = built();
		await expect.poll(() => texOf(page), { timeout: 30_000 }).toEqual(expected);
	}, 120_000);
});
