import { describe, expect, it } from 'vitest';
import { csvField, fileSlug, svgToString, toCsv } from '$lib/ui/export';

describe('toCsv', () => {
	it('writes a header and rows', () => {
		expect(toCsv(['layer', 'norm'], [[1, 0.5], [2, 1e-6]])).toBe('layer,norm\n1,0.5\n2,0.000001\n');
	});

	it('quotes fields with commas, quotes and newlines, doubling quotes', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('plain')).toBe('plain');
		expect(csvField(null)).toBe('');
		expect(toCsv(['name, unit', 'v'], [['he "init"', 2]])).toBe('"name, unit",v\n"he ""init""",2\n');
	});
});

describe('fileSlug', () => {
	it('makes a file-name-safe slug', () => {
		expect(fileSlug('Gradient norm, per layer!')).toBe('gradient-norm-per-layer');
		expect(fileSlug('???')).toBe('figure');
	});
});

describe('svgToString', () => {
	it('produces a standalone svg with inlined styles and a background', () => {
		document.body.innerHTML =
			'<style>.l{stroke:rgb(1, 2, 3)}</style><svg width="100" height="50"><title>t</title><path class="l" d="M0,0L1,1"/></svg>';
		const svg = document.querySelector('svg') as SVGSVGElement;
		const text = svgToString(svg, { background: '#fff' });
		expect(text.startsWith('<?xml')).toBe(true);
		expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(text).toContain('viewBox="0 0 100 50"');
		expect(text).toMatch(/<path[^>]*style="[^"]*stroke:\s*rgb\(1, 2, 3\)/);
		// The background goes after <title>, underneath the drawing.
		expect(text).toMatch(/<\/title><rect[^>]*fill="#fff"[^>]*\/><path/);
	});

	it('keeps non-scaling strokes, and leaves the default out', () => {
		document.body.innerHTML =
			'<style>.cell{vector-effect:non-scaling-stroke}</style><svg width="100" height="50"><g transform="matrix(20 0 0 20 0 0)"><polygon class="cell" points="0,0 1,0 1,1"/></g><path d="M0,0L1,1"/></svg>';
		const text = svgToString(document.querySelector('svg') as SVGSVGElement);
		expect(text).toMatch(/<polygon[^>]*style="[^"]*vector-effect:\s*non-scaling-stroke/);
		expect(text).not.toMatch(/vector-effect:\s*none/);
	});
});
