/** Data shapes the layers accept. */

/** A point in data coordinates. */
export interface XY {
	x: number;
	y: number;
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
