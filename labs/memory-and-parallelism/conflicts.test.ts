/** The lab's conflict rules: silent on the defaults and every scene, and each one fires where a real run could not go. */
import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/state/schema';
import { sceneState } from '$lib/state/scenes';
import { memoryAndParallelism, schema, type MemoryAndParallelismState } from './lab';

const base = defaults(schema) as MemoryAndParallelismState;
const rules = memoryAndParallelism.conflicts;
const fired = (s: MemoryAndParallelismState) => Object.keys(rules).filter((key) => rules[key](s) !== null);

describe('memory-and-parallelism conflicts', () => {
	it('the defaults and every scene fit', () => {
		expect(fired(base)).toEqual([]);
		for (const scene of memoryAndParallelism.scenes) expect(fired(sceneState(base, scene) as MemoryAndParallelismState), scene.id).toEqual([]);
	});

	it.each([
		['a', { a: 48 }, /48 heads do not divide h = 4096/],
		['t', { t: 3 }, /t = 3 does not divide the 32 heads/],
		['t', { t: 16 }, /t = 16 is more than the 8 GPUs/],
		['p', { L: 4, p: 8, gpus: 8 }, /8 stages for 4 layers/],
		['gpus', { gpus: 10, t: 4 }, /t × p = 4 does not divide 10 GPUs: 2 of them sit idle/]
	] as const)('%s: %o', (key, patch, says) => {
		const s = { ...base, ...patch } as MemoryAndParallelismState;
		expect(rules[key](s)).toMatch(says);
		expect(fired(s)).toContain(key);
	});
});
