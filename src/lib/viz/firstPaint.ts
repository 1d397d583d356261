/**
 * The widths charts are drawn at before they can measure their box: in the prerendered HTML (what
 * a reader sees until the page hydrates, all a reader without JavaScript sees, and what the
 * build's pictures show). The drawing then scales to its box, labels and all, so a chart drawn
 * at 640 px into a 390 px column has 8 px labels. Charts side by side pass their share of a
 * wide screen's 802 px article column; on a phone those grids mostly stack, to about 360 px.
 */
export const FIRST_PAINT_WIDTH = {
	/** A chart across the column: a compromise between a wide screen (802 px) and a phone (about 360). */
	full: 640,
	/** Two side by side. */
	half: 390,
	/** Three side by side. */
	third: 255,
	/** Four side by side (small multiples). */
	quarter: 190
} as const;
