/**
 * Test helper for build-time recordings (scripts/record/registry.ts): makes one again, fresh, on
 * the WASM backend in Node, and compares it with the committed file, numbers to a relative 1e-6
 * and everything else (packed grids, ids, statuses) exactly.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { RECORDINGS, recordingPath, serializeRecording } from '../../scripts/record/registry';
import './ort';
import * as ort from 'onnxruntime-web';

/** The first place `fresh` and `committed` differ, as a path and both values (null: none). */
export function firstDifference(fresh: unknown, committed: unknown, tolerance = 1e-6, path = '$'): string | null {
	if (typeof fresh === 'number' && typeof committed === 'number') {
		const scale = Math.max(Math.abs(fresh), Math.abs(committed));
		return fresh === committed || Math.abs(fresh - committed) <= tolerance * scale ? null : `${path}: ${fresh} now, ${committed} committed`;
	}
	if (Array.isArray(fresh) && Array.isArray(committed)) {
		if (fresh.length !== committed.length) return `${path}: ${fresh.length} entries now, ${committed.length} committed`;
		for (let i = 0; i < fresh.length; i++) {
			const d = firstDifference(fresh[i], committed[i], tolerance, `${path}[${i}]`);
			if (d) return d;
		}
		return null;
	}
	if (fresh && committed && typeof fresh === 'object' && typeof committed === 'object' && !Array.isArray(fresh) && !Array.isArray(committed)) {
		const keys = new Set([...Object.keys(fresh), ...Object.keys(committed)]);
		for (const key of keys) {
			const d = firstDifference((fresh as Record<string, unknown>)[key], (committed as Record<string, unknown>)[key], tolerance, `${path}.${key}`);
			if (d) return d;
		}
		return null;
	}
	return fresh === committed ? null : `${path}: ${JSON.stringify(fresh)?.slice(0, 80)} now, ${JSON.stringify(committed)?.slice(0, 80)} committed`;
}

/** The committed file of recording `name`, parsed. */
export const committedRecording = <T>(name: string): T => JSON.parse(readFileSync(recordingPath(name), 'utf8'));

/**
 * Expects `fresh` (made again now) to hold the numbers of the committed file of `name`, or of the
 * part `part` takes of it (a test that remakes only a prefix of a long run compares that prefix).
 */
export function expectMatchesRecording<T>(name: string, fresh: T, part: (committed: T) => T = (committed) => committed): void {
	const difference = firstDifference(JSON.parse(serializeRecording(fresh)), part(committedRecording<T>(name)));
	expect(
		difference,
		`${RECORDINGS[name].file} no longer matches a fresh run of its model or training code (${difference}). If that change is intended, run \`npm run record -- ${name}\` and commit the file.`
	).toBeNull();
}

/** Records `name` again and expects the committed file to hold the same numbers. */
export async function expectRecordingUpToDate(name: string): Promise<void> {
	expectMatchesRecording(name, await RECORDINGS[name].record(ort));
}
