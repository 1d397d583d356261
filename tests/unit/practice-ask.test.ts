/** Asking a card: seeded settings over the lab's defaults, the link into the lab, the deck. */
import { describe, expect, test } from 'vitest';
import { vanishingGradients } from '$labs/vanishing-gradients/lab';
import { askedState, labLinkSuffix } from '$lib/practice/ask';
import { buildDeck } from '$lib/practice/deck';
import type { Checkpoint } from '$lib/practice/types';
import { defineLab } from '$lib/labs/defineLab';

// A varying fixture checkpoint: depth drawn in 5..44, tanh.
const varying: Checkpoint = {
	id: 'fixture',
	settings: (random) => ({ depth: 5 + Math.floor(random() * 40), act: 'tanh' }),
	prompt: () => 'fixture',
	answer: () => ({ kind: 'choice', options: [] }),
	solve: async () => ({ expected: { kind: 'choice', id: 'x' }, shown: 'x', explanation: '' })
};

describe('asked settings', () => {
	test('the same seed draws the same settings; the rest of the state keeps its defaults', () => {
		const a = askedState(vanishingGradients, varying, 42);
		expect(a).toEqual(askedState(vanishingGradients, varying, 42));
		expect(a.act).toBe('tanh');
		expect(a.width).toBe(64);
		expect(a.init).toBe('xavier');
		const depths = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => askedState(vanishingGradients, varying, seed).depth));
		expect(depths.size).toBeGreaterThan(3);
	});

	test('the link carries only what differs from the defaults, and lands on the figure', () => {
		const state = { ...askedState(vanishingGradients, varying, 1), depth: 12 };
		expect(labLinkSuffix(vanishingGradients, state, 'gradient-norms')).toBe('?depth=12&act=tanh#gradient-norms');
		const defaults = { ...state, depth: 20, act: 'sigmoid' };
		expect(labLinkSuffix(vanishingGradients, defaults, 'activations')).toBe('#activations');
	});
});

describe('the deck', () => {
	test('is every lab’s cards, with ids <slug>/<id>', () => {
		const lab = defineLab({
			...vanishingGradients,
			slug: 'fixture-lab',
			scenes: [],
			checkpoints: [
				{ id: 'one', figure: 'gradient-norms', title: 'One', varies: false },
				{ id: 'two', figure: 'activations', title: 'Two', varies: true }
			],
			loadCheckpoints: async () => ({ default: [] })
		} as Parameters<typeof defineLab>[0]);
		expect(buildDeck([lab]).map((e) => e.id)).toEqual(['fixture-lab/one', 'fixture-lab/two']);
	});
});
