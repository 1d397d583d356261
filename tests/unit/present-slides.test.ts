/**
 * The presentation deck with poll slides: a checkpoint's poll comes right before the first scene
 * that shows its figure, polls whose figure no scene shows close the deck, and the URL names a
 * slide by scene number (as bookmarked before polls) or by poll id.
 */
import { describe, expect, it } from 'vitest';
import { deckOf, queryOf, slideFromQuery } from '$lib/present/slides';

const scenes = [
	{ id: 'a', figures: ['curve'] },
	{ id: 'b', figures: ['grid', 'curve'] },
	{ id: 'c', figures: ['grid'] }
];
const card = (id: string, figure: string) => ({ id, figure, title: id, varies: false });
const cards = [card('peak', 'curve'), card('cells', 'grid'), card('norm', 'norm'), card('again', 'curve')];

const names = (deck: ReturnType<typeof deckOf<(typeof scenes)[number]>>) =>
	deck.map((s) => (s.kind === 'scene' ? `scene ${s.scene.id}` : `poll ${s.card.id}`));

describe('deckOf', () => {
	it('puts each poll before the first scene showing its figure, the rest after the last scene', () => {
		expect(names(deckOf(scenes, cards))).toEqual(['poll peak', 'poll again', 'scene a', 'poll cells', 'scene b', 'scene c', 'poll norm']);
	});

	it('is the scenes alone for a lab without checkpoints', () => {
		expect(names(deckOf(scenes, []))).toEqual(['scene a', 'scene b', 'scene c']);
	});
});

describe('slideFromQuery / queryOf', () => {
	const deck = deckOf(scenes, cards);
	const at = (query: string) => slideFromQuery(deck, new URLSearchParams(query));

	it('reads ?scene=n as the nth scene and ?poll=id as that poll; no query is the first slide', () => {
		expect(at('')).toBe(0);
		expect(at('scene=1')).toBe(2);
		expect(at('scene=2')).toBe(4);
		expect(at('scene=9')).toBe(5);
		expect(at('scene=x')).toBe(2);
		expect(at('poll=norm')).toBe(6);
		expect(at('poll=nope&scene=3')).toBe(5);
	});

	it('writes the slide back, keeping the other parameters', () => {
		expect(queryOf(deck[3], new URLSearchParams('backend=wasm&scene=1')).toString()).toBe('backend=wasm&poll=cells');
		expect(queryOf(deck[5], new URLSearchParams('poll=cells')).toString()).toBe('scene=3');
	});
});
