/**
 * A stand-in for a blog that embeds a figure: a page on its own origin (another localhost port)
 * with one iframe (`?src=<embed url>`, 640 px wide, or `&width=<px>`) that records the
 * `vlab:height` messages it receives in `window.__heights`, and a blog post with several iframes resized by the site's embed.js. Both
 * are served by a real server, not by Playwright's route.fulfill: Chromium's Local Network Access
 * checks treat a fulfilled page as public and refuse to frame localhost.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../../src/lib/escapeHtml';

export interface HeightMessage {
	height: number;
	origin: string;
}

export type HostWindow = Window & { __heights?: HeightMessage[] };

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Embedding host</title></head>
<body>
<p>A post that embeds a figure.</p>
<iframe id="embed" title="Embedded figure" style="width: 640px; height: 240px; border: 0"></iframe>
<script>
window.__heights = [];
addEventListener('message', (event) => {
	const data = event.data;
	if (data && data.type === 'vlab:height') {
		window.__heights.push({ height: data.height, origin: event.origin });
		document.getElementById('embed').style.height = data.height + 'px';
	}
});
const query = new URLSearchParams(location.search);
// width=390: the column of a blog read on a phone.
if (query.get('width')) document.getElementById('embed').style.width = query.get('width') + 'px';
document.getElementById('embed').src = query.get('src');
</script>
</body>
</html>
`;

/**
 * A blog post that embeds several figures the way the snippet tells bloggers to: one iframe per
 * `src` param (fixed 240 px to start with) and the site's own `embed.js` (from `site`), which is
 * the only thing that resizes them. \`module=1\` loads embed.js as \`type="module"\`, as some blogs do.
 */
function blogPage(query: URLSearchParams): string {
	const site = new URL(query.get('site') ?? '').origin;
	const frames = query
		.getAll('src')
		.map((src, i) => `<iframe id="embed-${i}" title="Embedded figure ${i + 1}" src="${escapeHtml(src)}" style="width: 640px; height: 240px; border: 0"></iframe>`)
		.join('\n<p>More of the post between the figures.</p>\n');
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A blog post with figures</title></head>
<body>
<p>A post that embeds figures from two labs.</p>
${frames}
<script${query.get('module') === '1' ? ' type="module"' : ''} src="${escapeHtml(site)}/embed.js"></script>
</body>
</html>
`;
}

/**
 * Answers the browser's request for a host's icon (an empty 204, as a site with none might):
 * the test pages on other origins declare none, and a 404 would be logged as a console error.
 */
export function answeredIcon(url: URL, res: ServerResponse): boolean {
	if (url.pathname !== '/favicon.ico') return false;
	res.statusCode = 204;
	res.end();
	return true;
}

/** Serves `/host.html` (one iframe, records heights), `/blog.html` (several, resized by embed.js) and an empty icon. */
export async function serveHost(): Promise<{ url: string; origin: string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://host');
		if (url.pathname === '/host.html' || url.pathname === '/blog.html') {
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
			res.end(url.pathname === '/host.html' ? HOST_PAGE : blogPage(url.searchParams));
		} else if (!answeredIcon(url, res)) {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/host.html`,
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
