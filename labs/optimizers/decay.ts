/**
 * Figure 6, as plain data (the figure draws before the training code loads): Adam with L2 in its
 * gradient against AdamW's decoupled decay, both on figure 3's spiral MLP, full batch, at the
 * `alr` and `wd` controls' η and λ; what a run reports; and how the decay is measured.
 */

/** Full batch, so an epoch is one step; validation loss and ‖W‖ every `every` epochs. */
export const DECAY = { epochs: 150, every: 5, valSeed: 7, ownRate: 0.01, stride: 4 } as const;

export type DecayKind = 'adam' | 'adamw';
export const DECAY_KINDS: readonly DecayKind[] = ['adam', 'adamw'];
export const DECAY_LABELS: Record<DecayKind, string> = { adam: 'Adam + L2', adamw: 'AdamW' };

export interface DecaySettings {
	/** η (the `alr` control; 0 means DECAY.ownRate). */
	lr: number;
	/** λ (the `wd` control). */
	wd: number;
}

export const decaySettings = (s: { alr: number; wd: number }): DecaySettings => ({ lr: s.alr > 0 ? s.alr : DECAY.ownRate, wd: s.wd });

export interface DecayPoint {
	epoch: number;
	/** Mean cross-entropy on the validation spirals. */
	val: number;
	/** ‖W‖: the Euclidean norm of every weight matrix together (what the decay acts on). */
	norm: number;
}

/**
 * One weight after the last epoch: √v̂ (Adam's second moment, bias-corrected) and its measured
 * decay this step divided by ηλθ (1 when the weight shrinks by exactly ηλθ).
 */
export interface DecayWeight {
	sqrtV: number;
	decay: number;
}

export interface DecayRunResult {
	kind: DecayKind;
	status: 'done' | 'diverged';
	points: DecayPoint[];
	weights: DecayWeight[];
}
