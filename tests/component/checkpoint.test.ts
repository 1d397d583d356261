/**
 * A checkpoint in a lab: the figure it asks about is veiled until the reader commits; Commit
 * stays disabled without an answer; after committing, the page is set to the asked settings and
 * the reveal shows the reader's answer beside the computed one, with the verdict and the
 * explanation; the figure is unveiled. Veiled, its content is inert (no focus, no reading). Keyboard only: typing and Enter commit.
 */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { LabController } from '$lib/state/labController.svelte';
import type { Schema, StateOf } from '$lib/state/schema';
import type { Checkpoint } from '$lib/practice/types';
import CheckpointHarness from './harness/CheckpointHarness.svelte';

const schema = { depth: { kind: 'int', label: 'Depth', min: 1, max: 50, default: 20 } } satisfies Schema;
type State = StateOf<typeof schema>;

const solved: State[] = [];
const question: Checkpoint<State> = {
	id: 'depth-question',
	settings: () => ({ depth: 12 }),
	prompt: (s) => `Depth ${s.depth}: how many layers?`,
	answer: () => ({ kind: 'number', scale: 'linear', tolerance: 0.5 }),
	async solve(state) {
		solved.push(state);
		return { expected: { kind: 'number', value: state.depth }, shown: `${state.depth} layers`, explanation: `It is ${state.depth}.` };
	}
};

/** Inside an inert subtree (Svelte sets the `inert` property, which jsdom keeps without acting on it). */
function inert(el: Element): boolean {
	for (let e: Element | null = el; e; e = e.parentElement) if ((e as HTMLElement & { inert?: boolean }).inert === true) return true;
	return false;
}

function setup() {
	history.replaceState({}, '', '/lab');
	const controller = new LabController(schema, async (state: State) => `depth ${state.depth}`);
	const lab = {
		slug: 'test',
		checkpoints: [{ id: 'depth-question', figure: 'norms', title: 'Count the layers', varies: false }],
		loadCheckpoints: async () => ({ default: [question] })
	};
	render(CheckpointHarness, { controller, lab });
	return controller;
}

describe('Checkpoint: commit, then reveal', () => {
	it('veils the figure, reveals a wrong answer beside the computed one, and sets the page to the asked state', async () => {
		const controller = setup();
		await screen.findByText('Depth 12: how many layers?');
		const figure = screen.getByRole('figure', { name: /Gradient norm per layer/ });
		expect(figure.querySelector('[data-veiled]')).not.toBeNull();
		expect(screen.getByTestId('figure-veiled')).toHaveTextContent('Answer the checkpoint above');
		expect(screen.queryByText('Layer 1 hears almost nothing.')).toBeNull();
		// Out of reach of the keyboard and screen readers too, the note excepted.
		expect(inert(screen.getByTestId('result'))).toBe(true);
		expect(inert(screen.getByTestId('figure-veiled'))).toBe(false);
		expect(controller.state.depth).toBe(20);

		const commit = screen.getByTestId('checkpoint-commit');
		expect(commit).toBeDisabled();
		await fireEvent.input(screen.getByRole('textbox', { name: /Your answer/ }), { target: { value: '7' } });
		expect(commit).toBeEnabled();
		await fireEvent.click(commit);

		const reveal = await screen.findByTestId('checkpoint-reveal');
		expect(reveal).toHaveTextContent('✗ Not quite');
		expect(screen.getByTestId('checkpoint-given')).toHaveTextContent('7');
		expect(screen.getByTestId('checkpoint-expected')).toHaveTextContent('12 layers');
		expect(reveal).toHaveTextContent('It is 12.');
		expect(solved.at(-1)).toEqual({ depth: 12 });
		expect(controller.state.depth).toBe(12);
		await waitFor(() => expect(figure.querySelector('[data-veiled]')).toBeNull());
		expect(inert(screen.getByTestId('result'))).toBe(false);
		expect(screen.getByText('Layer 1 hears almost nothing.')).toBeInTheDocument();
	}, 20_000);

	it('Enter in the answer field commits; a right answer is said so, and the verdict takes focus', async () => {
		setup();
		await screen.findByText('Depth 12: how many layers?');
		const field = screen.getByRole('textbox', { name: /Your answer/ });
		await fireEvent.input(field, { target: { value: '1.2e1' } });
		// Enter in a form's text field submits the form.
		await fireEvent.submit(field.closest('form')!);
		const verdict = await screen.findByRole('heading', { name: '✓ Right' });
		await waitFor(() => expect(verdict).toHaveFocus());
	}, 20_000);
});
