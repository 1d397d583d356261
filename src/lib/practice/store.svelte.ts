/**
 * The reader's progress on this device: read from localStorage once, written back after every
 * answer and import. Import merges a file into it (progress.ts) or, for a bad file, changes
 * nothing and says why.
 */
import type { Grade } from 'ts-fsrs';
import { emptyProgress, mergeProgress, parseProgress, progressToJson, type Progress } from './progress';
import { reviewCard } from './scheduler';

export const STORAGE_KEY = 'vlab:practice-progress';

function storage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null; // storage disabled (privacy settings): progress lives for this visit only
	}
}

export class PracticeStore {
	progress = $state<Progress>(emptyProgress());
	/** A sentence about stored progress that could not be read (kept aside, not overwritten). */
	storageNote = $state<string | null>(null);
	/** False until `load` has read the browser's storage (the prerendered page knows no progress). */
	loaded = $state(false);

	/** Reads the stored progress; call once in the browser. */
	load(): void {
		try {
			this.#read();
		} finally {
			this.loaded = true;
		}
	}

	#read(): void {
		const store = storage();
		const text = store?.getItem(STORAGE_KEY);
		if (!text) return;
		const parsed = parseProgress(text);
		if (parsed.ok) {
			this.progress = parsed.progress;
			return;
		}
		// Keep the unreadable text under another key rather than lose it on the next save.
		store?.setItem(`${STORAGE_KEY}:unreadable`, text);
		this.storageNote = 'The progress saved in this browser could not be read, so practice starts afresh (the old data is kept aside).';
	}

	private save(): void {
		try {
			storage()?.setItem(STORAGE_KEY, progressToJson(this.progress, new Date()));
		} catch {
			this.storageNote = 'This browser would not save progress (storage full or disabled); export it to keep it.';
		}
	}

	/** Records one committed answer and reschedules the card. */
	record(id: string, right: boolean, grade: Grade, now = new Date()): void {
		const before = this.progress.cards[id];
		this.progress.cards[id] = {
			fsrs: reviewCard(before?.fsrs, grade, now),
			asked: (before?.asked ?? 0) + 1,
			right: (before?.right ?? 0) + (right ? 1 : 0),
			lastRight: right
		};
		this.save();
	}

	/** The progress as a file's text. */
	exportText(now = new Date()): string {
		return progressToJson(this.progress, now);
	}

	/** Merges a progress file in; returns null on success or the sentence saying why nothing changed. */
	importText(text: string): string | null {
		const parsed = parseProgress(text);
		if (!parsed.ok) return parsed.message;
		this.progress = mergeProgress(this.progress, parsed.progress);
		this.save();
		return null;
	}
}
