/**
 * The practice deck: every lab's checkpoint cards, read from the registry's declarations (plain
 * data), and the lazy load of one card's code when it is asked.
 */
import type { Lab } from '$lib/labs/types';
import type { Checkpoint, CheckpointCard } from './types';

/** One card of the deck: its lab and its declaration. Its id is `<slug>/<checkpoint id>`. */
export interface DeckEntry {
	id: string;
	lab: Lab;
	card: CheckpointCard;
}

export function buildDeck(labs: readonly Lab[]): DeckEntry[] {
	return labs.flatMap((lab) => lab.checkpoints.map((card) => ({ id: `${lab.slug}/${card.id}`, lab, card })));
}

/** Loads the code of one card (its lab's `checkpoints.ts`); throws when the module lacks it. */
export async function loadCheckpoint(entry: DeckEntry): Promise<Checkpoint> {
	if (!entry.lab.loadCheckpoints) throw new Error(`${entry.lab.slug} declares checkpoints but no loadCheckpoints`);
	const module = await entry.lab.loadCheckpoints();
	const found = module.default.find((c) => c.id === entry.card.id);
	if (!found) throw new Error(`${entry.id}: the lab's checkpoints module has no checkpoint with this id`);
	return found as Checkpoint;
}
