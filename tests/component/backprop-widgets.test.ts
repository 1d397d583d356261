/**
 * Backprop's own widgets in figure 1: the stepper moves `step` through the graph's nodes (buttons
 * and arrow keys, kept within the node count) and says which node ran last; the weight control
 * writes a dragged weight into `w`, lists what was dragged, and resets.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Harness from './harness/BackpropWidgetsHarness.svelte';
import { BackpropController } from '../../labs/backprop/controller.svelte';
import { drawSample } from '../../labs/backprop/data';
import { buildBackpropGraph } from '../../labs/backprop/model';
import { parseWeights } from '../../labs/backprop/weights';

function setup(state: Partial<BackpropController['state']> = {}) {
	const controller = new BackpropController();
	controller.set(state);
	const { spec } = buildBackpropGraph({ hidden: 3, batch: 1, act: 'tanh', loss: 'ce', xgrad: false });
	const { params } = drawSample(3, 1, 1);
	const values: Record<string, number[]> = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.from(v as Float32Array)]));
	render(Harness, { controller, spec, values });
	return { controller, spec, forward: spec.nodes.filter((n) => n.phase === 'forward').length };
}

const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('backprop stepper', () => {
	it('steps one node at a time and names it; back, forward only, run all and reset', async () => {
		const { controller, spec, forward } = setup();
		expect(screen.getByText(`0 of ${spec.nodes.length} nodes run: press Step (or →)`)).toBeTruthy();
		expect(button('Reset').disabled).toBe(true);
		expect(button('◂ Back').disabled).toBe(true);
		await fireEvent.click(button('Step ▸'));
		expect(controller.state.step).toBe(1);
		const first = spec.nodes[0];
		expect(screen.getByText(`1 of ${spec.nodes.length} nodes run (${forward} forward, ${spec.nodes.length - forward} backward); last: forward ${first.op} → ${first.label}`)).toBeTruthy();
		await fireEvent.click(button('Forward only'));
		expect(controller.state.step).toBe(forward);
		expect(button('Forward only').disabled).toBe(true);
		await fireEvent.click(button('◂ Back'));
		expect(controller.state.step).toBe(forward - 1);
		await fireEvent.click(button('Run all'));
		expect(controller.state.step).toBe(spec.nodes.length);
		expect(button('Step ▸').disabled).toBe(true);
		await fireEvent.click(button('Reset'));
		expect(controller.state.step).toBe(0);
	});

	it('moves with the arrow keys on its toolbar, never past the ends', async () => {
		const { controller, spec } = setup();
		const toolbar = screen.getByRole('toolbar', { name: 'Run the graph node by node' });
		await fireEvent.keyDown(toolbar, { key: 'ArrowLeft' });
		expect(controller.state.step).toBe(0);
		await fireEvent.keyDown(toolbar, { key: 'ArrowRight' });
		await fireEvent.keyDown(toolbar, { key: 'ArrowRight' });
		expect(controller.state.step).toBe(2);
		await fireEvent.keyDown(toolbar, { key: 'ArrowLeft' });
		expect(controller.state.step).toBe(1);
		controller.set({ step: spec.nodes.length });
		await fireEvent.keyDown(toolbar, { key: 'ArrowRight' });
		expect(controller.state.step).toBe(spec.nodes.length);
	});
});

describe('backprop weight control', () => {
	it('starts at the seeded weight, writes a drag into w, lists it, and resets', async () => {
		const { controller } = setup();
		const slider = screen.getByLabelText('Its value') as HTMLInputElement;
		expect(Number(slider.value)).toBeCloseTo(drawSample(3, 1, 1).params.W1[0], 1);
		expect(screen.getByText('All weights as seeded (Xavier, seed 1).')).toBeTruthy();
		expect(button('Reset weights').disabled).toBe(true);
		await fireEvent.input(slider, { target: { value: '1.5' } });
		expect(parseWeights(controller.state.w, 3).overrides).toEqual([{ param: 'W1', index: 0, value: 1.5 }]);
		expect(screen.getByText('Dragged: W₁[1,1] = 1.5; the rest as seeded.')).toBeTruthy();
		// Another entry: the bias of class 3 joins the first.
		const select = screen.getByLabelText('Weight') as HTMLSelectElement;
		const b2 = Array.from(select.options).find((o) => o.textContent === 'b₂[3]')!;
		await fireEvent.change(select, { target: { value: b2.value } });
		await fireEvent.input(slider, { target: { value: '-2' } });
		expect(parseWeights(controller.state.w, 3).overrides).toEqual([
			{ param: 'W1', index: 0, value: 1.5 },
			{ param: 'b2', index: 2, value: -2 }
		]);
		await fireEvent.click(button('Reset weights'));
		expect(controller.state.w).toBe('');
		expect(screen.getByText('All weights as seeded (Xavier, seed 1).')).toBeTruthy();
	});

	it('says which entries of a hand-edited w it dropped, and keeps the rest', () => {
		setup({ w: 'W1[0]=0.5,junk,W2[99]=1' });
		expect(screen.getByText(/Dragged: W₁\[1,1\] = 0\.5; the rest as seeded\./)).toBeTruthy();
		const note = screen.getByText(/“junk” is not of the form W1\[0\]=0\.5; dropped\./);
		expect(note.textContent).toMatch(/W2\[99\]/);
	});
});
