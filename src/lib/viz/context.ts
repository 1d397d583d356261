/**
 * The Chart's context: size and scales, handed to every layer inside a Chart.
 * The object uses getters over the Chart's reactive state, so layers that read
 * `ctx.xScale` inside `$derived` update when the Chart resizes or its domains change.
 */
import { createContext } from 'svelte';
import type { AnyScale, ContinuousScale, ScaleType, ContinuousType } from './scales';
import { FIRST_PAINT_WIDTH } from './firstPaint';

export interface Margin {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export interface ChartContext {
	/** Outer size of the svg, px. */
	readonly width: number;
	readonly height: number;
	/** Size of the plotting area inside the margins, px. */
	readonly innerWidth: number;
	readonly innerHeight: number;
	readonly margin: Margin;
	readonly xType: ScaleType;
	readonly yType: ContinuousType;
	readonly xScale: AnyScale;
	readonly yScale: ContinuousScale;
	/** A prefix unique to this chart, for ids (clip paths, labels). */
	readonly uid: string;
	/** `url(#…)` of the plotting-area clip path, for a layer's clip-path attribute. */
	readonly clip: string;
}

// Typed context: the key is private to this module, so no other library's context can clash.
const [readChartContext, writeChartContext, hasChartContext] = createContext<ChartContext>();

export function setChartContext(ctx: ChartContext): ChartContext {
	return writeChartContext(ctx);
}

/** The enclosing Chart's size and scales; throws when a layer is used outside a Chart. */
export function getChartContext(): ChartContext {
	if (!hasChartContext()) throw new Error('This layer must be placed inside a <Chart>.');
	return readChartContext();
}

/**
 * The font size a page's charts use, for the layout before the browser can measure it (the
 * server's render, the first paint before hydration): margins follow the font size, and the
 * presentation view's type is much larger than an article's.
 */
const [readFirstPaintFont, writeFirstPaintFont, hasFirstPaintFont] = createContext<number>();

export const setChartFirstPaintFont = (px: number): number => writeFirstPaintFont(px);

/** The page's chart font size before measuring, px (an article's 13 px when it sets none). */
export const getChartFirstPaintFont = (): number => (hasFirstPaintFont() ? readFirstPaintFont() : 13);

/**
 * The width charts draw at before they can measure their box (firstPaint.ts): a layout that puts
 * charts side by side (ChartRow) sets their share; a chart's own `firstPaintWidth` wins.
 */
const [readFirstPaintWidth, writeFirstPaintWidth, hasFirstPaintWidth] = createContext<number>();

export const setChartFirstPaintWidth = (px: number): number => writeFirstPaintWidth(px);

/** The first-paint width of the charts here, px (a full column's when no layout sets one). */
export const getChartFirstPaintWidth = (): number => (hasFirstPaintWidth() ? readFirstPaintWidth() : FIRST_PAINT_WIDTH.full);
