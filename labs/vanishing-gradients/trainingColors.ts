/**
 * Figure 5's class colours: the two spirals' points (theme colours, so they keep their contrast in
 * every theme) and the tints of the boundary picture (plain RGB, drawn translucent over the page background, so
 * it suits every theme).
 * Blue and vermillion, as in TensorFlow Playground, and apart from the three runs' line colours.
 */
import { categorical } from '$lib/viz';

export const CLASS_COLORS = [categorical(4), categorical(3)] as const;

export const CLASS_TINTS: readonly (readonly [number, number, number])[] = [
	[213, 94, 0], // Okabe–Ito vermillion
	[0, 114, 178] // Okabe–Ito blue
];
