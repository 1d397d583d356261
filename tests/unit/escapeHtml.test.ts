import { expect, test } from 'vitest';
import { escapeHtml } from '$lib/escapeHtml';

test('escapeHtml turns markup into text, in content and in a double-quoted attribute', () => {
	expect(escapeHtml('<a href="x?a=1&b=2">R&D</a>')).toBe('&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;R&amp;D&lt;/a&gt;');
	expect(escapeHtml('&amp;')).toBe('&amp;amp;');
	expect(escapeHtml('plain')).toBe('plain');
});
