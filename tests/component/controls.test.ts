import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import SliderHarness from './harness/SliderHarness.svelte';
import ToggleSelectHarness from './harness/ToggleSelectHarness.svelte';

describe('Slider', () => {
	it('shows its label and value, and updates the bound value on input', async () => {
		render(SliderHarness, { initial: 5 });
		const input = screen.getByLabelText('Depth') as HTMLInputElement;
		expect(input.type).toBe('range');
		expect(input.value).toBe('5');
		expect(input).toHaveAttribute('aria-valuetext', '5');

		input.value = '7';
		await fireEvent.input(input);
		expect(screen.getByTestId('bound')).toHaveTextContent('7');
		expect(input).toHaveAttribute('aria-valuetext', '7');
	});

	it('reflects a value set from outside', async () => {
		render(SliderHarness, { initial: 5 });
		await fireEvent.click(screen.getByText('set max'));
		expect((screen.getByLabelText('Depth') as HTMLInputElement).value).toBe('10');
	});

	it('steps with the keyboard and clamps at the ends', async () => {
		render(SliderHarness, { initial: 5 });
		const input = screen.getByLabelText('Depth');
		await fireEvent.keyDown(input, { key: 'ArrowRight' });
		expect(screen.getByTestId('bound')).toHaveTextContent('6');
		await fireEvent.keyDown(input, { key: 'ArrowDown' });
		await fireEvent.keyDown(input, { key: 'ArrowDown' });
		expect(screen.getByTestId('bound')).toHaveTextContent('4');
		await fireEvent.keyDown(input, { key: 'PageUp' });
		expect(screen.getByTestId('bound')).toHaveTextContent('10');
		await fireEvent.keyDown(input, { key: 'Home' });
		expect(screen.getByTestId('bound')).toHaveTextContent('0');
	});

	it('moves by decades on a log scale', async () => {
		render(SliderHarness, { initial: 1e-3, min: 1e-8, max: 10, step: 1, log: true });
		const input = screen.getByLabelText('Depth') as HTMLInputElement;
		expect(Number(input.value)).toBeCloseTo(-3);
		await fireEvent.keyDown(input, { key: 'ArrowRight' });
		expect(Number(screen.getByTestId('bound').textContent)).toBeCloseTo(1e-2);
		input.value = '-6';
		await fireEvent.input(input);
		expect(Number(screen.getByTestId('bound').textContent)).toBeCloseTo(1e-6);
		expect(input).toHaveAttribute('aria-valuetext', '1.0e-6');
	});
});

describe('Toggle, Select, NumberInput', () => {
	it('toggle flips its bound value and exposes role=switch', async () => {
		render(ToggleSelectHarness);
		const sw = screen.getByRole('switch', { name: 'Residual' });
		expect(sw).not.toBeChecked();
		await fireEvent.click(sw);
		expect(sw).toBeChecked();
		expect(screen.getByTestId('state')).toHaveTextContent(/^true sigmoid 64 1$/);
		await fireEvent.click(sw);
		expect(screen.getByTestId('state')).toHaveTextContent(/^false/);
	});

	it('a short option list is a radio group that changes the value', async () => {
		render(ToggleSelectHarness);
		const group = screen.getByRole('group', { name: 'Activation' });
		expect(group).toBeInTheDocument();
		expect(screen.getByRole('radio', { name: 'Sigmoid' })).toBeChecked();
		await fireEvent.click(screen.getByRole('radio', { name: 'ReLU' }));
		expect(screen.getByTestId('state')).toHaveTextContent('false relu 64 1');
		expect(screen.getByRole('radio', { name: 'ReLU' })).toBeChecked();
	});

	it('a long option list is a native select that keeps numeric values', async () => {
		render(ToggleSelectHarness);
		const select = screen.getByRole('combobox', { name: 'Width' }) as HTMLSelectElement;
		expect(select.selectedOptions[0].textContent).toBe('64');
		select.value = '6'; // the index of 512
		await fireEvent.change(select);
		expect(screen.getByTestId('state')).toHaveTextContent('false sigmoid 512 1');
	});

	it('number input steps with its buttons and clamps typed values', async () => {
		render(ToggleSelectHarness);
		const plus = screen.getByRole('button', { name: 'Increase Seed' });
		await fireEvent.click(plus);
		await fireEvent.click(plus);
		expect(screen.getByTestId('state')).toHaveTextContent(/ 3$/);
		expect(plus).toBeDisabled();
		const field = screen.getByLabelText('Seed') as HTMLInputElement;
		field.value = '-4';
		await fireEvent.change(field);
		expect(screen.getByTestId('state')).toHaveTextContent(/ 1$/);
		expect(field.value).toBe('1');
	});
});
