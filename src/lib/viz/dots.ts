import { pixel } from './scales';

/**
 * Many small discs of one colour as one SVG path: each disc is a zero-length segment that a
 * round line cap draws as a disc as wide as the stroke (SVG 2 draws caps on zero-length
 * subpaths). A disc costs about 14 characters of the page ("M12.34 5.67h0") where two arcs cost
 * about 55, and the figures that use it hold thousands of points in the prerendered HTML.
 * Draw the path with `fill="none"`, `stroke` the colour, `stroke-width` the diameter and
 * `stroke-linecap="round"`.
 */
export const discAt = (x: number, y: number): string => `M${pixel(x)} ${pixel(y)}h0`;
