/**
 * The set S of one group written in TeX for the live equation, e.g. for BatchNorm on images
 * S_{c=3} = \{(n, s)\}, |S| = N·HW. Pure string building.
 */
import type { Layout, Method, Shape3 } from './axes';

export interface SetTex {
	/** The subscript naming the group, e.g. "c=3". */
	name: string;
	/** The set, e.g. "\{(n, s) : n \le 8,\ s \le 16\}". */
	members: string;
	/** |S| as a product, e.g. "8 \cdot 16". */
	size: string;
}

/** `cell` in stored order (0-based); `groups` is GroupNorm's G. */
export function setTex(layout: Layout, method: Method, shape: Shape3, cell: readonly [number, number, number], groups: number): SetTex {
	const [a0, a1, a2] = shape;
	const [i0, i1, i2] = cell.map((i) => i + 1);
	if (layout === 'image') {
		const [N, C, S] = [a0, a1, a2];
		const per = C / groups;
		const g = Math.floor((i1 - 1) / per) + 1;
		switch (method) {
			case 'batch':
				return { name: `c=${i1}`, members: String.raw`\{(n, s)\}`, size: `${N} \\cdot ${S}` };
			case 'layer':
			case 'rms':
				return { name: `n=${i0}`, members: String.raw`\{(c, s)\}`, size: `${C} \\cdot ${S}` };
			case 'instance':
				return { name: `n=${i0},\\,c=${i1}`, members: String.raw`\{s\}`, size: String(S) };
			case 'group':
				return {
					name: `n=${i0},\\,g=${g}`,
					members: String.raw`\{(c, s) : ${(g - 1) * per + 1} \le c \le ${g * per}\}`,
					size: `${per} \\cdot ${S}`
				};
		}
	}
	const [B, T, D] = [a0, a1, a2];
	const per = D / groups;
	const g = Math.floor((i2 - 1) / per) + 1;
	switch (method) {
		case 'batch':
			return { name: `d=${i2}`, members: String.raw`\{(b, t)\}`, size: `${B} \\cdot ${T}` };
		case 'layer':
		case 'rms':
			return { name: `b=${i0},\\,t=${i1}`, members: String.raw`\{d\}`, size: String(D) };
		case 'instance':
			return { name: `b=${i0},\\,d=${i2}`, members: String.raw`\{t\}`, size: String(T) };
		case 'group':
			return {
				name: `b=${i0},\\,g=${g}`,
				members: String.raw`\{(d, t) : ${(g - 1) * per + 1} \le d \le ${g * per}\}`,
				size: `${per} \\cdot ${T}`
			};
	}
}
