/**
 * Figure 6's build-time recording (`npm run record -- optimizers/decay`): both runs at the
 * default η and λ, as the reader's Start makes them, numbers to 4 significant digits.
 */
import type { Ort } from '$lib/onnx/training/loop';
import { defaults } from '$lib/state/schema';
import { roundSig } from '$lib/recorded/pack';
import { DECAY_KINDS, decaySettings, type DecayRunResult } from './decay';
import { driveDecay } from './driveDecay';
import { schema } from './lab';

export interface RecordedDecay {
	lr: number;
	wd: number;
	runs: DecayRunResult[];
}

export async function recordDecay(ort: Ort): Promise<RecordedDecay> {
	const settings = decaySettings(defaults(schema));
	const runs: DecayRunResult[] = [];
	for (const kind of DECAY_KINDS) {
		const r = await driveDecay(ort, kind, settings);
		if (!r) throw new Error(`the ${kind} run stopped`);
		runs.push({
			...r,
			points: r.points.map((p) => ({ epoch: p.epoch, val: roundSig(p.val), norm: roundSig(p.norm) })),
			weights: r.weights.map((w) => ({ sqrtV: roundSig(w.sqrtV, 3), decay: roundSig(w.decay, 3) }))
		});
	}
	return { ...settings, runs };
}
