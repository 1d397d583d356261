/**
 * A reader's practice progress, and its file format (localStorage holds the same text).
 *
 * The format is versioned: `{ "format": "vlab-practice-progress", "version": 1, "saved": ISO date,
 * "cards": { "<slug>/<id>": { fsrs: {…FSRS card, dates as ISO strings}, asked, right, lastRight } } }`.
 * Parsing checks every field and either returns the whole progress or one sentence saying what is
 * wrong, never a partly read file: an import of a corrupt or foreign file changes nothing.
 */
import type { Card, State } from 'ts-fsrs';

export const PROGRESS_FORMAT = 'vlab-practice-progress';
export const PROGRESS_VERSION = 1;

export interface CardProgress {
	/** FSRS's memory state for the card (scheduler.ts). */
	fsrs: Card;
	/** Times asked (committed answers) and how many of them were right. */
	asked: number;
	right: number;
	lastRight: boolean;
}

export interface Progress {
	cards: Record<string, CardProgress>;
}

export const emptyProgress = (): Progress => ({ cards: {} });

export type ParsedProgress = { ok: true; progress: Progress } | { ok: false; message: string };

export function progressToJson(progress: Progress, now: Date): string {
	const cards: Record<string, unknown> = {};
	for (const [id, entry] of Object.entries(progress.cards)) {
		const { due, last_review, ...rest } = entry.fsrs;
		cards[id] = {
			fsrs: { ...rest, due: due.toISOString(), ...(last_review ? { last_review: last_review.toISOString() } : {}) },
			asked: entry.asked,
			right: entry.right,
			lastRight: entry.lastRight
		};
	}
	return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, saved: now.toISOString(), cards }, null, 1);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// A card id is `<slug>/<id>`: short, printable, no surprises when shown back.
const CARD_ID = /^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9_-]*$/;

function readDate(value: unknown): Date | null {
	if (typeof value !== 'string') return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** One card's FSRS state, or why it is not one. */
function readFsrs(value: unknown): Card | string {
	if (!isRecord(value)) return 'has no scheduling state';
	const due = readDate(value.due);
	if (!due) return 'has no valid due date';
	const lastReview = value.last_review === undefined ? undefined : readDate(value.last_review);
	if (lastReview === null) return 'has an invalid last-review date';
	for (const key of ['stability', 'difficulty'] as const)
		if (!isFiniteNumber(value[key]) || (value[key] as number) < 0) return `has an invalid ${key}`;
	for (const key of ['elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses'] as const)
		if (!isCount(value[key])) return `has an invalid ${key.replace('_', ' ')}`;
	if (!Number.isInteger(value.state) || (value.state as number) < 0 || (value.state as number) > 3) return 'has an unknown learning state';
	return {
		due,
		stability: value.stability as number,
		difficulty: value.difficulty as number,
		elapsed_days: value.elapsed_days as number,
		scheduled_days: value.scheduled_days as number,
		learning_steps: value.learning_steps as number,
		reps: value.reps as number,
		lapses: value.lapses as number,
		state: value.state as State,
		...(lastReview ? { last_review: lastReview } : {})
	};
}

/** Reads a progress file's text: the whole progress, or one sentence on what is wrong with it. */
export function parseProgress(text: string): ParsedProgress {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, message: 'This file is not valid JSON, so it is not a progress file from this site. Nothing was changed.' };
	}
	if (!isRecord(data) || data.format !== PROGRESS_FORMAT)
		return { ok: false, message: 'This JSON file is not a practice-progress file from this site. Nothing was changed.' };
	if (data.version !== PROGRESS_VERSION) {
		const newer = typeof data.version === 'number' && data.version > PROGRESS_VERSION;
		return {
			ok: false,
			message: newer
				? `This progress file was written by a newer version of the site (format ${data.version}); this page reads format ${PROGRESS_VERSION}. Nothing was changed.`
				: 'This progress file has no version this page can read. Nothing was changed.'
		};
	}
	if (!isRecord(data.cards)) return { ok: false, message: 'This progress file has no list of cards. Nothing was changed.' };
	const cards: Record<string, CardProgress> = {};
	for (const [id, raw] of Object.entries(data.cards)) {
		const name = id.length > 60 ? `${id.slice(0, 60)}…` : id;
		if (!CARD_ID.test(id)) return { ok: false, message: `The card “${name}” in this file is not a card id. Nothing was changed.` };
		const problem = (why: string): ParsedProgress => ({ ok: false, message: `The card “${name}” in this file ${why}. Nothing was changed.` });
		if (!isRecord(raw)) return problem('is not a record');
		const fsrs = readFsrs(raw.fsrs);
		if (typeof fsrs === 'string') return problem(fsrs);
		if (!isCount(raw.asked) || !isCount(raw.right) || (raw.right as number) > (raw.asked as number))
			return problem('has impossible answer counts');
		if (typeof raw.lastRight !== 'boolean') return problem('does not say whether the last answer was right');
		cards[id] = { fsrs, asked: raw.asked as number, right: raw.right as number, lastRight: raw.lastRight };
	}
	return { ok: true, progress: { cards } };
}

/**
 * An imported progress merged into the current one: per card, the record reviewed last wins
 * (a card reviewed in both keeps the newer history), and cards only one side has are kept.
 */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
	const cards = { ...current.cards };
	const reviewed = (entry: CardProgress) => entry.fsrs.last_review?.getTime() ?? -Infinity;
	for (const [id, entry] of Object.entries(incoming.cards)) {
		const mine = cards[id];
		if (!mine || reviewed(entry) > reviewed(mine)) cards[id] = entry;
	}
	return { cards };
}
