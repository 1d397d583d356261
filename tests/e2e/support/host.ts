/**
 * A stand-in for a blog that embeds a figure: a page on its own origin (another localhost port)
 * with one iframe (`?src=<embed url>`) that records the `vlab:height` messages it receives in
 * `window.__heights`. It is served by a real server, not by Playwright's route.fulfill: Chromium's
 * Local Network Access checks treat a fulfilled page as public and refuse to frame localhost.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
document.getElementById('embed').src = new URLSearchParams(location.search).get('src');
</script>
</body>
</html>
`;

export async function serveHost(): Promise<{ url: string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		if (req.url?.startsWith('/host.html')) {
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
			res.end(HOST_PAGE);
		} else {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/host.html`,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
