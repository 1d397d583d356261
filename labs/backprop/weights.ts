/**
 * The `w` control: weights the reader has dragged, as URL text "W1[0]=0.5,b2[2]=-1" (a parameter,
 * a flat row-major index, a value). Parsing never throws: a malformed entry is dropped with a
 * note, a value is clamped to ±WEIGHT_LIMIT, at most MAX_ENTRIES are kept, and an index past the
 * current width is dropped. The overrides replace those entries of the seeded weights before any
 * run, so every intermediate and gradient follows. No ONNX here: lab.ts's schema imports it.
 */
import { echoText } from '$lib/state/schema';

export const WEIGHT_NAMES = ['W1', 'b1', 'W2', 'b2'] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];
/** A dragged weight stays within ±this (the seeded Xavier weights are mostly within ±2). */
export const WEIGHT_LIMIT = 5;
/** More dragged weights than this are dropped: a link stays short and the parse cheap. */
export const MAX_ENTRIES = 8;
/** Longer `w` text is refused whole. */
export const MAX_CHARS = 400;

export interface WeightOverride {
	param: WeightName;
	index: number;
	value: number;
}

/** How many entries each parameter has for `hidden` units (W₁ is 2 × hidden, W₂ hidden × 3). */
export const weightSize = (param: WeightName, hidden: number): number =>
	param === 'W1' ? 2 * hidden : param === 'b1' ? hidden : param === 'W2' ? 3 * hidden : 3;

const ENTRY = /^\s*(W1|b1|W2|b2)\[(\d{1,4})\]\s*=\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

function readEntry(text: string): WeightOverride | null {
	const m = ENTRY.exec(text);
	if (!m) return null;
	const param = WEIGHT_NAMES.find((n) => n.toLowerCase() === m[1].toLowerCase())!;
	const value = Number(m[3]);
	return Number.isFinite(value) ? { param, index: Number(m[2]), value } : null;
}

/** For the schema: refuses the whole value only when it is too long or has no usable entry. */
export function validateWeights(text: string): string | null {
	if (text.trim() === '') return null;
	if (text.length > MAX_CHARS) return `longer than ${MAX_CHARS} characters`;
	return text.split(',').some((e) => readEntry(e)) ? null : 'no entry of the form W1[0]=0.5';
}

export interface ParsedWeights {
	overrides: WeightOverride[];
	/** Why entries were dropped or changed, for the figure to show. */
	notes: string[];
}

export function parseWeights(text: string, hidden: number): ParsedWeights {
	const overrides: WeightOverride[] = [];
	const notes: string[] = [];
	if (text.trim() === '' || validateWeights(text)) return { overrides, notes };
	const entries = text.split(',').filter((e) => e.trim() !== '');
	for (const raw of entries) {
		const entry = readEntry(raw);
		if (!entry) {
			notes.push(`Dragged weight “${echoText(raw.trim())}” is not of the form W1[0]=0.5; dropped.`);
			continue;
		}
		const size = weightSize(entry.param, hidden);
		if (entry.index >= size) {
			notes.push(`${entry.param}[${entry.index}] does not exist with ${hidden} hidden units (${entry.param} has ${size} entries); dropped.`);
			continue;
		}
		const value = Math.min(WEIGHT_LIMIT, Math.max(-WEIGHT_LIMIT, entry.value));
		if (value !== entry.value) notes.push(`${entry.param}[${entry.index}] = ${echoText(String(entry.value))} is outside ±${WEIGHT_LIMIT}; clamped to ${value}.`);
		// A weight named twice keeps its last value, in the place it first had.
		const same = overrides.find((o) => o.param === entry.param && o.index === entry.index);
		if (same) same.value = value;
		else if (overrides.length < MAX_ENTRIES) overrides.push({ ...entry, value });
		else notes.push(`More than ${MAX_ENTRIES} dragged weights; ${entry.param}[${entry.index}] dropped.`);
	}
	return { overrides, notes };
}

/** The URL text for a list of overrides (values to 4 significant digits, enough for a slider). */
export const serializeWeights = (overrides: readonly WeightOverride[]): string =>
	overrides.map((o) => `${o.param}[${o.index}]=${Number(o.value.toPrecision(4))}`).join(',');

/** `text` with one weight set (added, or moved to its new value), as the URL will hold it. */
export function withWeight(text: string, hidden: number, param: WeightName, index: number, value: number): string {
	const { overrides } = parseWeights(text, hidden);
	const clamped = Math.min(WEIGHT_LIMIT, Math.max(-WEIGHT_LIMIT, value));
	const same = overrides.find((o) => o.param === param && o.index === index);
	if (same) same.value = clamped;
	else {
		overrides.push({ param, index, value: clamped });
		// Past the cap, the oldest drag makes room for the newest.
		if (overrides.length > MAX_ENTRIES) overrides.shift();
	}
	return serializeWeights(overrides);
}

/** Copies of `params` with the overrides written in (as float32, as the graph is fed). */
export function applyWeights<P extends Record<WeightName, Float32Array>>(params: P, overrides: readonly WeightOverride[]): P {
	if (overrides.length === 0) return params;
	const out = { ...params };
	for (const name of WEIGHT_NAMES) if (overrides.some((o) => o.param === name)) out[name] = Float32Array.from(params[name]) as P[WeightName];
	for (const o of overrides) out[o.param][o.index] = o.value;
	return out;
}
