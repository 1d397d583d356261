/**
 * Figure 6's live run: Adam + L2, then AdamW, on the spiral MLP at the reader's η and λ, as one
 * `LiveRun` owned by the controller. The loop runs on the page (driveDecay.ts), on the page's
 * runtime in short tasks (runOnCopies.ts); pause, reset and a newer start reach it between steps.
 */
import { LiveRun } from '$lib/state/liveRun.svelte';
import { DECAY, DECAY_KINDS, DECAY_LABELS, type DecayPoint, type DecaySettings, type DecayWeight } from './decay';

export interface DecayTrack {
	points: DecayPoint[];
	weights: DecayWeight[];
}

export type DecayRun = LiveRun<DecaySettings, DecayTrack>;

export function createDecayRun(): DecayRun {
	return new LiveRun<DecaySettings, DecayTrack>({
		tracks: () => DECAY_KINDS.map((kind) => ({ id: kind, label: DECAY_LABELS[kind], maxSteps: DECAY.epochs, data: { points: [], weights: [] } })),
		job: async (settings, run) => {
			const [{ loadOrt }, { driveDecay }] = await Promise.all([import('$lib/onnx/runtime'), import('./driveDecay')]);
			const ort = await loadOrt('wasm');
			for (const [i, kind] of DECAY_KINDS.entries()) {
				if (!run.current) return;
				run.update(i, { status: 'loading', thread: 'page' });
				const points: DecayPoint[] = [];
				const result = await driveDecay(ort, kind, settings, {
					onPoint: (p) => {
						points.push(p);
						run.update(i, { status: 'running', step: p.epoch, data: { points: [...points], weights: [] } });
					},
					proceed: () => run.checkpoint()
				});
				if (!result) return;
				const diverged = result.status === 'diverged';
				run.update(i, {
					status: result.status,
					step: result.points.at(-1)?.epoch ?? 0,
					message: diverged ? `The validation loss or ‖W‖ became infinite or NaN by epoch ${result.points.at(-1)?.epoch}: this run diverged.` : null,
					data: { points: result.points, weights: result.weights }
				});
			}
		},
		summarize: (t) => ({ id: t.id, status: t.status, steps: t.step, lastVal: t.data.points.at(-1)?.val ?? null, lastNorm: t.data.points.at(-1)?.norm ?? null, weights: t.data.weights.length, message: t.message })
	});
}
