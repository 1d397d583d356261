/** A flags field in the URL: any set of its options, written in one canonical order. */
import { describe, expect, it } from 'vitest';
import { flagsField, options } from '$lib/labs/declare';
import { defaults, flagsOf, parsePatch, parseState, serializeState, type Schema } from '$lib/state/schema';

const schema = {
	fixes: flagsField('Fixes', options({ aug: 'augmentation', wd: 'weight decay', stop: 'early stopping' })),
	n: { kind: 'int', label: 'n', min: 1, max: 9, default: 3 }
} satisfies Schema;
const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('a flags field', () => {
	it('is empty by default and leaves the URL clean', () => {
		expect(defaults(schema).fixes).toBe('');
		expect(serializeState(schema, defaults(schema)).toString()).toBe('');
	});

	it('reads any set, in the options’ order whatever the URL’s, without a note', () => {
		expect(parse('fixes=stop,aug')).toEqual({ state: { fixes: 'aug,stop', n: 3 }, notes: [] });
		expect(parse('fixes=wd').state.fixes).toBe('wd');
		expect(parse('fixes=aug,aug, wd').state.fixes).toBe('aug,wd');
		expect(flagsOf('aug,stop')).toEqual(['aug', 'stop']);
		expect(flagsOf('')).toEqual([]);
	});

	it('writes a set back as it reads, and none as "none"', () => {
		expect(serializeState(schema, { fixes: 'aug,stop', n: 3 }).toString()).toBe('fixes=aug%2Cstop');
		for (const value of ['', 'aug', 'aug,wd,stop']) {
			const params = serializeState(schema, { fixes: value, n: 4 });
			expect(parse(params.toString()).state.fixes).toBe(value);
		}
		expect(parse('fixes=none').state.fixes).toBe('');
	});

	it('drops names it does not know, keeps the rest, and says which', () => {
		const { state, notes } = parse('fixes=aug,banana');
		expect(state.fixes).toBe('aug');
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatch(/banana is not one of aug, wd, stop; using aug/);
	});

	it('takes a patch of known names; refuses unknown ones and non-strings', () => {
		expect(parsePatch(schema, { fixes: 'wd,aug' })).toEqual({ patch: { fixes: 'aug,wd' }, errors: [] });
		expect(parsePatch(schema, { fixes: 'x' }).errors).toHaveLength(1);
		expect(parsePatch(schema, { fixes: 3 }).errors[0]).toMatch(/must be a string/);
	});
});
