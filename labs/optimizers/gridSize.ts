import type { SurfaceId } from './surfaces';

/** Contour lattice size per side (the figure reads it without loading the model code). */
export const GRID = 72;

/**
 * The net surface is coarser: each of its points is a forward pass of the spiral MLP over 512
 * examples (about 1.2 ms on one WebAssembly thread, against microseconds for the formulas), so
 * 72² would take some 6 s; 32² takes about 1.2 s, and its basin is smooth at that spacing.
 */
export const NET_GRID = 32;

export const gridSize = (surface: SurfaceId): number => (surface === 'net' ? NET_GRID : GRID);
