/** The figure toolkit: a Chart frame plus small layers. See Chart.svelte for how they compose. */
export { default as Chart } from './Chart.svelte';
export { default as AxisX } from './AxisX.svelte';
export { default as AxisY } from './AxisY.svelte';
export { default as Line } from './Line.svelte';
export { default as Area } from './Area.svelte';
export { default as Points } from './Points.svelte';
export { default as Bars } from './Bars.svelte';
export { default as Ruler } from './Ruler.svelte';
export { default as Legend } from './Legend.svelte';
export { default as Tooltip } from './Tooltip.svelte';
export { default as Ridgeline } from './Ridgeline.svelte';
export { getChartContext, type ChartContext, type Margin } from './context';
export { histogram, type Bin } from './histogram';
export { finiteExtent, logDomain, paddedExtent } from './ranges';
export { OKABE_ITO, categorical, sequential, sequentialColors, themeColor } from './palette';
export { scaleTicks, pow10Label } from './ticks';
export type { XY, LegendItem, RidgeRow } from './types';
