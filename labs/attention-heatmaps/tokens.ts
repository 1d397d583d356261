/**
 * The tasks' vocabulary and lengths (tasks.ts re-exports them): apart, so shape.ts, which the
 * quantization lab's figures read at first paint, brings these numbers and not the tasks' code.
 */

/** Digits 0–9 are ids 0–9; the separator and the padding follow. */
export const DIGITS = 10;
export const SEP = 10;
export const PAD = 11;
export const VOCAB = 12;
export const MIN_K = 3;
export const MAX_K = 7;
/** Longest sequence the models take: 2·MAX_K + 1. */
export const MAX_LEN = 2 * MAX_K + 1;
