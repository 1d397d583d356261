/** axe-core in a page: its serious and critical violations, one line each. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

// Evaluated, not added as a <script> tag: the site's CSP blocks inline scripts, and rightly so.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A second look this long after a first that found something. */
const RECHECK_MS = 1500;

async function scan(page: Page): Promise<Map<string, string>> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;undefined`);
	const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
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
 * and a real one does not go away.
 */
export async function axeViolations(page: Page): Promise<string[]> {
	const first = await scan(page);
	if (first.size === 0) return [];
	await page.waitForTimeout(RECHECK_MS);
	const second = await scan(page);
	return [...second].filter(([key]) => first.has(key)).map(([, line]) => line);
}
