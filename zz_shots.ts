import { serveBuild } from './scripts/serve';
import { launchChromium } from './tests/e2e/support/chromium';
const pages = (process.argv[2] ?? '/labs/diffusion-schedules,/labs/attention-heatmaps,/embed,/').split(',');
const server = await serveBuild();
const browser = await launchChromium('wasm');
for (const js of [false, true]) for (const width of [1280, 390]) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, colorScheme: 'light' });
	const page = await ctx.newPage();
	for (const path of pages) {
		if (js && !path.startsWith('/labs/diffusion')) continue;
		await page.goto(server.url + path + (js ? '?backend=wasm' : ''));
		await page.waitForTimeout(js ? 8000 : 500);
		const name = `${path.replace(/\//g, '_') || 'index'}-${width}-${js ? 'js' : 'nojs'}`;
		await page.screenshot({ path: `/tmp/cv/shots/${name}.png`, fullPage: !js && path.startsWith('/labs') ? false : true });
		// The pixel figure, alone.
		const fig = page.locator('figure.figure[data-figure="image"]').first();
		if (await fig.count()) await fig.screenshot({ path: `/tmp/cv/shots/${name}-image.png` });
		const pe = page.locator('svg.pe').first();
		if (await pe.count()) { await pe.scrollIntoViewIfNeeded(); await pe.screenshot({ path: `/tmp/cv/shots/${name}-pe.png` }); }
	}
	await ctx.close();
}
await browser.close();
await server.close();
