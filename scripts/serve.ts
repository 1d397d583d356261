/**
 * A static server for the built site (`build/`), used by the e2e tests and the benchmark, and
 * runnable on its own: `tsx scripts/serve.ts [port]`.
 *
 * It behaves like a plain static host: `/labs/x` is answered with `labs/x.html` (the site is
 * prerendered with trailingSlash 'never'), MIME types come from sirv's table (`.wasm` is
 * `application/wasm`, `.js`/`.mjs` are `text/javascript`), hashed files under `_app/immutable/`
 * are cacheable forever, and anything missing is a 404 answered with the site's 404.html.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** build/, or VLAB_BUILD_DIR when set (e.g. to try the harness on another folder). */
export const BUILD_DIR = process.env.VLAB_BUILD_DIR
	? resolve(process.env.VLAB_BUILD_DIR)
	: fileURLToPath(new URL('../build', import.meta.url));

export interface RunningServer {
	/** e.g. `http://127.0.0.1:41234`, no trailing slash. */
	url: string;
	port: number;
	close(): Promise<void>;
}

export interface ServeOptions {
	dir?: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** Send COOP/COEP so the page is cross-origin isolated (lets ORT use WASM threads). */
	crossOriginIsolated?: boolean;
}

export async function serveBuild(options: ServeOptions = {}): Promise<RunningServer> {
	const dir = resolve(options.dir ?? BUILD_DIR);
	const host = options.host ?? '127.0.0.1';
	if (!existsSync(resolve(dir, 'index.html'))) {
		throw new Error(`${dir}/index.html is missing: run \`npm run build\` first.`);
	}

	const files = sirv(dir, {
		// Look files up on each request (not a list cached at start), so a rebuild while the
		// server runs is served as it is now, not as 404s for the old hashed names.
		dev: true,
		etag: true,
		extensions: ['html'],
		dotfiles: false,
		setHeaders(res, pathname) {
			res.setHeader(
				'Cache-Control',
				pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
			);
			// embed.js is loaded by other sites' pages; as a module (type="module") it needs CORS.
			if (pathname === '/embed.js') res.setHeader('Access-Control-Allow-Origin', '*');
			if (options.crossOriginIsolated) {
				res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
				res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
			}
		}
	});

	// Like most static hosts: a path the build lacks gets the site's 404.html, with status 404.
	const notFoundPage = resolve(dir, '404.html');
	const server: Server = createServer((req, res) => {
		files(req, res, () => {
			res.statusCode = 404;
			if (existsSync(notFoundPage)) {
				res.setHeader('Content-Type', 'text/html; charset=utf-8');
				res.setHeader('Cache-Control', 'no-cache');
				res.end(readFileSync(notFoundPage));
				return;
			}
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			res.end(`404: ${req.url ?? ''} is not in the build\n`);
		});
	});

	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, host, () => done());
	});
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://${host}:${port}`,
		port,
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const port = Number(process.argv[2] ?? 4173);
	const running = await serveBuild({ port });
	console.log(`Serving ${BUILD_DIR} at ${running.url}`);
}
