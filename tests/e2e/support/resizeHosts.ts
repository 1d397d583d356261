/**
 * Stand-ins for hosts that size iframes by protocols of their own, each a page on its own origin
 * (another localhost port) with one iframe (`?src=<embed url>`, 150 px tall to start with):
 * - `/embedly.html`: an Embedly-style listener, written the way Embedly's, Iframely's and
 *   Infogram's published host scripts are: the message is a JSON string `{context:
 *   'iframe.resize', src, height}`, and the frame to resize is the one whose `src` attribute is `src`;
 * - `/amp.html`: an AMP-style listener, as `<amp-iframe resizable>` does it: an object
 *   `{sentinel: 'amp', type: 'embed-size', height}` from that iframe's window.
 * Neither knows anything of `vlab:height` or of embed.js.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answeredIcon } from './host';
import { escapeHtml } from '../../../src/lib/escapeHtml';

const LISTENERS = {
	embedly: `addEventListener('message', function (e) {
	var data;
	try { data = JSON.parse(e.data); } catch (err) { return; }
	if (!data || data.context !== 'iframe.resize') return;
	var iframe = document.querySelector('iframe[src="' + data.src + '"]');
	if (iframe && data.height) iframe.height = data.height;
});`,
	amp: `addEventListener('message', function (e) {
	var data = e.data;
	var iframe = document.getElementById('embed');
	if (!data || data.sentinel !== 'amp' || data.type !== 'embed-size' || e.source !== iframe.contentWindow) return;
	iframe.style.height = data.height + 'px';
});`
};

function hostPage(kind: keyof typeof LISTENERS, src: string): string {
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${kind} host</title></head>
<body style="margin:0">
<script>${LISTENERS[kind]}</script>
<iframe id="embed" title="Embedded figure" src="${escapeHtml(src)}" width="640" height="150" style="border:0;display:block"></iframe>
</body>
</html>
`;
}

export async function serveResizeHosts(): Promise<{ origin: string; url(kind: 'embedly' | 'amp', src: string): string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://host');
		const kind = url.pathname.slice(1).replace(/\.html$/, '');
		if (answeredIcon(url, res)) return;
		if (kind !== 'embedly' && kind !== 'amp') {
			res.statusCode = 404;
			res.end();
			return;
		}
		res.setHeader('Content-Type', 'text/html; charset=utf-8');
		res.end(hostPage(kind, url.searchParams.get('src') ?? ''));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		url: (kind, src) => `${origin}/${kind}.html?src=${encodeURIComponent(src)}`,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}
