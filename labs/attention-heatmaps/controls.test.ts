/**
 * Where the attention lab's controls live: each once on the page (the task and digits beside the
 * head grid, not again in the panel), and layers and heads counted from 1 for readers while the
 * URL keeps its 0-based values.
 */
import { describe, expect, it } from 'vitest';
import { panelKeys } from '$lib/labs/panel';
import { defaults, parseState, serializeState } from '$lib/state/schema';
import { attentionHeatmaps, schema } from './lab';

describe('attention controls', () => {
	it('keeps the controls a figure draws out of the panel, and the head and query pickers in it', () => {
		const keys = panelKeys(attentionHeatmaps);
		expect(keys).not.toContain('task');
		expect(keys).not.toContain('tokens');
		expect(keys).toEqual(['layer', 'head', 'query']);
		// The bench moves the panel's layer slider (#control-layer).
		expect(keys).toContain(attentionHeatmaps.bench.key);
	});

	it('labels layer and head plainly and shows them from 1', () => {
		expect(schema.layer).toMatchObject({ label: 'Layer', min: 0, max: 1, oneBased: true });
		expect(schema.head).toMatchObject({ label: 'Head', min: 0, max: 3, oneBased: true });
	});

	it('reads old links the same way: layer=1&head=3 is still layer 2, head 4', () => {
		const { state, notes } = parseState(schema, new URLSearchParams('layer=1&head=3'));
		expect(notes).toEqual([]);
		expect(state.layer).toBe(1);
		expect(state.head).toBe(3);
		expect(serializeState(schema, { ...defaults(schema), layer: 1, head: 3 }).toString()).toBe('layer=1&head=3');
	});
});
