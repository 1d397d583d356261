import { chromium } from 'playwright-core';
import { serveBuild } from './serve';
const server = await serveBuild();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const errors: string[] = [];
async function shot(path: string, w: number, h: number, out: string, full = false) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  page.on('console', (m) => m.type() === 'error' && errors.push(path + ': ' + m.text()));
  page.on('pageerror', (e) => errors.push(path + ': ' + e.message));
  await page.goto(server.url + path);
  await page.waitForTimeout(5000);
  await page.screenshot({ path: out, fullPage: full });
  await page.close();
}
await shot('/present/memory-and-parallelism?scene=5', 1920, 1080, '/tmp/m5.png');
await shot('/embed/memory-and-parallelism/fit', 390, 844, '/tmp/mfit390.png', true);
await shot('/embed/memory-and-parallelism/fit?gpus=1024&t=8&p=16&m=64&L=96&h=12288&a=96&s=2048', 1280, 800, '/tmp/mfit1280.png', true);
console.log(errors);
await browser.close(); await server.close();
