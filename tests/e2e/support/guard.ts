/**
 * Browser fixtures for the e2e files: one Chromium per file (WASM or WebGPU flags), a fresh
 * context per page, and a guard that fails the running test on any console error, uncaught page
 * error, Content-Security-Policy violation, request to an origin other than this machine (such
 * requests also fail: the tests' Chromium resolves no other host, see chromium.ts), or Svelte
 * warning that hydration failed (it then throws the server's HTML away and renders again).
 */
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchTestChromium, type BrowserKind } from './chromium';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Where globalSetup serves build/, e.g. http://127.0.0.1:41234 */
		baseURL: string;
	}
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** True for URLs that would leave this machine. data:, blob:, about: stay local. */
export function isForeign(url: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	return NETWORK_PROTOCOLS.has(parsed.protocol) && !LOCAL_HOSTS.has(parsed.hostname);
}

/** What a `securitypolicyviolation` event said, as recorded in the page (`window.__cspViolations`). */
export interface CspViolation {
	directive: string;
	blocked: string;
	source: string;
	line: number;
	page: string;
}

export type CspWindow = Window & { __cspViolations?: CspViolation[] };

const CSP_BINDING = '__vlabCspViolation';

/**
 * Runs in every frame before its own scripts: records each Content-Security-Policy violation on
 * `window.__cspViolations` and hands it to the test through the binding (which outlives the page).
 */
function recordCspViolations(binding: string): void {
	const seen: CspViolation[] = ((window as CspWindow).__cspViolations = []);
	window.addEventListener(
		'securitypolicyviolation',
		(event) => {
			const violation = {
				directive: event.effectiveDirective,
				blocked: event.blockedURI,
				source: event.sourceFile,
				line: event.lineNumber,
				page: location.href
			};
			seen.push(violation);
			(window as unknown as Record<string, ((v: CspViolation) => void) | undefined>)[binding]?.(violation);
		},
		true
	);
}

/** Fails the test on any CSP violation in any frame of the context (first-party or embedded). */
export async function guardCsp(context: BrowserContext, problems: string[]): Promise<void> {
	await context.exposeBinding(CSP_BINDING, (_source, v: CspViolation) => {
		problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || '?'} at ${v.source || '?'}:${v.line} on ${v.page}`);
	});
	await context.addInitScript(recordCspViolations, CSP_BINDING);
}

export interface GuardedPage {
	page: Page;
	context: BrowserContext;
	/** What went wrong so far (console errors, page errors, CSP violations, foreign requests). */
	problems: string[];
}

/**
 * Watches a context: records foreign requests (from pages, frames and service workers; the
 * browser's host rules make them fail) and CSP violations.
 */
export async function guardContext(context: BrowserContext, problems: string[]): Promise<void> {
	await guardCsp(context, problems);
	context.on('request', (request) => {
		const url = request.url();
		if (isForeign(url) && !problems.some((p) => p.includes(url))) {
			problems.push(`request to another origin: ${url}`);
		}
	});
}

/** The page's last console warnings: a lab logs why a run failed there, and a test that sees the failure quotes them. */
export const recentWarnings = new WeakMap<Page, string[]>();
const KEPT_WARNINGS = 5;
/** Svelte's production warnings about hydration name their code in a link (svelte.dev/e/hydration_mismatch). */
const HYDRATION_WARNING = /svelte\.dev\/e\/hydration_/;

export function guardPage(page: Page, problems: string[]): void {
	const warnings: string[] = [];
	recentWarnings.set(page, warnings);
	page.on('console', (message) => {
		if (message.type() === 'warning') {
			warnings.push(message.text().slice(0, 500));
			if (warnings.length > KEPT_WARNINGS) warnings.shift();
			if (HYDRATION_WARNING.test(message.text())) problems.push(`hydration failed: ${message.text()}`);
		}
		if (message.type() === 'error') {
			const where = message.location();
			problems.push(`console error: ${message.text()}${where.url ? ` (at ${where.url}:${where.lineNumber})` : ''}`);
		}
	});
	page.on('pageerror', (error) => {
		problems.push(`uncaught page error: ${error.stack ?? error.message}`);
	});
}

/**
 * `prerendered: true` keeps the page as readers get it: the build's numbers first, the runtime
 * started when needed. By default a test's page drops them on mount and runs the live model at
 * once (`__vlabNoPrerender`), so tests of the live model see the live model's numbers.
 *
 * Service workers are blocked unless a test asks for them (`serviceWorkers: 'allow'`): the worker
 * precaches the whole site (~47 MB) in every fresh context, seconds of CPU per page that only
 * the offline tests need.
 */
export type PageOptions = BrowserContextOptions & { prerendered?: boolean };

export interface BrowserFixture {
	baseURL: string;
	/** A page in a fresh guarded context; closed (and its problems checked) after the test. */
	newPage(options?: PageOptions): Promise<GuardedPage>;
	/** Navigates and checks the server answered 200. */
	open(path: string, options?: PageOptions): Promise<GuardedPage>;
}

/**
 * Call at the top of a test file: launches Chromium before the file's tests, closes it after,
 * and after each test closes its pages and fails the test if any of them saw a problem.
 */
export function useBrowser(kind: BrowserKind): BrowserFixture {
	const baseURL = inject('baseURL');
	let browser: Browser | undefined;
	const live: GuardedPage[] = [];

	beforeAll(async () => {
		browser = await launchTestChromium(kind);
	});
	afterAll(async () => {
		await browser?.close();
	});
	afterEach(async () => {
		const pages = live.splice(0);
		const problems = pages.flatMap((p) => p.problems);
		await Promise.all(pages.map((p) => p.context.close().catch(() => undefined)));
		if (problems.length > 0) {
			throw new Error(`the page reported ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
		}
	});

	const newPage = async ({ prerendered = false, ...options }: PageOptions = {}): Promise<GuardedPage> => {
		if (!browser) throw new Error('Chromium is not running (beforeAll failed?)');
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
		if (!prerendered) await context.addInitScript(() => void ((globalThis as { __vlabNoPrerender?: boolean }).__vlabNoPrerender = true));
		const problems: string[] = [];
		await guardContext(context, problems);
		const page = await context.newPage();
		guardPage(page, problems);
		const guarded = { page, context, problems };
		live.push(guarded);
		return guarded;
	};

	return {
		baseURL,
		newPage,
		async open(path, options) {
			const guarded = await newPage(options);
			const response = await guarded.page.goto(baseURL + path, { waitUntil: 'load' });
			if (!response || response.status() !== 200) {
				throw new Error(`GET ${path} answered ${response?.status() ?? 'nothing'}`);
			}
			return guarded;
		}
	};
}
