import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { inlineStyles, styleHash } from '../../scripts/inlineStyles';

const CSS: Record<string, string> = { '/a.css': '.a{color:red}', '/b.css': '.b{margin:0}' };
const cssOf = (href: string) => CSS[href];

const PAGE = [
	`<head><meta http-equiv="content-security-policy" content="default-src 'self'; style-src-elem 'self' 'sha256-x='; style-src-attr 'unsafe-inline'">`,
	'<link href="/start.js" rel="modulepreload">',
	'<link href="/a.css" rel="stylesheet"><link href="/b.css" rel="stylesheet">',
	'</head><body></body>'
].join('\n');

describe('inlineStyles', () => {
	const { html, inlined } = inlineStyles(PAGE, cssOf);
	const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];

	test('puts the stylesheets, in their order, in one style where the first link was', () => {
		expect(inlined).toBe(2);
		expect(style).toBe('.a{color:red}\n.b{margin:0}');
		expect(html.indexOf('<style>')).toBeLessThan(html.indexOf('/a.css'));
		expect(html.indexOf('<style>')).toBeGreaterThan(html.indexOf('modulepreload'));
	});

	test('keeps each link, disabled (not fetched, and known to Vite’s loader)', () => {
		expect(html).toContain('<link href="/a.css" rel="stylesheet" disabled><link href="/b.css" rel="stylesheet" disabled>');
		expect(html).not.toMatch(/rel="stylesheet">/);
	});

	test("adds the style's SHA-256 to style-src-elem and nowhere else", () => {
		const hash = `'sha256-${createHash('sha256').update(style!, 'utf8').digest('base64')}'`;
		expect(styleHash(style!)).toBe(hash);
		expect(html).toContain(`style-src-elem ${hash} 'self' 'sha256-x='; style-src-attr 'unsafe-inline'`);
	});

	test('leaves a page without stylesheets alone', () => {
		const bare = PAGE.replace(/<link href="\/[ab]\.css" rel="stylesheet">/g, '');
		expect(inlineStyles(bare, cssOf)).toEqual({ html: bare, inlined: 0 });
	});

	test('refuses a page whose policy has no style-src-elem, and CSS that would close the style early', () => {
		expect(() => inlineStyles(PAGE.replace('style-src-elem', 'style-src'), cssOf)).toThrow(/no style-src-elem/);
		expect(() => inlineStyles(PAGE, (href) => (href === '/a.css' ? 'a::after{content:"</style>"}' : ''))).toThrow(/<\/style/);
	});
});
