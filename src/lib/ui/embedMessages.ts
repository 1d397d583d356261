/**
 * What an embed tells its host page when its height changes, in each resize protocol hosts
 * already listen for (all posted, to the parent only; the embed itself listens to none):
 * - `vlab:height`, our own (embed.js, the gallery);
 * - Embedly's `iframe.resize`, a JSON string `{context, src, height}`, as Embedly, Iframely and
 *   Infogram hosts parse it; `src` is the iframe's own address, which such hosts match against
 *   their iframes' `src` attributes;
 * - AMP's `embed-size` `{sentinel: 'amp', type, height}`, which `<amp-iframe resizable>` obeys.
 */
export interface ResizeReport {
	/** Which embed: `<slug>` or `<slug>/<figure>`. */
	id: string;
	height: number;
	/** The embed's address now (controls the reader moved are in it). */
	href: string;
	/** The address the host put in the iframe's `src` (the page's address when it loaded). */
	src: string;
}

export function resizeMessages({ id, height, href, src }: ResizeReport): unknown[] {
	return [
		{ type: 'vlab:height', id, height, href },
		JSON.stringify({ context: 'iframe.resize', src, height }),
		{ sentinel: 'amp', type: 'embed-size', height }
	];
}
