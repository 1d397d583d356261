/**
 * Universal hooks. A static host answers /labs/x.html (the prerendered file itself) and often
 * /labs/x/ too; both are the page /labs/x, so route them there instead of reading "x.html" or
 * "x/" as the lab's name.
 */
import type { Reroute } from '@sveltejs/kit';

export const reroute: Reroute = ({ url }) => canonicalPath(url.pathname);

/** /labs/x.html and /labs/x/ → /labs/x; undefined when the path is already canonical. */
export function canonicalPath(pathname: string): string | undefined {
	if (pathname.length > 1 && pathname.endsWith('/')) return pathname.replace(/\/+$/, '') || '/';
	if (pathname.endsWith('/index.html')) return pathname.slice(0, -'/index.html'.length) || '/';
	if (pathname.endsWith('.html')) return pathname.slice(0, -'.html'.length);
	return undefined;
}
