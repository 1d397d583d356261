/**
 * Backprop's figure 1 draws the first non-finite forward node in the error colour, labelled, and
 * nothing so when every value is finite. Values from the float32 hand reference (naiveReference.ts).
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import GraphView from '../../labs/backprop/GraphView.svelte';
import { drawSample } from '../../labs/backprop/data';
import { buildBackpropGraph } from '../../labs/backprop/model';
import { naiveForward32 } from '../../labs/backprop/naiveReference';
import { firstNonFinite } from '../../labs/backprop/nonFinite';

function draw(scale: number) {
	const { spec } = buildBackpropGraph({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false, naive: true });
	const sample = drawSample(3, 1, 3);
	const byLabel = new Map(naiveForward32({ ...sample.params, X: sample.X, Y: sample.Y, batch: 1, hidden: 3, act: 'tanh', scale }).map((t) => [t.label, t.values]));
	const values: Record<string, number[]> = {};
	for (const n of spec.nodes) if (n.phase === 'forward') values[n.id] = byLabel.get(n.label) ?? [0];
	const bad = firstNonFinite(spec, values);
	const all = new Set(spec.nodes.map((n) => n.id));
	const { container } = render(GraphView, {
		spec,
		values,
		phase: 'forward',
		revealed: all,
		current: null,
		highlight: new Set<string>(),
		onhover: () => {},
		title: 'Forward graph',
		desc: 'test',
		firstBad: bad?.id ?? null
	});
	return { container, bad };
}

describe('backprop figure 1: the first non-finite node', () => {
	it('is one box, in the error colour class, labelled, at a breaking scale', () => {
		const { container, bad } = draw(3000);
		expect(bad?.label).toBe('e^(s·z)');
		const marked = container.querySelectorAll('g.box.first-bad');
		expect(marked).toHaveLength(1);
		expect(marked[0].textContent).toContain('first non-finite');
		expect(marked[0].textContent).toContain('e^(s·z)');
	});

	it('is absent when every value is finite', () => {
		const { container, bad } = draw(1);
		expect(bad).toBeNull();
		expect(container.querySelector('g.box.first-bad')).toBeNull();
		expect(container.textContent).not.toContain('first non-finite');
	});
});
