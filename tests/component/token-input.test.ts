/** The attention lab's digit box (built on the shared TextInput): its warnings and messages. */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { AttnController } from '$labs/attention-heatmaps/controller.svelte';
import TokenInputHarness from './harness/TokenInputHarness.svelte';

const REPEATS = /trained on distinct digits/;

function setup(tokens: string) {
	const controller = new AttnController();
	controller.set({ task: 'copy', tokens });
	render(TokenInputHarness, { controller });
	return { controller, box: screen.getByLabelText(/Input digits/) as HTMLInputElement };
}

describe('TokenInput', () => {
	it('gives no repeats warning for distinct digits written with commas (tokens=1,2,3)', () => {
		setup('1,2,3');
		expect(screen.queryByText(REPEATS)).toBeNull();
	});

	it('warns about repeats the copy model never saw', () => {
		setup('1123');
		expect(screen.getByText(REPEATS)).toBeInTheDocument();
	});

	it('commits plain digits, and keeps a bad entry in the box with the whole emoji named', async () => {
		const { controller, box } = setup('5829314');
		await fireEvent.input(box, { target: { value: '3 1 4' } });
		expect(controller.state.tokens).toBe('314');
		await fireEvent.input(box, { target: { value: '31🙂4' } });
		flushSync();
		expect(box.value).toBe('31🙂4');
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByText(/“🙂” is not in the vocabulary/)).toHaveTextContent('The figures still show 314.');
		expect(controller.state.tokens).toBe('314');
	});

	it('Random replaces a bad entry with a valid sequence', async () => {
		const { controller, box } = setup('5829314');
		await fireEvent.input(box, { target: { value: 'x' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Random' }));
		flushSync();
		expect(box).toHaveAttribute('aria-invalid', 'false');
		expect(box.value).toBe(controller.state.tokens);
		expect(controller.state.tokens).toMatch(/^[0-9]{3,7}$/);
	});
});
