/** Number formatting for readouts, equations and tick labels. */
export { formatMagnitude, formatNumber, log10Ratio, plainTick, texNumber } from './number';
export { powerOfTenInWords, signedExponent, superscript } from './superscript';
