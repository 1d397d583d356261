/**
 * A reveal.js deck on its own origin (another localhost port), made the way reveal.js's docs
 * say, from the installed `reveal.js` package's dist/ files: three slides, one of our figures
 * (`?src=<embed url>`, lazy `data-src` with `data-preload`, as the README's snippet) on slide 2, sized by the site's embed.js (`?site=<origin>`). The iframe
 * sends the deck's full address as its referrer, as the README's slide snippet does, so the embed
 * can tell reveal's speaker view (`?receiver`) from the deck.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answeredIcon } from './host';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../../../src/lib/escapeHtml';

const DIST = fileURLToPath(new URL('../../../node_modules/reveal.js/dist/', import.meta.url));

function deckPage(src: string, site: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>A lecture with a live figure</title>
<link rel="stylesheet" href="/dist/reset.css"><link rel="stylesheet" href="/dist/reveal.css"><link rel="stylesheet" href="/dist/theme/white.css">
</head>
<body>
<div class="reveal"><div class="slides">
	<section><h2>Slide one</h2><p>Words before the figure.</p></section>
	<section>
		<h3>Slide two: a live figure</h3>
		<iframe id="figure" data-preload data-src="${escapeHtml(src)}" title="A figure from the lab" referrerpolicy="no-referrer-when-downgrade" style="width:100%;border:0" height="300"></iframe>
	</section>
	<section><h2>Slide three</h2></section>
</div></div>
<script src="/dist/reveal.js"></script>
<script src="${escapeHtml(site)}/embed.js"></script>
<script>Reveal.initialize({ hash: true, transition: 'none' });</script>
</body>
</html>
`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2' };

export async function serveDeck(): Promise<{ origin: string; url(src: string, site: string, query?: string): string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://deck');
		if (answeredIcon(url, res)) return;
		if (url.pathname === '/deck.html') {
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
			res.end(deckPage(url.searchParams.get('src') ?? '', url.searchParams.get('site') ?? ''));
			return;
		}
		const file = url.pathname.startsWith('/dist/') ? join(DIST, url.pathname.slice('/dist/'.length)) : null;
		try {
			if (!file || !file.startsWith(DIST)) throw new Error('outside dist');
			const body = readFileSync(file);
			res.setHeader('Content-Type', TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
			res.end(body);
		} catch {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		url: (src, site, query = '') =>
			`${origin}/deck.html?src=${encodeURIComponent(src)}&site=${encodeURIComponent(site)}${query ? `&${query}` : ''}`,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
