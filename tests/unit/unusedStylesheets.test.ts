import { describe, expect, test } from 'vitest';
import { scopedClasses, unusedStylesheets } from '../../scripts/unusedStylesheets';

const CSS: Record<string, string> = {
	'/a.css': '.bar.svelte-1abc{fill:red}.label.svelte-1abc{font-size:12px}',
	'/b.css': '.plot.svelte-9xyz svg{width:100%}',
	'/global.css': 'body{margin:0}',
	'/shell.css': '.shell.svelte-7qqq{display:grid}'
};
const cssOf = (href: string) => CSS[href];

describe('unusedStylesheets', () => {
	test('reads the scoped classes of a stylesheet', () => {
		expect([...scopedClasses(CSS['/a.css'])]).toEqual(['svelte-1abc']);
		expect(scopedClasses(CSS['/global.css']).size).toBe(0);
	});

	test('drops a scoped stylesheet whose classes the page does not use, and only that', () => {
		const html = '<div class="plot svelte-9xyz"><svg></svg></div>';
		const linked = ['/a.css', '/b.css', '/global.css', '/shell.css'];
		expect(unusedStylesheets(html, linked, cssOf, new Set(['/shell.css']))).toEqual(['/a.css']);
	});

	test('keeps a stylesheet as soon as one of its classes is in the page', () => {
		const html = '<text class="label svelte-1abc">x</text>';
		expect(unusedStylesheets(html, ['/a.css'], cssOf, new Set())).toEqual([]);
	});

	test('a class name that only starts like a used one does not count as used', () => {
		const html = '<div class="svelte-1abcd"></div>';
		expect(unusedStylesheets(html, ['/a.css'], cssOf, new Set())).toEqual(['/a.css']);
	});
});
