/**
 * Results in two parts. A lab whose figures need work of very different cost (a forward pass for
 * the hero, a power iteration or a few small fits for a figure further down) returns the cheap
 * part at once, with the costly fields null, and the rest as a promise: the controller shows the
 * first part as soon as it lands and fills the rest in when it resolves, if the reader's state is
 * still the one it was computed for. The build's run waits for both (every figure prerendered).
 */
export interface Staged<R> {
	first: R;
	rest: Promise<Partial<R>>;
}

const marked = new WeakSet<object>();

/** Results `first` now, and the fields `rest` resolves to later. */
export function staged<R>(first: R, rest: Promise<Partial<R>>): Staged<R> {
	const out = { first, rest };
	marked.add(out);
	return out;
}

export const isStaged = <R>(value: R | Staged<R>): value is Staged<R> => typeof value === 'object' && value !== null && marked.has(value);

/** Both parts as one (the build's run). */
export async function whole<R>(value: R | Staged<R>): Promise<R> {
	return isStaged(value) ? { ...value.first, ...(await value.rest) } : value;
}

/** The first part only (a checkpoint that reads the cheap fields). The rest is not waited for, nor its failure reported. */
export function firstPart<R>(value: R | Staged<R>): R {
	if (!isStaged(value)) return value;
	value.rest.catch(() => undefined);
	return value.first;
}
