/** The `window.__vlab` test hook the lab and embed pages expose, and helpers to wait on it. */
import type { Page } from 'playwright-core';
import { recentWarnings } from './guard';

/** Whatever numbers a lab's figures draw: nested objects and arrays of numbers. */
export type VlabResults = Record<string, unknown>;

export interface Vlab {
	status: 'idle' | 'loading' | 'ready' | 'error';
	backend: 'webgpu' | 'wasm' | null;
	runs: number;
	lastRunMs: number;
	firstDrawnAt: number | null;
	lastDrawnAt: number | null;
	results: VlabResults | null;
	/** The state `results` were computed for. */
	resultsFor: Record<string, unknown> | null;
	/** Where `results` came from: the build ('prerendered') or a live run. */
	source: 'prerendered' | 'live' | null;
	/** The results wait for the second part of staged results (src/lib/state/staged.ts). */
	laterPending: boolean;
	state: Record<string, unknown>;
	setState(patch: Record<string, unknown>): void;
}

export type VlabWindow = Window & { __vlab?: Vlab };

/** A plain-data copy of the hook (what `page.evaluate` can return). */
export type VlabSnapshot = Omit<Vlab, 'setState'>;

export async function vlabSnapshot(page: Page): Promise<VlabSnapshot | null> {
	return page.evaluate(() => {
		const v = (window as VlabWindow).__vlab;
		if (!v) return null;
		return {
			status: v.status,
			backend: v.backend,
			runs: v.runs,
			lastRunMs: v.lastRunMs,
			firstDrawnAt: v.firstDrawnAt,
			lastDrawnAt: v.lastDrawnAt,
			results: v.results ? JSON.parse(JSON.stringify(v.results)) : null,
			resultsFor: v.resultsFor ? { ...v.resultsFor } : null,
			source: v.source,
			laterPending: v.laterPending,
			state: JSON.parse(JSON.stringify(v.state))
		};
	});
}

/**
 * Waits until the model has run at least `minRuns` times and the figure has drawn its numbers,
 * or the lab reports an error (then throws with what it said). Returns the hook's snapshot.
 */
export async function waitForLabReady(page: Page, minRuns = 1, timeout = 90_000): Promise<VlabSnapshot> {
	try {
		await page.waitForFunction(
			(min) => {
				const v = (window as VlabWindow).__vlab;
				if (!v) return false;
				if (v.status === 'error') return true;
				// Ready means every number: a lab's staged results have their second part too.
				return v.status === 'ready' && v.runs >= min && v.lastDrawnAt !== null && !v.laterPending;
			},
			minRuns,
			{ timeout, polling: 50 }
		);
	} catch (error) {
		const snap = await vlabSnapshot(page).catch(() => null);
		throw new Error(
			`the lab did not become ready within ${timeout} ms (window.__vlab = ${JSON.stringify(snap)}): ${String(error)}`
		);
	}
	const snap = await vlabSnapshot(page);
	if (!snap) throw new Error('window.__vlab disappeared');
	if (snap.status === 'error') {
		const said = await page
			.locator('[data-testid="backend-status"], [role="alert"]')
			.allInnerTexts()
			.catch(() => []);
		const logged = recentWarnings.get(page) ?? [];
		throw new Error(
			`the lab reported status 'error' (page says: ${JSON.stringify(said)}; console warnings: ${JSON.stringify(logged)}): ${JSON.stringify(snap)}`
		);
	}
	return snap;
}
