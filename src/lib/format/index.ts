/** Number formatting for readouts, equations and tick labels. */
export { formatMagnitude, formatNumber, log10Ratio, plainTick, texNumber } from './number';
export { powerOfTenSpoken, powerOfTenTyped, superscript } from './superscript';
