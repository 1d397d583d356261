import { describe, expect, it } from 'vitest';
import { defaults, mergeIntoParams, parseState, serializeState } from '$lib/state/schema';
import { schema } from '$labs/vanishing-gradients/lab';

const parse = (query: string) => parseState(schema, new URLSearchParams(query));

describe('URL state', () => {
	it('gives the defaults for an empty query', () => {
		const { state, notes } = parse('');
		expect(state).toEqual(defaults(schema));
		expect(state.depth).toBe(20);
		expect(notes).toEqual([]);
	});

	it('reads valid values of every kind', () => {
		const { state, notes } = parse('depth=7&act=relu&residual=on&sigma=0.5&norm=0');
		expect(state).toMatchObject({ depth: 7, act: 'relu', residual: true, sigma: 0.5, norm: false });
		expect(notes).toEqual([]);
	});

	it('clamps out-of-range numbers and says so', () => {
		const { state, notes } = parse('depth=999&width=2');
		expect(state.depth).toBe(50);
		expect(state.width).toBe(8);
		expect(notes).toHaveLength(2);
		expect(notes[0]).toContain('depth');
	});

	it('falls back to the default for garbage, with a note naming the key', () => {
		const { state, notes } = parse('act=banana&depth=abc&residual=maybe&seed=');
		expect(state.act).toBe('sigmoid');
		expect(state.depth).toBe(20);
		expect(state.residual).toBe(false);
		expect(state.seed).toBe(1);
		expect(notes.join(' ')).toMatch(/depth=abc.*act=banana.*residual=maybe.*default off/);
	});

	it('rounds non-integers for integer fields', () => {
		expect(parse('depth=7.6').state.depth).toBe(8);
	});

	it('ignores unknown keys', () => {
		const { state, notes } = parse('zoom=3&depth=5');
		expect(state.depth).toBe(5);
		expect(notes).toEqual([]);
	});

	it('round-trips through serialize, writing only non-defaults', () => {
		const state = { ...defaults(schema), depth: 33, act: 'gelu' as const, residual: true };
		const params = serializeState(schema, state);
		expect(params.toString()).toBe('depth=33&act=gelu&residual=on');
		expect(parse(params.toString()).state).toEqual(state);
	});

	it('keeps keys that are not part of the lab state when merging', () => {
		const merged = mergeIntoParams(schema, { ...defaults(schema), depth: 3 }, new URLSearchParams('backend=wasm&depth=9'));
		expect(merged.toString()).toBe('backend=wasm&depth=3');
	});
});
