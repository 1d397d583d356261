/** Reading the reader's input digits, and the URL's numbers on this lab (issue 25, item 9). */
import { describe, expect, it } from 'vitest';
import { parseState } from '$lib/state/schema';
import { schema } from './lab';
import { parseTokens } from './tasks';

const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('parseTokens', () => {
	it('names an emoji whole in its rejection, not as a broken half', () => {
		const parsed = parseTokens('12🙂34');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.message).toContain('“🙂”');
			expect(parsed.message).not.toContain('\ufffd');
		}
	});

	it('reads digits written with commas and spaces', () => {
		expect(parseTokens('1, 2,3')).toEqual({ ok: true, x: [1, 2, 3] });
	});
});

describe('the attention lab URL', () => {
	it('tokens=1,2,3 is three distinct digits, with no note', () => {
		const { state, notes } = parse('tokens=1,2,3');
		expect(notes).toEqual([]);
		expect(parseTokens(state.tokens)).toEqual({ ok: true, x: [1, 2, 3] });
	});

	it('refuses hexadecimal and other non-decimal numbers, with a note', () => {
		for (const raw of ['0x1', '0b1', '0o1', 'Infinity']) {
			const { state, notes } = parse(`head=${encodeURIComponent(raw)}`);
			expect(state.head, raw).toBe(schema.head.default);
			expect(notes, raw).toEqual([`“head=${raw}” is not a number; using the default ${schema.head.default}.`]);
		}
	});

	it('reads a padded number but says so', () => {
		const { state, notes } = parse(`query=${encodeURIComponent(' 1e1 ')}`);
		expect(state.query).toBe(10);
		expect(notes).toEqual(['“query= 1e1 ” read as 10.']);
	});

	it('still reads plain decimals and exponents silently', () => {
		const { state, notes } = parse('head=2&query=1e1&layer=%2B1');
		expect(state).toMatchObject({ head: 2, query: 10, layer: 1 });
		expect(notes).toEqual([]);
	});
});
