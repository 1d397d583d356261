/**
 * Spaced repetition with FSRS (the `ts-fsrs` library): each card's memory state is an FSRS card,
 * and a review moves it by the grade (grading.ts). Which card comes next is decided here:
 *
 * 1. a card that is due (its review time has come), the longest overdue first;
 * 2. else a card never asked, in deck order;
 * 3. else the card due soonest (practising ahead beats an empty page).
 *
 * The card just answered is dealt again only when it is the only one. With FSRS's default
 * (re)learning steps a wrong answer is due again in a minute and a right first answer in ten,
 * so a missed card comes back before the ones answered right. Fuzz is off: the same history
 * always gives the same schedule.
 */
import { createEmptyCard, fsrs, type Card, type Grade } from 'ts-fsrs';

const scheduler = fsrs({ enable_fuzz: false });

/** The memory state after one review at `now` (a card never reviewed starts empty). */
export function reviewCard(card: Card | undefined, grade: Grade, now: Date): Card {
	return scheduler.next(card ?? createEmptyCard(now), now, grade).card;
}

/** The id of the card to ask next, or null for an empty deck. */
export function nextCardId(
	deck: readonly string[],
	cards: Readonly<Record<string, Card | undefined>>,
	now: Date,
	justAnswered?: string
): string | null {
	const candidates = deck.length > 1 ? deck.filter((id) => id !== justAnswered) : deck;
	if (candidates.length === 0) return null;
	const seen = candidates.filter((id) => cards[id]);
	const bySoonest = [...seen].sort((a, b) => cards[a]!.due.getTime() - cards[b]!.due.getTime());
	const due = bySoonest.filter((id) => cards[id]!.due.getTime() <= now.getTime());
	if (due.length > 0) return due[0];
	const fresh = candidates.find((id) => !cards[id]);
	if (fresh !== undefined) return fresh;
	return bySoonest[0];
}

/** How many cards are due now and how many were never asked, for the page's summary line. */
export function deckCounts(deck: readonly string[], cards: Readonly<Record<string, Card | undefined>>, now: Date) {
	let due = 0;
	let fresh = 0;
	for (const id of deck) {
		const card = cards[id];
		if (!card) fresh++;
		else if (card.due.getTime() <= now.getTime()) due++;
	}
	return { due, fresh, total: deck.length };
}

/**
 * A mock interview's questions: `count` card ids at random (each at most once while the deck
 * lasts; a longer interview goes round the deck again, in a new order).
 */
export function drawInterview(deck: readonly string[], count: number, random: () => number): string[] {
	const picked: string[] = [];
	while (deck.length > 0 && picked.length < count) {
		const round = [...deck];
		for (let i = round.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[round[i], round[j]] = [round[j], round[i]];
		}
		picked.push(...round.slice(0, count - picked.length));
	}
	return picked;
}
