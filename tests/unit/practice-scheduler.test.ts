/** The practice deck's scheduler: what comes back first after a wrong answer. */
import { describe, expect, test } from 'vitest';
import { Rating, State, type Card } from 'ts-fsrs';
import { deckCounts, drawInterview, nextCardId, reviewCard } from '$lib/practice/scheduler';
import { gradeAnswer } from '$lib/practice/grading';

const t0 = new Date('2026-03-02T09:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('after a wrong answer', () => {
	const deck = ['lab/a', 'lab/b', 'lab/c'];
	const cards: Record<string, Card> = {};
	cards['lab/a'] = reviewCard(undefined, Rating.Again, t0); // wrong
	cards['lab/b'] = reviewCard(undefined, Rating.Good, later(10)); // right

	test('the missed card is due in a minute, the right one in ten (FSRS learning steps 1m, 10m)', () => {
		expect(cards['lab/a'].due.toISOString()).toBe('2026-03-02T09:01:00.000Z');
		expect(cards['lab/b'].due.toISOString()).toBe('2026-03-02T09:10:10.000Z');
		expect(cards['lab/a'].state).toBe(State.Learning);
	});

	test('before that minute passes, a card never asked is dealt', () => {
		expect(nextCardId(deck, cards, later(20), 'lab/b')).toBe('lab/c');
	});

	test('once the minute has passed, the missed card comes before any new card', () => {
		expect(nextCardId(deck, cards, later(61), 'lab/b')).toBe('lab/a');
	});

	test('with every card asked and none due, the missed card still comes back first', () => {
		const all = { ...cards, 'lab/c': reviewCard(undefined, Rating.Good, later(30)) };
		expect(nextCardId(deck, all, later(40), 'lab/c')).toBe('lab/a');
		expect(deckCounts(deck, all, later(40))).toEqual({ due: 0, fresh: 0, total: 3 });
		expect(deckCounts(deck, all, later(61))).toEqual({ due: 1, fresh: 0, total: 3 });
	});

	test('missing it again keeps it in relearning, counted as a lapse once it had been learnt', () => {
		const learnt = reviewCard(reviewCard(undefined, Rating.Good, t0), Rating.Good, later(700));
		expect(learnt.state).toBe(State.Review);
		const missed = reviewCard(learnt, Rating.Again, new Date(learnt.due.getTime()));
		expect(missed.state).toBe(State.Relearning);
		expect(missed.lapses).toBe(1);
		// Relearning step: ten minutes after the miss.
		expect(missed.due.getTime() - learnt.due.getTime()).toBe(10 * 60 * 1000);
	});
});

describe('dealing', () => {
	test('the card just answered is not dealt twice in a row unless it is the only one', () => {
		const cards = { 'lab/a': reviewCard(undefined, Rating.Again, t0) };
		expect(nextCardId(['lab/a', 'lab/b'], cards, later(120), 'lab/a')).toBe('lab/b');
		expect(nextCardId(['lab/a'], cards, later(5), 'lab/a')).toBe('lab/a');
		expect(nextCardId([], cards, t0)).toBeNull();
	});

	test('an interview draws each card once before going round again', () => {
		let i = 0;
		const fixed = () => [0.9, 0.1, 0.5, 0.3, 0.7, 0.2][i++ % 6];
		const drawn = drawInterview(['a', 'b', 'c'], 5, fixed);
		expect(drawn).toHaveLength(5);
		expect(new Set(drawn.slice(0, 3))).toEqual(new Set(['a', 'b', 'c']));
		expect(drawInterview([], 5, fixed)).toEqual([]);
	});
});

describe('grades', () => {
	const log = { kind: 'number', scale: 'log', tolerance: 10 } as const;
	test('wrong is Again, right is Good, right within a quarter of the tolerance is Easy', () => {
		const expected = { kind: 'number', value: 1e-9 } as const;
		expect(gradeAnswer(log, { kind: 'number', value: 1e-11 }, expected)).toEqual({ right: false, grade: Rating.Again });
		expect(gradeAnswer(log, { kind: 'number', value: 5e-9 }, expected)).toEqual({ right: true, grade: Rating.Good });
		// 10^0.2 ≈ 1.58 is within a quarter of a decade.
		expect(gradeAnswer(log, { kind: 'number', value: 1.5e-9 }, expected)).toEqual({ right: true, grade: Rating.Easy });
		const choice = { kind: 'choice', options: [{ id: 'x', label: 'X' }] } as const;
		expect(gradeAnswer(choice, { kind: 'choice', id: 'x' }, { kind: 'choice', id: 'x' })).toEqual({ right: true, grade: Rating.Good });
	});
});
