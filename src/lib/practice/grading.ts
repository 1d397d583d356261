/**
 * From a committed answer to a grade for the scheduler: wrong is "Again"; right is "Good", or
 * "Easy" when a number or marker lands within a quarter of its tolerance (close, not lucky).
 */
import { Rating, type Grade } from 'ts-fsrs';
import { isRight, type Answer, type AnswerKind } from './types';

/**
 * How far a numeric answer is from the solution, in tolerances (0 = exact, 1 = at the edge of
 * right); null for kinds that are simply right or wrong, or an unusable value.
 */
export function closeness(kind: AnswerKind, given: Answer, expected: Answer): number | null {
	if (kind.kind !== 'number' && kind.kind !== 'marker') return null;
	if (given.kind !== expected.kind || (given.kind !== 'number' && given.kind !== 'marker')) return null;
	const value = given.value;
	const target = (expected as { value: number }).value;
	if (!Number.isFinite(value)) return null;
	if (kind.scale === 'log') {
		if (value <= 0 || target <= 0 || kind.tolerance <= 1) return null;
		return Math.abs(Math.log(value / target)) / Math.log(kind.tolerance);
	}
	if (kind.tolerance <= 0) return value === target ? 0 : null;
	return Math.abs(value - target) / kind.tolerance;
}

export interface Graded {
	right: boolean;
	grade: Grade;
}

export function gradeAnswer(kind: AnswerKind, given: Answer, expected: Answer): Graded {
	const right = isRight(kind, given, expected);
	if (!right) return { right, grade: Rating.Again };
	const distance = closeness(kind, given, expected);
	return { right, grade: distance !== null && distance <= 0.25 ? Rating.Easy : Rating.Good };
}
