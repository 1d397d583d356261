/**
 * Tensor shapes and the pure rules that combine them (numpy broadcasting, matmul, reductions,
 * reshape...). The graph builder calls these at build time so that a wrong model fails where it
 * is written, with a sentence naming the dims, instead of inside the runtime.
 *
 * A `Dim` is a number or a symbolic name ('batch'); two symbolic dims are equal only when their
 * names are. Nothing here knows about ONNX or protobuf.
 */

export type Dim = number | string;
export type Shape = readonly Dim[];
/** int8 and int4 carry quantized codes into DequantizeLinear; int4 packs two codes a byte. */
export type DType = 'float32' | 'int64' | 'bool' | 'int8' | 'int4';

/** A typed value in a graph: what flows along an edge. */
export interface Tensor {
	readonly name: string;
	readonly shape: Shape;
	readonly dtype: DType;
}

export function formatShape(shape: Shape): string {
	return `[${shape.join(', ')}]`;
}

export function sameDim(a: Dim, b: Dim): boolean {
	return a === b;
}

export function sameShape(a: Shape, b: Shape): boolean {
	return a.length === b.length && a.every((d, i) => sameDim(d, b[i]));
}

/** Number of elements, or null when a dim is symbolic. */
export function numElements(shape: Shape): number | null {
	let n = 1;
	for (const d of shape) {
		if (typeof d !== 'number') return null;
		n *= d;
	}
	return n;
}

/** Maps a possibly negative axis into [0, rank); throws when it is out of range. */
export function normalizeAxis(axis: number, rank: number, what: string): number {
	if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
		throw new Error(`${what}: axis ${axis} is out of range for rank ${rank}`);
	return axis < 0 ? axis + rank : axis;
}

function normalizeAxes(axes: readonly number[], rank: number, what: string): number[] {
	const out = axes.map((a) => normalizeAxis(a, rank, what));
	if (new Set(out).size !== out.length) throw new Error(`${what}: repeated axis in [${axes.join(', ')}]`);
	return out;
}

/** Numpy broadcasting of any number of shapes (right-aligned; a dim of 1 stretches). */
export function broadcastShapes(shapes: readonly Shape[], what: string): Shape {
	const rank = Math.max(0, ...shapes.map((s) => s.length));
	const out: Dim[] = [];
	for (let i = 0; i < rank; i++) {
		let dim: Dim = 1;
		for (const s of shapes) {
			const d = s[s.length - rank + i] ?? 1;
			if (d === 1 || sameDim(d, dim)) continue;
			if (dim === 1) dim = d;
			else
				throw new Error(
					`${what}: shapes ${shapes.map(formatShape).join(' and ')} do not broadcast (dim ${dim} vs ${d})`
				);
		}
		out.push(dim);
	}
	return out;
}

/** numpy.matmul: 1-D operands are promoted then squeezed; leading (batch) dims broadcast. */
export function matMulShape(a: Shape, b: Shape): Shape {
	if (a.length === 0 || b.length === 0) throw new Error('MatMul: scalars are not allowed');
	const a2 = a.length === 1 ? [1, a[0]] : a;
	const b2 = b.length === 1 ? [b[0], 1] : b;
	const inner = a2[a2.length - 1];
	const innerB = b2[b2.length - 2];
	if (!sameDim(inner, innerB))
		throw new Error(
			`MatMul: inner dims differ: ${formatShape(a)} x ${formatShape(b)} (${inner} vs ${innerB})`
		);
	const batch = broadcastShapes([a2.slice(0, -2), b2.slice(0, -2)], 'MatMul batch dims');
	const out: Dim[] = [...batch];
	if (a.length > 1) out.push(a2[a2.length - 2]);
	if (b.length > 1) out.push(b2[b2.length - 1]);
	return out;
}

/** Shape after reducing `axes` (all axes when omitted). */
export function reduceShape(shape: Shape, axes: readonly number[] | undefined, keepdims: boolean, what: string): Shape {
	const reduced = new Set(axes === undefined ? shape.map((_, i) => i) : normalizeAxes(axes, shape.length, what));
	if (keepdims) return shape.map((d, i) => (reduced.has(i) ? 1 : d));
	return shape.filter((_, i) => !reduced.has(i));
}

export function transposeShape(shape: Shape, perm: readonly number[]): Shape {
	const sorted = [...perm].sort((x, y) => x - y);
	if (perm.length !== shape.length || sorted.some((p, i) => p !== i))
		throw new Error(`Transpose: perm [${perm.join(', ')}] is not a permutation of rank ${shape.length}`);
	return perm.map((p) => shape[p]);
}

/** Unsqueeze: axes index the OUTPUT rank (ONNX semantics). */
export function unsqueezeShape(shape: Shape, axes: readonly number[]): Shape {
	const rank = shape.length + axes.length;
	const inserted = new Set(normalizeAxes(axes, rank, 'Unsqueeze'));
	const out: Dim[] = [];
	let j = 0;
	for (let i = 0; i < rank; i++) out.push(inserted.has(i) ? 1 : shape[j++]);
	return out;
}

export function concatShape(shapes: readonly Shape[], axis: number): Shape {
	if (shapes.length === 0) throw new Error('Concat: needs at least one input');
	const rank = shapes[0].length;
	const ax = normalizeAxis(axis, rank, 'Concat');
	let total: Dim = 0;
	for (const s of shapes) {
		if (s.length !== rank || s.some((d, i) => i !== ax && !sameDim(d, shapes[0][i])))
			throw new Error(`Concat: ${shapes.map(formatShape).join(', ')} differ outside axis ${axis}`);
		const d = s[ax];
		// Symbolic lengths add up as a readable expression ('n+1'); numbers add up.
		total = typeof total === 'number' && typeof d === 'number' ? total + d : `${total}+${d}`;
	}
	return shapes[0].map((d, i) => (i === ax ? total : d));
}

/** A symbolic dim as (factor, symbol): "8*heads" is (8, "heads"), "batch" is (1, "batch"). */
function scaledSymbol(d: string): [number, string] {
	const m = /^(\d+)\*(.+)$/.exec(d);
	return m ? [Number(m[1]), m[2]] : [1, d];
}

/**
 * ONNX Reshape: 0 copies the input dim at that position, -1 takes what is left. Symbolic input
 * dims are allowed when they are copied by 0 or are exactly what -1 has to absorb ("8*heads"
 * split into [-1, 8] gives "heads").
 */
export function reshapeShape(shape: Shape, target: readonly number[]): Shape {
	const what = `Reshape ${formatShape(shape)} -> [${target.join(', ')}]`;
	if (target.filter((t) => t === -1).length > 1) throw new Error(`${what}: more than one -1`);
	const out: Dim[] = target.map((t, i) => {
		if (t === 0) {
			if (i >= shape.length) throw new Error(`${what}: 0 at position ${i} has no input dim to copy`);
			return shape[i];
		}
		if (t < -1 || !Number.isInteger(t)) throw new Error(`${what}: bad target dim ${t}`);
		return t;
	});
	// What the input holds, less what the output already accounts for. A symbolic dim "k*name"
	// (as this function writes one) is k times the symbol: its factor counts like a number.
	let numeric = 1;
	const symbols: string[] = [];
	for (const d of shape) {
		if (typeof d === 'number') numeric *= d;
		else {
			const [factor, symbol] = scaledSymbol(d);
			numeric *= factor;
			symbols.push(symbol);
		}
	}
	let known = 1;
	for (const d of out) {
		if (d === -1) continue;
		if (typeof d === 'number') known *= d;
		else {
			const [factor, symbol] = scaledSymbol(d);
			const k = symbols.indexOf(symbol);
			if (k < 0) throw new Error(`${what}: symbolic dim ${d} does not come from the input`);
			symbols.splice(k, 1);
			known *= factor;
		}
	}
	const minus = out.indexOf(-1);
	if (minus < 0) {
		if (symbols.length > 0 || known !== numeric) throw new Error(`${what}: element counts differ`);
		return out;
	}
	if (symbols.length === 0) {
		if (known === 0 || numeric % known !== 0) throw new Error(`${what}: element count does not divide`);
		out[minus] = numeric / known;
	} else if (symbols.length === 1 && numeric % known === 0) {
		// One symbol left over: -1 is that symbol times what remains ('2*batch').
		out[minus] = numeric === known ? symbols[0] : `${numeric / known}*${symbols[0]}`;
	} else throw new Error(`${what}: cannot infer -1 with symbolic dims`);
	return out;
}

/** Gather along `axis`: data dims before the axis, then the indices' dims, then the rest. */
export function gatherShape(data: Shape, indices: Shape, axis: number): Shape {
	const ax = normalizeAxis(axis, data.length, 'Gather');
	return [...data.slice(0, ax), ...indices, ...data.slice(ax + 1)];
}

/** Length of one sliced axis under ONNX Slice's clamping rules (steps of either sign). */
function slicedLength(dim: number, start: number, end: number, step: number): number {
	const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
	const s = start < 0 ? start + dim : start;
	const e = end < 0 ? end + dim : end;
	const [first, last] = step > 0 ? [clamp(s, 0, dim), clamp(e, 0, dim)] : [clamp(s, 0, dim - 1), clamp(e, -1, dim - 1)];
	return Math.max(0, Math.ceil((last - first) / step));
}

/** ONNX Slice. A symbolic dim may only be kept whole (start 0, end past the end, step 1). */
export function sliceShape(
	shape: Shape,
	starts: readonly number[],
	ends: readonly number[],
	axes: readonly number[],
	steps: readonly number[]
): Shape {
	if (starts.length !== axes.length || ends.length !== axes.length || steps.length !== axes.length)
		throw new Error('Slice: starts, ends, axes and steps differ in length');
	const out: Dim[] = [...shape];
	normalizeAxes(axes, shape.length, 'Slice').forEach((ax, i) => {
		const d = shape[ax];
		if (steps[i] === 0) throw new Error('Slice: a step of 0');
		if (typeof d === 'number') out[ax] = slicedLength(d, starts[i], ends[i], steps[i]);
		else if (!(starts[i] === 0 && ends[i] >= 2 ** 31 - 1 && steps[i] === 1))
			throw new Error(`Slice: cannot slice symbolic dim ${d} by position`);
	});
	return out;
}

/** ONNX Pad: `pads` is [begin_0, …, begin_{r-1}, end_0, …, end_{r-1}]. */
export function padShape(shape: Shape, pads: readonly number[]): Shape {
	const rank = shape.length;
	if (pads.length !== 2 * rank) throw new Error(`Pad: ${pads.length} pads for rank ${rank}`);
	return shape.map((d, i) => {
		const extra = pads[i] + pads[i + rank];
		if (extra === 0) return d;
		if (typeof d !== 'number') throw new Error(`Pad: cannot pad symbolic dim ${d}`);
		if (d + extra < 0) throw new Error(`Pad: negative size on axis ${i}`);
		return d + extra;
	});
}
