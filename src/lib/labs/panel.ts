/** The controls a lab's panel shows: every control except those a figure draws itself. */
import type { Lab } from './types';

export function panelKeys(lab: Pick<Lab, 'schema' | 'drawnIn'>): string[] {
	return Object.keys(lab.schema).filter((key) => !Object.hasOwn(lab.drawnIn, key));
}
