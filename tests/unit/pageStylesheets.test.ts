import { describe, expect, test } from 'vitest';
import { scopedClasses, stylesheetChanges } from '../../scripts/pageStylesheets';

const CSS: Record<string, string> = {
	'/a.css': '.bar.svelte-1abc{fill:red}.label.svelte-1abc{font-size:12px}',
	'/b.css': '.plot.svelte-9xyz svg{width:100%}',
	'/c.css': '.dot.svelte-3ccc{r:2}',
	'/global.css': 'body{margin:0}',
	'/shell.css': '.shell.svelte-7qqq{display:grid}'
};
const cssOf = (href: string) => CSS[href];

describe('stylesheetChanges', () => {
	test('reads the scoped classes of a stylesheet', () => {
		expect([...scopedClasses(CSS['/a.css'])]).toEqual(['svelte-1abc']);
		expect(scopedClasses(CSS['/global.css']).size).toBe(0);
	});

	test('drops a linked scoped stylesheet whose classes the page does not use, and only that', () => {
		const html = '<div class="plot svelte-9xyz"><svg></svg></div>';
		const linked = ['/a.css', '/b.css', '/global.css', '/shell.css'];
		expect(stylesheetChanges(html, linked, [], cssOf, new Set(['/shell.css'])).drop).toEqual(['/a.css']);
	});

	test('keeps a stylesheet as soon as one of its classes is in the page', () => {
		const html = '<text class="label svelte-1abc">x</text>';
		expect(stylesheetChanges(html, ['/a.css'], [], cssOf, new Set())).toEqual({ drop: [], add: [] });
	});

	test('a class name that only starts like a used one does not count as used', () => {
		const html = '<div class="svelte-1abcd"></div>';
		expect(stylesheetChanges(html, ['/a.css'], ['/a.css'], cssOf, new Set())).toEqual({ drop: ['/a.css'], add: [] });
	});

	test('adds the lazily imported stylesheets the page uses and SvelteKit did not link, once', () => {
		const html = '<div class="plot svelte-9xyz"><circle class="dot svelte-3ccc"></circle></div>';
		const { add } = stylesheetChanges(html, ['/b.css'], ['/a.css', '/b.css', '/c.css', '/global.css'], cssOf, new Set());
		expect(add).toEqual(['/c.css']);
	});

	test('adds a used stylesheet that a route imports statically too, when SvelteKit did not link it', () => {
		const html = '<div class="shell svelte-7qqq"></div>';
		expect(stylesheetChanges(html, [], ['/a.css', '/shell.css'], cssOf, new Set(['/shell.css']))).toEqual({ drop: [], add: ['/shell.css'] });
	});
});
