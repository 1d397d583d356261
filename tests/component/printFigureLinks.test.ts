/** A printed lab's figure addresses: in page order, with the settings of the moment it prints. */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import PrintFigureLinks from '$lib/ui/PrintFigureLinks.svelte';

const figures = [
	{ id: 'norms', title: 'Gradient norm at every layer' },
	{ id: 'hist', title: 'Activation histograms' }
];

/** Figures as a lab page holds them: the article's order, not the declaration's. */
function placeFigures(ids: string[]): void {
	for (const id of ids) {
		const figure = document.createElement('figure');
		figure.className = 'figure';
		figure.dataset.figure = id;
		document.body.append(figure);
	}
}

afterEach(() => {
	for (const figure of document.querySelectorAll('figure.figure')) figure.remove();
});

const notes = () => screen.getAllByRole('listitem').map((item) => item.textContent);

describe('PrintFigureLinks', () => {
	it('lists the figures in page order with their addresses once mounted', () => {
		placeFigures(['hist', 'norms']);
		render(PrintFigureLinks, { figures, href: (id: string) => `/labs/x?depth=5#${id}` });
		expect(notes()).toEqual(['Activation histograms: /labs/x?depth=5#hist', 'Gradient norm at every layer: /labs/x?depth=5#norms']);
	});

	it('reads the addresses again when the page is about to print, and not before', async () => {
		placeFigures(['norms']);
		let depth = 5;
		const asked: string[] = [];
		const href = (id: string) => {
			asked.push(id);
			return `/labs/x?depth=${depth}#${id}`;
		};
		render(PrintFigureLinks, { figures, href });
		expect(asked).toEqual(['norms']);
		depth = 9;
		expect(notes()).toEqual(['Gradient norm at every layer: /labs/x?depth=5#norms']);
		await fireEvent(window, new Event('beforeprint'));
		expect(notes()).toEqual(['Gradient norm at every layer: /labs/x?depth=9#norms']);
		expect(asked).toEqual(['norms', 'norms']);
	});
});
