/**
 * Checkpoints: predict, then reveal (issue 17). A checkpoint asks one interview-style question
 * right before the figure that answers it; the reader commits an answer, then the page shows it
 * beside the answer the live model (or the maths) computed for the settings asked about.
 *
 * Two halves, so that a lab's declaration stays light:
 * - `CheckpointCard` (plain data) is declared in `lab.ts` through `defineLab({ checkpoints })`. The
 *   registry, the index and the `/practice` deck read only these.
 * - `Checkpoint` (with code that may run ONNX models) lives in the lab's `checkpoints.ts`, loaded
 *   lazily through the card's lab (`defineLab({ loadCheckpoints: () => import('./checkpoints') })`,
 *   whose module's default export is `Checkpoint[]`, one per card, same ids).
 *
 * Answers are computed, never typed in: `solve` derives the expected answer from the model or the
 * maths for the state the question is asked at.
 */
import type { Backend } from '$lib/onnx/backend';

/** What the reader is asked to give. */
export type AnswerKind =
	/** One of several options. */
	| { kind: 'choice'; options: readonly { id: string; label: string }[] }
	/** A number; right when within `tolerance` of the solution (a factor on a log scale, e.g. 10 = one decade). */
	| { kind: 'number'; scale: 'linear' | 'log'; tolerance: number; unit?: string; min?: number; max?: number }
	/** A marker dragged on one axis of the named figure; same tolerance rule as 'number'. */
	| { kind: 'marker'; figure: string; axis: 'x' | 'y'; scale: 'linear' | 'log'; tolerance: number; min: number; max: number }
	/** The cells (or heads, tokens…) that qualify, clicked on a grid the checkpoint lays out. */
	| { kind: 'cells'; rows: number; cols: number; rowLabels?: readonly string[]; colLabels?: readonly string[] };

/** The reader's answer, one shape per kind. */
export type Answer =
	| { kind: 'choice'; id: string }
	| { kind: 'number'; value: number }
	| { kind: 'marker'; value: number }
	| { kind: 'cells'; cells: readonly string[] /** "row,col", 0-based */ };

/** The computed answer for one asked state. */
export interface Solution {
	/** The expected answer, in the same shape as the reader's. */
	expected: Answer;
	/** The computed answer as a reader reads it ("about 10⁻⁹", "t = 682", "key 3"). */
	shown: string;
	/** Two or three sentences, correct to the numbers computed, for this state. */
	explanation: string;
}

/** A checkpoint as the deck and the index see it: plain data, declared in `lab.ts`. */
export interface CheckpointCard {
	/** Unique within the lab; the deck's card id is `<slug>/<id>`. */
	id: string;
	/** The figure that answers it; the article places the checkpoint just before that figure. */
	figure: string;
	/** A short title for lists ("Gradient ratio at depth 20"). */
	title: string;
	/** Draws fresh settings each time it is asked, so it can be practised more than once. */
	varies: boolean;
	/** Anchor of the derivation the explanation links to (an id in the article), if any. */
	derivation?: string;
}

/** A checkpoint's code, in the lab's `checkpoints.ts`. `State` is the lab's URL state. */
export interface Checkpoint<State = Record<string, unknown>> {
	id: string;
	/**
	 * The settings the question is asked at, merged over the lab's defaults: fixed ones return a
	 * constant patch; varying ones draw from `random` (uniform in [0, 1), seeded by the caller).
	 */
	settings(random: () => number): Partial<State>;
	/** The question, for the asked state (it may name the settings: "sigmoid, depth 20, …"). */
	prompt(state: State): string;
	/** What kind of answer the reader gives, for the asked state. */
	answer(state: State): AnswerKind;
	/** The expected answer, computed by the model or the maths for `state`. */
	solve(state: State, backend: Backend): Promise<Solution>;
}

/** True when `given` counts as right for `solution` under `kind`'s rules. */
export function isRight(kind: AnswerKind, given: Answer, expected: Answer): boolean {
	if (given.kind !== expected.kind) return false;
	switch (expected.kind) {
		case 'choice':
			return (given as typeof expected).id === expected.id;
		case 'number':
		case 'marker': {
			if (kind.kind !== 'number' && kind.kind !== 'marker') return false;
			const value = (given as typeof expected).value;
			if (!Number.isFinite(value)) return false;
			if (kind.scale === 'log') {
				if (value <= 0 || expected.value <= 0) return false;
				return Math.abs(Math.log(value / expected.value)) <= Math.log(kind.tolerance);
			}
			return Math.abs(value - expected.value) <= kind.tolerance;
		}
		case 'cells': {
			const a = new Set((given as typeof expected).cells);
			return a.size === expected.cells.length && expected.cells.every((c) => a.has(c));
		}
	}
}
