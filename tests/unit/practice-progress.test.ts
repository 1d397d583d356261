/** The practice progress file: round trip, merge, and every way a file can be refused. */
import { describe, expect, test } from 'vitest';
import { Rating } from 'ts-fsrs';
import { mergeProgress, parseProgress, progressToJson, type Progress } from '$lib/practice/progress';
import { reviewCard } from '$lib/practice/scheduler';

const t0 = new Date('2026-03-02T09:00:00Z');

const sample = (): Progress => ({
	cards: {
		'vanishing-gradients/ratio': { fsrs: reviewCard(undefined, Rating.Again, t0), asked: 1, right: 0, lastRight: false },
		'diffusion-schedules/alpha-bar': { fsrs: reviewCard(undefined, Rating.Good, t0), asked: 2, right: 1, lastRight: true }
	}
});

/** The sample as parsed JSON, to break one field at a time. */
const sampleData = () => JSON.parse(progressToJson(sample(), t0));

const refused = (text: string) => {
	const parsed = parseProgress(text);
	expect(parsed.ok).toBe(false);
	return parsed.ok ? '' : parsed.message;
};

describe('progress file', () => {
	test('round-trips: what is written reads back the same, dates included', () => {
		const text = progressToJson(sample(), t0);
		const data = JSON.parse(text);
		expect(data.format).toBe('vlab-practice-progress');
		expect(data.version).toBe(1);
		expect(data.saved).toBe('2026-03-02T09:00:00.000Z');
		expect(data.cards['vanishing-gradients/ratio'].fsrs.due).toBe('2026-03-02T09:01:00.000Z');
		const parsed = parseProgress(text);
		expect(parsed).toEqual({ ok: true, progress: sample() });
	});

	test('an empty progress is a valid file', () => {
		expect(parseProgress(progressToJson({ cards: {} }, t0))).toEqual({ ok: true, progress: { cards: {} } });
	});

	test('text that is not JSON is refused as such', () => {
		expect(refused('{"format": "vlab-practice-progress", "vers')).toMatch(/not valid JSON.*Nothing was changed/);
		expect(refused('')).toMatch(/not valid JSON/);
	});

	test('JSON from somewhere else is refused as foreign', () => {
		for (const other of ['[]', 'null', '42', '{"cards": {}}', '{"format": "anki", "version": 1, "cards": {}}'])
			expect(refused(other)).toMatch(/not a practice-progress file from this site/);
	});

	test('a newer or missing version is refused and named', () => {
		expect(refused(JSON.stringify({ ...sampleData(), version: 2 }))).toMatch(/newer version of the site \(format 2\)/);
		expect(refused(JSON.stringify({ ...sampleData(), version: '1' }))).toMatch(/no version this page can read/);
	});

	test('a broken card is refused, naming the card and what is wrong', () => {
		const cases: [(d: ReturnType<typeof sampleData>) => void, RegExp][] = [
			[(d) => (d.cards['vanishing-gradients/ratio'].fsrs.due = 'yesterday'), /“vanishing-gradients\/ratio”.*no valid due date/],
			[(d) => (d.cards['vanishing-gradients/ratio'].fsrs.stability = -1), /invalid stability/],
			[(d) => (d.cards['vanishing-gradients/ratio'].fsrs.state = 7), /unknown learning state/],
			[(d) => (d.cards['vanishing-gradients/ratio'].fsrs.reps = 1.5), /invalid reps/],
			[(d) => (d.cards['diffusion-schedules/alpha-bar'].right = 3), /“diffusion-schedules\/alpha-bar”.*impossible answer counts/],
			[(d) => delete d.cards['diffusion-schedules/alpha-bar'].lastRight, /whether the last answer was right/],
			[(d) => (d.cards['not a card'] = d.cards['diffusion-schedules/alpha-bar']), /“not a card”.*not a card id/],
			[(d) => (d.cards = []), /no list of cards/]
		];
		for (const [breakIt, message] of cases) {
			const data = sampleData();
			breakIt(data);
			expect(refused(JSON.stringify(data))).toMatch(message);
		}
	});
});

describe('importing merges', () => {
	test('per card the record reviewed last wins; cards on one side only are kept', () => {
		const mine = sample();
		const theirs: Progress = {
			cards: {
				// Reviewed after mine: theirs wins.
				'vanishing-gradients/ratio': { fsrs: reviewCard(undefined, Rating.Good, new Date('2026-03-03T00:00:00Z')), asked: 4, right: 3, lastRight: true },
				// Reviewed before mine: mine stays.
				'diffusion-schedules/alpha-bar': { fsrs: reviewCard(undefined, Rating.Again, new Date('2026-03-01T00:00:00Z')), asked: 1, right: 0, lastRight: false },
				'attention-heatmaps/query': { fsrs: reviewCard(undefined, Rating.Good, t0), asked: 1, right: 1, lastRight: true }
			}
		};
		const merged = mergeProgress(mine, theirs);
		expect(merged.cards['vanishing-gradients/ratio'].asked).toBe(4);
		expect(merged.cards['diffusion-schedules/alpha-bar'].asked).toBe(2);
		expect(Object.keys(merged.cards).sort()).toEqual(['attention-heatmaps/query', 'diffusion-schedules/alpha-bar', 'vanishing-gradients/ratio']);
	});
});
