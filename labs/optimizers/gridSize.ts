/** Contour lattice size per side (the figure reads it without loading the model code). */
export const GRID = 72;
