/** Figure 6's readout: the median of the weights' measured decay ÷ ηλθ (NaN with none). */
import type { DecayWeight } from './decay';

export function medianDecay(weights: readonly DecayWeight[]): number {
	const d = weights.map((w) => w.decay).filter(Number.isFinite).sort((a, b) => a - b);
	if (!d.length) return NaN;
	const mid = d.length >> 1;
	return d.length % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
}
