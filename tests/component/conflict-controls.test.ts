/**
 * A value that does not fit the others (memory lab: heads that do not divide the width) keeps its
 * control live and says what does not hold under it, in a status line; the line empties as soon
 * as the values fit again.
 */
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { LabController } from '$lib/state/labController.svelte';
import { memoryAndParallelism } from '../../labs/memory-and-parallelism/lab';
import SchemaControlsHarness from './harness/SchemaControlsHarness.svelte';

const idle = async () => null;

describe('conflicting values', { timeout: 30_000 }, () => {
	it('says under the heads slider that 48 heads do not divide 4096, keeps it live, and clears at 64', () => {
		const controller = new LabController(memoryAndParallelism.schema, idle);
		const { container } = render(SchemaControlsHarness, { controller, lab: memoryAndParallelism, keys: ['h', 'a', 't'] });
		const line = () => container.querySelector('[data-conflict="a"]');
		expect(line()).toHaveTextContent('');
		expect(line()).toHaveAttribute('role', 'status');

		(controller.state as Record<string, unknown>).a = 48;
		flushSync();
		expect(line()).toHaveTextContent('48 heads do not divide h = 4096');
		expect(screen.getByLabelText('Heads a')).toBeEnabled();
		// The state keeps the reader's value: nothing snaps.
		expect(controller.state.a).toBe(48);

		(controller.state as Record<string, unknown>).a = 64;
		flushSync();
		expect(line()).toHaveTextContent('');
		// t's rule reads the heads too: 3 does not split 64 heads.
		(controller.state as Record<string, unknown>).t = 3;
		flushSync();
		expect(container.querySelector('[data-conflict="t"]')).toHaveTextContent('t = 3 does not divide the 64 heads');
	});
});
