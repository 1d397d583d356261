/**
 * Backprop's graph figures answer the keyboard: the chips and boxes are one listbox with one Tab
 * stop; the arrow keys, Home and End walk it in graph order (inputs, then nodes as they run), and
 * the focused item is reported as hovered (the partner highlight and the live adjoint sum follow
 * it). Each item is named by its visible text and described (<desc>) by what it is.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import GraphView from '../../labs/backprop/GraphView.svelte';
import { layoutPass } from '../../labs/backprop/layout';
import { buildBackpropGraph } from '../../labs/backprop/model';

function draw(revealedCount: number) {
	const { spec } = buildBackpropGraph({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false });
	const forward = spec.nodes.filter((n) => n.phase === 'forward');
	const values: Record<string, number[]> = Object.fromEntries(forward.map((n, i) => [n.id, [i + 0.5]]));
	const hovered: (string | null)[] = [];
	render(GraphView, {
		spec,
		values,
		phase: 'forward',
		revealed: new Set(forward.slice(0, revealedCount).map((n) => n.id)),
		current: null,
		highlight: new Set<string>(),
		onhover: (id: string | null) => hovered.push(id),
		title: 'Forward graph',
		desc: 'test'
	});
	return { spec, forward, hovered };
}

const options = () => screen.getAllByRole('option');
const focusedId = () => (document.activeElement as Element | null)?.getAttribute('data-item');

describe('backprop graph keyboard', () => {
	it('has one Tab stop, and walks inputs then nodes with the arrows, Home and End', async () => {
		const { spec, forward, hovered } = draw(0);
		// Inputs in the order the layout stacks them, top to bottom: every graph input once.
		const inputs = layoutPass(spec, 'forward').chips.map((c) => c.id);
		expect([...inputs].sort()).toEqual(spec.sources.map((s) => s.id).sort());
		expect(options()).toHaveLength(inputs.length + forward.length);
		const stops = options().filter((o) => o.getAttribute('tabindex') === '0');
		expect(stops.map((o) => o.getAttribute('data-item'))).toEqual([inputs[0]]);

		(stops[0] as unknown as SVGGElement).focus();
		expect(hovered.at(-1)).toBe(inputs[0]);
		const list = screen.getByRole('listbox');
		await fireEvent.keyDown(list, { key: 'ArrowUp' });
		expect(focusedId()).toBe(inputs[0]);
		for (let i = 1; i < inputs.length; i++) await fireEvent.keyDown(list, { key: 'ArrowDown' });
		expect(focusedId()).toBe(inputs.at(-1));
		await fireEvent.keyDown(list, { key: 'ArrowRight' });
		expect(focusedId()).toBe(forward[0].id);
		expect(hovered.at(-1)).toBe(forward[0].id);
		await fireEvent.keyDown(list, { key: 'End' });
		expect(focusedId()).toBe(forward.at(-1)!.id);
		await fireEvent.keyDown(list, { key: 'ArrowDown' });
		expect(focusedId()).toBe(forward.at(-1)!.id);
		await fireEvent.keyDown(list, { key: 'Home' });
		expect(focusedId()).toBe(inputs[0]);
		// The Tab stop follows the last focused item.
		await fireEvent.keyDown(list, { key: 'ArrowLeft' });
		await fireEvent.keyDown(list, { key: 'End' });
		expect(options().filter((o) => o.getAttribute('tabindex') === '0').map((o) => o.getAttribute('data-item'))).toEqual([forward.at(-1)!.id]);
	});

	it('shows each item\'s op, tensor and value as its text, and describes what it is: an input, a node run or not yet', () => {
		const { spec, forward } = draw(2);
		const total = spec.nodes.length;
		const item = (id: string) => options().find((o) => o.getAttribute('data-item') === id)!;
		// The name comes from the text (jsdom would count the <desc> in; a browser reads it as the description).
		const text = (id: string) => Array.from(item(id).querySelectorAll('text'), (t) => t.textContent).join(' ');
		const note = (id: string) => item(id).querySelector(':scope > desc')?.textContent;
		expect(text('W1')).toBe('W₁');
		expect(note('W1')).toBe('graph input');
		expect(text(forward[0].id)).toBe(`${forward[0].op} ${forward[0].label} 0.5`);
		expect(note(forward[0].id)).toBe(`node 1 of ${total}, run`);
		expect(note(forward[2].id)).toBe(`node 3 of ${total}, not run yet`);
	});
});
