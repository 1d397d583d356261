/**
 * The Content-Security-Policy (src/lib/csp/directives.js, written into each page by SvelteKit):
 * - every built page carries it as a <meta>, before any script, and it names the hash of every
 *   inline script and style of that page, computed here from the file itself;
 * - pages run their models under it with no violation: the shared guard (support/guard.ts)
 *   fails any e2e test on a violation, so every page is checked on WASM by the other files and
 *   every lab page on WebGPU by lab.e2e; this file adds one page of each other kind on WebGPU;
 * - the figure exports work under it too.
 * The bench page (/bench/training, TensorFlow.js) shares the policy (one per site) and is checked
 * in the built file here, but not run: its full benchmark takes minutes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { liveLabs } from '$lib/labs/registry';
import { htmlPages } from '../../scripts/builtPages';
import { BUILD_DIR } from '../../scripts/serve';
import type { BrowserKind } from './support/chromium';
import { useBrowser, type CspViolation, type CspWindow } from './support/guard';
import { sitePages, withQuery } from './support/site';
import { waitForLabReady } from './support/vlab';

/** The policy of a built page, directive → sources, read from its <meta http-equiv>. */
function metaPolicies(html: string): Map<string, string[]>[] {
	const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"\s*\/?>/gi)];
	return metas.map(([, content]) => {
		const policy = new Map<string, string[]>();
		for (const directive of content.replaceAll('&#39;', "'").replaceAll('&quot;', '"').split(';')) {
			const [name, ...sources] = directive.trim().split(/\s+/);
			if (name) policy.set(name, sources);
		}
		return policy;
	});
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The text of each inline <script> / <style> (those with no src). */
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
const inlineStyles = (html: string) => [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);

describe('the built pages carry the policy', () => {
	const files = htmlPages(BUILD_DIR);
	const name = (file: string) => relative(BUILD_DIR, file);

	test('there are pages to check', () => {
		// index, the embed gallery, the bench page, and per lab: page, embed, presentation.
		expect(files.length).toBeGreaterThanOrEqual(3 + 3 * liveLabs.length);
	});

	test('each page has exactly one policy <meta>, before its first script', () => {
		for (const file of files) {
			const html = readFileSync(file, 'utf8');
			expect(metaPolicies(html).length, `${name(file)}: CSP <meta> count`).toBe(1);
			const meta = html.search(/<meta http-equiv="content-security-policy"/i);
			const firstScript = html.search(/<script|<link[^>]*rel="modulepreload"/i);
			expect(firstScript, `${name(file)} has a script`).toBeGreaterThan(-1);
			expect(meta, `${name(file)}: the policy comes before the first script`).toBeLessThan(firstScript);
		}
	});

	test('scripts: own files, WASM compilation, and each inline script by its hash; never inline or eval', () => {
		for (const file of files) {
			const html = readFileSync(file, 'utf8');
			const [policy] = metaPolicies(html);
			const scriptSrc = policy.get('script-src') ?? [];
			expect(scriptSrc, name(file)).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
			expect(scriptSrc, name(file)).not.toContain("'unsafe-inline'");
			expect(scriptSrc, name(file)).not.toContain("'unsafe-eval'");
			expect(scriptSrc.filter((s) => !s.startsWith("'")), `${name(file)}: no host sources`).toEqual([]);
			const inline = inlineScripts(html);
			expect(inline.length, `${name(file)}: SvelteKit's bootstrap`).toBeGreaterThan(0);
			for (const script of inline) expect(scriptSrc, `${name(file)}: hash of an inline script`).toContain(sha256(script));
			for (const style of inlineStyles(html)) {
				expect(policy.get('style-src-elem'), `${name(file)}: hash of an inline style`).toContain(sha256(style));
			}
			// Inline event handlers and javascript: URLs could never run under this policy.
			expect(html.match(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi) ?? [], `${name(file)}: inline event handlers`).toEqual([]);
			expect(html.match(/(href|src|action)="\s*javascript:[^"]*"/gi) ?? [], `${name(file)}: javascript: URLs`).toEqual([]);
		}
	});

	test('the other directives: no plugins, no foreign base, fonts and connections from this origin only', () => {
		for (const file of files) {
			const [policy] = metaPolicies(readFileSync(file, 'utf8'));
			expect(policy.get('default-src'), name(file)).toEqual(["'self'"]);
			expect(policy.get('object-src'), name(file)).toEqual(["'none'"]);
			expect(policy.get('base-uri'), name(file)).toEqual(["'self'"]);
			expect(policy.get('font-src'), name(file)).toEqual(["'self'"]);
			expect(policy.get('connect-src'), name(file)).toEqual(["'self'"]);
			expect(policy.get('worker-src'), name(file)).toEqual(["'self'"]);
			expect(policy.get('img-src'), name(file)).toEqual(["'self'", 'blob:', 'data:']);
			expect(policy.get('style-src-elem'), name(file)).not.toContain("'unsafe-inline'");
			// A <meta> cannot carry these: browsers ignore them there.
			expect(policy.has('frame-ancestors'), name(file)).toBe(false);
		}
	});

	test('fonts and stylesheet images are files, not data: URLs (font-src allows no data:)', () => {
		const assets = join(BUILD_DIR, '_app', 'immutable', 'assets');
		const css = readdirSync(assets).filter((f) => f.endsWith('.css'));
		const dataUrls = css.flatMap((f) => readFileSync(join(assets, f), 'utf8').match(/url\(\s*['"]?data:[^)]{0,40}/g) ?? []);
		expect(dataUrls, 'data: URLs in the stylesheets').toEqual([]);
		const fontUrls = css.flatMap((f) => [...readFileSync(join(assets, f), 'utf8').matchAll(/@font-face\s*{[^}]*}/g)].map((m) => m[0]));
		expect(fontUrls.length, 'KaTeX declares its fonts').toBeGreaterThan(10);
		expect(fontUrls.filter((rule) => rule.includes('data:'))).toEqual([]);
		expect(readdirSync(assets).filter((f) => f.startsWith('KaTeX_') && f.endsWith('.woff2')).length).toBeGreaterThan(10);
	});
});

/** What the page's own listener recorded (the guard's init script), in every loaded frame. */
async function violations(page: Page): Promise<CspViolation[]> {
	// A lazy iframe that never loaded has no document to ask: skip it, and never wait on one.
	const loaded = page.frames().filter((frame: Frame) => frame.url().startsWith('http'));
	const ask = (frame: Frame) =>
		Promise.race([
			frame.evaluate(() => (window as CspWindow).__cspViolations ?? null).catch(() => null),
			new Promise<null>((done) => setTimeout(() => done(null), 5_000))
		]);
	return (await Promise.all(loaded.map(ask))).flatMap((v) => v ?? []);
}

/** The policy the browser is enforcing, as read from the live document. */
const livePolicy = (page: Page) =>
	page.evaluate(() => document.querySelector('meta[http-equiv="content-security-policy" i]')?.getAttribute('content') ?? null);

interface PageUnderTest {
	path: string;
	/** Has window.__vlab: its models must have run. */
	live: boolean;
}

/**
 * The WebGPU runs. Every lab page already runs on WebGPU under the guard in lab.e2e (a violation
 * fails it), and embeds and presentations load the same bundles and models as the lab pages; so
 * one page of each other kind is enough here, each from a different lab to cover more figures.
 * (All forty pages took nine minutes of a run that must stay under twenty.)
 */
function pagesUnderTest(): PageUnderTest[] {
	const lab = (i: number) => liveLabs[i % liveLabs.length];
	const figureEmbed = sitePages().find((p) => p.figure && p.path.startsWith(`/embed/${lab(1).slug}/`)) ?? sitePages().find((p) => p.figure);
	return [
		{ path: '/', live: false },
		{ path: '/embed', live: false },
		{ path: `/embed/${lab(0).slug}`, live: true },
		...(figureEmbed ? [{ path: figureEmbed.path, live: true }] : []),
		{ path: `/present/${lab(2).slug}`, live: true }
	];
}

for (const kind of ['webgpu'] as const satisfies BrowserKind[]) {
	describe(`a page of each kind runs under the policy on ${kind}`, () => {
		const browser = useBrowser(kind);

		for (const { path, live } of pagesUnderTest()) {
			test(`${path}`, async () => {
				const { page } = await browser.open(withQuery(path, { backend: kind }));
				expect(await livePolicy(page), 'the policy <meta> is in the page').toContain("script-src 'self' 'wasm-unsafe-eval'");
				if (live) {
					const snap = await waitForLabReady(page);
					expect(snap.status).toBe('ready');
					expect(snap.backend).toBe(kind);
				} else if (path === '/embed') {
					// The gallery frames our own embed pages (frame-src 'self') when asked to run one: the
					// first one loads, under its own policy. Its model runs are the embed pages' own tests
					// above; a dozen frames running models at once is too slow for a 2-core machine.
					await page.getByRole('button', { name: /^Run it live/ }).first().click();
					const frame = await (await page.locator('iframe').first().elementHandle())?.contentFrame();
					if (!frame) throw new Error('the gallery has no iframe');
					await frame.waitForLoadState('domcontentloaded', { timeout: 60_000 });
					expect(frame.url()).toContain('/embed/');
					expect(await frame.evaluate(() => document.querySelector('meta[http-equiv="content-security-policy" i]') !== null)).toBe(true);
				}
				expect(await violations(page)).toEqual([]);
			});
		}
	});
}

describe('figure exports run under the policy', () => {
	const browser = useBrowser('wasm');

	test('SVG and PNG exports (the PNG is drawn through a blob: image)', async () => {
		const { page } = await browser.open(withQuery(`/labs/${liveLabs[0].slug}`, { backend: 'wasm' }));
		await waitForLabReady(page);
		const exports = page.getByRole('group', { name: /^Export/ }).first();
		for (const format of ['SVG', 'PNG']) {
			const [download] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: format }).click()]);
			expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
			expect(await download.failure()).toBeNull();
		}
		expect(await violations(page)).toEqual([]);
	});
});
