import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await b.newContext(); const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
await cdp.send('Profiler.start');
await page.goto('http://127.0.0.1:4391/labs/attention-heatmaps?backend=wasm');
await page.waitForFunction(() => (window as any).__vlab?.status === 'ready', null, { timeout: 90000 });
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop') as any;
const self = new Map<string, number>(); const byId = new Map<number, any>();
for (const n of profile.nodes) byId.set(n.id, n);
const dt = profile.timeDeltas; const counts = new Map<number, number>();
profile.samples.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
// inclusive time per function
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, t] of counts) { const seen = new Set<string>(); let cur: number | undefined = id; while (cur !== undefined) { const n = byId.get(cur); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); } }
for (const [id, t] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(k, (self.get(k) ?? 0) + t); }
console.log('SELF'); [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, t]) => console.log((t / 1000).toFixed(0), k));
console.log('INCL'); [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, t]) => console.log((t / 1000).toFixed(0), k));
await b.close();
