/** Each inactive rule against the formulas: while a control is inactive, moving it changes no number. */
import { describe, expect, it } from 'vitest';
import { memoryAndParallelism, schema, type MemoryAndParallelismState } from './lab';
import { summarize } from './summary';

const defaults = Object.fromEntries(Object.entries(schema).map(([k, f]) => [k, f.default])) as MemoryAndParallelismState;
const rules = memoryAndParallelism.inactive;

describe('memory-and-parallelism inactive controls', () => {
	it.each([
		['mem', { gpu: 'h100' }, { mem: 40 }, { gpu: 'custom' }],
		['sp', { t: 1 }, { sp: false }, { t: 4 }]
	] as const)('%s is inactive, and inert, exactly when its rule says', (key, off, move, on) => {
		const idle = { ...defaults, ...off } as MemoryAndParallelismState;
		expect(rules[key](idle)).not.toBeNull();
		expect(summarize({ ...idle, ...move } as MemoryAndParallelismState)).toEqual(summarize(idle));
		const active = { ...defaults, ...on } as MemoryAndParallelismState;
		expect(rules[key](active)).toBeNull();
		expect(summarize({ ...active, ...move } as MemoryAndParallelismState)).not.toEqual(summarize(active));
	});

	it('k is never inactive: figure 2 draws the every-k bar in every mode', () => {
		expect(rules.k).toBeUndefined();
		expect(summarize({ ...defaults, recompute: 'none', k: 7 }).recompute).not.toEqual(summarize(defaults).recompute);
	});
});
