/**
 * HeldWhileAway: a below-the-fold figure's results. Near the viewport they follow the lab at once;
 * off screen, a live change waits for the next idle moment (or for the figure to come near); the
 * first live results replace prerendered ones at once, wherever the figure is. With `accept`, a
 * figure keeps the last results it can draw while results without its fields are on show.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { HeldWhileAway } from '$lib/ui/heldWhileAway.svelte';

class FakeLab {
	results = $state<string | null>(null);
	source = $state<'live' | 'prerendered' | null>(null);
}

/** A figure that cannot draw results starting with 'light' (a light run's, without its fields). */
const complete = (results: string): results is string => !results.startsWith('light');

function setup({ accept, results = 'build', source = 'prerendered' }: { accept?: typeof complete; results?: string; source?: 'live' | 'prerendered' } = {}) {
	const idle: (() => void)[] = [];
	vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
	vi.stubGlobal('cancelIdleCallback', () => {});
	const lab = new FakeLab();
	lab.results = results;
	lab.source = source;
	let held!: HeldWhileAway<string>;
	const stop = $effect.root(() => {
		held = new HeldWhileAway(lab, accept);
	});
	flushSync();
	return { lab, held, idle, stop };
}

describe('HeldWhileAway', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('follows every change while near the viewport', () => {
		const { lab, held, stop } = setup();
		lab.results = 'a';
		lab.source = 'live';
		flushSync();
		expect(held.value).toBe('a');
		lab.results = 'b';
		flushSync();
		expect(held.value).toBe('b');
		stop();
	});

	it('off screen, replaces the build numbers at once, then holds live changes until idle or near', () => {
		const { lab, held, idle, stop } = setup();
		held.near = false;
		flushSync();
		lab.results = 'a';
		lab.source = 'live';
		flushSync();
		expect(held.value, 'the first live results never wait').toBe('a');

		lab.results = 'b';
		flushSync();
		expect(held.value).toBe('a');
		idle.at(-1)!();
		expect(held.value, 'caught up when idle').toBe('b');

		lab.results = 'c';
		flushSync();
		expect(held.value).toBe('b');
		held.near = true;
		flushSync();
		expect(held.value, 'caught up when near').toBe('c');
		stop();
	});

	it('with accept: keeps the last results it can draw while partial ones are on show, near or not', () => {
		const { lab, held, idle, stop } = setup({ accept: complete });
		lab.results = 'a';
		lab.source = 'live';
		flushSync();
		expect(held.value).toBe('a');
		lab.results = 'light b';
		flushSync();
		expect(held.value, 'near, but the partial results lack its fields').toBe('a');
		lab.results = 'b';
		flushSync();
		expect(held.value, 'the same state, completed').toBe('b');

		held.near = false;
		lab.results = 'light c';
		flushSync();
		idle.forEach((callback) => callback());
		expect(held.value, 'off screen, idle time does not bring partial results').toBe('b');
		lab.results = 'c';
		flushSync();
		idle.at(-1)!();
		expect(held.value, 'the completed ones, when idle').toBe('c');
		stop();
	});

	it('with accept: starts empty rather than from partial results', () => {
		const { lab, held, stop } = setup({ accept: complete, results: 'light a', source: 'live' });
		expect(held.value).toBeNull();
		lab.results = 'a';
		flushSync();
		expect(held.value).toBe('a');
		stop();
	});
});
