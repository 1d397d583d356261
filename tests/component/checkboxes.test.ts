/** Checkboxes: the flags control. Each option toggles on its own; the bound value stays canonical. */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import CheckboxesHarness from './harness/CheckboxesHarness.svelte';

describe('Checkboxes', () => {
	it('is a named group of checkboxes showing the value it is given', () => {
		render(CheckboxesHarness, { initial: 'aug,stop' });
		expect(screen.getByRole('group', { name: 'Fixes' })).toBeInTheDocument();
		expect(screen.getByRole('checkbox', { name: 'augmentation' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'weight decay' })).not.toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'early stopping' })).toBeChecked();
	});

	it('turns options on and off, keeping the options’ order in the value', async () => {
		render(CheckboxesHarness, { initial: 'stop' });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'augmentation' }));
		expect(screen.getByTestId('value')).toHaveTextContent('[aug,stop]');
		await fireEvent.click(screen.getByRole('checkbox', { name: 'early stopping' }));
		expect(screen.getByTestId('value')).toHaveTextContent('[aug]');
		await fireEvent.click(screen.getByRole('checkbox', { name: 'augmentation' }));
		expect(screen.getByTestId('value')).toHaveTextContent('[]');
	});

	it('follows a value set from outside', async () => {
		render(CheckboxesHarness);
		await fireEvent.click(screen.getByText('set wd'));
		expect(screen.getByRole('checkbox', { name: 'weight decay' })).toBeChecked();
		expect(screen.getByRole('checkbox', { name: 'augmentation' })).not.toBeChecked();
	});
});
