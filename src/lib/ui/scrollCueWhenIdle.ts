/**
 * scrollCues (scrollCue.ts), loaded and started when the page is first idle: marking display maths
 * that overflows as a keyboard stop is not needed to draw the page, and a keyboard reader reaches
 * the first equation long after that. (0.8 KB gzip less before the runtime.)
 */
import type { Attachment } from 'svelte/attachments';
import { afterIdle } from '$lib/idle';

export function scrollCuesWhenIdle(selector?: string): Attachment<HTMLElement> {
	return (root) => {
		let stop: void | (() => void);
		let gone = false;
		const cancel = afterIdle(
			() =>
				void import('./scrollCue').then(({ scrollCues }) => {
					if (!gone) stop = scrollCues(selector)(root);
				}),
			2000,
			0
		);
		return () => {
			gone = true;
			cancel();
			stop?.();
		};
	};
}
