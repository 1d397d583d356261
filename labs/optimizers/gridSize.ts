import type { SurfaceId } from './surfaces';

/** Contour lattice size per side (the figure reads it without loading the model code). */
export const GRID = 72;

/**
 * The net surface is coarser: each of its points is a forward pass of the spiral MLP over 512
 * examples (0.35 ms measured on one WebAssembly thread of a loaded machine, against microseconds
 * for the formulas), so 72² would add some 1.8 s to a page whose default net state already takes
 * about 9 s there; 32² adds about 0.4 s, and the basin is smooth at that spacing.
 */
export const NET_GRID = 32;

export const gridSize = (surface: SurfaceId): number => (surface === 'net' ? NET_GRID : GRID);
