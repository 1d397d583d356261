import type { Lab } from '../../src/lib/labs/types';

/** Whether a lab's bench control is a log slider, whose thumb moves in log10 units (Slider.svelte). */
export function logControl(lab: Lab): boolean {
	const field = (lab.schema as Record<string, { log?: boolean } | undefined>)[lab.bench.key];
	return field?.log === true;
}
