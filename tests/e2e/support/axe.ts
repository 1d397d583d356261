/** axe-core in a page: its serious and critical violations, one line each. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

// Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts, and rightly so.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A second look this long after a first that found something. */
const RECHECK_MS = 1500;

/**
 * The rules whose answer depends on the colours: all a second scan of the same page in another
 * theme needs (the structure, names and roles it checks again are the same).
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

type AxeOptions = { runOnly?: { type: 'rule'; values: string[] }; resultTypes: ['violations'] };

async function scan(page: Page, rules?: readonly string[]): Promise<Map<string, string>> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;undefined`);
	// Only violations are read: axe then describes one node of each passing rule, not every one
	// (building a selector for each of the thousands of nodes that pass took half the scan).
	const options: AxeOptions = { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: [...rules] } } : {}) };
	const results = await page.evaluate(
		(options) => (window as unknown as { axe: { run(context: Document, options: AxeOptions): Promise<AxeResults> } }).axe.run(document, options),
		options
	);
	const found = new Map<string, string>();
	for (const v of results.violations) {
		if (v.impact !== 'serious' && v.impact !== 'critical') continue;
		for (const node of v.nodes) {
			// For contrast, the colours and ratio axe measured: enough to tell a real failure from a caught fade.
			const data = node.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
			const measured = data?.contrastRatio ? ` (${data.fgColor} on ${data.bgColor}, ${data.contrastRatio})` : '';
			found.set(`${v.id} ${node.target.join(' ')}`, `${v.impact} ${v.id}: ${v.help} — ${node.target.join(' ')}${measured}`);
		}
	}
	return found;
}

/** Injects axe once per document, runs it once, and lists what is serious or critical. */
export async function axeViolationsNow(page: Page): Promise<string[]> {
	return [...(await scan(page)).values()];
}

/**
 * Injects axe once per document, runs it, and lists what is serious or critical. What it finds is
 * looked at again a moment later and only what is still there is reported: a page caught in the
 * middle of a change (a status line updating, a theme switching) is not an accessibility fault,
 * and a real one does not go away. `rules` limits the scan (COLOUR_RULES for a theme's second look).
 */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
	const first = await scan(page, rules);
	if (first.size === 0) return [];
	await page.waitForTimeout(RECHECK_MS);
	const second = await scan(page, rules);
	return [...second].filter(([key]) => first.has(key)).map(([, line]) => line);
}
