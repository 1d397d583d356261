/**
 * Figure 6 tints a region cell in steps of opacity, by how sure the network is of its arm. Also
 * the form its build-time recording keeps the regions in: per cell, the arm and the step it is
 * drawn at, one letter each ('A' + arm × (TINT_LEVELS + 1) + step), a string gzip shrinks to a
 * tenth of the bytes the unrounded probabilities took. No imports: the recording script reads it.
 */

/** Steps of opacity between a clear cell and the surest. */
export const TINT_LEVELS = 8;

/** The step a cell this sure is drawn at: 0 (clear) at a coin toss over three arms, 1/3, up to TINT_LEVELS at 1. */
export const tintLevel = (sure: number): number => Math.round(Math.max(0, Math.min(1, 1.5 * sure - 0.5)) * TINT_LEVELS);

/** The sureness in the middle of a step: tintLevel gives `level` back. */
export const sureAtLevel = (level: number): number => (level / TINT_LEVELS + 0.5) / 1.5;

const FIRST = 'A'.charCodeAt(0);

/** Each cell's arm and tint step as one letter. */
export function packTints(arm: ArrayLike<number>, sure: ArrayLike<number>): string {
	let text = '';
	for (let i = 0; i < arm.length; i++) text += String.fromCharCode(FIRST + arm[i] * (TINT_LEVELS + 1) + tintLevel(sure[i]));
	return text;
}

/** The inverse of packTints: the arms, and each cell's sureness rounded to the middle of its step. */
export function unpackTints(text: string): { arm: Uint8Array; sure: Float32Array } {
	const arm = new Uint8Array(text.length);
	const sure = new Float32Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const key = text.charCodeAt(i) - FIRST;
		arm[i] = Math.floor(key / (TINT_LEVELS + 1));
		sure[i] = sureAtLevel(key % (TINT_LEVELS + 1));
	}
	return { arm, sure };
}
