/** The diffusion lab's URL state: its scenes are valid states, and bad links fall back with notes. */
import { describe, expect, it } from 'vitest';
import { diffusionSchedules, schema } from './lab';
import { defaults, parseState, serializeState } from '$lib/state/schema';

describe('diffusion-schedules URL state', () => {
	it.each(diffusionSchedules.scenes.map((s) => [s.id, s] as const))('scene %s is a valid state that round-trips', (_, scene) => {
		const state = { ...defaults(schema), ...scene.state };
		const { state: parsed, notes } = parseState(schema, serializeState(schema, state));
		expect(notes).toEqual([]);
		expect(parsed).toEqual(state);
		for (const id of scene.figures ?? []) expect(diffusionSchedules.figures.map((f) => f.id)).toContain(id);
	});

	it('a malformed link opens the defaults with a note per bad value', () => {
		const { state, notes } = parseState(schema, new URLSearchParams('schedule=foo&T=abc&t=5000&steps=2&guidance=-1&k2=NaN&data=mnist'));
		expect(state.schedule).toBe('cosine');
		expect(state.T).toBe(1000);
		expect(state.t).toBe(1000);
		expect(state.steps).toBe(5);
		expect(state.guidance).toBe(0); // clamped to the slider's minimum
		expect(state.k2).toBe(0);
		expect(state.data).toBe('moons');
		expect(notes).toHaveLength(7);
	});

	// The spec's guidance default was 0, which drew the same samples in both panels; 3 shows guidance at work.
	it('has every control of the spec with its default', () => {
		expect(defaults(schema)).toMatchObject({ schedule: 'cosine', compare: 'linear', T: 1000, t: 500, data: 'moons', sampler: 'ddim', steps: 50, guidance: 3, seed: 1 });
	});
});
