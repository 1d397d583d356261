/** Data shapes the layers accept. */

/** A value a mark can place: a number on a continuous axis, a category name on a band axis. */
export type Value = number | string;

/**
 * The one datum shape every mark understands when it is given objects and no accessors:
 * where it goes (`x`, `y`, and for areas a lower edge `y0`) and an optional own colour.
 */
export interface Datum {
	x: Value;
	y: number;
	y0?: number;
	color?: string;
}

/** A legend entry: what a colour (and dash or marker) means. */
export interface LegendItem {
	label: string;
	color: string;
	/** How the swatch is drawn: a line (optionally dashed), a filled box, or a dot. */
	kind?: 'line' | 'box' | 'point';
	dash?: string;
}

/** One ridgeline row: a label and its histogram bins (shared x domain across rows). */
export interface RidgeRow {
	label: string;
	bins: { x0: number; x1: number; count: number }[];
}
