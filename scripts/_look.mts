import { chromium } from 'playwright-core';
import { serveBuild } from './serve';
const server = await serveBuild();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--js-flags=--liftoff-only'] });
const path = process.argv[2] ?? '/embed/optimizers/sweep?backend=wasm';
async function once(ctx: any, tag: string) {
  const t0 = Date.now();
  const page = await ctx.newPage();
  await page.goto(server.url + path);
  const tl = Date.now() - t0;
  await page.waitForFunction(function () { const v = (window as any).__vlab; return v && v.status === 'ready' && v.runs >= 1 && v.lastDrawnAt !== null; }, null, { timeout: 90000, polling: 50 });
  console.log(tag, 'load', tl, 'ready', Date.now() - t0);
  await page.close();
}
for (let i = 0; i < 2; i++) { const ctx = await browser.newContext({serviceWorkers:'block'}); await ctx.addInitScript(function () { (globalThis as any).__vlabNoPrerender = true; }); await once(ctx, 'fresh ctx'); await ctx.close(); }
const ctx = await browser.newContext({serviceWorkers:'block'});
await ctx.addInitScript(function () { (globalThis as any).__vlabNoPrerender = true; });
for (let i = 0; i < 3; i++) await once(ctx, 'same ctx');
await browser.close(); await server.close();
