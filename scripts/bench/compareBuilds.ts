/**
 * Two or more builds of the site, page loads alternating between them in one Chromium, so that
 * this machine's drift falls on all of them alike: the median first contentful paint and first
 * figure drawn of each, per lab page. For a change that `npm run bench` cannot tell from the
 * noise, one build with it and one without.
 *
 *   npx tsx scripts/bench/compareBuilds.ts <dir> <dir>… [--lab <slug>[,<slug>…]] [--loads 7] [--latency <ms>]
 *
 * `--latency` adds a round-trip delay (and a 20 Mbit/s line) to every request, as a reader far
 * from the host gets; localhost has none.
 */
import { parseArgs } from 'node:util';
import { launchChromium } from '../../tests/e2e/support/chromium';
import type { VlabWindow } from '../../tests/e2e/support/vlab';
import { serveBuild } from '../serve';

const { values, positionals: dirs } = parseArgs({
	allowPositionals: true,
	options: { lab: { type: 'string', default: 'vanishing-gradients' }, loads: { type: 'string', default: '7' }, latency: { type: 'string' } }
});
if (dirs.length < 2) throw new Error('name two build folders or more');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const servers = await Promise.all(dirs.map((dir) => serveBuild({ dir })));
const browser = await launchChromium('wasm');
try {
	for (const slug of values.lab.split(',')) {
		const timings = dirs.map(() => ({ paint: [] as number[], drawn: [] as number[] }));
		for (let load = 0; load < Number(values.loads); load++) {
			for (const [i, server] of servers.entries()) {
				const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
				const page = await context.newPage();
				if (values.latency) {
					const cdp = await context.newCDPSession(page);
					await cdp.send('Network.enable');
					await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: Number(values.latency), downloadThroughput: 2.5e6, uploadThroughput: 1e6 });
				}
				await page.goto(`${server.url}/labs/${slug}`);
				await page.waitForFunction(() => (window as VlabWindow).__vlab?.firstDrawnAt != null, null, { timeout: 60_000 });
				const [paint, drawn] = (await page.evaluate("[performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, window.__vlab.firstDrawnAt]")) as [number, number];
				timings[i].paint.push(paint);
				timings[i].drawn.push(drawn);
				await context.close();
			}
		}
		for (const [i, dir] of dirs.entries()) {
			const { paint, drawn } = timings[i];
			console.log(`${slug}  ${dir}: first contentful paint ${median(paint).toFixed(0)} ms, first figure drawn ${median(drawn).toFixed(0)} ms (median of ${drawn.length})`);
		}
	}
} finally {
	await browser.close();
	await Promise.all(servers.map((server) => server.close()));
}
