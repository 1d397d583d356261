/**
 * Notes about adjusted URL values repeat part of the value back to the reader. What they repeat
 * must stay short and must not carry characters that reorder or hide the page's own text.
 */
import { describe, expect, it } from 'vitest';
import { echoText, parseState } from '$lib/state/schema';
import { schema } from '$labs/vanishing-gradients/lab';

const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('notes on URL values', () => {
	it('cuts a huge value to a short echo', () => {
		const { state, notes } = parse(`act=${'x'.repeat(100_000)}`);
		expect(state.act).toBe(schema.act.default);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toContain(`“act=${'x'.repeat(40)}…”`);
		expect(notes[0].length).toBeLessThan(200);
	});

	it('strips right-to-left overrides and other bidi controls from the echo', () => {
		// U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE, U+200F RIGHT-TO-LEFT MARK.
		const { notes } = parse('depth=\u202e12\u2066a\u200fb');
		expect(notes).toHaveLength(1);
		expect(notes[0]).toContain('“depth=12ab”');
		expect(notes[0]).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
	});

	it('strips the bidi controls from a rejected number too', () => {
		const { state, notes } = parse('depth=\u202d999');
		expect(state.depth).toBe(20);
		expect(notes[0]).toContain('“depth=999” is not a number');
	});

	it('never cuts a character in half', () => {
		expect(echoText('🙂'.repeat(50), 3)).toBe('🙂🙂🙂…');
		expect(echoText('short')).toBe('short');
		expect(echoText('a\u0000b\u001bc')).toBe('abc');
	});
});
