/** What one asked card came to: the record the deck, the interview and its summary share. */
import type { Backend } from '$lib/onnx/backend';
import type { Grade } from 'ts-fsrs';
import type { DeckEntry } from './deck';
import type { Answer, AnswerKind, Solution } from './types';

export interface Outcome {
	entry: DeckEntry;
	prompt: string;
	kind: AnswerKind;
	answer: Answer;
	/** What the reader's answer reads as. */
	given: string;
	solution: Solution;
	right: boolean;
	grade: Grade;
	/** The lab at the asked settings, on the figure that answers the card. */
	href: string;
	backend: Backend;
	/** From the question shown to the answer committed. */
	seconds: number;
}
