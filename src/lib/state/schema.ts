/**
 * URL state: every control of a lab is a field of its schema. Parsing never throws: an unknown
 * key is ignored, a bad value falls back to the default (or is clamped) with a note the page
 * shows, so a hand-edited or truncated link still opens the lab.
 */

export interface IntField {
	kind: 'int';
	label: string;
	min: number;
	max: number;
	default: number;
	/** An index kept from 0 in the state and the URL, shown to readers counting from 1 (layer 1, head 1). */
	oneBased?: boolean;
}

export interface NumberField {
	kind: 'number';
	label: string;
	min: number;
	max: number;
	default: number;
	/** A log-scale control (e.g. 1e-8..10); zero may be allowed separately. */
	log?: boolean;
	/** Zero is a valid value below `min` (e.g. "no ridge"). */
	allowZero?: boolean;
}

export interface EnumField<V extends string = string> {
	kind: 'enum';
	label: string;
	options: readonly { value: V; label: string }[];
	default: V;
}

/**
 * Any number of options on at once (e.g. `fixes=aug,wd`). The value is the options that are on,
 * comma-separated in the order of `options` ('' for none, written `none` in a URL), so two equal
 * sets are equal strings.
 */
export interface FlagsField<V extends string = string> {
	kind: 'flags';
	label: string;
	options: readonly { value: V; label: string }[];
	default: string;
}

export interface BoolField {
	kind: 'bool';
	label: string;
	default: boolean;
}

/** Free text (e.g. a token sequence); `validate` returns why a value is unusable, or null. */
export interface TextField {
	kind: 'text';
	label: string;
	default: string;
	validate?: (value: string) => string | null;
}

export type Field = IntField | NumberField | EnumField | FlagsField | BoolField | TextField;
export type Schema = Record<string, Field>;

type ValueOf<F extends Field> = F extends EnumField<infer V>
	? V
	: F extends BoolField
		? boolean
		: F extends TextField | FlagsField
			? string
			: number;

export type StateOf<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

export interface ParseResult<S extends Schema> {
	state: StateOf<S>;
	/** Human-readable notes on values that were clamped or replaced. */
	notes: string[];
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
	const state: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(schema)) state[key] = field.default;
	return state as StateOf<S>;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The longest piece of a URL value a note repeats back (in characters, not UTF-16 units). */
export const ECHO_MAX_CHARS = 40;
// Bidi controls (embeddings, overrides, isolates, marks) and other invisible control characters:
// echoed as is, they would reorder or hide the site's own words around them.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A piece of reader-supplied text made safe to repeat in a note: control and bidi characters
 * removed, and cut to `max` characters with an ellipsis, so a 100 KB value makes a short note.
 */
export function echoText(raw: string, max = ECHO_MAX_CHARS): string {
	const chars = Array.from(raw.replace(UNSAFE_CHARS, ''));
	return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** A number as this site writes it: optional sign, digits, optional fraction and exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads one field; returns the value and, when the raw text was not usable as is, a note. */
function parseField(key: string, field: Field, raw: string): { value: unknown; note?: string } {
	const fallback = (why: string) => ({
		value: field.default,
		note: `“${key}=${echoText(raw)}” ${why}; using the default ${formatValue(field, field.default)}.`
	});
	switch (field.kind) {
		case 'text': {
			const why = field.validate?.(raw) ?? null;
			// The reason may quote the value too (e.g. the token it could not read).
			return why ? fallback(`is not usable (${echoText(why, 4 * ECHO_MAX_CHARS)})`) : { value: raw };
		}
		case 'bool': {
			const text = raw.toLowerCase();
			if (['1', 'on', 'true', 'yes'].includes(text)) return { value: true };
			if (['0', 'off', 'false', 'no'].includes(text)) return { value: false };
			return fallback('is not on/off');
		}
		case 'enum': {
			const hit = field.options.find((o) => o.value === raw);
			if (hit) return { value: hit.value };
			const names = field.options.map((o) => o.value).join(', ');
			return fallback(`is not one of ${names}`);
		}
		case 'flags': {
			const names = raw.split(',').map((name) => name.trim()).filter((name) => name !== '' && name !== 'none');
			const unknown = names.filter((name) => !field.options.some((o) => o.value === name));
			const value = flagsValue(field, names);
			if (unknown.length === 0) return { value };
			const known = field.options.map((o) => o.value).join(', ');
			return { value, note: `“${key}=${echoText(raw)}”: ${echoText(unknown.join(', '))} ${unknown.length === 1 ? 'is' : 'are'} not one of ${known}; using ${formatValue(field, value)}.` };
		}
		case 'int':
		case 'number': {
			const text = raw.trim();
			if (text === '') return fallback('is empty');
			// Plain decimals only: Number() would also read 0x10, 0b11, Infinity and padded text.
			if (!DECIMAL.test(text)) return fallback('is not a number');
			const num = Number(text);
			if (!Number.isFinite(num)) return fallback('is not a number');
			if (field.kind === 'number' && field.allowZero && num === 0) return { value: 0 };
			let value = field.kind === 'int' ? Math.round(num) : num;
			const clamped = clamp(value, field.min, field.max);
			if (clamped !== value) {
				value = clamped;
				return { value, note: `“${key}=${echoText(raw)}” is outside ${field.min}–${field.max}; clamped to ${value}.` };
			}
			if (field.kind === 'int' && value !== num) return { value, note: `“${key}=${echoText(raw)}” rounded to ${value}.` };
			if (text !== raw) return { value, note: `“${key}=${echoText(raw)}” read as ${value}.` };
			return { value };
		}
	}
}

export function parseState<S extends Schema>(schema: S, params: URLSearchParams): ParseResult<S> {
	const state = defaults(schema) as Record<string, unknown>;
	const notes: string[] = [];
	for (const [key, field] of Object.entries(schema)) {
		const raw = params.get(key);
		if (raw === null) continue;
		const { value, note } = parseField(key, field, raw);
		state[key] = value;
		if (note) notes.push(note);
	}
	return { state: state as StateOf<S>, notes };
}

/** The canonical value of a set of option names: the known ones, in the field's order. */
export const flagsValue = (field: FlagsField, names: readonly string[]): string =>
	field.options
		.filter((o) => names.includes(o.value))
		.map((o) => o.value)
		.join(',');

/** The option names a flags value holds. */
export const flagsOf = (value: string): string[] => (value === '' ? [] : value.split(','));

function formatValue(field: Field, value: unknown): string {
	if (field.kind === 'bool') return value ? 'on' : 'off';
	if (field.kind === 'flags') return value === '' ? 'none' : String(value);
	if (typeof value === 'number') return String(Number(value.toPrecision(6)));
	return String(value);
}

/**
 * Writes only the values that differ from the defaults, in schema order, so links stay short
 * and a default view has a clean URL.
 */
export function serializeState<S extends Schema>(schema: S, state: StateOf<S>): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, field] of Object.entries(schema)) {
		const value = (state as Record<string, unknown>)[key];
		if (value === field.default) continue;
		params.set(key, formatValue(field, value));
	}
	return params;
}

/** Copies `params` with the schema's keys replaced by `state`, keeping other keys (e.g. backend). */
export function mergeIntoParams<S extends Schema>(
	schema: S,
	state: StateOf<S>,
	params: URLSearchParams
): URLSearchParams {
	const merged = new URLSearchParams();
	for (const [key, value] of params) if (!(key in schema)) merged.set(key, value);
	for (const [key, value] of serializeState(schema, state)) merged.set(key, value);
	return merged;
}

export interface PatchResult<S extends Schema> {
	/** The fields of the patch that are valid as given. */
	patch: Partial<StateOf<S>>;
	/** Why the other fields were refused: unknown keys, wrong types, values the URL would adjust. */
	errors: string[];
}

/**
 * Checks a state patch from outside the page's own controls (the test hook) by the same rules as
 * the URL: each value goes through the field's parser, and anything the parser would clamp, round
 * or replace is refused rather than adjusted, as is any key the schema does not have.
 */
export function parsePatch<S extends Schema>(schema: S, input: Record<string, unknown>): PatchResult<S> {
	const patch: Record<string, unknown> = {};
	const errors: string[] = [];
	for (const [key, value] of Object.entries(input ?? {})) {
		const field = Object.hasOwn(schema, key) ? schema[key] : undefined;
		if (!field) {
			errors.push(`“${echoText(key)}” is not a setting of this lab.`);
			continue;
		}
		const expected = field.kind === 'bool' ? 'boolean' : field.kind === 'int' || field.kind === 'number' ? 'number' : 'string';
		if (typeof value !== expected) {
			errors.push(`“${key}” must be a ${expected}, not ${value === null ? 'null' : typeof value}.`);
			continue;
		}
		const raw = field.kind === 'bool' ? (value ? 'on' : 'off') : String(value);
		const { value: parsed, note } = parseField(key, field, raw);
		if (note) errors.push(note);
		else patch[key] = parsed;
	}
	return { patch: patch as Partial<StateOf<S>>, errors };
}
